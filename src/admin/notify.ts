/**
 * Everything staff send to a citizen goes through here and then the outbox: stored first, idempotent on its
 * source, recorded in the conversation with the staff member as sender. Texts come from `locales/` in the
 * citizen's language.
 */
import type { Outbox } from '../outbox/outbox';
import type { LineMessage } from '../line/client';
import { Citizen } from '../db/models/citizen';
import { OutgoingMessage } from '../db/models/outgoingMessage';
import { localeFor, type Locale } from '../i18n';
import { conflict, notFound } from './httpError';

export type DeliveryState = 'sent' | 'pending' | 'failed';

export interface CitizenTarget {
  lineUserId: string;
  locale: Locale;
  displayName?: string;
}

/** The citizen to write to, or 404 / 409 (blocked the account: a push would fail). */
export async function citizenTarget(lineUserId: string): Promise<CitizenTarget> {
  const c = await Citizen.findOne({ lineUserId }).lean();
  if (!c) throw notFound('ไม่พบผู้ติดต่อรายนี้');
  if (c.following === false) throw conflict('citizen_unfollowed', 'ผู้ติดต่อบล็อกบัญชี LINE ของศูนย์ฯ แล้ว ส่งข้อความไม่ได้ กรุณาโทรติดต่อแทน');
  return { lineUserId, locale: localeFor(c.language), displayName: c.displayName ?? undefined };
}

/**
 * Sends messages to a citizen (push through the outbox) and tells how the first attempt went: `sent`,
 * `pending` (LINE busy: retried in the background) or `failed`.
 */
export async function sendToCitizen(outbox: Outbox, to: string, source: string, messages: LineMessage[], sender: string): Promise<DeliveryState> {
  await outbox.send({ to, source, messages, sender });
  // The outbox's background sweep may have taken the attempt (it holds a lease while sending): wait for it briefly.
  const until = Date.now() + IN_FLIGHT_WAIT_MS;
  for (;;) {
    const rows = await OutgoingMessage.find({ source }, { status: 1, leaseUntil: 1 }).lean();
    if (rows.some((r) => r.status === 'failed')) return 'failed';
    const pending = rows.filter((r) => r.status === 'pending');
    if (pending.length === 0) return 'sent';
    const inFlight = pending.some((r) => r.leaseUntil && r.leaseUntil.getTime() > Date.now());
    if (!inFlight || Date.now() > until) return 'pending';
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** How long to wait for an attempt another worker is making before answering `pending`. */
const IN_FLIGHT_WAIT_MS = 3_000;
