/**
 * Typo tolerance for free text that nothing in the lexicon matched: "ขอความชวยเหลอหน่อยคับ" (two vowel and
 * tone marks missing) is "ขอความช่วยเหลือ". A stretch of the message within a small edit distance (Levenshtein,
 * from `fastest-levenshtein`) of a strong or medium intent keyword is rewritten to that keyword, and the
 * message is read again. Only Thai keywords of 6 characters or more are tried (1 edit; 2 from 9 characters),
 * and only when the stretch starts with the keyword's first letter, on short messages, so ordinary words are not
 * bent into keywords ("ถามเรื่อง" stays a question, not "ตามเรื่อง").
 */
import { distance } from 'fastest-levenshtein';
import { INTENT_KEYWORDS, type Keyword } from './lexicon';
import { compactKeyword } from './match';

/** Longer messages are not searched (cost grows with length; long texts have enough words to be read). */
export const MAX_TYPO_SEARCH = 80;

const textOf = (k: Keyword): string => (typeof k === 'string' ? k : k.text);

/** Candidate keywords, longest first (a longer keyword repaired is more evidence). */
const KEYWORDS: readonly string[] = [
  ...new Set(
    Object.values(INTENT_KEYWORDS)
      .flatMap((k) => [...(k.strong ?? []), ...(k.medium ?? [])])
      .map((k) => compactKeyword(textOf(k)))
      .filter((k) => k.length >= 6 && /^[\u0E00-\u0E7F]+$/.test(k)),
  ),
].sort((a, b) => b.length - a.length);

const bound = (length: number) => (length >= 9 ? 2 : 1);

/**
 * The message with misspelt keywords rewritten (`compact`: normalised, no spaces), or undefined when no
 * stretch of it is close to a keyword it does not already contain.
 */
export function repairTypos(compact: string): string | undefined {
  if (compact.length > MAX_TYPO_SEARCH || compact.length < 5) return undefined;
  let text = compact;
  let repaired = false;
  for (const k of KEYWORDS) {
    if (text.includes(k)) continue;
    const b = bound(k.length);
    let best: { start: number; end: number; d: number } | undefined;
    for (let len = Math.max(1, k.length - b); len <= k.length + b; len++) {
      for (let start = 0; start + len <= text.length; start++) {
        // A typo rarely hits the first letter; "ถามเรื่อง" is not "ตามเรื่อง".
        if (text[start] !== k[0]) continue;
        const d = distance(text.slice(start, start + len), k);
        if (d <= b && (!best || d < best.d)) best = { start, end: start + len, d };
      }
    }
    if (best) {
      text = text.slice(0, best.start) + k + text.slice(best.end);
      repaired = true;
    }
  }
  return repaired ? text : undefined;
}
