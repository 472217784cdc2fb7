/**
 * Step builders: every kind of question a flow asks (a choice, free text, a phone number, an age, a place,
 * a photo, the summary to confirm) is a `Step` made here from a few lines of flow data.
 */
import type { MessageKey } from '../i18n';
import { findPhone } from '../domain/thai/phone';
import { findNationalId, parseNationalId } from '../domain/thai/nationalId';
import { parsePersonName } from '../domain/thai/personName';
import { parseAgeOrBirthYear } from '../domain/thai/ageParsing';
import { parseThaiDate } from '../domain/thai/dateParsing';
import { toArabicDigits } from '../domain/thai/digits';
import { formatThaiDate } from '../domain/thai/dates';
import { parseThaiNumberWords, THAI_NUMBER_WORDS_PATTERN } from '../domain/thai/numberWords';
import { ANSWER_WORDS } from '../vocabulary';
import type { Intent, Understanding } from '../nlu';
import type { Accept, Choice, Incoming, Label, Params, Place, Say, Step, StepContext } from './types';
import { comparable } from './matchOption';

type OptionChoice = Extract<Choice, { kind: 'option' }>;
/** How a step asks: a sentence, or a function of the answers so far (and of the step's scratch, if it keeps one). */
type Prompt<D, X, P> = MessageKey | ((data: D, ctx: StepContext<X>, pending: P | undefined) => Say[]);

interface Common<D, X, P = never> {
  prompt: Prompt<D, X, P>;
  next?: (data: D) => string;
  skip?: (data: D) => boolean;
  clears?: readonly (keyof D & string)[];
  after?: (data: D) => Say[];
  /** How to answer, with an example, said when the citizen seems stuck (each step kind has a default). */
  hint?: MessageKey;
}

/** Names of the answers of `D` that can hold a `V` (a text step fills only a field that takes a string). */
export type FieldFor<D, V> = { [K in keyof D]-?: [V] extends [D[K]] ? K : never }[keyof D] & string;

/**
 * The patch that sets one answer. Each builder's signature checks that `field` can hold the value it writes
 * ({@link FieldFor}, or the option values of a choice), which the compiler cannot follow into a computed key.
 */
function write<D>(field: keyof D & string, value: unknown): Partial<D> {
  return { [field]: value } as Partial<D>;
}

/** The value a "skip" chip sends for optional questions. */
export const SKIP = 'skip';
/** The value of a "don't know" / "not sure" chip. */
export const UNKNOWN = 'unknown';

function promptSays<D, X, P>(prompt: Prompt<D, X, P>, data: D, ctx: StepContext<X>, pending: P | undefined, choices: Choice[]): Say[] {
  const says: Say[] = typeof prompt === 'function' ? prompt(data, ctx, pending) : [{ kind: 'text', text: { key: prompt } }];
  const last = says[says.length - 1];
  if (choices.length === 0 || !last) return says;
  return [...says.slice(0, -1), { ...last, choices: [...(last.choices ?? []), ...choices] }];
}

const skipChoice = (label: MessageKey = 'common.skip'): OptionChoice => ({
  kind: 'option',
  label: { key: label },
  value: SKIP,
  words: ANSWER_WORDS.skip,
});
const unsureChoice = (label: MessageKey): OptionChoice => ({
  kind: 'option',
  label: { key: label },
  value: UNKNOWN,
  means: 'unsure',
  words: ANSWER_WORDS.unsure,
});
const reject = (reason: MessageKey, params?: Record<string, string | number>): Accept<never> => ({ ok: false, reason, params });

/** Fills the common parts of a step. */
function base<D, X, P>(
  c: Common<D, X, P> & { field: keyof D & string },
  hint?: MessageKey,
): Pick<Step<D, X, P>, 'field' | 'next' | 'skip' | 'clears' | 'after' | 'hint'> {
  return { field: c.field, next: c.next, skip: c.skip, clears: c.clears, after: c.after, hint: c.hint ?? hint };
}

/** Why non-text input was refused at a step that wants something else. */
function wrongKind(input: Incoming, expected: MessageKey): Accept<never> {
  if (input.kind === 'media' && input.mediaType === 'sticker') return reject('engine.retry.sticker');
  // A photo, voice message or file where words were asked: it is kept for staff; the question still stands.
  if (input.kind === 'image' || input.kind === 'media') return reject('engine.retry.fileKept');
  return reject(expected);
}

/** One option of a choice: the value stored, its label, and other words or the intent that pick it when typed. */
export interface Option<V extends string = string> {
  value: V;
  label: Label;
  words?: readonly string[];
  means?: Intent;
}

type Options<D, X, P, V extends string> = readonly Option<V>[] | ((data: D, ctx: StepContext<X>, pending: P | undefined) => readonly Option<V>[]);

/** A choice whose option values are not tied to the field's type (the typed {@link choice} and the fixed-answer steps use it). */
function choiceOf<D, X, P>(
  c: Common<D, X, P> & {
    field: keyof D & string;
    options: Options<D, X, P, string>;
    fromText?: (u: Understanding) => string | undefined;
    freeTextForStaff?: string | ((text: string) => string);
    wordsAlsoIn?: FieldFor<D, string>;
  },
): Step<D, X, P> {
  const options = (d: D, ctx: StepContext<X>, pending: P | undefined) => (typeof c.options === 'function' ? c.options(d, ctx, pending) : c.options);
  const own = c.freeTextForStaff;
  return {
    ...base(c),
    ask: (d, ctx, pending) =>
      promptSays(
        c.prompt,
        d,
        ctx,
        pending,
        options(d, ctx, pending).map((o) => ({ kind: 'option', ...o })),
      ),
    fromText: c.fromText,
    ...(own === undefined
      ? {}
      : {
          freeTextForStaff: (text: string) => ({
            ...write<D>(c.field, typeof own === 'function' ? own(text) : own),
            ...(c.wordsAlsoIn ? write<D>(c.wordsAlsoIn, text.trim().slice(0, 300)) : {}),
          }),
        }),
    accept(input, d, ctx, pending) {
      if (input.kind === 'option') {
        const o = options(d, ctx, pending).find((x) => x.value === input.value);
        if (o) return { ok: true, patch: write<D>(c.field, o.value) };
      }
      return wrongKind(input, 'engine.retry.choice');
    },
  };
}

/**
 * A question answered by tapping one of `options` (typing its label, its number or one of its words works
 * too). The option values must be values of `field`. `fromText` maps what free-text understanding found (e.g.
 * a category) to an option value. `freeTextForStaff` lets a stuck citizen answer in their own words: the
 * answer then is this value (or what the function makes of the words), the words kept for staff to confirm —
 * and written into `wordsAlsoIn` too, when a later step would otherwise ask for them again (the booking's note).
 */
export function choice<D, X = unknown, K extends keyof D & string = keyof D & string, P = never>(
  c: Common<D, X, P> & {
    field: K;
    options: Options<D, X, P, NonNullable<D[K]> & string>;
    fromText?: (u: Understanding) => string | undefined;
    freeTextForStaff?: (NonNullable<D[K]> & string) | ((text: string) => NonNullable<D[K]> & string);
    wordsAlsoIn?: FieldFor<D, string>;
  },
): Step<D, X, P> {
  return choiceOf(c);
}

/**
 * A free-text answer of at least `min` characters; `optional` adds a skip chip (answer ''). A longer answer than
 * `max` is never refused (the citizen is not asked to shorten what they already sent): the step keeps its first
 * `max` characters, and the conversation record keeps the whole message for staff.
 */
export function text<D, X = unknown>(c: Common<D, X> & { field: FieldFor<D, string>; min?: number; max?: number; optional?: boolean }): Step<D, X> {
  const min = c.min ?? 1;
  const max = c.max ?? 1000;
  return {
    ...base(c, 'engine.hint.text'),
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, undefined, c.optional ? [skipChoice()] : []),
    accept(input) {
      if (c.optional && input.kind === 'option' && input.value === SKIP) return { ok: true, patch: write<D>(c.field, '') };
      if (input.kind !== 'text') return wrongKind(input, 'engine.retry.text');
      const value = input.text.trim();
      // Emoji or punctuation alone say nothing staff could use.
      if (!/[\p{L}\p{N}]/u.test(value)) return value ? reject('engine.retry.text') : reject('engine.retry.tooShort', { min });
      if (value.length < min) return reject('engine.retry.tooShort', { min });
      return { ok: true, patch: write<D>(c.field, value.slice(0, max)) };
    },
  };
}

const NAME_REASONS = {
  markup: 'engine.retry.nameSymbols',
  titleOnly: 'engine.retry.nameTitleOnly',
  sentence: 'engine.retry.name',
  noLetters: 'engine.retry.name',
  digits: 'engine.retry.name',
  self: 'engine.retry.nameSelf',
} as const;

/**
 * Answers that are no name: a citizen who reads "ขอถามข้อมูลสั้น ๆ ไม่กี่ข้อ" may answer "ได้ค่ะ" or "ตกลง" to the
 * name question. Compared whole, as typed words are (`comparable`).
 */
const NOT_A_NAME = new Set(
  [
    ...ANSWER_WORDS.yes,
    ...ANSWER_WORDS.confirm,
    ...ANSWER_WORDS.done,
    ...ANSWER_WORDS.edit,
    ...['ยอมรับ', 'ยินยอม', 'รับทราบ', 'เข้าใจแล้ว', 'ได้เลย', 'ขอบคุณ', 'okay', 'sure', 'thanks', 'thank you'],
  ].map(comparable),
);

/** Words of someone who has no phone number to give. */
const NO_PHONE = [...ANSWER_WORDS.skip, 'ไม่มีโทรศัพท์', 'ไม่มีเบอร์', 'ไม่มีเบอร์โทร', 'ไม่มีมือถือ', 'ไม่ได้ใช้โทรศัพท์', 'no phone'];

/** Words saying what someone is called when the real name is not known ("เรียกยายแก้ว", "ชื่อเล่นว่าแดง"). */
const NICKNAME = /เรียก|ชื่อเล่น|called|nickname/iu;

/**
 * A person's name, with a title or kinship word if given ("นางสมศรี ใจดี", "ลุงแก้ว"); "ชื่อ…" lead-ins and
 * particles dropped. A sentence, a question, markup or a phone number is refused with an example of a name.
 * `unknown` adds a chip (answer '') for when the name is not known; `optional` a skip chip (answer '').
 */
export function personName<D, X = unknown>(
  c: Common<D, X> & {
    field: FieldFor<D, string>;
    optional?: boolean;
    unknown?: (data: D) => MessageKey | undefined;
    /**
     * The answers that change when the citizen answers "ตัวเอง" (myself) where someone else's name was asked: the
     * step stays, asking their own name. Without it (or when it gives nothing), "ตัวเอง" is asked for a name.
     */
    itIsMe?: (data: D) => Partial<D> | undefined;
  },
): Step<D, X> {
  const chips = (d: D): OptionChoice[] => {
    const unknown = c.unknown?.(d);
    return [
      ...(unknown
        ? [
            {
              kind: 'option' as const,
              label: { key: unknown },
              value: UNKNOWN,
              means: 'unsure' as const,
              words: [...ANSWER_WORDS.unsure, 'ไม่ทราบชื่อ', 'ไม่รู้ชื่อ'],
            },
          ]
        : []),
      ...(c.optional ? [skipChoice()] : []),
    ];
  };
  return {
    ...base(c, 'engine.hint.name'),
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, undefined, chips(d)),
    accept(input, d) {
      if (input.kind === 'option' && chips(d).some((x) => x.value === input.value)) {
        // "ไม่รู้ชื่อจริง เรียกยายแก้ว": no name, but what people call her is worth keeping for staff, as typed.
        const calledBy = input.value === UNKNOWN && input.typed && NICKNAME.test(input.typed) ? input.typed.trim() : '';
        return { ok: true, patch: write<D>(c.field, calledBy.slice(0, 120)) };
      }
      if (input.kind !== 'text') return wrongKind(input, 'engine.retry.name');
      if (NOT_A_NAME.has(comparable(input.text))) return reject('engine.retry.nameSelf');
      const r = parsePersonName(input.text);
      const me = !r.ok && r.reason === 'self' ? c.itIsMe?.(d) : undefined;
      if (me) return { ok: 'stay', patch: me };
      if (!r.ok) return reject(NAME_REASONS[r.reason]);
      return { ok: true, patch: write<D>(c.field, r.value.slice(0, 120)) };
    },
  };
}

/**
 * A Thai phone number (mobile or landline, Thai digits, dashes, +66 all accepted), alone or inside a sentence
 * ("เบอร์ลูกสาวนะคะ 089 765 4321"); stored as 0XXXXXXXXX. `none`: the label of a chip for someone with no phone
 * (answer ''), also taken from words ("ไม่มีโทรศัพท์ค่ะ ใช้ไลน์ของหลาน") unless a number is in them.
 */
export function phone<D, X = unknown>(c: Common<D, X> & { field: FieldFor<D, string>; none?: MessageKey }): Step<D, X> {
  const chips: OptionChoice[] = c.none ? [{ kind: 'option', label: { key: c.none }, value: SKIP, words: NO_PHONE }] : [];
  return {
    ...base(c, 'engine.hint.phone'),
    numeric: true,
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, undefined, chips),
    accept(input) {
      if (input.kind === 'option' && c.none && input.value === SKIP) {
        const typed = input.typed ? findPhone(input.typed) : undefined;
        return { ok: true, patch: write<D>(c.field, typed?.ok ? typed.value : '') };
      }
      if (input.kind !== 'text') return wrongKind(input, 'engine.retry.phone');
      const r = findPhone(input.text);
      if (!r.ok) return reject('engine.retry.phone');
      return { ok: true, patch: write<D>(c.field, r.value) };
    },
  };
}

/**
 * A Thai national ID (13 digits, check digit verified; Thai digits, spaces and dashes accepted), optional with a
 * skip chip (answer ''). A wrong one is explained with the reason and asked again.
 */
export function nationalId<D, X = unknown>(c: Common<D, X> & { field: FieldFor<D, string> }): Step<D, X> {
  return {
    ...base(c, 'engine.hint.nationalId'),
    numeric: true,
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, undefined, [skipChoice()]),
    accept(input) {
      if (input.kind === 'option' && input.value === SKIP) return { ok: true, patch: write<D>(c.field, '') };
      if (input.kind !== 'text') return wrongKind(input, 'engine.retry.nationalId');
      const whole = parseNationalId(input.text);
      const r = whole.ok || whole.reason !== 'format' ? whole : findNationalId(input.text);
      if (!r.ok) return reject(r.reason === 'checksum' ? 'engine.retry.nationalIdChecksum' : 'engine.retry.nationalId');
      return { ok: true, patch: write<D>(c.field, r.value) };
    },
  };
}

/** An age in years, or a birth year in พ.ศ. or ค.ศ.; `unknown` adds a "don't know" chip (answer null). */
export function age<D, X = unknown>(c: Common<D, X> & { field: FieldFor<D, number | null>; unknown?: boolean }): Step<D, X> {
  return {
    ...base(c, 'engine.hint.age'),
    numeric: true,
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, undefined, c.unknown ? [unsureChoice('common.dontKnow')] : []),
    accept(input, _d, ctx) {
      if (c.unknown && input.kind === 'option' && input.value === UNKNOWN) return { ok: true, patch: write<D>(c.field, null) };
      if (input.kind !== 'text') return wrongKind(input, 'engine.retry.age');
      const r = parseAgeOrBirthYear(input.text, ctx.now);
      if (!r.ok) return reject(r.reason === 'future' ? 'engine.retry.ageFuture' : 'engine.retry.age');
      return { ok: true, patch: write<D>(c.field, r.age) };
    },
  };
}

/** A place: LINE's location sharing, or an address typed as text; optional (skip → null). */
export function location<D, X = unknown>(c: Common<D, X> & { field: FieldFor<D, Place | null> }): Step<D, X> {
  return {
    ...base(c, 'engine.hint.location'),
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, undefined, [{ kind: 'location', label: { key: 'common.shareLocation' } }, skipChoice()]),
    accept(input) {
      if (input.kind === 'option' && input.value === SKIP) return { ok: true, patch: write<D>(c.field, null) };
      if (input.kind === 'location') {
        const { latitude, longitude, address, title } = input;
        const place: Place = { latitude, longitude, address, title };
        return { ok: true, patch: write<D>(c.field, place) };
      }
      if (
        input.kind === 'text' &&
        input.text.trim().length >= 3 &&
        /[\u0E01-\u0E2E\p{Script=Latin}\d]{2}/u.test(input.text) &&
        !/<[a-z/!]/i.test(input.text)
      ) {
        return { ok: true, patch: write<D>(c.field, { address: input.text.trim() } satisfies Place) };
      }
      return wrongKind(input, 'engine.retry.location');
    },
  };
}

/** The photos received so far, while the photo step waits for more. */
export interface PhotosPending {
  sent: string[];
}

/** Photos: each image sent is kept; "done" (or skip) moves on. At most 5. */
export function photos<D, X = unknown>(c: Common<D, X, PhotosPending> & { field: FieldFor<D, string[]> }): Step<D, X, PhotosPending> {
  return {
    ...base(c, 'engine.hint.photo'),
    ask: (d, ctx, pending) => {
      const sent = pending?.sent ?? [];
      const chips: Choice[] = [
        { kind: 'camera', label: { key: 'common.camera' } },
        { kind: 'cameraRoll', label: { key: 'common.cameraRoll' } },
        sent.length > 0 ? { kind: 'option', label: { key: 'common.done' }, value: SKIP, words: ANSWER_WORDS.done } : skipChoice(),
      ];
      if (sent.length === 0) return promptSays(c.prompt, d, ctx, pending, chips);
      return [{ kind: 'text', text: { key: 'engine.photoReceived', params: { count: sent.length } }, choices: chips }];
    },
    accept(input, _d, _ctx, pending) {
      const sent = pending?.sent ?? [];
      if (input.kind === 'option' && input.value === SKIP) return { ok: true, patch: write<D>(c.field, sent) };
      if (input.kind === 'image') {
        // Stay on this step (the field stays empty) until the citizen says they are done; at most 5 photos.
        const all = [...sent, input.lineMessageId].slice(0, 5);
        if (all.length >= 5) return { ok: true, patch: write<D>(c.field, all) };
        return { ok: 'stay', pending: { sent: all } };
      }
      return wrongKind(input, 'engine.retry.photo');
    },
  };
}

/** The summary: confirm, change an answer, or cancel. `summary` draws the card. */
export function confirm<D, X = unknown>(c: { summary: (data: D, ctx: StepContext<X>) => Say[] }): Step<D, X> {
  const choices: Choice[] = [
    { kind: 'option', label: { key: 'common.confirm' }, value: 'confirm', means: 'confirm', words: ANSWER_WORDS.confirm },
    { kind: 'option', label: { key: 'common.edit' }, value: 'edit', means: 'deny', words: ANSWER_WORDS.edit },
    { kind: 'say', label: { key: 'common.cancel' } },
  ];
  return {
    ask: (d, ctx) => promptSays((data: D) => c.summary(data, ctx), d, ctx, undefined, choices),
    accept(input) {
      if (input.kind === 'option' && input.value === 'confirm') return { ok: true, patch: {} };
      return wrongKind(input, 'engine.retry.confirm');
    },
    next: () => 'submit',
  };
}

export type YesNoUnsure = 'yes' | 'no' | 'unsure';

/**
 * Yes / no / not sure, answered 'yes' | 'no' | 'unsure'. Typed ใช่, มี, ได้ (and Northern แม่น, เจ้า); ไม่,
 * ไม่มี, บ่; ไม่แน่ใจ, ไม่รู้, บ่ฮู้ all work (src/vocabulary/words.ts), as do the intents confirm / deny / unsure.
 */
export function yesNoUnsure<D, X = unknown>(
  c: Common<D, X> & { field: FieldFor<D, YesNoUnsure>; labels: Record<YesNoUnsure, MessageKey> },
): Step<D, X> {
  return choiceOf<D, X, never>({
    ...c,
    options: [
      { value: 'yes', label: { key: c.labels.yes }, means: 'confirm', words: ANSWER_WORDS.yes },
      { value: 'no', label: { key: c.labels.no }, means: 'deny', words: ANSWER_WORDS.no },
      { value: 'unsure', label: { key: c.labels.unsure }, means: 'unsure', words: ANSWER_WORDS.unsure },
    ],
  });
}

const MULTIPLIERS: Record<string, number> = { ล้าน: 1_000_000, แสน: 100_000, หมื่น: 10_000, พัน: 1_000, k: 1_000 };
const MULTIPLIER = '(ล้าน|แสน|หมื่น|พัน|k)?';

/** A number typed as digits (Thai or Arabic, with commas), words, or with หมื่น/แสน/ล้าน ("5 หมื่น", "1.5 แสน", "สามคน"). */
export function parseAmount(text: string): number | undefined {
  const norm = toArabicDigits(text)
    .toLowerCase()
    .replace(/(\d),(?=\d{3})/g, '$1');
  if (/^\s*(?:ยัง)?(ไม่มี|ไม่เคย|บ่มี|บ่เคย|none|never|no)(?![\d])/.test(norm) && !/\d/.test(norm)) return 0;
  const digits = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*${MULTIPLIER}`).exec(norm);
  if (digits) return Math.round(Number(digits[1]) * (digits[2] ? MULTIPLIERS[digits[2]] : 1));
  const words = new RegExp(`(${THAI_NUMBER_WORDS_PATTERN})${MULTIPLIER}`).exec(norm);
  const n = words ? parseThaiNumberWords(words[1]) : null;
  if (n === null || !words) return undefined;
  return n * (words[2] ? MULTIPLIERS[words[2]] : 1);
}

/** A number (an amount of baht, a count) between `min` and `max`; `unknown` adds a "not sure" chip (answer null). */
export function amount<D, X = unknown>(
  c: Common<D, X> & { field: FieldFor<D, number | null>; min?: number; max?: number; retry: MessageKey; unknown?: MessageKey },
): Step<D, X> {
  return {
    ...base(c, 'engine.hint.amount'),
    numeric: true,
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, undefined, c.unknown ? [unsureChoice(c.unknown)] : []),
    accept(input) {
      if (c.unknown && input.kind === 'option' && input.value === UNKNOWN) return { ok: true, patch: write<D>(c.field, null) };
      if (input.kind !== 'text') return wrongKind(input, c.retry);
      const n = parseAmount(input.text);
      if (n === undefined || (c.min !== undefined && n < c.min) || (c.max !== undefined && n > c.max)) return reject(c.retry);
      return { ok: true, patch: write<D>(c.field, n) };
    },
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The date step's scratch: a week the citizen typed ("อาทิตย์หน้า"), while the step offers that week's days
 * (its Monday, `from`); or the two days an ambiguous day could mean ("วันจันทร์หน้า" on a Sunday), while the
 * step asks which (`choose`, and `from` the first of them).
 */
export interface WeekPending {
  from: string;
  choose?: readonly string[];
}

/**
 * A calendar date (`YYYY-MM-DD`): picked in LINE's date picker (between `range`), tapped from `suggest`
 * (options whose value is a date; other options, e.g. "I cannot come", are stored as their value), or typed
 * ("พรุ่งนี้", "วันจันทร์หน้า", "15 ธ.ค.", "15/12/2569", Thai digits). `refuse` explains why a date cannot be
 * taken (a holiday, a full day); the question is then asked again. A typed week ("อาทิตย์หน้า") keeps the step
 * with the week's Monday as its scratch ({@link WeekPending}), which `prompt` and `suggest` receive.
 */
export function date<D, X = unknown>(
  c: Common<D, X, WeekPending> & {
    field: FieldFor<D, string>;
    picker: MessageKey;
    retry: MessageKey;
    range: (data: D, ctx: StepContext<X>) => { min: string; max: string };
    suggest?: (data: D, ctx: StepContext<X>, pending: WeekPending | undefined) => Option[];
    refuse?: (date: string, data: D, ctx: StepContext<X>) => { reason: MessageKey; params?: Params } | undefined;
  },
): Step<D, X, WeekPending> {
  const take = (iso: string, d: D, ctx: StepContext<X>): Accept<D, WeekPending> => {
    const refused = c.refuse?.(iso, d, ctx);
    if (refused) return { ok: false, reason: refused.reason, params: refused.params };
    return { ok: true, patch: write<D>(c.field, iso) };
  };
  return {
    ...base(c, 'engine.hint.date'),
    ask(d, ctx, pending) {
      if (pending?.choose) {
        const days = pending.choose.map((iso) => ({
          kind: 'option' as const,
          value: iso,
          label: { literal: formatThaiDate(iso, { locale: ctx.locale, style: 'short', weekday: true }) },
        }));
        const [first = '', second = ''] = pending.choose.map((iso) => formatThaiDate(iso, { locale: ctx.locale, weekday: true }));
        return [{ kind: 'text', text: { key: 'engine.date.which', params: { first, second } }, choices: days }];
      }
      const options = c.suggest?.(d, ctx, pending) ?? [];
      const { min, max } = c.range(d, ctx);
      const dates = options.filter((o) => ISO_DATE.test(o.value));
      const picker: Choice = { kind: 'date', label: { key: c.picker }, value: c.field, min, max };
      const chips: Choice[] = [
        ...dates.map((o) => ({ kind: 'option' as const, ...o })),
        picker,
        ...options.filter((o) => !ISO_DATE.test(o.value)).map((o) => ({ kind: 'option' as const, ...o })),
      ];
      return promptSays(c.prompt, d, ctx, pending, chips);
    },
    accept(input, d, ctx, pending) {
      if (input.kind === 'date') return take(input.date.slice(0, 10), d, ctx);
      if (input.kind === 'option') {
        if (ISO_DATE.test(input.value)) return take(input.value, d, ctx);
        const o = (c.suggest?.(d, ctx, pending) ?? []).find((x) => x.value === input.value);
        if (o) return { ok: true, patch: write<D>(c.field, o.value) };
      }
      if (input.kind !== 'text') return wrongKind(input, c.retry);
      const r = parseThaiDate(input.text, ctx.now);
      if (!r.ok) return reject(c.retry);
      if (r.precision === 'week') return { ok: 'stay', pending: { from: r.date } };
      // "วันจันทร์หน้า" typed on a Sunday: tomorrow or a week later? Ask with the actual dates.
      if (r.alternative && !pending?.choose) return { ok: 'stay', pending: { from: r.date, choose: [r.date, r.alternative] } };
      return take(r.date, d, ctx);
    },
  };
}
