import type { Config } from '../config';
import type { Logger } from '../log';
import type { LineClient } from '../line/client';
import type { Outbox } from '../outbox/outbox';
import type { AuthOptions } from './auth';
import type { CalendarProvider } from '../bot/calendar';

/** What the staff side's routes and services are given. */
export interface StaffDeps {
  config: Config;
  log: Logger;
  line: LineClient;
  outbox: Outbox;
  auth: AuthOptions;
  /** The calendar data in force (as staff edited it). */
  calendar: CalendarProvider;
}
