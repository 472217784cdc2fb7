/**
 * The day-before reminder of a booking, sent exactly once even with several instances and restarts.
 *
 * Each tick finds bookings whose `remindAt` has come and claims each with a short lease in one conditional
 * update (only one scheduler wins a booking), through the bot's booking store (stores/types.ts). The winner stores the push in the outbox under the source
 * `reminder:<reference>` — storing the same source twice stores nothing new — and then marks the booking
 * `reminderSentAt`. A scheduler that dies after claiming leaves the lease to expire; the next one stores the
 * same source again, which the outbox ignores, so the citizen still gets exactly one reminder.
 */
import type { Logger } from '../log';
import type { Outbox } from '../outbox/outbox';
import { speak } from './speak';
import { reminderSays } from './bookings';
import type { BookingRepository } from './stores/types';

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
    private readonly bookings: BookingRepository,
    private readonly log: Logger,
    private readonly opts: ReminderOptions,
  ) {}

  /** Sends every due reminder once; returns how many this scheduler sent. */
  async tick(now: Date = this.opts.now?.() ?? new Date()): Promise<number> {
    const due = await this.bookings.dueReminders(now, 100);
    let sent = 0;
    for (const { _id } of due) {
      const b = await this.bookings.claimReminder(_id, now, LEASE_MS);
      if (!b) continue;
      const locale = b.locale === 'en' ? 'en' : 'th';
      await this.outbox.send({ to: b.lineUserId, source: `reminder:${b.reference}`, messages: speak(reminderSays(b), { locale }) });
      await this.bookings.reminderSent(_id, now);
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
