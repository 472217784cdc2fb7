/**
 * How many seats of each slot are taken, as one snapshot per conversation turn.
 *
 * The flow interpreter is pure and synchronous, yet the booking flow must offer only open days and free slots.
 * So each turn runs inside an AsyncLocalStorage scope holding the counts of upcoming bookings (one small
 * aggregate, reused for a couple of seconds); the booking flow reads them synchronously with {@link bookedCounts}.
 * The snapshot only decides what is *offered*: the seat itself is taken atomically in MongoDB at confirmation
 * (src/bot/bookings.ts), so a stale snapshot can never cause a double booking. Outside a turn (unit tests of
 * the flow) nothing is booked.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { BotHandler } from './pipeline';
import type { BookedCount } from '../domain/calendar/slots';
import { getCentre } from '../domain/data';
import { toBangkok, toIsoDate } from '../domain/bangkokTime';
import { Booking, bookingWrites } from '../db/models/booking';

type Counts = Map<string, number>;
const scope = new AsyncLocalStorage<Counts>();
const keyOf = (date: string, time: string) => `${date}|${time}`;

/** Seats taken per slot in the current turn's snapshot (0 outside a turn). */
export function bookedCounts(): BookedCount {
  const counts = scope.getStore();
  return (date, time) => counts?.get(keyOf(date, time)) ?? 0;
}

/** Counts of booked seats from today to the end of the booking horizon. */
async function load(now: Date, into: Counts = new Map()): Promise<Counts> {
  const from = toIsoDate(now);
  const to = toBangkok(now).plus({ days: getCentre().booking.maxDaysAhead }).toISODate()!;
  const rows = await Booking.aggregate<{ _id: { date: string; time: string }; n: number }>([
    { $match: { status: 'booked', date: { $gte: from, $lte: to } } },
    { $group: { _id: { date: '$date', time: '$time' }, n: { $sum: 1 } } },
  ]);
  into.clear();
  for (const r of rows) into.set(keyOf(r._id.date, r._id.time), r.n);
  return into;
}

/** Seats taken per slot, read now from MongoDB (for decisions after a seat was lost). */
export async function loadBookedCounts(now: Date): Promise<BookedCount> {
  const counts = await load(now);
  return (date, time) => counts.get(keyOf(date, time)) ?? 0;
}

/** Reloads the snapshot (after this turn booked, moved or lost a seat), for this turn and the next ones. */
export async function refreshBookedCounts(now: Date): Promise<void> {
  const counts = scope.getStore();
  if (counts) await load(now, counts);
  if (shared) shared.at = Date.now();
}

/**
 * How long a snapshot serves further turns. Seats booked, moved or freed in this process refresh it at once
 * ({@link refreshBookedCounts}); another instance's bookings show within this time — and only in what is
 * offered, never in what is stored.
 */
const SNAPSHOT_MS = 2_000;
let shared: { counts: Counts; at: number; day: string } | undefined;
bookingWrites.on('changed', () => (shared = undefined));

/** Wraps the bot's handler so every turn sees a recent snapshot of taken seats (one query per couple of seconds). */
export function withBookedCounts(handler: BotHandler, now: () => Date = () => new Date()): BotHandler {
  return async (input) => {
    const at = now();
    const day = toIsoDate(at);
    if (!shared || shared.day !== day || Date.now() - shared.at > SNAPSHOT_MS) shared = { counts: await load(at), at: Date.now(), day };
    return scope.run(shared.counts, () => handler(input));
  };
}
