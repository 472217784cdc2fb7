/**
 * Free-text understanding: a pure function from what a citizen typed to what they mean.
 *
 * No I/O, no LINE, no user-facing sentences. Context-free: the caller decides what a bare "ตกลง" means
 * at the current step, and apologises and shows the menu when `intent` is `null`.
 *
 * How a message is understood
 * 1. Normalise and segment (`normalise.ts`): Thai digits, case, repeated letters, typos, Northern words,
 *    `Intl.Segmenter('th')` words, particles removed. A case reference is taken out first (`slots.ts`).
 * 2. Match every keyword table of `lexicon.ts` (`match.ts`): keywords on word boundaries (danger words of
 *    4+ Thai characters anywhere); in each table the longest overlapping keyword wins.
 * 3. Fill the slots from the matches and from patterns (age, day of month, time, reference).
 * 4. Score each intent — see {@link scoreIntents} — and take the best one if it reaches
 *    {@link THRESHOLD}; ties go to the earlier intent in {@link INTENT_PRIORITY}.
 * Danger is decided separately by the classifier in `danger.ts` (negation, distance, hotline questions, who is at
 * risk), so it is reported whatever the intent; only a danger it is sure of counts as evidence here.
 */
import {
  BENEFIT_KEYWORDS,
  BENEFIT_PRIORITY,
  CATEGORY_KEYWORDS,
  CATEGORY_PRIORITY,
  INTENT_KEYWORDS,
  QUESTION_KEYWORDS,
  RELATION_KEYWORDS,
  TIME_OF_DAY_KEYWORDS,
  URGENT_KEYWORDS,
  WEEKDAY_KEYWORDS,
  WHO_KEYWORDS,
  type IntentKeywords,
} from './lexicon';
import { findMatches, matchInput, rowsOf, type Match, type MatchInput, type MatchPolicy, type Row } from './match';
import { readDanger, type PersonMention } from './danger';
import { normaliseText, segment, stripParticles } from './normalise';
import { extractAge, extractClock, extractDayOfMonth, extractPhone, extractReference, extractTimeOfDay } from './slots';
import { readPlace, withoutAreaNames } from '../domain/places';
import { repairTypos } from './typos';
import type { BenefitMention, Category, Danger, Intent, RelationMention, Slots, Understanding, Weekday } from './types';

export type {
  AtRisk,
  BenefitMention,
  Category,
  Danger,
  DangerSignal,
  Intent,
  RelationMention,
  Slots,
  TimeOfDay,
  Understanding,
  Weekday,
  Who,
} from './types';
export { DANGER_PRIORITY, safetyAnswer } from './danger';

/** Weight of each strength of keyword in {@link INTENT_KEYWORDS}. */
export const WEIGHTS = { strong: 3, medium: 2, weak: 1, alone: 10 } as const;
/** Added when one keyword is the whole message ("ยกเลิก", "help"): it then beats anything else. */
export const WHOLE_MESSAGE_BONUS = 10;
/** Minimum score for an intent to be reported; below it the intent is `null`. */
export const THRESHOLD = 2;

/**
 * How much a kind of hardship, on its own, says "please help": a described situation ("แม่ติดเตียง")
 * is a request for help even without the word ช่วย. Population words (elderly, child) are weak.
 */
export const CATEGORY_HELP_WEIGHT: Readonly<Record<Category, number>> = {
  violence: 4,
  bedridden: 2,
  disability: 2,
  housing: 2,
  low_income: 2,
  other: 2,
  elderly: 1,
  child: 1,
};

/** Evidence from slots, added to intent scores (see {@link scoreIntents}). */
export const SLOT_EVIDENCE = {
  /** A benefit is named → check_eligibility. */
  benefit: 3,
  /** …and the message is a question ("ได้เบี้ยเท่าไหร่", "ยังไง"). */
  benefitQuestion: 1,
  /** A danger word → request_help. */
  danger: 3,
  /** A weekday or a day of the month → book_visit. */
  date: 2,
  /** Morning/afternoon or a clock time → book_visit. */
  time: 1,
  /** A case reference → track. */
  reference: 3,
} as const;

/** Tie-break order: substantive requests first, conversation control next, pleasantries last. */
export const INTENT_PRIORITY: readonly Intent[] = [
  'pdpa_withdraw',
  'pdpa_erase',
  'pdpa_access',
  'talk_to_staff',
  'request_help',
  'allowance_payday',
  'check_eligibility',
  'book_visit',
  'track',
  'centre_info',
  'cancel',
  'restart',
  'menu',
  'back',
  'resume',
  'lost',
  'unsure',
  'deny',
  'confirm',
  'thanks',
  'greeting',
];

/**
 * Words that open a message to address the person reading it ("พี่คะ ช่วยหน่อย", "น้องคะ"): at the
 * very start of a longer message they are not a relation.
 */
const ADDRESS_WORDS = new Set(['พี่', 'น้อง']);

// ---------------------------------------------------------------------------------------------------
// Tables as matcher rows (built once).

function intentRows(): Row<Intent>[] {
  const rows: Row<Intent>[] = [];
  for (const intent of Object.keys(INTENT_KEYWORDS) as Intent[]) {
    const k: IntentKeywords = INTENT_KEYWORDS[intent];
    for (const strength of ['strong', 'medium', 'weak', 'alone'] as const) {
      for (const keyword of k[strength] ?? []) rows.push({ key: intent, weight: WEIGHTS[strength], keyword });
    }
  }
  return rows;
}

const ROWS = {
  intent: intentRows(),
  question: QUESTION_KEYWORDS.map((keyword) => ({ key: 'question' as const, weight: 1, keyword })),
  who: rowsOf(WHO_KEYWORDS),
  relation: rowsOf(RELATION_KEYWORDS),
  category: rowsOf(CATEGORY_KEYWORDS),
  benefit: rowsOf(BENEFIT_KEYWORDS),
  weekday: rowsOf(WEEKDAY_KEYWORDS),
  time: rowsOf(TIME_OF_DAY_KEYWORDS),
  urgent: URGENT_KEYWORDS.map((keyword) => ({ key: 'urgent' as const, weight: 1, keyword })),
};

// ---------------------------------------------------------------------------------------------------

export interface AnalyseOptions {
  /**
   * Forces one matching policy on every table (for the policy comparison test). By default danger words
   * use `hybrid` and every other table `word` ({@link DEFAULT_POLICY}).
   */
  readonly policy?: MatchPolicy;
}

/** Matching policy per table: see `lexicon.ts` for why. */
export const DEFAULT_POLICY = { danger: 'hybrid', other: 'word' } as const satisfies Record<string, MatchPolicy>;

/** The understanding plus the intent scores, for tests and debugging. */
export interface Analysis {
  readonly understanding: Understanding;
  readonly scores: Readonly<Partial<Record<Intent, number>>>;
}

/** Understands one message. See the module comment for the steps. */
export function understand(text: string): Understanding {
  return analyse(text).understanding;
}

/** {@link understand} with the intent scores exposed. */
export function analyse(text: string, options: AnalyseOptions = {}): Analysis {
  const first = analyseOnce(text, options);
  if (first.understanding.intent !== null) return first;
  // Nothing understood: read it again with misspelt keywords repaired (typos.ts), keeping the danger reading.
  const repaired = repairTypos(normaliseText(text).replace(/\s+/g, ''));
  if (repaired === undefined) return first;
  const second = analyseOnce(repaired, options);
  return second.understanding.intent === null
    ? first
    : {
        ...second,
        understanding: {
          ...second.understanding,
          danger: first.understanding.danger,
          dangerSignal: first.understanding.dangerSignal,
          hotline: first.understanding.hotline,
        },
      };
}

function analyseOnce(text: string, options: AnalyseOptions): Analysis {
  // Where they live is read first, and another area's names are then left out (แม่ in แม่วะ is no mother).
  const place = readPlace(text, { inSentence: true });
  const norm = normaliseText(place.kind === 'outside' ? withoutAreaNames(text, place) : text);
  const { reference, rest } = extractReference(norm);
  const { tokens, onlyYesParticles } = stripParticles(segment(rest));
  const input = matchInput(tokens);
  const find = <K>(rows: readonly Row<K>[]) => findMatches(rows, input, options.policy ?? DEFAULT_POLICY.other);

  const persons = personsOf(find, tokens);
  const { signal, hotline } = readDanger(input, persons.mentions, options.policy ?? DEFAULT_POLICY.danger);
  const danger = signal?.confidence === 'sure' ? signal.kind : null;
  const slots = fillSlots(input, tokens, rest, find, danger, persons);
  if (reference) slots.reference = reference;
  const phone = extractPhone(text);
  if (phone) slots.phone = phone;
  if (place.kind === 'found' || place.kind === 'outside') slots.place = place;

  const questioned = find(ROWS.question).length > 0 || /[?？]/.test(text);
  const scores = scoreIntents(find(ROWS.intent), input, slots, danger, questioned);
  let intent = bestIntent(scores);
  if (intent === null && onlyYesParticles) intent = 'confirm';
  if (intent === null && tokens.length === 0 && /^[\s?？]+$/.test(text) && text.trim()) intent = 'lost';

  return { understanding: { intent, danger, dangerSignal: signal, hotline, slots, tokens }, scores };
}

type Finder = <K>(rows: readonly Row<K>[]) => Match<K>[];

interface Persons {
  relations: Match<RelationMention>[];
  who: Match<'self' | 'other'>[];
  mentions: PersonMention[];
}

/** The people named: relations (an address word opening the message is not one), others, oneself. */
function personsOf(find: Finder, tokens: readonly string[]): Persons {
  const relations = find(ROWS.relation)
    .filter((m) => !(m.start === 0 && tokens.length > 1 && ADDRESS_WORDS.has(m.text) && tokens[0] === m.text))
    .sort((a, b) => a.start - b.start);
  const who = find(ROWS.who);
  const mentions = [
    ...relations.map((m) => ({ start: m.start, end: m.end, self: false })),
    ...who.map((m) => ({ start: m.start, end: m.end, self: m.key === 'self' })),
  ];
  return { relations, who, mentions: mentions.sort((a, b) => a.start - b.start) };
}

/** Fills every slot except `reference`. */
function fillSlots(input: MatchInput, tokens: readonly string[], text: string, find: Finder, danger: Danger | null, persons: Persons): Slots {
  const slots: Slots = {};

  // who / relation: someone else (neighbour) > a relative > oneself.
  const { relations, who } = persons;
  const other = who.find((m) => m.key === 'other');
  const self = who.find((m) => m.key === 'self');
  if (other) slots.who = 'other';
  else if (relations[0]) {
    slots.who = 'relative';
    slots.relation = relations[0].key satisfies RelationMention;
  } else if (self) slots.who = 'self';

  const personEnds = [...relations, ...who].map((m) => m.end).sort((a, b) => a - b);
  const age = extractAge(input.compact, personEnds);
  if (age !== undefined) slots.age = age;

  // category: danger of violence is a violence case; otherwise the most specific hardship named.
  const categories = new Set(find(ROWS.category).map((m) => m.key));
  if (danger === 'violence') categories.add('violence');
  let category = CATEGORY_PRIORITY.find((c) => categories.has(c));
  if (!category && age !== undefined) category = age >= 60 ? 'elderly' : age < 18 ? 'child' : undefined;
  if (category) slots.category = category;

  // benefit: the generic "เบี้ย" is the disability allowance when a disability is named, else old age.
  const benefits = new Set(find(ROWS.benefit).map((m) => m.key));
  const b = BENEFIT_PRIORITY.find((k) => benefits.has(k));
  if (b) slots.benefit = b === 'allowance' ? (categories.has('disability') ? 'disability' : 'old_age') : (b satisfies BenefitMention);

  // "ไม่ถึงกับด่วนมาก", "ไม่ด่วน": a negated urgency word is no urgency.
  if (danger || find(ROWS.urgent).some((m) => !negatedUrgency(input.compact, m.start))) slots.urgent = true;

  const weekday = find(ROWS.weekday)[0];
  if (weekday) slots.weekday = Number(weekday.key) as Weekday;
  const day = extractDayOfMonth(input.compact);
  if (day !== undefined) slots.dayOfMonth = day;
  const time = extractTimeOfDay(text) ?? find(ROWS.time)[0]?.key;
  if (time) slots.timeOfDay = time;
  const clock = extractClock(text);
  if (clock) slots.clock = clock;

  return slots;
}

/**
 * Intent scores. For each intent:
 * - every distinct keyword found adds its weight: strong 3, medium 2, weak 1 ({@link WEIGHTS}); a
 *   keyword listed as `alone` counts 10 but only when it is the whole message, and any keyword that is the
 *   whole message gets {@link WHOLE_MESSAGE_BONUS} (so "ยกเลิก" or "help" alone is never ambiguous);
 * - slots add evidence ({@link SLOT_EVIDENCE}): a named benefit → check_eligibility (+1 more if the
 *   message asks a question), or book_visit when an appointment word was matched too; a hardship category → request_help ({@link CATEGORY_HELP_WEIGHT}); a danger
 *   word → request_help; a weekday/day of month or a time of day → book_visit; a case reference → track.
 * - lost and unsure are dropped when a hardship, a benefit or a danger was named: "ไม่รู้จะทำยังไง" after
 *   "ลูกสาวท้องไม่พร้อม" is despair, not confusion with the bot.
 * Keywords contained in a longer keyword of any intent were already dropped by the matcher, which is how
 * "ไม่ใช่" (deny) silences "ใช่" (confirm) and "ไม่แน่ใจ" (unsure) silences "แน่ใจ".
 */
/** Requests that a preceding "ไม่ / ไม่อยาก / ไม่ต้อง…" takes back ("ไม่อยากนัดแล้ว" is no booking). */
const NEGATABLE: ReadonlySet<Intent> = new Set(['request_help', 'check_eligibility', 'book_visit', 'talk_to_staff']);
const NEGATIONS = ['ไม่ได้ต้องการ', 'ไม่ต้องการ', 'ไม่อยากได้', 'ไม่อยาก', 'ไม่ต้อง', 'ไม่ได้', 'ไม่เอา', 'ไม่'];

/** Whether an urgency word at `start` is taken back ("ไม่ถึงกับด่วน", "ไม่ด่วน", "not urgent"). */
function negatedUrgency(compact: string, start: number): boolean {
  return /(ไม่ถึงกับ|ไม่ถึงขั้น|ไม่ได้|ไม่ค่อย|ไม่ต้อง|ไม่|not|no)(ถึงกับ|ได้|ต้อง|รีบ)?$/.test(compact.slice(Math.max(0, start - 14), start));
}

/** Whether the keyword at `start` directly follows a negation word. */
function negated(compact: string, start: number): boolean {
  const before = compact.slice(Math.max(0, start - 14), start);
  return NEGATIONS.some((n) => before.endsWith(n));
}

export function scoreIntents(
  matches: readonly Match<Intent>[],
  input: MatchInput,
  slots: Slots,
  danger: Danger | null,
  questioned: boolean,
): Partial<Record<Intent, number>> {
  const scores: Partial<Record<Intent, number>> = {};
  const add = (intent: Intent, n: number) => (scores[intent] = (scores[intent] ?? 0) + n);
  const seen = new Set<string>();
  for (const m of matches) {
    const id = `${m.key}:${m.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (NEGATABLE.has(m.key) && negated(input.compact, m.start)) continue;
    add(m.key, m.weight);
    if (m.weight < WEIGHTS.alone && m.start === 0 && m.end === input.compact.length) add(m.key, WHOLE_MESSAGE_BONUS);
  }
  // A benefit named with an appointment word ("ขอนัดขึ้นทะเบียนเบี้ยยังชีพ") is the appointment's purpose; with a
  // payment word ("เบี้ยเข้าวันไหน"), its payday.
  if (slots.benefit)
    add(
      scores.book_visit ? 'book_visit' : scores.allowance_payday ? 'allowance_payday' : 'check_eligibility',
      SLOT_EVIDENCE.benefit + (questioned ? SLOT_EVIDENCE.benefitQuestion : 0),
    );
  if (slots.category) add('request_help', CATEGORY_HELP_WEIGHT[slots.category]);
  if (danger) add('request_help', SLOT_EVIDENCE.danger);
  if (slots.weekday !== undefined || slots.dayOfMonth !== undefined) add('book_visit', SLOT_EVIDENCE.date);
  if (slots.timeOfDay) add('book_visit', SLOT_EVIDENCE.time);
  if (slots.reference) add('track', SLOT_EVIDENCE.reference);
  // "ไม่รู้จะทำยังไง" after describing a hardship is despair, not confusion with the bot.
  if (slots.category || slots.benefit || danger) {
    delete scores.lost;
    delete scores.unsure;
  }
  return scores;
}

function bestIntent(scores: Partial<Record<Intent, number>>): Intent | null {
  let best: Intent | null = null;
  let bestScore = THRESHOLD - 1;
  for (const intent of INTENT_PRIORITY) {
    const s = scores[intent] ?? 0;
    if (s > bestScore) {
      best = intent;
      bestScore = s;
    }
  }
  return best;
}
