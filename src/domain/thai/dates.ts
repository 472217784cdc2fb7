/**
 * Formatting dates and times for citizens: Thai with the Buddhist year, English with the Gregorian year.
 * Everything is shown on the Asia/Bangkok wall clock.
 *
 * | call                                             | th                                              | en                                  |
 * |--------------------------------------------------|-------------------------------------------------|-------------------------------------|
 * | formatThaiDate(d, { weekday: true })             | วันอังคารที่ 15 ธันวาคม 2569                       | Tuesday 15 December 2026            |
 * | formatThaiDate(d)                                | 15 ธันวาคม 2569                                  | 15 December 2026                    |
 * | formatThaiDate(d, { style: 'short' })            | 15 ธ.ค. 69                                      | 15 Dec 2026                         |
 * | formatThaiDate(d, { style: 'short', weekday })   | อ. 15 ธ.ค. 69                                   | Tue 15 Dec 2026                     |
 * | formatThaiTime(d)                                | 10:00 น.                                        | 10:00                               |
 * | formatThaiDateTime(d, { weekday: true })         | วันอังคารที่ 15 ธันวาคม 2569 เวลา 10:00 น.          | Tuesday 15 December 2026, 10:00     |
 *
 * The parsers of typed dates, times and ages live in dateParsing.ts, timeParsing.ts and ageParsing.ts.
 */
import { toBangkok, type DateInput } from '../bangkokTime';
import type { Locale } from '../locale';
import { ENGLISH_MONTHS, ENGLISH_WEEKDAYS, THAI_MONTHS, THAI_MONTHS_SHORT, THAI_WEEKDAYS, THAI_WEEKDAYS_SHORT } from './calendarNames';

/** Options of {@link formatThaiDate} and {@link formatThaiDateTime}. */
export interface DateFormatOptions {
  /** 'th' (default, Buddhist year) or 'en' (Gregorian year). */
  locale?: Locale;
  /** Prefix the weekday. Default false. */
  weekday?: boolean;
  /** 'long' (default): full month and year; 'short': abbreviated month, 2-digit BE year in Thai. */
  style?: 'long' | 'short';
}

/** Formats the Bangkok calendar date of `input`; see the module table. */
export function formatThaiDate(input: DateInput, options: DateFormatOptions = {}): string {
  const { locale = 'th', weekday = false, style = 'long' } = options;
  const dt = toBangkok(input);
  const wd = dt.weekday - 1;
  const m = dt.month - 1;
  if (locale === 'th') {
    const be = dt.year + 543;
    if (style === 'short') {
      const body = `${dt.day} ${THAI_MONTHS_SHORT[m]} ${String(be % 100).padStart(2, '0')}`;
      return weekday ? `${THAI_WEEKDAYS_SHORT[wd]} ${body}` : body;
    }
    const body = `${dt.day} ${THAI_MONTHS[m]} ${be}`;
    return weekday ? `วัน${THAI_WEEKDAYS[wd]}ที่ ${body}` : body;
  }
  const month = style === 'short' ? ENGLISH_MONTHS[m]!.slice(0, 3) : ENGLISH_MONTHS[m];
  const body = `${dt.day} ${month} ${dt.year}`;
  if (!weekday) return body;
  const day = style === 'short' ? ENGLISH_WEEKDAYS[wd]!.slice(0, 3) : ENGLISH_WEEKDAYS[wd];
  return `${day} ${body}`;
}

/** Formats the Bangkok wall-clock time: "10:00 น." (th) or "10:00" (en), 24-hour. */
export function formatThaiTime(input: DateInput, options: { locale?: Locale } = {}): string {
  const hhmm = toBangkok(input).toFormat('HH:mm');
  return (options.locale ?? 'th') === 'th' ? `${hhmm} น.` : hhmm;
}

/** Date and time together: "วันอังคารที่ 15 ธันวาคม 2569 เวลา 10:00 น." / "Tuesday 15 December 2026, 10:00". */
export function formatThaiDateTime(input: DateInput, options: DateFormatOptions = {}): string {
  const locale = options.locale ?? 'th';
  const date = formatThaiDate(input, options);
  const time = formatThaiTime(input, { locale });
  return locale === 'th' ? `${date} เวลา ${time}` : `${date}, ${time}`;
}

/** Formats an `HH:mm` slot label for display: "09:00" → "09:00 น." (th) / "09:00" (en). */
export function formatSlotTime(hhmm: string, locale: Locale = 'th'): string {
  if (!/^\d{2}:\d{2}$/.test(hhmm)) throw new RangeError('expected HH:mm');
  return locale === 'th' ? `${hhmm} น.` : hhmm;
}
