/**
 * Keyword matcher: finds the keywords of a table in a segmented message.
 *
 * The message is the list of segmented words joined without spaces (the "compact" text) plus the set of
 * offsets where the segmenter put a word boundary. A keyword is looked up in the compact text and then
 * checked:
 * - mode `word`: the match must start and end on a word boundary. Internal splits do not matter, so a
 *   keyword survives the segmenter cutting it differently than expected ("ถูกต้อง" → ถูก|ต้อง).
 * - mode `sub`: any occurrence counts (for compounds and misspellings the segmenter cuts oddly).
 * - `alone`: the match must be the whole message.
 * - `unlessNext` / `unlessPrev`: the text right after / before must not start / end with a listed string.
 * Then, within one table, a match strictly inside a longer match is dropped (longest match wins).
 */
import type { Keyword } from './lexicon';
import { normaliseText } from './normalise';

/**
 * How plain keywords (no `#`/`~`/`mode`) are matched: `word` = on word boundaries; `sub` = anywhere;
 * `hybrid` = Thai keywords of 4+ characters anywhere, shorter ones and Latin ones on word boundaries.
 */
export type MatchPolicy = 'hybrid' | 'word' | 'sub';

export interface MatchInput {
  /** Words joined without spaces. */
  readonly compact: string;
  /** Offsets in `compact` where a word starts or ends (always includes 0 and compact.length). */
  readonly boundaries: ReadonlySet<number>;
}

export interface Match<K> {
  readonly key: K;
  readonly weight: number;
  /** The keyword as compiled (normalised, no spaces). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** One row of a table: a keyword that stands for `key` with a `weight`. */
export interface Row<K> {
  readonly key: K;
  readonly weight: number;
  readonly keyword: Keyword;
}

interface Compiled<K> {
  readonly key: K;
  readonly weight: number;
  readonly text: string;
  readonly explicitMode?: 'word' | 'sub';
  readonly alone: boolean;
  readonly unlessNext: readonly string[];
  readonly unlessPrev: readonly string[];
}

/** Normalises a keyword exactly as messages are normalised, then drops spaces and punctuation. */
export function compactKeyword(text: string): string {
  return normaliseText(text).replace(/[^\p{L}\p{M}\p{N}]/gu, '');
}

function compile<K>(row: Row<K>): Compiled<K> {
  const spec = typeof row.keyword === 'string' ? { text: row.keyword } : row.keyword;
  let raw = spec.text;
  let alone = spec.alone ?? false;
  let explicitMode = spec.mode;
  if (raw.startsWith('=')) {
    alone = true;
    raw = raw.slice(1);
  } else if (raw.startsWith('#')) {
    explicitMode = 'word';
    raw = raw.slice(1);
  } else if (raw.startsWith('~')) {
    explicitMode = 'sub';
    raw = raw.slice(1);
  }
  return {
    key: row.key,
    weight: row.weight,
    text: compactKeyword(raw),
    ...(explicitMode ? { explicitMode } : {}),
    alone,
    unlessNext: (spec.unlessNext ?? []).map(compactKeyword),
    unlessPrev: (spec.unlessPrev ?? []).map(compactKeyword),
  };
}

const cache = new WeakMap<readonly Row<unknown>[], readonly Compiled<unknown>[]>();

function compiled<K>(rows: readonly Row<K>[]): readonly Compiled<K>[] {
  let c = cache.get(rows) as readonly Compiled<K>[] | undefined;
  if (!c) {
    c = rows.map(compile);
    cache.set(rows, c);
  }
  return c;
}

/** ์ (mai thanthakhat), the mark over a silent final consonant, often left out when typing. */
const THANTHAKHAT = '\u0E4C';

/** The mode of one keyword under a policy (Latin letters and digits always on word boundaries). */
function modeOf(kw: Compiled<unknown>, policy: MatchPolicy): 'word' | 'sub' {
  if (kw.explicitMode) return kw.explicitMode;
  if (policy !== 'hybrid') return policy;
  return /[a-z0-9]/.test(kw.text) || kw.text.length <= 3 ? 'word' : 'sub';
}

/** All matches of `rows` in `input`, with contained shorter matches removed. */
export function findMatches<K>(rows: readonly Row<K>[], input: MatchInput, policy: MatchPolicy = 'word'): Match<K>[] {
  const { compact, boundaries } = input;
  const found: Match<K>[] = [];
  for (const kw of compiled(rows)) {
    if (!kw.text) continue;
    if (kw.alone) {
      if (compact === kw.text) found.push({ key: kw.key, weight: kw.weight, text: kw.text, start: 0, end: compact.length });
      continue;
    }
    const mode = modeOf(kw, policy);
    for (let at = compact.indexOf(kw.text); at >= 0; at = compact.indexOf(kw.text, at + 1)) {
      // A silent final consonant's mark (์) written or left out is the same word: "สิทธิ" matches "สิทธิ์".
      let end = at + kw.text.length;
      if (compact[end] === THANTHAKHAT && !kw.text.endsWith(THANTHAKHAT) && !boundaries.has(end)) end++;
      // Latin words always need boundaries: "ok" must not fire inside "book" even with policy `sub`.
      if ((mode === 'word' || /^[a-z]/.test(kw.text)) && !(boundaries.has(at) && boundaries.has(end))) continue;
      if (kw.unlessNext.some((n) => compact.startsWith(n, end))) continue;
      if (kw.unlessPrev.some((p) => compact.slice(0, at).endsWith(p))) continue;
      found.push({ key: kw.key, weight: kw.weight, text: kw.text, start: at, end });
    }
  }
  return dropContained(found);
}

/** Removes every match that lies strictly inside a longer match (same span from two keys: both kept). */
function dropContained<K>(matches: Match<K>[]): Match<K>[] {
  return matches.filter((m) => !matches.some((o) => o !== m && o.end - o.start > m.end - m.start && o.start <= m.start && o.end >= m.end));
}

/** Builds rows from a `key → keywords` table, all with the same weight. */
export function rowsOf<K extends string>(table: Readonly<Record<K, readonly Keyword[]>>, weight = 1): Row<K>[] {
  const rows: Row<K>[] = [];
  for (const key of Object.keys(table) as K[]) for (const keyword of table[key]) rows.push({ key, weight, keyword });
  return rows;
}

/** Builds the matcher input from words. */
export function matchInput(tokens: readonly string[]): MatchInput {
  const boundaries = new Set<number>([0]);
  let at = 0;
  for (const t of tokens) {
    at += t.length;
    boundaries.add(at);
  }
  return { compact: tokens.join(''), boundaries };
}
