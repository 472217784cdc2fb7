/**
 * Thai ↔ Arabic digit conversion.
 *
 * People in Lampang often type Thai digits (๐–๙), sometimes mixed with Arabic ones in the same number
 * ("๐๘1 234 ๕๖๗๘"). Every parser in the domain layer first maps Thai digits to Arabic ones with
 * {@link toArabicDigits}; the mapping is one character to one character, so string indices are preserved.
 */

const THAI_ZERO = 0x0e50; // ๐
const ARABIC_ZERO = 0x30; // 0

/** Replaces every Thai digit ๐–๙ with the Arabic digit 0–9; other characters are left unchanged. */
export function toArabicDigits(text: string): string {
  return text.replace(/[\u0E50-\u0E59]/g, (d) => String.fromCharCode(d.charCodeAt(0) - THAI_ZERO + ARABIC_ZERO));
}

/** Replaces every Arabic digit 0–9 with the Thai digit ๐–๙; other characters are left unchanged. */
export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - ARABIC_ZERO + THAI_ZERO));
}

/** True when the text contains at least one Thai digit. */
export function hasThaiDigits(text: string): boolean {
  return /[\u0E50-\u0E59]/.test(text);
}
