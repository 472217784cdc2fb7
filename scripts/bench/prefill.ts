/**
 * The growth phase's store: what a centre's database holds after years of use, written straight through the
 * driver in large batches (the bot's own code is not involved): `requests` help requests, as many processed
 * inbox events and sent deliveries, `messages` conversation messages (half in, half out) spread over 20,000
 * citizens with their sessions. Every document carries `prefill: true`, so the benchmark's final check counts
 * only what the run itself stored.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import mongoose, { Types } from 'mongoose';

const CITIZENS = 20_000;
const BATCH = 5_000;

async function fill(collection: string, n: number, make: (i: number) => Record<string, unknown>): Promise<void> {
  const c = mongoose.connection.collection(collection);
  for (let i = 0; i < n; i += BATCH) {
    const docs = [];
    for (let j = i; j < Math.min(n, i + BATCH); j++) docs.push({ ...make(j), prefill: true });
    await c.insertMany(docs, { ordered: false });
  }
}

export async function prefill(args: { requests: number; messages: number }): Promise<{ seconds: number; docs: Record<string, number> }> {
  const t0 = performance.now();
  const user = (i: number) => `Uprefill${String(i % CITIZENS).padStart(27, '0')}`;
  const old = (i: number) => new Date(Date.now() - 86_400_000 - i * 1000);
  await fill('citizens', CITIZENS, (i) => ({
    lineUserId: user(i),
    displayName: `ประชาชน ${i}`,
    language: 'th',
    following: true,
    profileFetchedAt: old(i),
    lastMessageAt: old(i),
    createdAt: old(i),
    updatedAt: old(i),
  }));
  await fill('sessions', CITIZENS, (i) => ({
    lineUserId: user(i),
    flow: null,
    paused: null,
    awaitingResume: false,
    lastSubmission: null,
    dangerCheck: null,
    touchedAt: old(i),
  }));
  await fill('helprequests', args.requests, (i) => ({
    reference: `CS-2568-${String(i).padStart(6, '0')}`,
    submissionKey: randomUUID(),
    lineUserId: user(i),
    beneficiary: { who: 'self' },
    category: 'elderly',
    urgency: 'normal',
    urgent: false,
    details: 'ผู้สูงอายุอยู่คนเดียว ต้องการความช่วยเหลือค่ะ',
    consent: { given: true, sensitive: false },
    status: i % 5 === 0 ? 'received' : 'closed',
    statusHistory: [],
    photoMessageIds: [],
    source: 'line',
    createdAt: old(i),
    updatedAt: old(i),
  }));
  await fill('inboxevents', args.requests, (i) => ({
    webhookEventId: `prefill-${i}`,
    lane: user(i),
    type: 'message',
    timestamp: old(i),
    isRedelivery: false,
    event: { type: 'message', message: { type: 'text', id: String(i), text: 'สวัสดีค่ะ' }, source: { type: 'user', userId: user(i) } },
    status: 'done',
    attempts: 1,
    receivedAt: old(i),
    processedAt: new Date(Date.now() - 3_600_000), // inside the 30-day retention: stays
  }));
  const outIds: Types.ObjectId[] = [];
  await fill('outgoingmessages', args.requests, (i) => {
    const _id = new Types.ObjectId();
    outIds.push(_id);
    return {
      _id,
      to: user(i),
      source: `event:prefill-${i}`,
      seq: 0,
      messages: [{ type: 'text', text: 'เมนูหลักค่ะ' }],
      retryKey: randomUUID(),
      status: 'sent',
      via: 'reply',
      attempts: 1,
      nextAttemptAt: old(i),
      sentAt: old(i),
      sender: 'bot',
      createdAt: old(i),
      updatedAt: old(i),
    };
  });
  await fill('conversationmessages', args.messages, (i) =>
    i % 2 === 0
      ? {
          lineUserId: user(i >> 1),
          direction: 'in',
          type: 'text',
          text: 'สวัสดีค่ะ',
          at: old(i),
          webhookEventId: `prefill-m${i}`,
          lineMessageId: String(i),
          deliveryStatus: 'received',
        }
      : {
          lineUserId: user(i >> 1),
          direction: 'out',
          type: 'text',
          text: 'เมนูหลักค่ะ',
          payload: { type: 'text', text: 'เมนูหลักค่ะ' },
          at: old(i),
          outgoingId: outIds[(i >> 1) % outIds.length],
          outgoingIndex: 0,
          sender: 'bot',
          deliveryStatus: 'sent',
        },
  );
  return {
    seconds: (performance.now() - t0) / 1000,
    docs: {
      citizens: CITIZENS,
      sessions: CITIZENS,
      helprequests: args.requests,
      inboxevents: args.requests,
      outgoingmessages: args.requests,
      conversationmessages: args.messages,
    },
  };
}
