/**
 * ติดต่อเจ้าหน้าที่: a citizen asks for a person. While the handoff is open the bot stays quiet for them, so
 * staff can answer from the console or LINE OA Manager's chat without the bot talking over them.
 */
import { Handoff } from '../db/models/handoff';
import { raiseAlert } from '../db/models/staffAlert';
import { officeStatus } from '../domain/calendar/officeHours';
import { formatThaiDateTime } from '../domain/thai/dates';
import type { Locale } from '../i18n';
import type { Say } from '../engine/types';

/** The open handoff of a citizen, closing it first if it has run past the timeout. */
export async function openHandoff(lineUserId: string, now: Date, timeoutMs: number) {
  const h = await Handoff.findOne({ lineUserId, status: 'open' }).lean();
  if (!h) return null;
  if (now.getTime() - h.openedAt.getTime() > timeoutMs) {
    await closeHandoff(lineUserId, 'timeout', now);
    return null;
  }
  return h;
}

/** Opens a handoff (once) and alerts staff; says when to expect an answer. */
export async function startHandoff(lineUserId: string, now: Date, locale: Locale, source: string): Promise<Say[]> {
  const existing = await Handoff.findOne({ lineUserId, status: 'open' }).lean();
  if (existing) return [{ kind: 'text', text: { key: 'staff.alreadyOpen' } }];
  const h = await Handoff.create({ lineUserId, openedAt: now });
  await raiseAlert({ kind: 'handoff', lineUserId, source: `handoff:${h._id}:${source}` });
  const office = officeStatus(now);
  if (office.open) return [{ kind: 'text', text: { key: 'staff.opened' }, choices: [backToBotChoice()] }];
  return [
    {
      kind: 'text',
      text: { key: 'staff.openedAfterHours', params: { next: formatThaiDateTime(office.nextOpen, { locale }) } },
      choices: [backToBotChoice()],
    },
  ];
}

/** The chip the handoff notice promises: "กลับสู่บอท" (a word that ends the handoff, see duringHandoff). */
export function backToBotChoice() {
  return { kind: 'say' as const, label: { key: 'common.backToBot' as const } };
}

/** Ends a citizen's open handoff (by staff, by the citizen, or on timeout). */
export async function closeHandoff(lineUserId: string, by: 'staff' | 'citizen' | 'timeout', now: Date, staffId?: string): Promise<boolean> {
  const r = await Handoff.updateMany({ lineUserId, status: 'open' }, { $set: { status: 'closed', closedAt: now, closeReason: by, closedBy: staffId } });
  return r.modifiedCount > 0;
}
