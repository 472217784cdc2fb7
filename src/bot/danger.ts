/**
 * The danger stage of a turn: a person at risk is met before anything else. A sure danger raises a console alert
 * (and a staff-group message when a group is known) and shows the kind's card; the flow under way is left exactly
 * as it was (the message is never an answer) and "ทำเรื่องเดิมต่อ" asks the same step again. An unsure one asks
 * "ตอนนี้คุณปลอดภัยไหมคะ" once; "ไม่ปลอดภัย" confirms it. A hotline question gets the number card, no alarm.
 * Whether staff will see the alert is checked, never assumed.
 */
import type { Say } from '../engine/types';
import type { Understanding } from '../nlu';
import { safetyAnswer } from '../nlu';
import { compactKeyword } from '../nlu/match';
import { officeStatus } from '../domain/calendar/officeHours';
import { formatThaiDateTime } from '../domain/thai/dates';
import type { Locale } from '../i18n';
import { dangerSays, hotlineSays, safetyQuestion, type StaffReach } from './dangerSays';

import type { AlertRepository, DangerCheck, StaffDirectory } from './stores/types';

export type { DangerCheck } from './stores/types';

export interface DangerTurn {
  userId: string;
  eventId: string;
  now: Date;
  locale: Locale;
  inFlow: boolean;
  /** The staff group fixed by configuration, if any. */
  staffGroupId?: string;
  check: DangerCheck | null;
  stores: { alerts: AlertRepository; staff: StaffDirectory };
}

/** Who will see a danger alert: an active console user or a known staff group; outside office hours, when. */
export async function staffReach(staff: StaffDirectory, now: Date, locale: Locale, configuredGroupId?: string): Promise<StaffReach> {
  if (!(await staff.anyoneWatching(configuredGroupId))) return { kind: 'none' };
  const office = officeStatus(now);
  if (office.open) return { kind: 'now' };
  return { kind: 'later', when: formatThaiDateTime(office.nextOpen, { locale }) };
}

/** Stores the console alert of a confirmed danger (once per message). */
export async function raiseDangerAlert(t: DangerTurn, d: DangerCheck, source: string): Promise<void> {
  await t.stores.alerts.raise({ kind: 'danger', lineUserId: t.userId, urgent: true, danger: d.kind, atRisk: d.atRisk, excerpt: d.excerpt, source });
}

/** The card of a confirmed danger, after the alert is stored. */
export async function meetDanger(t: DangerTurn, d: DangerCheck, source: string): Promise<Say[]> {
  await raiseDangerAlert(t, d, source);
  return dangerSays(d.kind, await staffReach(t.stores.staff, t.now, t.locale, t.staffGroupId), t.inFlow, d.atRisk);
}

/** The outcome of the danger stage: what to say (the turn ends) and the check to keep, or nothing to do. */
export interface DangerOutcome {
  says?: Say[];
  check: DangerCheck | null;
  /** The citizen said they are safe: go back to what they were doing (the step's question, or the menu). */
  thenResume?: boolean;
}

/**
 * Reads one message for danger. `option` is the value of a tapped chip (safe / unsafe), `text` what was typed.
 * Returns `says` when this stage answers the turn.
 */
export async function dangerStage(t: DangerTurn, input: { text?: string; option?: string; understood?: Understanding }): Promise<DangerOutcome> {
  const u = input.understood;
  const signal = u?.dangerSignal ?? null;
  const excerpt = (input.text ?? '').slice(0, 300);
  if (signal?.confidence === 'sure') {
    return { says: await meetDanger(t, { kind: signal.kind, atRisk: signal.atRisk, excerpt }, `danger:${t.eventId}`), check: null };
  }
  if (t.check) {
    const answer =
      input.option === 'safe' || input.option === 'unsafe'
        ? input.option
        : input.text !== undefined
          ? safetyAnswer(compactKeyword(input.text))
          : undefined;
    if (answer === 'unsafe') return { says: await meetDanger(t, t.check, `danger:${t.eventId}`), check: null };
    if (answer === 'safe')
      return {
        says: [{ kind: 'text', text: { key: t.check.kind === 'self_harm' ? 'danger.check.gladSelfHarm' : 'danger.check.glad' } }],
        check: null,
        thenResume: true,
      };
  }
  if (signal?.confidence === 'unsure') return { says: [safetyQuestion()], check: { kind: signal.kind, atRisk: signal.atRisk, excerpt } };
  if (u?.hotline) return { says: hotlineSays(u.hotline, t.inFlow), check: null };
  return { check: null };
}
