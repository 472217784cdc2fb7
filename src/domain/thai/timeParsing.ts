/**
 * Understanding a time of day typed in a chat.
 *
 * Thai speech uses a six-hour clock; the rules encoded here:
 * - `10:30`, `10.30`, `๑๐.๓๐ น.`, `14 นาฬิกา`, `10 น.` → 24-hour clock as written.
 * - `บ่ายโมง` 13:00, `บ่ายสอง`/`บ่าย 2 โมง` 14:00 … `บ่าย 5` 17:00; `ครึ่ง` adds 30 minutes.
 * - `N โมงเช้า`: 6–11 as written (`8 โมงเช้า` 08:00); 1–5 in the old count (`สองโมงเช้า` 08:00).
 * - `N โมงเย็น`: 12 + N (`สี่โมงเย็น` 16:00).
 * - `N โมง` alone: 6–12 as written (`10 โมง`, `สิบโมง` 10:00); 1–5 are afternoon (`2 โมง` 14:00,
 *   as in บ่ายสองโมง); 13–23 as written.
 * - `เที่ยง` 12:00, `เที่ยงครึ่ง` 12:30, `เที่ยงคืน` 00:00, `N ทุ่ม` 18 + N, `ตี N` N.
 * - English `2 pm`, `9am`, `10:30 am`, `noon`.
 * - Otherwise a part of the day: `เช้า`/`ตอนเช้า`/`ช่วงเช้า`/`morning` → 'morning';
 *   `บ่าย`/`ช่วงบ่าย`/`ตอนบ่าย`/`afternoon` → 'afternoon'.
 * A specific time anywhere in the text wins over a part of the day.
 */
import { toArabicDigits } from './digits';
import { parseThaiNumberWords } from './numberWords';

/** A part of the office day, or a clock time. */
export type TimeOfDay = 'morning' | 'afternoon' | { hour: number; minute: number };

/** Result of {@link parseTimeOfDay}; `invalid` means a clock time was written but cannot exist (25:00). */
export type TimeParseResult = { ok: true; value: TimeOfDay; matched: string } | { ok: false; reason: 'none' | 'invalid' };

/** Hour as digits or as Thai words one to twelve (longer words first). */
const HOUR = '(\\d{1,2}|สิบเอ็ด|สิบสอง|สิบ|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า)';
const HALF = '(\\s*ครึ่ง)?';
const MINUTES = '(?:\\s*(\\d{1,2})\\s*นาที)?';

type Clock = { hour: number; minute: number } | null;
type Hit = { index: number; length: number; clock: Clock };
type Matcher = (text: string) => Hit | null;

function hourValue(written: string): number {
  return /^\d+$/.test(written) ? Number(written) : parseThaiNumberWords(written)!;
}

function minuteOf(half: string | undefined, minutes: string | undefined): number {
  if (minutes !== undefined) return Number(minutes);
  return half ? 30 : 0;
}

function hit(m: RegExpExecArray, hour: number | null, minute = 0): Hit {
  const clock = hour === null || hour < 0 || hour > 23 || minute < 0 || minute > 59 ? null : { hour, minute };
  return { index: m.index, length: m[0].length, clock };
}

const clockMatcher: Matcher = (text) => {
  const m = /(?<![\d./:])(\d{1,2})\s*[:.]\s*(\d{2})(?![\d./:])\s*(น\.|นาฬิกา|a\.?m\.?|p\.?m\.?)?/.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const suffix = (m[3] ?? '').replace(/\./g, '');
  if (suffix === 'am' || suffix === 'pm') {
    if (hour < 1 || hour > 12) return hit(m, null);
    hour = (hour % 12) + (suffix === 'pm' ? 12 : 0);
  }
  return hit(m, hour, Number(m[2]));
};

const amPmMatcher: Matcher = (text) => {
  const m = /(?<![\d.:])(\d{1,2})\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  if (hour < 1 || hour > 12) return hit(m, null);
  return hit(m, (hour % 12) + (m[2]!.startsWith('p') ? 12 : 0));
};

const afternoonHourMatcher: Matcher = (text) => {
  const m = new RegExp(`บ่าย\\s*(?:${HOUR}\\s*(โมง)?|(โมง))${HALF}${MINUTES}`).exec(text);
  if (!m) return null;
  const n = m[1] === undefined ? 1 : hourValue(m[1]); // บ่ายโมง = 13:00
  const hour = n >= 1 && n <= 6 ? 12 + n : n >= 12 && n <= 18 ? n : null;
  return hit(m, hour, minuteOf(m[4], m[5]));
};

const noonMatcher: Matcher = (text) => {
  const midnight = /เที่ยงคืน|\bmidnight\b/.exec(text);
  if (midnight) return hit(midnight, 0);
  const m = new RegExp(`เที่ยง(?:ตรง|วัน)?${HALF}|\\bnoon\\b`).exec(text);
  return m ? hit(m, 12, m[1] ? 30 : 0) : null;
};

const moangMatcher: Matcher = (text) => {
  const m = new RegExp(`(?<!\\d)${HOUR}\\s*โมง\\s*(เช้า|เย็น|ตรง)?${HALF}${MINUTES}`).exec(text);
  if (!m) return null;
  const n = hourValue(m[1]!);
  const part = m[2];
  let hour: number | null;
  if (part === 'เช้า') hour = n >= 1 && n <= 5 ? 6 + n : n >= 6 && n <= 11 ? n : null;
  else if (part === 'เย็น') hour = n >= 1 && n <= 6 ? 12 + n : null;
  else hour = n >= 1 && n <= 5 ? 12 + n : n >= 6 && n <= 23 ? n : null;
  return hit(m, hour, minuteOf(m[3], m[4]));
};

const nightMatcher: Matcher = (text) => {
  const thum = new RegExp(`(?<!\\d)${HOUR}\\s*ทุ่ม${HALF}`).exec(text);
  if (thum) {
    const n = hourValue(thum[1]!);
    return hit(thum, n >= 1 && n <= 5 ? 18 + n : null, thum[2] ? 30 : 0);
  }
  const tee = new RegExp(`ตี\\s*${HOUR}${HALF}`).exec(text);
  if (tee) {
    const n = hourValue(tee[1]!);
    return hit(tee, n >= 1 && n <= 5 ? n : null, tee[2] ? 30 : 0);
  }
  return null;
};

const twentyFourHourMatcher: Matcher = (text) => {
  const m = new RegExp(`(?<![\\d.:])(\\d{1,2})\\s*(?:นาฬิกา|น\\.)${MINUTES}`).exec(text);
  return m ? hit(m, Number(m[1]), m[2] === undefined ? 0 : Number(m[2])) : null;
};

const CLOCK_MATCHERS: readonly Matcher[] = [
  clockMatcher,
  amPmMatcher,
  afternoonHourMatcher,
  noonMatcher,
  moangMatcher,
  nightMatcher,
  twentyFourHourMatcher,
];

/** Parses a time of day; see the module comment for what is understood. */
export function parseTimeOfDay(text: string): TimeParseResult {
  const norm = toArabicDigits(text).replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (const matcher of CLOCK_MATCHERS) {
    const h = matcher(norm);
    if (h === null) continue;
    if (h.clock === null) return { ok: false, reason: 'invalid' };
    return { ok: true, value: h.clock, matched: text.slice(h.index, h.index + h.length).trim() };
  }
  const morning = /(?:ตอน|ช่วง)?เช้า|\bmorning\b|ก่อนเที่ยง/.exec(norm);
  const afternoon = /(?:ตอน|ช่วง)?บ่าย|\bafternoon\b|หลังเที่ยง/.exec(norm);
  const first = [morning, afternoon].filter((m): m is RegExpExecArray => m !== null).sort((a, b) => a.index - b.index)[0];
  if (first === undefined) return { ok: false, reason: 'none' };
  return {
    ok: true,
    value: first === morning ? 'morning' : 'afternoon',
    matched: text.slice(first.index, first.index + first[0].length),
  };
}

/** True when a clock time falls in the given part of the day (morning before 12:00). */
export function isInPartOfDay(time: { hour: number; minute: number }, part: 'morning' | 'afternoon'): boolean {
  return part === 'morning' ? time.hour < 12 : time.hour >= 12;
}
