/**
 * A citizen talking to a conversation that keeps everything in memory (src/bot/stores/memory.ts, the same
 * interfaces as MongoDB's): no database, no LINE; the answers rendered as the pipeline renders them.
 */
import type { webhook } from '@line/bot-sdk';
import { createConversation } from '../../src/bot/conversation';
import { memoryStores } from '../../src/bot/stores/memory';
import { speak } from '../../src/bot/speak';
import type { LineMessage } from '../../src/line/client';
import type { Locale } from '../../src/i18n';
import { createLogger } from '../../src/log';
import { followEvent, postbackEvent, textEvent } from './line';
import { messageText, type BotMessage } from './chat';

/** A citizen of `locale` (their LINE profile's language) talking at the fixed time `now`. */
export function memoryChat(userId: string, now: Date, locale: Locale = 'th') {
  const stores = memoryStores(() => now);
  const bot = createConversation({ idleMs: 30 * 60_000, handoffTimeoutMs: 24 * 3600_000, log: createLogger('silent'), stores, now: () => now });
  let last: LineMessage[] = [];
  const send = async (event: object) => {
    const reply = await bot({ event: event as webhook.Event, lane: userId, locale, receivedAt: now });
    if ('lineMessages' in reply) throw new Error('the conversation answers with what to say');
    last = speak(reply.says, { locale: reply.locale ?? locale, flow: reply.flow, step: reply.step });
    return last;
  };
  const actions = () => (last as BotMessage[]).flatMap((m) => [...(m.quickReply?.items.map((i) => i.action) ?? []), ...buttonsOf(m.contents)]);
  return {
    stores,
    follow: () => send(followEvent(userId)),
    say: (text: string) => send(textEvent(userId, text)),
    async tap(label: string) {
      const action = actions().find((a) => a.label === label);
      if (!action) throw new Error(`no "${label}" in ${JSON.stringify(actions().map((a) => a.label))}`);
      if (action.type === 'message') return send(textEvent(userId, action.text));
      if (action.type === 'postback') return send(postbackEvent(userId, action.data));
      throw new Error(`cannot tap a ${action.type}`);
    },
    async pickDate(date: string) {
      const picker = actions().find((a) => a.type === 'datetimepicker');
      if (!picker) throw new Error('no date picker');
      return send(postbackEvent(userId, picker.data, { date }));
    },
    text: () => (last as BotMessage[]).map(messageText).join('\n'),
    chips: () => actions().map((a) => a.label as string),
  };
}

function buttonsOf(node: unknown): { type: string; label: string; data?: string; text?: string }[] {
  if (!node || typeof node !== 'object') return [];
  const here = 'type' in node && node.type === 'button' && 'action' in node ? [node.action as { type: string; label: string }] : [];
  return [...here, ...Object.values(node).flatMap(buttonsOf)];
}
