/**
 * The danger classifier: is a person at risk now, of what kind, how sure are we, and who is it?
 *
 * Each danger word found (`dangerLexicon.ts`) is judged in its context, on the compact text (words joined):
 * 1. asked about, not happening: a hotline question ("เบอร์สายด่วนฆ่าตัวตาย", "ถ้าแม่หมดสติโทรเบอร์อะไร") names a
 *    topic → no alarm, the number card instead ({@link DangerReading.hotline});
 * 2. taken back by a negation right before it ("ไม่ได้อยากตาย", "ไม่มีใครทำร้าย", "I don't want to die");
 *    "ไม่ถึงกับอยากตาย" is softened: self-harm is then asked about gently, the other kinds dropped;
 * 3. talked about from a distance: news, fiction, a funeral, "หายแล้ว", or long ago ("เมื่อก่อน", "ตอนเด็ก") unless
 *    the message also says now/again ("ตอนนี้ก็ยังโดน"); a bare "เคย…" is unsure;
 * 4. otherwise sure.
 * The strongest verdict wins (sure over unsure); among sure kinds {@link DANGER_PRIORITY}. Despair words
 * ({@link UNSURE_KEYWORDS}) alone are unsure. Pure: no I/O.
 */
import { findMatches, rowsOf, type Match, type MatchInput, type MatchPolicy } from './match';
import {
  ASKS_NUMBER,
  BEREAVEMENT,
  DANGER_KEYWORDS,
  DANGER_PRIORITY,
  EVER_BEFORE,
  HOTLINE_TOPICS,
  HYPOTHETICAL,
  LONG_AGO,
  NEGATION_BEFORE,
  NEWS_OR_FICTION,
  NOW,
  QUESTION,
  RECOVERED,
  SOFTENED_BEFORE,
  SUBJECT_GAP,
  TOPIC_WORDS,
  UNSURE_KEYWORDS,
  SAFE_ANSWERS,
  UNSAFE_ANSWERS,
} from './dangerLexicon';
import { compactKeyword } from './match';
import type { AtRisk, Danger, DangerSignal } from './types';

export { DANGER_PRIORITY } from './dangerLexicon';

/** A person named in the message (a relation, someone else, or the speaker), where the matcher found them. */
export interface PersonMention {
  start: number;
  end: number;
  self: boolean;
}

/** What the classifier read: a danger signal, and/or a question about a hotline. */
export interface DangerReading {
  signal: DangerSignal | null;
  /** The kind whose numbers were asked for ("เบอร์สายด่วนซึมเศร้า" → self_harm): the number card, no alarm. */
  hotline: Danger | null;
}

const SURE_ROWS = rowsOf(DANGER_KEYWORDS);
const UNSURE_ROWS = rowsOf(UNSURE_KEYWORDS);
const TOPICS = new Set(TOPIC_WORDS.map(compactKeyword));
const BEFORE_WINDOW = 24;

type Verdict = 'sure' | 'unsure' | 'none' | 'topic';

/** Classifies one message (already normalised and segmented into `input`). */
export function readDanger(input: MatchInput, persons: readonly PersonMention[], policy: MatchPolicy = 'hybrid'): DangerReading {
  const c = input.compact;
  const asksNumber =
    ASKS_NUMBER.test(c) && (QUESTION.test(c) || /^(เบอร์|สายด่วน|hotline|number)/.test(c) || c.includes('สายด่วน') || c.includes('hotline'));
  const hypothetical = HYPOTHETICAL.test(c) && QUESTION.test(c);
  let hotline: Danger | null = asksNumber ? hotlineTopic(c) : null;

  const judged = findMatches(SURE_ROWS, input, policy).map((m) => ({ m, v: judge(m, c, asksNumber, hypothetical) }));
  for (const { m, v } of judged) if (v === 'topic') hotline ??= m.key;

  const sure = judged.filter((j) => j.v === 'sure');
  const unsure = [
    ...judged.filter((j) => j.v === 'unsure').map((j) => j.m),
    ...findMatches(UNSURE_ROWS, input, policy).filter((m) => !negated(c, m)),
  ];
  const pick = (ms: Match<Danger>[]) => DANGER_PRIORITY.map((k) => ms.find((m) => m.key === k)).find((m) => m !== undefined);
  const best = pick(sure.map((j) => j.m));
  if (best) return { signal: { kind: best.key, confidence: 'sure', atRisk: atRiskOf(best, c, persons) }, hotline };
  const maybe = asksNumber ? undefined : pick(unsure);
  if (maybe) return { signal: { kind: maybe.key, confidence: 'unsure', atRisk: atRiskOf(maybe, c, persons) }, hotline };
  return { signal: null, hotline };
}

function judge(m: Match<Danger>, c: string, asksNumber: boolean, hypothetical: boolean): Verdict {
  const before = c.slice(Math.max(0, m.start - BEFORE_WINDOW), m.start);
  if ((asksNumber && TOPICS.has(m.text)) || hypothetical) return 'topic';
  if (negated(c, m)) return 'none';
  if (SOFTENED_BEFORE.test(before)) return m.key === 'self_harm' ? 'unsure' : 'none';
  if (NEWS_OR_FICTION.test(c) || BEREAVEMENT.test(c) || RECOVERED.test(c)) return 'none';
  const now = NOW.test(c);
  if (LONG_AGO.test(c) && !now) return 'none';
  if (EVER_BEFORE.test(before.slice(-12)) && !now) return 'unsure';
  return 'sure';
}

function negated(c: string, m: Match<Danger>): boolean {
  return NEGATION_BEFORE.test(c.slice(Math.max(0, m.start - BEFORE_WINDOW), m.start));
}

function hotlineTopic(c: string): Danger | null {
  return DANGER_PRIORITY.find((k) => HOTLINE_TOPICS[k].test(c)) ?? null;
}

/**
 * Who is at risk. Self-harm: a person named right before the words ("ลูกบอกว่าจะกินยาตาย") is the subject;
 * otherwise the speaker (Thai leaves "I" unsaid: "ดูแลพ่อคนเดียวมาสองปี ไม่อยากอยู่แล้ว" is the caregiver).
 * Violence: the victim after the verb ("ผัวตีลูก"), before a passive ("ลูกโดนตี"), or the speaker ("โดนผัวตี",
 * "hits me"). Medical: anyone named, else the speaker if they speak of themselves.
 */
function atRiskOf(m: Match<Danger>, c: string, persons: readonly PersonMention[]): AtRisk {
  const others = persons.filter((p) => !p.self);
  const directlyBefore = (from: number) => [...persons].reverse().find((p) => p.end <= from && SUBJECT_GAP.test(c.slice(p.end, from)));
  if (m.key === 'self_harm') {
    if (/(himself|herself)$/.test(m.text)) return 'subject';
    const p = directlyBefore(m.start);
    return p && !p.self ? 'subject' : 'speaker';
  }
  if (m.key === 'violence') {
    if (/me$/.test(m.text)) return 'speaker';
    const object = persons.find((p) => p.start >= m.end && p.start - m.end <= 2);
    if (object) return object.self ? 'speaker' : 'subject';
    const passive = /(ถูก|โดน)/.exec(c.slice(Math.max(0, m.start - 12), m.end));
    if (passive) {
      const at = Math.max(0, m.start - 12) + passive.index;
      const victim = directlyBefore(at);
      return victim && !victim.self ? 'subject' : 'speaker';
    }
    return persons.some((p) => p.self && p.end <= m.start) ? 'speaker' : 'unknown';
  }
  if (others.length > 0) return 'subject';
  return persons.some((p) => p.self) ? 'speaker' : 'unknown';
}

const SAFE = new Set(SAFE_ANSWERS.map(compactKeyword));
const UNSAFE = new Set(UNSAFE_ANSWERS.map(compactKeyword));

/** A typed answer to "ตอนนี้คุณปลอดภัยไหมคะ" (the compact text of the message), if it is one. */
export function safetyAnswer(compact: string): 'safe' | 'unsafe' | undefined {
  if (UNSAFE.has(compact)) return 'unsafe';
  if (SAFE.has(compact)) return 'safe';
  return undefined;
}
