/**
 * Slot extraction that needs patterns rather than keyword tables: case references, ages, days of the
 * month and clock times. Everything here works on text already normalised by `normalise.ts` (Arabic
 * digits, lowercase); ages and days work on the compact text (words joined without spaces).
 */
import { ENGLISH_MONTHS, THAI_MONTHS, THAI_MONTHS_SHORT, THAI_MONTHS_SPOKEN, THAI_WEEKDAYS } from '../domain/thai/calendarNames';
import { MAX_AGE } from '../domain/thai/ageParsing';
import { parseThaiNumberWords, THAI_NUMBER_WORDS_PATTERN } from '../domain/thai/numberWords';
import { parseTimeOfDay } from '../domain/thai/timeParsing';
import { parseReference } from '../domain/reference';
import { parsePhone } from '../domain/thai/phone';
import { toArabicDigits } from '../domain/thai/digits';
import type { TimeOfDay } from './types';

const NUM_WORDS = `(${THAI_NUMBER_WORDS_PATTERN})`;

/**
 * Case references, parsed by the domain's tolerant {@link parseReference} ("CS-2569-00042",
 * "cs 2569 42", "CS256900042"). Two more shapes are rewritten first: the prefix typed with the Thai
 * keyboard layout still on ("แห" = c s) and a bare "2569-00042" (the centre's prefix CS is assumed).
 * The reference is cut out of the text so its digits are not read as an age or a day.
 */
const THAI_LAYOUT_CS = /(?<![ก-๙])แห(?=[\s\-_./]*2[5-9]\d{2})/g;
const BARE_REFERENCE = /(?<![a-z\d./-]\s?)(2[5-9]\d{2})[-/](\d{5})(?![\d/-])/g;
const REFERENCE_SPAN = /(?<![a-z])[a-z]{2,3}\s*[-\u2010-\u2015_/.]?\s*2[5-9]\d{2}\s*[-\u2010-\u2015_/.]?\s*\d{1,7}(?!\d)/;

export function extractReference(text: string): { reference?: string; rest: string } {
  const t = text.replace(THAI_LAYOUT_CS, 'cs').replace(BARE_REFERENCE, 'cs-$1-$2');
  const parsed = parseReference(t);
  if (!parsed.ok) return { rest: text };
  return { reference: parsed.text, rest: t.replace(REFERENCE_SPAN, ' ') };
}

function numberFrom(written: string): number | null {
  return /^\d+$/.test(written) ? Number(written) : parseThaiNumberWords(written);
}

const AGE_FILLER = '(?:ได้|ประมาณ|ราว|ราวๆ|ก็|จะ|ตอนนี้|เกือบ|กว่า)?';
const AGE_PATTERNS: readonly RegExp[] = [
  new RegExp(`อายุ${AGE_FILLER}(\\d{1,3}|${NUM_WORDS})(?!\\d)(เดือน)?`),
  new RegExp(`(?<!\\d)(\\d{1,3}|${NUM_WORDS})(?:ขวบ)`),
  /(?:age|aged)(\d{1,3})(?!\d)/,
  /(?<!\d)(\d{1,3})(?:yearsold|yearold|yrsold|yrs|yo|years)(?![a-z])/,
];

/** What may follow a number that is an age right after a person word ("ยาย 75", "แม่ 80 ปี"). */
const AFTER_PERSON_AGE = /^(?:is|was|อายุ)?(\d{1,3})(?!\d)(?!คน|บาท|โมง|วัน|เดือน|ครั้ง|หลัง|ที่|ชั่วโมง|นาที|:|ทุ่ม|ตัว|ราย|หมู่|อาทิตย์|สัปดาห์)/;

/**
 * Age from "อายุ75", "อายุเจ็ดสิบห้า", "5 ขวบ", "aged 75", "75 years old", or a number right after a
 * person word (`personEnds`: compact offsets where a relation/self/other word ends), e.g. "ยาย75ปี".
 */
export function extractAge(compact: string, personEnds: readonly number[]): number | undefined {
  for (const re of AGE_PATTERNS) {
    const m = re.exec(compact);
    if (!m) continue;
    const n = numberFrom(m[1]!);
    if (n === null) continue;
    const age = m[3] === 'เดือน' ? 0 : n; // อายุ 6 เดือน = a baby
    if (age <= MAX_AGE) return age;
  }
  for (const end of personEnds) {
    const m = AFTER_PERSON_AGE.exec(compact.slice(end));
    if (m && Number(m[1]) <= MAX_AGE) return Number(m[1]);
  }
  return undefined;
}

const stripDots = (s: string) => s.replace(/\./g, '');
const MONTH_NAMES = [
  ...THAI_MONTHS,
  ...THAI_MONTHS_SPOKEN,
  ...THAI_MONTHS_SHORT.map(stripDots),
  ...ENGLISH_MONTHS.map((m) => m.toLowerCase()),
  ...ENGLISH_MONTHS.map((m) => m.slice(0, 3).toLowerCase()),
].sort((a, b) => b.length - a.length);

const WEEKDAY_NAMES = [...THAI_WEEKDAYS, 'พฤหัส'].join('|');
const DAY_PATTERNS: readonly RegExp[] = [
  new RegExp(`วันที่(\\d{1,2}|${NUM_WORDS})(?!\\d)`),
  new RegExp(`(?:${WEEKDAY_NAMES})(?:นี้|หน้า)?ที่(\\d{1,2}|${NUM_WORDS})(?!\\d)`),
  new RegExp(`(?<!\\d)(\\d{1,2})(?:${MONTH_NAMES.join('|')})`),
  /(?<!\d)(\d{1,2})(?:st|nd|rd|th)(?![a-z])/,
  /(?:on|the)(\d{1,2})(?!\d)(?![a-z:])/,
  /นัด(?:วัน)?(\d{1,2})(?!\d)(?!โมง|ทุ่ม|นาฬิกา|:|ครึ่ง|คน|วัน|ปี|เดือน|ขวบ|บาท|น(?![ก-ฮ]))/,
];

/** Day of the month from "วันที่ ๘", "วันที่แปด", "จันทร์ที่ 12", "8 ม.ค.", "15 ธันวา", "the 8th", "นัด 8". */
export function extractDayOfMonth(compact: string): number | undefined {
  for (const re of DAY_PATTERNS) {
    const m = re.exec(compact);
    if (!m) continue;
    const n = numberFrom(m[1]!);
    if (n !== null && n >= 1 && n <= 31) return n;
  }
  return undefined;
}

/**
 * Morning or afternoon from a clock time ("บ่าย 2", "10 โมง", "9.30", "2pm" — via the domain time
 * parser) or a part of the day ("ช่วงบ่าย", "ตอนเช้า"). Clock times outside office-ish hours (06–18) are
 * ignored: "ตีสอง" is the middle of the night, not a booking.
 */
export function extractTimeOfDay(text: string): TimeOfDay | undefined {
  const parsed = parseTimeOfDay(text);
  if (!parsed.ok) return undefined;
  const v = parsed.value;
  if (typeof v === 'string') return v;
  if (v.hour < 6 || v.hour > 18) return undefined;
  return v.hour < 12 ? 'morning' : 'afternoon';
}

/** The clock time said ("บ่ายสองโมง" → "14:00"), in the same hours as {@link extractTimeOfDay}. */
export function extractClock(text: string): string | undefined {
  const parsed = parseTimeOfDay(text);
  if (!parsed.ok || typeof parsed.value === 'string') return undefined;
  const { hour, minute } = parsed.value;
  if (hour < 6 || hour > 18) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A Thai phone number inside a sentence ("เบอร์ลูกสาวนะคะ 089 765 4321"), normalised, if there is one. */
const PHONE_CANDIDATE = /(?<![\d+])(?:\+\s?66|0)(?:[\s\-.]?\d){8,9}(?![\d])/g;
export function extractPhone(text: string): string | undefined {
  for (const m of toArabicDigits(text).matchAll(PHONE_CANDIDATE)) {
    const parsed = parsePhone(m[0]);
    if (parsed.ok) return parsed.value;
  }
  return undefined;
}
