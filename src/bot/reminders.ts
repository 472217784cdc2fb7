/**
 * The day-before reminder of a booking, sent exactly once even with several instances and restarts.
 *
 * Each tick finds bookings whose `remindAt` has come and claims each with a short lease in one conditional
 * update (only one scheduler wins a booking). The winner stores the push in the outbox under the source
 * `reminder:<reference>` — storing the same source twice stores nothing new — and then marks the booking
 * `reminderSentAt`. A scheduler that dies after claiming leaves the lease to expire; the next one stores the
 * same source again, which the outbox ignores, so the citizen still gets exactly one reminder.
 */
import type { Logger } from '../log';
import type { Outbox } from '../outbox/outbox';
import { Booking } from '../db/models/booking';
import { speak } from './speak';
import { reminderSays, type BookingView } from './bookings';

const LEASE_MS = 60_000;

export interface ReminderOptions {
  /** How often to look for due reminders. */
  intervalMs: number;
  /** The clock (tests set it). */
  now?: () => Date;
}

export class ReminderScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly log: Logger,
    private readonly opts: ReminderOptions,
  ) {}

  /** Sends every due reminder once; returns how many this scheduler sent. */
  async tick(now: Date = this.opts.now?.() ?? new Date()): Promise<number> {
    const due = await Booking.find({ status: 'booked', reminderSentAt: null, remindAt: { $ne: null, $lte: now }, start: { $gt: now } }, { _id: 1 })
      .sort({ remindAt: 1 })
      .limit(100)
      .lean();
    let sent = 0;
    for (const { _id } of due) {
      const b = await Booking.findOneAndUpdate(
        { _id, status: 'booked', reminderSentAt: null, $or: [{ reminderLeaseUntil: null }, { reminderLeaseUntil: { $lt: now } }] },
        { $set: { reminderLeaseUntil: new Date(now.getTime() + LEASE_MS) } },
        { returnDocument: 'after' },
      ).lean<BookingView>();
      if (!b) continue;
      const locale = b.locale === 'en' ? 'en' : 'th';
      await this.outbox.send({ to: b.lineUserId, source: `reminder:${b.reference}`, messages: speak(reminderSays(b), { locale }) });
      await Booking.updateOne({ _id }, { $set: { reminderSentAt: now }, $unset: { reminderLeaseUntil: 1 } });
      sent++;
      this.log.info({ reference: b.reference }, 'booking reminder queued');
    }
    return sent;
  }

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick().catch((err) => {
        this.log.error({ err }, 'reminder tick failed');
        return 0;
      });
      this.running.finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.opts.intervalMs);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
