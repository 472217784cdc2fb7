/**
 * How place names are compared: people type them with Thai digits, without tone marks ("ป่าเหมียง" for
 * ป่าเหมี้ยง), with spaces or "บ้าน" in front, and with the odd typo. These helpers bring a typed text and a
 * stored name to the same form; typos are then forgiven by edit distance (fastest-levenshtein).
 */
import { distance } from 'fastest-levenshtein';
import { toArabicDigits } from '../thai/digits';

/** Tone marks, MAITAIKHU and THANTHAKHAT: often left out or put on the wrong letter. */
const MARKS = /[\u0E47-\u0E4C]/g;
const ZERO_WIDTH = /[\u00AD\u200B-\u200F\u2060\uFEFF]/g;

/** Arabic digits, lower case, no zero-width characters, SARA E twice read as SARA AE, NFC. */
export function cleanPlaceText(s: string): string {
  return toArabicDigits(s.normalize('NFC')).replace(ZERO_WIDTH, '').replace(/เเ/g, 'แ').toLowerCase();
}

/** The form names are compared in: clean, without tone marks, spaces or punctuation. */
export function placeKey(s: string): string {
  return cleanPlaceText(s)
    .replace(MARKS, '')
    .replace(/[\s.,!?'"()\-–—:;…/]+/g, '');
}

/** A village name without the "บ้าน" / "Ban" in front of it (its key). */
export function villageKey(name: string): string {
  return placeKey(
    cleanPlaceText(name)
      .trim()
      .replace(/^(หมู่บ้าน|บ้าน|ban\s)/, ''),
  );
}

/**
 * Whether `key` appears in `text` (both keys), allowing one typo for names of five letters or more: a
 * window of the text of about the name's length within edit distance 1.
 */
export function containsName(text: string, key: string): boolean {
  if (!key) return false;
  if (text.includes(key)) return true;
  if (key.length < 5) return false;
  for (let len = key.length - 1; len <= key.length + 1; len++) {
    for (let i = 0; i + len <= text.length; i++) {
      if (distance(text.slice(i, i + len), key) <= 1) return true;
    }
  }
  return false;
}
