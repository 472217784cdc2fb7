/**
 * Thai national ID numbers (เลขประจำตัวประชาชน 13 หลัก).
 *
 * Check digit (DESIGN §6): d13 = (11 − (Σ dᵢ·(14−i), i = 1..12) mod 11) mod 10.
 */
import { toArabicDigits } from './digits';

/** Why a typed national ID was rejected. */
export type NationalIdRejection = 'format' | 'length' | 'checksum';

/** Result of {@link parseNationalId}: the 13 digits, or the reason for rejection. */
export type NationalIdResult = { ok: true; value: string } | { ok: false; reason: NationalIdRejection };

/** Separators people put inside an ID: spaces, hyphen-minus and the other Unicode dashes, dots. */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212.]/g;

/** Computes the check digit for the first 12 digits of an ID. */
export function nationalIdCheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError('nationalIdCheckDigit needs exactly 12 digits');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

/** True when `digits` is 13 Arabic digits with a correct check digit. */
export function isValidNationalId(digits: string): boolean {
  return /^\d{13}$/.test(digits) && nationalIdCheckDigit(digits.slice(0, 12)) === Number(digits[12]);
}

/**
 * Parses an ID as typed: Thai or Arabic digits, with spaces, dashes or dots anywhere
 * ("1-2345-67890-12-1", "๑ ๒๓๔๕ ๖๗๘๙๐ ๑๒ ๑").
 * - `format`: any other character (letters, words) is present, or there are no digits at all;
 * - `length`: not 13 digits;
 * - `checksum`: 13 digits whose last digit is wrong (usually a typo).
 */
export function parseNationalId(text: string): NationalIdResult {
  const compact = toArabicDigits(text).trim().replace(SEPARATORS, '');
  if (compact.length === 0 || !/^\d+$/.test(compact)) return { ok: false, reason: 'format' };
  if (compact.length !== 13) return { ok: false, reason: 'length' };
  if (!isValidNationalId(compact)) return { ok: false, reason: 'checksum' };
  return { ok: true, value: compact };
}

/** Formats 13 digits in the printed card grouping 1-2345-67890-12-3. */
export function formatNationalId(digits: string): string {
  assert13(digits);
  return `${digits[0]}-${digits.slice(1, 5)}-${digits.slice(5, 10)}-${digits.slice(10, 12)}-${digits[12]}`;
}

/**
 * Masks an ID for display to staff lists and confirmations: keeps the first digit and the last three
 * (in card grouping), e.g. "1234567890121" → "1-xxxx-xxxxx-12-1". The first digit is only the person
 * type; the last three alone cannot identify anyone, but let a citizen recognise their own number.
 */
export function maskNationalId(digits: string): string {
  assert13(digits);
  return `${digits[0]}-xxxx-xxxxx-${digits.slice(10, 12)}-${digits[12]}`;
}

function assert13(digits: string): void {
  if (!/^\d{13}$/.test(digits)) throw new RangeError('expected 13 Arabic digits (use parseNationalId first)');
}

/**
 * Finds an ID inside a longer message ("เลขบัตร ๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑ ค่ะ"): the first run of 13 digits,
 * possibly separated by single spaces or dashes, checked like {@link parseNationalId}. Returns
 * `format` when no such run exists.
 */
export function findNationalId(text: string): NationalIdResult {
  const m = /(?<!\d)\d(?:[\s\-\u2010-\u2015]?\d){12}(?!\d)/.exec(toArabicDigits(text));
  return m === null ? { ok: false, reason: 'format' } : parseNationalId(m[0]);
}
