/**
 * One way to turn any date input into a luxon `DateTime` in Asia/Bangkok, and back into plain data.
 *
 * The domain passes calendar dates around as ISO strings `YYYY-MM-DD` (serialisable, comparable as
 * strings) and instants as `DateTime`/`Date`. Thailand has no daylight saving; every calendar decision
 * ("is it a business day", "which slots are left today") is taken on the Bangkok wall clock.
 */
import { DateTime } from 'luxon';

/** The only time zone the domain uses. */
export const ZONE = 'Asia/Bangkok';

/** Anything a caller may hold: a luxon DateTime, a JS Date, or an ISO string (date or date-time). */
export type DateInput = DateTime | Date | string;

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

/**
 * Converts an input to a valid DateTime in Asia/Bangkok. A date-only string is taken as midnight
 * Bangkok time; a date-time string without offset is taken as Bangkok wall time; one with an offset or
 * `Z` keeps its instant. Throws RangeError on anything invalid.
 */
export function toBangkok(input: DateInput): DateTime {
  let dt: DateTime;
  if (DateTime.isDateTime(input)) dt = input.setZone(ZONE);
  else if (input instanceof Date) dt = DateTime.fromJSDate(input, { zone: ZONE });
  else dt = DateTime.fromISO(input, { zone: ZONE, setZone: false });
  if (!dt.isValid) throw new RangeError(`invalid date input: ${String(input)}`);
  return dt;
}

/** The Bangkok calendar date of an input as `YYYY-MM-DD`. */
export function toIsoDate(input: DateInput): IsoDate {
  return toBangkok(input).toISODate() as IsoDate;
}

/** Midnight at the start of the input's Bangkok calendar day. */
export function startOfBangkokDay(input: DateInput): DateTime {
  return toBangkok(input).startOf('day');
}

/** True when `text` is a real calendar date written as `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: ZONE }).isValid;
}

/** Buddhist Era year (พ.ศ.) of the input's Bangkok date: Gregorian + 543. */
export function buddhistYearOf(input: DateInput): number {
  return toBangkok(input).year + 543;
}

/**
 * Thai government fiscal year (ปีงบประมาณ) in the Buddhist Era: it starts on 1 October, so
 * 1 Oct 2026 – 30 Sep 2027 is fiscal year 2570.
 */
export function fiscalYearBE(input: DateInput): number {
  const dt = toBangkok(input);
  return dt.year + 543 + (dt.month >= 10 ? 1 : 0);
}
