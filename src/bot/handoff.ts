/**
 * ติดต่อเจ้าหน้าที่: a citizen asks for a person. While the handoff is open the bot stays quiet for them, so
 * staff can answer from the console or LINE OA Manager's chat without the bot talking over them.
 */
import { officeStatus } from '../domain/calendar/officeHours';
import { formatThaiDateTime } from '../domain/thai/dates';
import { toBangkok } from '../domain/bangkokTime';
import type { Locale } from '../i18n';
import type { Choice, Say } from '../engine/types';
import type { AlertRepository, HandoffRepository } from './stores/types';

/**
 * The open handoff of a citizen (`h`, as read at the turn's start), closing it first if it has run past the
 * timeout.
 */
export async function openHandoff(
  handoffs: HandoffRepository,
  h: { openedAt: Date } | null,
  lineUserId: string,
  now: Date,
  timeoutMs: number,
): Promise<{ openedAt: Date } | null> {
  if (!h) return null;
  if (now.getTime() - h.openedAt.getTime() > timeoutMs) {
    await handoffs.close(lineUserId, 'timeout', now);
    return null;
  }
  return h;
}

/** Opens a handoff (once) and alerts staff; says when to expect an answer. */
export async function startHandoff(
  stores: { handoffs: HandoffRepository; alerts: AlertRepository },
  lineUserId: string,
  now: Date,
  locale: Locale,
  source: string,
): Promise<Say[]> {
  if (await stores.handoffs.findOpen(lineUserId)) return [{ kind: 'text', text: { key: 'staff.alreadyOpen' } }];
  const id = await stores.handoffs.open(lineUserId, now);
  await stores.alerts.raise({ kind: 'handoff', lineUserId, source: `handoff:${id}:${source}` });
  const office = officeStatus(now);
  if (office.open) return [{ kind: 'text', text: { key: 'staff.opened' }, choices: [backToBot] }];
  // Early on a working day the office opens today: "today after 08:30", not "the next working day".
  const opens = toBangkok(office.nextOpen);
  if (opens.hasSame(toBangkok(now), 'day'))
    return [{ kind: 'text', text: { key: 'staff.openedLaterToday', params: { time: opens.toFormat('HH:mm') } }, choices: [backToBot] }];
  return [
    {
      kind: 'text',
      text: { key: 'staff.openedAfterHours', params: { next: formatThaiDateTime(office.nextOpen, { locale }) } },
      choices: [backToBot],
    },
  ];
}

/** The chip the handoff notice promises: "กลับสู่บอท", a word that ends the handoff (also offered by staff replies). */
export const backToBot: Choice = { kind: 'say', label: { key: 'common.backToBot' } };
