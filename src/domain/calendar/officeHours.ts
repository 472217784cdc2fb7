/**
 * Whether staff are at the office at a given moment, and when they will be next.
 */
import type { DateTime } from 'luxon';
import { toBangkok, type DateInput } from '../bangkokTime';
import { getCentre, minutesOf } from '../data';
import { isBusinessDay, isClosedWeekday, isHoliday } from './businessDays';

/** Why the office is or is not open at a moment. */
export type OfficeState = 'open' | 'break' | 'before_hours' | 'after_hours' | 'closed_weekday' | 'holiday';

/** Result of {@link officeStatus}: the state, and when not open, the next opening (ISO with +07:00). */
export type OfficeStatus = { open: true; state: 'open' } | { open: false; state: Exclude<OfficeState, 'open'>; nextOpen: string };

function atMinutes(day: DateTime, minutes: number): DateTime {
  return day.startOf('day').plus({ minutes });
}

/** The office state at a moment (Bangkok wall clock). Breaks (lunch) count as closed. */
export function officeStatus(at: DateInput): OfficeStatus {
  const dt = toBangkok(at);
  const hours = getCentre().officeHours;
  const state = stateAt(dt);
  if (state === 'open') return { open: true, state };
  let nextOpen: DateTime;
  const brk = hours.breaks.find((b) => inRange(dt, b.start, b.end));
  if (state === 'break' && brk) nextOpen = atMinutes(dt, minutesOf(brk.end));
  else if (state === 'before_hours') nextOpen = atMinutes(dt, minutesOf(hours.open));
  else {
    let day = dt.startOf('day').plus({ days: 1 });
    for (let guard = 0; !isBusinessDay(day) && guard < 3660; guard++) day = day.plus({ days: 1 });
    nextOpen = atMinutes(day, minutesOf(hours.open));
  }
  return { open: false, state, nextOpen: nextOpen.toISO({ suppressMilliseconds: true })! };
}

/** True when staff are at the office: a business day, within open–close, not in a break. */
export function isWithinOfficeHours(at: DateInput): boolean {
  return stateAt(toBangkok(at)) === 'open';
}

function inRange(dt: DateTime, start: string, end: string): boolean {
  const m = dt.hour * 60 + dt.minute;
  return m >= minutesOf(start) && m < minutesOf(end);
}

function stateAt(dt: DateTime): OfficeState {
  if (isClosedWeekday(dt)) return 'closed_weekday';
  if (isHoliday(dt)) return 'holiday';
  const hours = getCentre().officeHours;
  const m = dt.hour * 60 + dt.minute;
  if (m < minutesOf(hours.open)) return 'before_hours';
  if (m >= minutesOf(hours.close)) return 'after_hours';
  if (hours.breaks.some((b) => inRange(dt, b.start, b.end))) return 'break';
  return 'open';
}
