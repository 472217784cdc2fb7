/**
 * Keeps the promise the citizen reads when a request is filed: "เจ้าหน้าที่จะติดต่อกลับ … ภายใน 1-2 วันทำการ".
 * A request still `received` (no staff member has moved it on) when the second business day after its filing
 * day opens gets one alert to the staff group, so there is still that day to call back.
 *
 * Exactly once, with several instances and restarts: the alert is stored under the source `waiting:<reference>`
 * (a repeat is ignored), and only then is the request marked `waitingAlertAt`, so a tick that dies in between
 * is finished by the next one.
 */
import type { DateTime } from 'luxon';
import type { Logger } from '../log';
import { HelpRequest } from '../db/models/helpRequest';
import { raiseAlert } from '../db/models/staffAlert';
import { isBusinessDay } from '../domain/calendar/businessDays';
import { toBangkok } from '../domain/bangkokTime';
import { getCentre } from '../domain/data';

/**
 * Requests filed before this time are due a reminder at `now`: the start of the business day before the latest
 * business day that has opened by `now`. Filed on Monday → reminded on Wednesday at opening time; filed on
 * Friday or at the weekend → on Tuesday.
 */
export function waitingCutoff(now: Date): Date {
  const [h, m] = getCentre().officeHours.open.split(':').map(Number);
  let day = toBangkok(now).startOf('day');
  const opened = (d: DateTime) => isBusinessDay(d) && d.set({ hour: h, minute: m }).toMillis() <= now.getTime();
  for (let guard = 0; !opened(day) && guard < 60; guard++) day = day.minus({ days: 1 });
  let before = day.minus({ days: 1 });
  for (let guard = 0; !isBusinessDay(before) && guard < 60; guard++) before = before.minus({ days: 1 });
  return before.startOf('day').toJSDate();
}

export interface WaitingRequestsOptions {
  log: Logger;
  /** How often to look (a few minutes: the reminder is about days). */
  checkEveryMs: number;
  now?: () => Date;
}

export class WaitingRequestsWatch {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(private readonly opts: WaitingRequestsOptions) {}

  /** Raises the alert of every request now due one; returns how many this tick raised. */
  async tick(now: Date = this.opts.now?.() ?? new Date()): Promise<number> {
    const due = await HelpRequest.find(
      { status: 'received', createdAt: { $lt: waitingCutoff(now) }, waitingAlertAt: null, anonymisedAt: null },
      { reference: 1, lineUserId: 1, urgent: 1 },
    )
      .sort({ createdAt: 1 })
      .limit(200)
      .lean();
    for (const r of due) {
      await raiseAlert({
        kind: 'request_waiting',
        lineUserId: r.lineUserId,
        urgent: r.urgent ?? false,
        reference: r.reference,
        source: `waiting:${r.reference}`,
      });
      await HelpRequest.updateOne({ _id: r._id, waitingAlertAt: null }, { $set: { waitingAlertAt: now } });
      this.opts.log.info({ reference: r.reference }, 'request still waiting for a call back: staff reminded');
    }
    return due.length;
  }

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick().catch((err) => {
        this.opts.log.error({ err }, 'waiting-requests check failed');
        return 0;
      });
      void this.running.finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.opts.checkEveryMs);
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
