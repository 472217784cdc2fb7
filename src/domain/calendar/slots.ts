/**
 * Appointment slots at the centre. Slot times and capacities come from centre.json; how many are already
 * booked comes from the caller (the database), through a counting function, so this stays pure.
 */
import { toBangkok, type DateInput, type IsoDate } from '../bangkokTime';
import { getCentre, minutesOf } from '../data';
import { isBusinessDay } from './businessDays';

/** Counts bookings already made for a date and slot time; defaults to none. */
export type BookedCount = (date: IsoDate, time: string) => number;

/** A slot on a given date. */
export interface Slot {
  /** Calendar date `YYYY-MM-DD`. */
  date: IsoDate;
  /** Start time `HH:mm` (the id of the slot within the day). */
  time: string;
  /** Start as ISO date-time with the +07:00 offset. */
  start: string;
  /** End as ISO date-time (start + slotMinutes). */
  end: string;
  /** Morning slots start before 12:00 (matches parseTimeOfDay's 'morning'/'afternoon'). */
  part: 'morning' | 'afternoon';
  capacity: number;
  /** capacity minus bookings, never below 0. */
  remaining: number;
}

const none: BookedCount = () => 0;

/**
 * The slots still bookable on `date` as seen at `now`:
 * - none on weekends, holidays, past dates, or dates more than `booking.maxDaysAhead` days ahead;
 * - on today, only slots starting at least `booking.minLeadMinutes` after `now`;
 * - slots with no remaining capacity are left out unless `includeFull` is set.
 */
export function slotsFor(date: DateInput, now: DateInput, options: { booked?: BookedCount; includeFull?: boolean } = {}): Slot[] {
  const { booking } = getCentre();
  const day = toBangkok(date).startOf('day');
  const nowDt = toBangkok(now);
  const today = nowDt.startOf('day');
  if (day < today || day > today.plus({ days: booking.maxDaysAhead }) || !isBusinessDay(day)) return [];
  const earliest = nowDt.plus({ minutes: booking.minLeadMinutes });
  const iso = day.toISODate() as IsoDate;
  const booked = options.booked ?? none;
  const slots: Slot[] = [];
  for (const def of booking.slots) {
    const start = day.plus({ minutes: minutesOf(def.time) });
    if (start < earliest) continue;
    const remaining = Math.max(0, def.capacity - booked(iso, def.time));
    if (remaining === 0 && !options.includeFull) continue;
    slots.push({
      date: iso,
      time: def.time,
      start: start.toISO({ suppressMilliseconds: true })!,
      end: start.plus({ minutes: booking.slotMinutes }).toISO({ suppressMilliseconds: true })!,
      part: start.hour < 12 ? 'morning' : 'afternoon',
      capacity: def.capacity,
      remaining,
    });
  }
  return slots;
}

/**
 * The next `count` dates from `now` (today included) that still have at least one bookable slot,
 * within the booking horizon.
 */
export function bookableDates(now: DateInput, count: number, options: { booked?: BookedCount } = {}): IsoDate[] {
  const { booking } = getCentre();
  const today = toBangkok(now).startOf('day');
  const out: IsoDate[] = [];
  for (let d = 0; d <= booking.maxDaysAhead && out.length < count; d++) {
    const day = today.plus({ days: d });
    if (slotsFor(day, now, options).length > 0) out.push(day.toISODate() as IsoDate);
  }
  return out;
}
