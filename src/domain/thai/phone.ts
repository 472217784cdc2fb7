/**
 * Thai phone numbers as people type them.
 *
 * Mobile: 0[689] + 8 digits; landline: 0[2-7] + 7 digits (DESIGN §6). The international form +66 drops
 * the leading 0. All of "๐๘๑ ๒๓๔ ๕๖๗๘", "081-234-5678", "+66812345678", "66812345678" and "0812345678"
 * parse to the same value "0812345678".
 */
import { toArabicDigits } from './digits';

/** Mobile or fixed line. */
export type PhoneKind = 'mobile' | 'landline';

/**
 * Why a typed phone number was rejected:
 * - `format`: letters or other characters that are not digits or separators;
 * - `length`: wrong number of digits for the prefix;
 * - `prefix`: digits that cannot start a Thai subscriber number (e.g. 01…, 1300 hotlines).
 */
export type PhoneRejection = 'format' | 'length' | 'prefix';

/** Result of {@link parsePhone}: the national 0-prefixed digits and the kind, or the reason for rejection. */
export type PhoneResult = { ok: true; value: string; kind: PhoneKind } | { ok: false; reason: PhoneRejection };

const SEPARATORS = /[\s\-\u2010-\u2015\u2212.()]/g;

/** Parses a typed Thai phone number; see the module comment for accepted shapes. */
export function parsePhone(text: string): PhoneResult {
  let compact = toArabicDigits(text).trim().replace(SEPARATORS, '');
  if (compact.startsWith('+')) {
    if (!compact.startsWith('+66')) return { ok: false, reason: 'prefix' };
    compact = compact.slice(1);
  }
  if (compact.length === 0 || !/^\d+$/.test(compact)) return { ok: false, reason: 'format' };
  if (compact.startsWith('66') && compact.length >= 10) {
    // "+66 0812345678" keeps the trunk 0 by mistake; drop it too.
    compact = '0' + compact.slice(2).replace(/^0/, '');
  }
  if (!compact.startsWith('0')) return { ok: false, reason: 'prefix' };
  const second = compact[1];
  if (second !== undefined && /[689]/.test(second)) {
    return compact.length === 10 ? { ok: true, value: compact, kind: 'mobile' } : { ok: false, reason: 'length' };
  }
  if (second !== undefined && /[2-7]/.test(second)) {
    return compact.length === 9 ? { ok: true, value: compact, kind: 'landline' } : { ok: false, reason: 'length' };
  }
  return { ok: false, reason: compact.length < 2 ? 'length' : 'prefix' };
}

/**
 * A phone number inside a sentence ("เบอร์ลูกสาวนะคะ 089 765 4321", "โทร ๐๘๑-๒๓๔-๕๖๗๘ ได้ค่ะ"): the whole
 * text if it is a number, else the first run of digits and separators that parses as one. When no run
 * parses, the reason of the longest run (or `format` when there are no digits).
 */
export function findPhone(text: string): PhoneResult {
  const whole = parsePhone(text);
  if (whole.ok) return whole;
  const runs = toArabicDigits(text).match(/\+?\d[\d\s\-\u2010-\u2015\u2212.()]*\d/g) ?? [];
  let best: PhoneResult = { ok: false, reason: 'format' };
  let bestDigits = 0;
  for (const run of runs) {
    const r = parsePhone(run);
    if (r.ok) return r;
    const digits = run.replace(/\D/g, '').length;
    if (digits > bestDigits) {
      best = r;
      bestDigits = digits;
    }
  }
  return best;
}

/** Kind of an already-normalised number (as returned by {@link parsePhone}). */
export function phoneKind(value: string): PhoneKind {
  if (/^0[689]\d{8}$/.test(value)) return 'mobile';
  if (/^0[2-7]\d{7}$/.test(value)) return 'landline';
  throw new RangeError('not a normalised Thai phone number (use parsePhone first)');
}

/**
 * Display form: mobile "081-234-5678"; Bangkok landline "02-123-4567"; provincial landline "054-263234".
 */
export function formatPhone(value: string): string {
  const kind = phoneKind(value);
  if (kind === 'mobile') return `${value.slice(0, 3)}-${value.slice(3, 6)}-${value.slice(6)}`;
  if (value.startsWith('02')) return `${value.slice(0, 2)}-${value.slice(2, 5)}-${value.slice(5)}`;
  return `${value.slice(0, 3)}-${value.slice(3)}`;
}

/**
 * Masked display form that keeps the area/operator prefix and the last digits:
 * mobile "081-xxx-5678" (last 4), landline "054-xxx234" / "02-xxx-x567" (last 3).
 */
export function maskPhone(value: string): string {
  const kind = phoneKind(value);
  const keepStart = value.startsWith('02') ? 2 : 3;
  const keepEnd = kind === 'mobile' ? 4 : 3;
  const formatted = formatPhone(value);
  let digitIndex = 0;
  return formatted.replace(/\d/g, (d) => {
    const i = digitIndex++;
    return i < keepStart || i >= value.length - keepEnd ? d : 'x';
  });
}

/** International E.164 form: "0812345678" → "+66812345678". */
export function toE164(value: string): string {
  phoneKind(value);
  return `+66${value.slice(1)}`;
}

/**
 * `tel:` URI for a call button. Accepts a normalised number or a short hotline ("1300");
 * separators are removed: "081-234-5678" → "tel:0812345678".
 */
export function telUri(number: string): string {
  const digits = toArabicDigits(number).replace(/[^\d+]/g, '');
  if (!/^\+?\d{3,15}$/.test(digits)) throw new RangeError('telUri needs 3–15 digits');
  return `tel:${digits}`;
}
