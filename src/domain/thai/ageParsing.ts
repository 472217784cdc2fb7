/**
 * Understanding an age or a birth year typed in a chat: "75", "อายุ๗๕", "75 ปี", "เจ็ดสิบห้า",
 * "2494" (พ.ศ.), "1951" (ค.ศ.), "เกิด พ.ศ. ๒๔๙๔", "6 เดือน" (a baby: age 0).
 *
 * A birth year gives the age reached in the current calendar year (the person may not have had their
 * birthday yet); this is how Thai welfare offices count age for the year, and `fromBirthYear` says so.
 */
import { toBangkok, type DateInput } from '../bangkokTime';
import { toArabicDigits } from './digits';
import { parseThaiNumberWords, THAI_NUMBER_WORDS_PATTERN } from './numberWords';

/** Oldest age accepted; anything above is a typo. */
export const MAX_AGE = 120;

/**
 * Result of {@link parseAgeOrBirthYear}.
 * - `none`: no number in the text;
 * - `implausible`: a number that is neither an age 0–120 nor a birth year within 120 years;
 * - `future`: a birth year after the current year.
 */
export type AgeParseResult =
  { ok: true; age: number; birthYearBE?: number; fromBirthYear: boolean } | { ok: false; reason: 'none' | 'implausible' | 'future' };

/**
 * Number words standing alone: not glued to other Thai letters, so "ห้าม" (ห้า+ม), "สามี" (สาม+ี) and
 * "แม่หกล้ม" (a fall, not six) are not read as numbers. Allowed neighbours: อายุ and words of a guess
 * ("น่าจะแปดสิบกว่า", "ประมาณเจ็ดสิบ", "เกือบเก้าสิบ") before; ปี, ขวบ, เดือน, กว่า, ปลาย and polite particles after.
 */
const NUMBER_WORDS_RE = new RegExp(
  `(?<=^|[^\u0E00-\u0E7F]|อายุ|ประมาณ|ราว|ราวๆ|น่าจะ|คงจะ|เกือบ|ปีนี้|ตอนนี้)(${THAI_NUMBER_WORDS_PATTERN})` +
    '(?=$|[^\u0E00-\u0E7F]|ปี|ขวบ|เดือน|กว่า|ปลาย|แล้ว|ค่ะ|คะ|ครับ|จ้า|จ้ะ|เจ้า|นะ)',
);

/** Parses an age or birth year relative to `now` (Asia/Bangkok). */
export function parseAgeOrBirthYear(text: string, now: DateInput): AgeParseResult {
  const norm = toArabicDigits(text);
  const year = toBangkok(now).year;

  const months = /(?<![\d.])(\d{1,2})\s*เดือน/.exec(norm);
  const digits = /(?<![\d.])(\d{1,4})(?![\d])/.exec(norm);
  let n: number | null = null;
  if (months && digits && months.index === digits.index) return { ok: true, age: Math.floor(Number(months[1]) / 12), fromBirthYear: false };
  if (digits) n = Number(digits[1]);
  else {
    const words = NUMBER_WORDS_RE.exec(norm);
    if (words) n = parseThaiNumberWords(words[0]);
  }
  if (n === null) return { ok: false, reason: 'none' };

  if (n >= 2400) return fromBirthYear(n - 543, year);
  if (n >= 1800) return fromBirthYear(n, year);
  if (n <= MAX_AGE) return { ok: true, age: n, fromBirthYear: false };
  return { ok: false, reason: 'implausible' };
}

function fromBirthYear(birthYearCE: number, currentYearCE: number): AgeParseResult {
  if (birthYearCE > currentYearCE) return { ok: false, reason: 'future' };
  const age = currentYearCE - birthYearCE;
  if (age > MAX_AGE) return { ok: false, reason: 'implausible' };
  return { ok: true, age, birthYearBE: birthYearCE + 543, fromBirthYear: true };
}
