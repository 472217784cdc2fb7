/**
 * How many seats of each booking slot are taken: what the booking flow may offer.
 *
 * The flow interpreter is pure and synchronous, so the turn loads the counts first and passes them in the step
 * context. One snapshot serves turns for a couple of seconds; any write to bookings through the repository drops
 * it at once. The counts only decide what is *offered*: the seat itself is taken atomically at confirmation
 * (src/bot/bookings.ts), so stale counts can never cause a double booking.
 */
import type { BookedCount } from '../domain/calendar/slots';
import { getCentre } from '../domain/data';
import { toBangkok, toIsoDate } from '../domain/bangkokTime';
import type { BookingRepository } from './stores/types';

const keyOf = (date: string, time: string) => `${date}|${time}`;

/** How long one snapshot serves further turns; other instances' bookings show within this time. */
const SNAPSHOT_MS = 2_000;

/** Seats taken per slot from today to the end of the booking horizon, read now. */
export async function loadBookedCounts(bookings: BookingRepository, now: Date): Promise<BookedCount> {
  const from = toIsoDate(now);
  const to = toIsoDate(toBangkok(now).plus({ days: getCentre().booking.maxDaysAhead }).toJSDate());
  const counts = new Map<string, number>();
  for (const r of await bookings.countBooked(from, to)) counts.set(keyOf(r.date, r.time), r.n);
  return (date, time) => counts.get(keyOf(date, time)) ?? 0;
}

/** The counts for conversation turns: a recent snapshot, or a fresh read. */
export function bookedCountsCache(bookings: BookingRepository): (now: Date) => Promise<BookedCount> {
  let snapshot: { counts: BookedCount; at: number; day: string; writes: number } | undefined;
  return async (now) => {
    const day = toIsoDate(now);
    const writes = bookings.writes();
    if (!snapshot || snapshot.day !== day || snapshot.writes !== writes || Date.now() - snapshot.at > SNAPSHOT_MS) {
      snapshot = { counts: await loadBookedCounts(bookings, now), at: Date.now(), day, writes };
    }
    return snapshot.counts;
  };
}
