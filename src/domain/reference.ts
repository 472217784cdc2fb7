/**
 * Reference numbers given to citizens for requests and bookings: `CS-2569-00042` —
 * a 2–3 letter prefix, the Buddhist year, a sequence number padded to 5 digits (more digits if needed).
 * Citizens read them back over chat in any shape: "cs 2569 42", "CS256900042", "ซีเอส"-free Thai digits
 * "CS-๒๕๖๙-๐๐๐๔๒"; {@link parseReference} accepts all of these.
 */
import { toArabicDigits } from './thai/digits';
export { buddhistYearOf } from './bangkokTime';

/** A parsed reference number. */
export interface Reference {
  prefix: string;
  yearBE: number;
  seq: number;
}

/** Minimum width of the sequence part. */
export const REFERENCE_SEQ_DIGITS = 5;

/** Result of {@link parseReference}: the parts and the canonical text, or `none` when nothing looks like one. */
export type ReferenceParseResult = { ok: true; value: Reference; text: string } | { ok: false; reason: 'none' };

/** Builds the canonical text: formatReference('CS', 2569, 42) → "CS-2569-00042". */
export function formatReference(prefix: string, buddhistYear: number, seq: number): string {
  if (!/^[A-Z]{2,3}$/.test(prefix)) throw new RangeError('prefix must be 2–3 capital letters');
  if (!Number.isInteger(buddhistYear) || buddhistYear < 2500 || buddhistYear > 2999) {
    throw new RangeError('year must be a Buddhist Era year (25xx–29xx)');
  }
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError('seq must be a positive integer');
  return `${prefix}-${buddhistYear}-${String(seq).padStart(REFERENCE_SEQ_DIGITS, '0')}`;
}

const REFERENCE_RE = /(?<![A-Z])([A-Z]{2,3})\s*[-\u2010-\u2015_/.]?\s*(2[5-9]\d{2})\s*[-\u2010-\u2015_/.]?\s*(\d{1,7})(?!\d)/;

/**
 * Finds a reference number in typed text, tolerant of Thai digits, lower case, spaces and missing or
 * different dashes. With `prefixes`, only those prefixes are accepted.
 */
export function parseReference(text: string, options: { prefixes?: readonly string[] } = {}): ReferenceParseResult {
  const norm = toArabicDigits(text).toUpperCase();
  const re = new RegExp(REFERENCE_RE.source, 'g');
  for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
    const prefix = m[1]!;
    if (options.prefixes && !options.prefixes.includes(prefix)) continue;
    const seq = Number(m[3]);
    if (seq < 1) continue;
    const value = { prefix, yearBE: Number(m[2]), seq };
    return { ok: true, value, text: formatReference(prefix, value.yearBE, seq) };
  }
  return { ok: false, reason: 'none' };
}
