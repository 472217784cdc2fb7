/**
 * How many seats of each booking slot are taken: what the booking flow may offer.
 *
 * The flow interpreter is pure and synchronous, so the conversation loads the counts before each turn and passes
 * them in the step context (`ctx.booked`). One small aggregate serves turns for a couple of seconds; any write to
 * bookings in this process drops it at once. The counts only decide what is *offered*: the seat itself is taken
 * atomically in MongoDB at confirmation (src/bot/bookings.ts), so stale counts can never cause a double booking.
 */
import type { BookedCount } from '../domain/calendar/slots';
import { getCentre } from '../domain/data';
import { toBangkok, toIsoDate } from '../domain/bangkokTime';
import { Booking, bookingWrites } from '../db/models/booking';

const keyOf = (date: string, time: string) => `${date}|${time}`;

/** How long one snapshot serves further turns; other instances' bookings show within this time. */
const SNAPSHOT_MS = 2_000;
let snapshot: { counts: BookedCount; at: number; day: string } | undefined;
bookingWrites.on('changed', () => (snapshot = undefined));

/** Seats taken per slot from today to the end of the booking horizon, read now from MongoDB. */
export async function loadBookedCounts(now: Date): Promise<BookedCount> {
  const from = toIsoDate(now);
  const to = toBangkok(now).plus({ days: getCentre().booking.maxDaysAhead }).toISODate()!;
  const rows = await Booking.aggregate<{ _id: { date: string; time: string }; n: number }>([
    { $match: { status: 'booked', date: { $gte: from, $lte: to } } },
    { $group: { _id: { date: '$date', time: '$time' }, n: { $sum: 1 } } },
  ]);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(keyOf(r._id.date, r._id.time), r.n);
  return (date, time) => counts.get(keyOf(date, time)) ?? 0;
}

/** The counts for a conversation turn: a recent snapshot, or a fresh read. */
export async function bookedCountsForTurn(now: Date): Promise<BookedCount> {
  const day = toIsoDate(now);
  if (!snapshot || snapshot.day !== day || Date.now() - snapshot.at > SNAPSHOT_MS) {
    snapshot = { counts: await loadBookedCounts(now), at: Date.now(), day };
  }
  return snapshot.counts;
}
