/**
 * Business days of the centre: office weekdays (centre.json) that are not government holidays
 * (holidays.json). All dates are Bangkok calendar dates.
 */
import { toBangkok, toIsoDate, type DateInput, type IsoDate } from '../bangkokTime';
import { getCentre, getHolidayIndex, getHolidays, type Holiday } from '../data';
import type { Locale } from '../locale';

/** The holiday on this date, if any. */
export function holidayOn(date: DateInput): Holiday | undefined {
  return getHolidayIndex().get(toIsoDate(date));
}

/** True when the date is a listed government holiday. */
export function isHoliday(date: DateInput): boolean {
  return holidayOn(date) !== undefined;
}

/** Name of the holiday on this date in the given language, or null when it is not a holiday. */
export function holidayName(date: DateInput, locale: Locale = 'th'): string | null {
  const h = holidayOn(date);
  return h === undefined ? null : h[locale];
}

/** True when the office does not open on this weekday at all (Saturday and Sunday with the default data). */
export function isClosedWeekday(date: DateInput): boolean {
  return !getCentre().officeHours.weekdays.includes(toBangkok(date).weekday);
}

/** True when the office is open on this date: an office weekday that is not a holiday. */
export function isBusinessDay(date: DateInput): boolean {
  return !isClosedWeekday(date) && !isHoliday(date);
}

/**
 * True when holidays.json has a list for the date's Buddhist year. Beyond it, {@link isBusinessDay}
 * only knows weekends; callers offering far-future dates can warn staff to update the data.
 */
export function hasHolidayData(date: DateInput): boolean {
  const be = toBangkok(date).year + 543;
  return getHolidays().years.some((y) => y.yearBE === be);
}

/** True when the date's year is listed only provisionally in holidays.json. */
export function isHolidayDataProvisional(date: DateInput): boolean {
  const be = toBangkok(date).year + 543;
  return getHolidays().years.some((y) => y.yearBE === be && y.provisional);
}

/**
 * The next `n` business days as `YYYY-MM-DD`, starting from `from` itself when it is a business day
 * (pass `{ includeStart: false }` to start the day after).
 */
export function nextBusinessDays(from: DateInput, n: number, options: { includeStart?: boolean } = {}): IsoDate[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  const out: IsoDate[] = [];
  let day = toBangkok(from).startOf('day');
  if (options.includeStart === false) day = day.plus({ days: 1 });
  for (let guard = 0; out.length < n && guard < 3660; guard++, day = day.plus({ days: 1 })) {
    if (isBusinessDay(day)) out.push(day.toISODate() as IsoDate);
  }
  return out;
}
