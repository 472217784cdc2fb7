/**
 * Understanding a date typed in a chat, in Thai or English, relative to "now" in Asia/Bangkok.
 *
 * Recognised, highest priority first (the first kind found anywhere in the text wins):
 * 1. ISO `2026-12-15` (a year ≥ 2400 is read as Buddhist Era).
 * 2. Numeric day/month/year `15/12/2569`, `15/12/2026`, `15-12-69`, `15.12.2569`.
 * 3. Day + Thai month, optional year: `15 ธ.ค.`, `15 ธันวาคม`, `15 ธันวา`, `15 ธค 69`, `15 ธ.ค. พ.ศ. 2569`.
 * 4. Day + English month or month + day: `15 Dec`, `Dec 15`, `December 15, 2026`.
 * 5. Numeric day/month without year `15/12` (slash only; `10.30` is a time).
 * 6. Day of month alone: `วันที่ 8`, `นัดวันที่ ๘`, `the 8th` — the next 8th on or after today.
 * 7. Relative days: วันนี้/today, พรุ่งนี้/tomorrow, มะรืน(นี้)/day after tomorrow, เมื่อวาน/yesterday,
 *    เมื่อวานซืน, `อีก 3 วัน`/`in 3 days`.
 * 8. Weeks: `อาทิตย์หน้า`, `สัปดาห์หน้า`, `next week` → Monday of next week; `อาทิตย์นี้`, `สัปดาห์นี้`,
 *    `this week` → today; `อาทิตย์ที่แล้ว`, `สัปดาห์ก่อน`, `last week` → Monday of last week. These
 *    return `precision: 'week'`: the person named a week, not a day, and the flow should offer that
 *    week's days. ("วันอาทิตย์หน้า" with วัน is Sunday of next week — see 9.)
 * 9. Weekdays: `วันจันทร์`/`จันทร์`/`monday`/`mon` → the next Monday strictly after today (say วันนี้ for
 *    today); `วันจันทร์นี้`/`this monday` → on or after today; `วันจันทร์หน้า`/`จันทร์หน้า`/`next monday` →
 *    the Monday of next week, weeks running Monday–Sunday. On a Friday "จันทร์หน้า" is three days later;
 *    on a Sunday it is the next day — the week that starts tomorrow is "next week".
 *    "Next Monday" typed from Friday to Sunday when the coming Monday is also the Monday of next week is ambiguous: the result carries the date a week later as `alternative`, so the
 *    flow can confirm with the actual dates.
 *    `วันจันทร์ที่แล้ว`/`last monday` → the latest Monday strictly before today (for "what happened to the
 *    request I sent last Monday").
 *
 * Years: 4 digits ≥ 2400 are พ.ศ.; 1900–2399 are ค.ศ. Two digits ≥ 50 are short พ.ศ. (69 → 2569),
 * below 50 short ค.ศ. (26 → 2026). A day and month without a year mean the next such date on or after
 * today. A matched but impossible date (31/02, 30 ก.พ., วันที่ 32) gives `reason: 'invalid'`.
 */
import { DateTime } from 'luxon';
import { toBangkok, type DateInput, type IsoDate } from '../bangkokTime';
import { toArabicDigits } from './digits';
import { THAI_MONTHS, THAI_MONTHS_SHORT, THAI_MONTHS_SPOKEN } from './calendarNames';
import { escapeRegExp } from '../escapeRegExp';

/** Result of {@link parseThaiDate}. `matched` is the fragment of the original text that was understood. */
export type DateParseResult =
  { ok: true; date: IsoDate; matched: string; precision: 'day' | 'week'; alternative?: IsoDate } | { ok: false; reason: 'none' | 'invalid' };

type Found = { index: number; length: number; date: DateTime | null; precision?: 'day' | 'week'; alternative?: DateTime };
type Matcher = (text: string, today: DateTime) => Found | null;

const ZONE = 'Asia/Bangkok';

/** Parses a typed date; see the module comment for what is understood. */
export function parseThaiDate(text: string, now: DateInput): DateParseResult {
  const norm = normalise(text);
  const today = toBangkok(now).startOf('day');
  for (const matcher of MATCHERS) {
    const found = matcher(norm, today);
    if (found === null) continue;
    if (found.date === null || !found.date.isValid) return { ok: false, reason: 'invalid' };
    return {
      ok: true,
      date: found.date.toISODate() as IsoDate,
      matched: text.slice(found.index, found.index + found.length).trim(),
      precision: found.precision ?? 'day',
      ...(found.alternative ? { alternative: found.alternative.toISODate() as IsoDate } : {}),
    };
  }
  return { ok: false, reason: 'none' };
}

/** Thai digits → Arabic and ASCII lower case; keeps every index so `matched` can slice the original. */
function normalise(text: string): string {
  return toArabicDigits(text).replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** "ธ.ค." → ธ\.?\s?ค\.? so that ธค, ธ.ค, ธ. ค. all match. */
function abbreviationPattern(abbr: string): string {
  return (
    abbr
      .split('.')
      .filter((p) => p.length > 0)
      .map(escapeRegExp)
      .join('\\.?\\s?') + '\\.?'
  );
}

/** Alternation of every way to write each Thai month, with the month number for each alternative. */
const THAI_MONTH_FORMS: { pattern: string; month: number }[] = [
  ...THAI_MONTHS.map((name, i) => ({ pattern: escapeRegExp(name), month: i + 1 })),
  ...THAI_MONTHS_SPOKEN.map((name, i) => ({ pattern: escapeRegExp(name), month: i + 1 })),
  ...THAI_MONTHS_SHORT.map((abbr, i) => ({ pattern: abbreviationPattern(abbr), month: i + 1 })),
];

const ENGLISH_MONTH_PATTERN =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const ENGLISH_MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function thaiMonthNumber(written: string): number {
  for (const form of THAI_MONTH_FORMS) if (new RegExp(`^(?:${form.pattern})$`).test(written)) return form.month;
  throw new Error(`unknown month form ${written}`);
}

function englishMonthNumber(written: string): number {
  return ENGLISH_MONTH_KEYS.indexOf(written.slice(0, 3)) + 1;
}

/** Gregorian year from a typed year, or null when it cannot be one. See the module comment. */
function resolveYear(raw: string): number | null {
  const n = Number(raw);
  if (raw.length === 4) {
    if (n >= 2400 && n < 2800) return n - 543;
    if (n >= 1900 && n < 2400) return n;
    return null;
  }
  if (raw.length === 2) return n >= 50 ? 2500 + n - 543 : 2000 + n;
  return null;
}

function exact(year: number | null, month: number, day: number): DateTime | null {
  if (year === null) return null;
  const dt = DateTime.fromObject({ year, month, day }, { zone: ZONE });
  return dt.isValid ? dt : null;
}

/** The next date with this month and day on or after today; null if the pair never exists. */
function nextMonthDay(today: DateTime, month: number, day: number): DateTime | null {
  for (let y = today.year; y <= today.year + 8; y++) {
    const dt = exact(y, month, day);
    if (dt !== null && dt >= today) return dt;
  }
  return null;
}

/** The next date with this day of month on or after today; null if day is not 1–31. */
function nextDayOfMonth(today: DateTime, day: number): DateTime | null {
  if (day < 1 || day > 31) return null;
  for (let k = 0; k <= 12; k++) {
    const first = today.startOf('month').plus({ months: k });
    const dt = exact(first.year, first.month, day);
    if (dt !== null && dt >= today) return dt;
  }
  return null;
}

function found(m: RegExpExecArray, date: DateTime | null, precision: 'day' | 'week' = 'day'): Found {
  return { index: m.index, length: m[0].length, date, precision };
}

const isoMatcher: Matcher = (text) => {
  const m = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.exec(text);
  return m ? found(m, exact(resolveYear(m[1]!), Number(m[2]), Number(m[3]))) : null;
};

const numericWithYearMatcher: Matcher = (text) => {
  const m = /(?<![\d./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d./-])/.exec(text);
  return m ? found(m, exact(resolveYear(m[4]!), Number(m[3]), Number(m[1]))) : null;
};

const thaiMonthRe = new RegExp(
  `(?<!\\d)(\\d{1,2})\\s*(?:เดือน\\s*)?(${THAI_MONTH_FORMS.map((f) => f.pattern).join('|')})` +
    `(?:\\s*(?:(?:พ\\.?\\s?ศ\\.?|ค\\.?\\s?ศ\\.?)\\s*)?(\\d{4}|\\d{2})(?![\\d:.]))?`,
  'd',
);

const thaiMonthMatcher: Matcher = (text, today) => {
  const m = thaiMonthRe.exec(text);
  if (!m) return null;
  const month = thaiMonthNumber(m[2]!);
  const day = Number(m[1]);
  const rawYear = m[3];
  // A 2-digit number below 50 after a Thai month is more likely an hour ("15 ธ.ค. 10 โมง") than 20xx.
  if (rawYear === undefined || (rawYear.length === 2 && Number(rawYear) < 50)) {
    const monthEnd = m.indices![2]![1];
    return { index: m.index, length: monthEnd - m.index, date: nextMonthDay(today, month, day) };
  }
  return found(m, exact(resolveYear(rawYear), month, day));
};

const englishDayMonthRe = new RegExp(
  `(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:of\\s+)?\\b(${ENGLISH_MONTH_PATTERN})\\b\\.?(?:,?\\s*(\\d{4})(?!\\d))?`,
);
const englishMonthDayRe = new RegExp(`\\b(${ENGLISH_MONTH_PATTERN})\\b\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s*(\\d{4})(?!\\d))?`);

const englishMonthMatcher: Matcher = (text, today) => {
  const a = englishDayMonthRe.exec(text);
  const b = englishMonthDayRe.exec(text);
  const pick = a && (!b || a.index <= b.index) ? { m: a, day: a[1]!, month: a[2]! } : b ? { m: b, day: b[2]!, month: b[1]! } : null;
  if (!pick) return null;
  const month = englishMonthNumber(pick.month);
  const day = Number(pick.day);
  const rawYear = pick.m[3];
  if (rawYear === undefined) {
    const date = nextMonthDay(today, month, day);
    return found(pick.m, date);
  }
  return found(pick.m, exact(resolveYear(rawYear), month, day));
};

const numericNoYearMatcher: Matcher = (text, today) => {
  const m = /(?<![\d./-])(\d{1,2})\/(\d{1,2})(?![\d/])/.exec(text);
  return m ? found(m, nextMonthDay(today, Number(m[2]), Number(m[1]))) : null;
};

const dayOfMonthMatcher: Matcher = (text, today) => {
  const m = /(?:วันที่|วันที|นัดที่)\s*(\d{1,2})(?![\d:./])|\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b/.exec(text);
  return m ? found(m, nextDayOfMonth(today, Number(m[1] ?? m[2]))) : null;
};

const RELATIVE_DAYS: { re: RegExp; days: number }[] = [
  { re: /เมื่อวานซืน/, days: -2 },
  { re: /เมื่อวาน(?:นี้)?|\byesterday\b/, days: -1 },
  { re: /มะรืน(?:นี้)?|\bday after tomorrow\b/, days: 2 },
  { re: /พรุ่งนี้|พรุ้งนี้|พุ่งนี้|พรุ่งนี|\btomorrow\b|\btmr\b/, days: 1 },
  { re: /วันนี้|วันนี|\btoday\b/, days: 0 },
];

const relativeDayMatcher: Matcher = (text, today) => {
  const inN = /อีก\s*(\d{1,3})\s*วัน|\bin\s+(\d{1,3})\s+days?\b/.exec(text);
  if (inN) return found(inN, today.plus({ days: Number(inN[1] ?? inN[2]) }));
  for (const { re, days } of RELATIVE_DAYS) {
    const m = re.exec(text);
    if (m) return found(m, today.plus({ days }));
  }
  return null;
};

const weekMatcher: Matcher = (text, today) => {
  const next = /(?<!วัน\s?)(?:อาทิตย์|สัปดาห์|อาทิต)\s*หน้า|\bnext\s+week\b/.exec(text);
  if (next) return found(next, today.startOf('week').plus({ weeks: 1 }), 'week');
  const current = /(?<!วัน\s?)(?:อาทิตย์|สัปดาห์)\s*นี้|\bthis\s+week\b/.exec(text);
  if (current) return found(current, today, 'week');
  const last = /(?<!วัน\s?)(?:อาทิตย์|สัปดาห์|อาทิต)\s*(?:ที่แล้ว|ก่อน)|\blast\s+week\b/.exec(text);
  if (last) return found(last, today.startOf('week').minus({ weeks: 1 }), 'week');
  return null;
};

/** Weekday words, Monday first; longer spellings before their prefixes. */
const THAI_WEEKDAY_WORDS: readonly (readonly string[])[] = [
  ['จันทร์', 'จันท์'],
  ['อังคาร'],
  ['พุธ'],
  ['พฤหัสบดี', 'พฤหัสฯ', 'พฤหัส', 'พฤหัด'],
  ['ศุกร์', 'ศุก'],
  ['เสาร์', 'เสา'],
  ['อาทิตย์', 'อาทิต'],
];
const ENGLISH_WEEKDAY_WORDS: readonly (readonly string[])[] = [
  ['monday', 'mon'],
  ['tuesday', 'tues', 'tue'],
  ['wednesday', 'wed'],
  ['thursday', 'thurs', 'thu'],
  ['friday', 'fri'],
  ['saturday', 'sat'],
  ['sunday', 'sun'],
];

const thaiWeekdayRe = new RegExp(`(วัน\\s?)?(${THAI_WEEKDAY_WORDS.flat().map(escapeRegExp).join('|')})(\\s*(?:หน้า|นี้|ที่จะถึง(?:นี้)?|ที่แล้ว|ก่อน))?`);
const englishWeekdayRe = new RegExp(`\\b(?:(next|this|coming|last)\\s+)?(${ENGLISH_WEEKDAY_WORDS.flat().join('|')})\\b`);

/** Date of ISO weekday `wd` (1 = Monday) for the given rule. */
function weekdayDate(today: DateTime, wd: number, rule: 'strictly_after' | 'on_or_after' | 'next_week' | 'strictly_before'): DateTime {
  if (rule === 'next_week') return today.startOf('week').plus({ weeks: 1, days: wd - 1 });
  if (rule === 'strictly_before') return today.minus({ days: (today.weekday - wd + 7) % 7 || 7 });
  let diff = (wd - today.weekday + 7) % 7;
  if (diff === 0 && rule === 'strictly_after') diff = 7;
  return today.plus({ days: diff });
}

/**
 * "Next Monday" said at the end of a week (Friday to Sunday) when it is also the coming Monday: the Monday a
 * week later is the alternative (on a Sunday "วันจันทร์หน้า" may mean tomorrow or eight days on).
 */
function nextWeekday(f: Found, today: DateTime, wd: number, rule: string): Found {
  if (rule !== 'next_week' || !f.date || today.weekday < 5) return f;
  const coming = weekdayDate(today, wd, 'strictly_after');
  return coming.toISODate() === f.date.toISODate() ? { ...f, alternative: f.date.plus({ weeks: 1 }) } : f;
}

const weekdayMatcher: Matcher = (text, today) => {
  const th = thaiWeekdayRe.exec(text);
  if (th) {
    const word = th[2]!;
    // Bare "เสา"/"อาทิต" (no วัน) are too likely to be other words; require วัน for the clipped forms.
    const clipped = ['เสา', 'อาทิต', 'ศุก', 'จันท์'].includes(word);
    if (!clipped || th[1] !== undefined) {
      const wd = THAI_WEEKDAY_WORDS.findIndex((forms) => forms.includes(word)) + 1;
      const suffix = (th[3] ?? '').trim();
      const rule =
        suffix === 'หน้า'
          ? 'next_week'
          : suffix === 'นี้'
            ? 'on_or_after'
            : suffix === 'ที่แล้ว' || suffix === 'ก่อน'
              ? 'strictly_before'
              : 'strictly_after';
      return nextWeekday(found(th, weekdayDate(today, wd, rule)), today, wd, rule);
    }
  }
  const en = englishWeekdayRe.exec(text);
  if (en) {
    const wd = ENGLISH_WEEKDAY_WORDS.findIndex((forms) => forms.includes(en[2]!)) + 1;
    const rule = en[1] === 'next' ? 'next_week' : en[1] === 'this' ? 'on_or_after' : en[1] === 'last' ? 'strictly_before' : 'strictly_after';
    return nextWeekday(found(en, weekdayDate(today, wd, rule)), today, wd, rule);
  }
  return null;
};

const MATCHERS: readonly Matcher[] = [
  isoMatcher,
  numericWithYearMatcher,
  thaiMonthMatcher,
  englishMonthMatcher,
  numericNoYearMatcher,
  dayOfMonthMatcher,
  relativeDayMatcher,
  weekMatcher,
  weekdayMatcher,
];
