/**
 * Step builders: every kind of question a flow asks (a choice, free text, a phone number, an age, a place,
 * a photo, the summary to confirm) is a `Step` made here from a few lines of flow data.
 */
import type { MessageKey } from '../i18n';
import { parsePhone } from '../domain/thai/phone';
import { parseNationalId } from '../domain/thai/nationalId';
import { parseAgeOrBirthYear } from '../domain/thai/ageParsing';
import { parseThaiDate } from '../domain/thai/dateParsing';
import { toArabicDigits } from '../domain/thai/digits';
import { parseThaiNumberWords, THAI_NUMBER_WORDS_PATTERN } from '../domain/thai/numberWords';
import type { Understanding } from '../nlu';
import type { Accept, Choice, Incoming, Label, Params, Say, Step, StepContext } from './types';

type OptionChoice = Extract<Choice, { kind: 'option' }>;
type Prompt<D> = MessageKey | ((data: D, ctx: StepContext) => Say[]);

interface Common<D> {
  field: keyof D & string;
  prompt: Prompt<D>;
  next?: (data: D) => string | 'submit';
  skip?: (data: D) => boolean;
  clears?: (keyof D & string)[];
  after?: (data: D) => Say[];
}

/** The value a "skip" chip sends for optional questions. */
export const SKIP = 'skip';

function promptSays<D>(prompt: Prompt<D>, data: D, ctx: StepContext, choices: Choice[]): Say[] {
  const says: Say[] = typeof prompt === 'function' ? prompt(data, ctx) : [{ kind: 'text', text: { key: prompt } }];
  if (choices.length === 0) return says;
  const last = says[says.length - 1];
  return [...says.slice(0, -1), { ...last, choices: [...(last.choices ?? []), ...choices] }];
}

const skipChoice = (label: MessageKey = 'common.skip'): OptionChoice => ({ kind: 'option', label: { key: label }, value: SKIP, words: ['ข้าม', 'ไม่มี', 'ไม่ส่ง', 'skip', 'no'] });
const reject = (reason: MessageKey, params?: Record<string, string | number>): Accept<never> => ({ ok: false, reason, params });

/** Fills the common parts of a step. */
function base<D>(c: Common<D>): Pick<Step<D>, 'field' | 'next' | 'skip' | 'clears' | 'after'> {
  return { field: c.field, next: c.next, skip: c.skip, clears: c.clears, after: c.after };
}

/** Why non-text input was refused at a step that wants something else. */
function wrongKind(input: Incoming, expected: MessageKey): Accept<never> {
  if (input.kind === 'media' && input.mediaType === 'sticker') return reject('engine.retry.sticker');
  // A photo, voice message or file where words were asked: it is kept for staff; the question still stands.
  if (input.kind === 'image' || input.kind === 'media') return reject('engine.retry.fileKept');
  return reject(expected);
}

export interface Option {
  value: string;
  label: Label;
  words?: string[];
  means?: string;
}

/**
 * A question answered by tapping one of `options` (typing its label, its number or one of its words works
 * too). `fromText` maps what free-text understanding found (e.g. a category) to an option value.
 */
export function choice<D>(
  c: Common<D> & { options: Option[] | ((data: D, ctx: StepContext) => Option[]); fromText?: (u: Understanding) => string | undefined; optional?: boolean },
): Step<D> {
  const options = (d: D, ctx: StepContext) => (typeof c.options === 'function' ? c.options(d, ctx) : c.options);
  return {
    ...base(c),
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, options(d, ctx).map((o) => ({ kind: 'option', ...o }))),
    fromText: c.fromText,
    accept(input, d, ctx) {
      if (input.kind === 'option') {
        const o = options(d, ctx).find((x) => x.value === input.value);
        if (o) return { ok: true, patch: { [c.field]: o.value } as Partial<D> };
      }
      return wrongKind(input, 'engine.retry.choice');
    },
  };
}

/** A free-text answer between `min` and `max` characters; `optional` adds a skip chip (answer ''). */
export function text<D>(c: Common<D> & { min?: number; max?: number; optional?: boolean }): Step<D> {
  const min = c.min ?? 1;
  const max = c.max ?? 1000;
  return {
    ...base(c),
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, c.optional ? [skipChoice()] : []),
    accept(input) {
      if (c.optional && input.kind === 'option' && input.value === SKIP) return { ok: true, patch: { [c.field]: '' } as Partial<D> };
      if (input.kind !== 'text') return wrongKind(input, 'engine.retry.text');
      const value = input.text.trim();
      if (value.length < min) return reject('engine.retry.tooShort', { min });
      if (value.length > max) return reject('engine.retry.tooLong', { max });
      return { ok: true, patch: { [c.field]: value } as Partial<D> };
    },
  };
}

/** A Thai phone number (mobile or landline, Thai digits, dashes, +66 all accepted); stored as 0XXXXXXXXX. */
export function phone<D>(c: Common<D>): Step<D> {
  return {
    ...base(c),
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, []),
    accept(input) {
      if (input.kind !== 'text') return wrongKind(input, 'engine.retry.phone');
      const r = parsePhone(input.text);
      if (!r.ok) return reject('engine.retry.phone');
      return { ok: true, patch: { [c.field]: r.value } as Partial<D> };
    },
  };
}

/**
 * A Thai national ID (13 digits, check digit verified; Thai digits, spaces and dashes accepted), optional with a
 * skip chip (answer ''). A wrong one is explained with the reason and asked again.
 */
export function nationalId<D>(c: Common<D>): Step<D> {
  return {
    ...base(c),
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, [skipChoice()]),
    accept(input) {
      if (input.kind === 'option' && input.value === SKIP) return { ok: true, patch: { [c.field]: '' } as Partial<D> };
      if (input.kind !== 'text') return wrongKind(input, 'engine.retry.nationalId');
      const r = parseNationalId(input.text);
      if (!r.ok) return reject(r.reason === 'checksum' ? 'engine.retry.nationalIdChecksum' : 'engine.retry.nationalId');
      return { ok: true, patch: { [c.field]: r.value } as Partial<D> };
    },
  };
}

/** An age in years, or a birth year in พ.ศ. or ค.ศ.; `unknown` adds a "don't know" chip (answer null). */
export function age<D>(c: Common<D> & { unknown?: boolean }): Step<D> {
  const unknownChoice: OptionChoice = { kind: 'option', label: { key: 'common.dontKnow' }, value: 'unknown', means: 'unsure', words: ['ไม่รู้', 'ไม่ทราบ', 'ไม่แน่ใจ'] };
  return {
    ...base(c),
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, c.unknown ? [unknownChoice] : []),
    accept(input, _d, ctx) {
      if (c.unknown && input.kind === 'option' && input.value === 'unknown') return { ok: true, patch: { [c.field]: null } as Partial<D> };
      if (input.kind !== 'text') return wrongKind(input, 'engine.retry.age');
      const r = parseAgeOrBirthYear(input.text, ctx.now);
      if (!r.ok) return reject(r.reason === 'future' ? 'engine.retry.ageFuture' : 'engine.retry.age');
      return { ok: true, patch: { [c.field]: r.age } as Partial<D> };
    },
  };
}

/** A place: LINE's location sharing, or an address typed as text; optional (skip → null). */
export function location<D>(c: Common<D>): Step<D> {
  return {
    ...base(c),
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, [{ kind: 'location', label: { key: 'common.shareLocation' } }, skipChoice()]),
    accept(input) {
      if (input.kind === 'option' && input.value === SKIP) return { ok: true, patch: { [c.field]: null } as Partial<D> };
      if (input.kind === 'location') {
        const { latitude, longitude, address, title } = input;
        return { ok: true, patch: { [c.field]: { latitude, longitude, address, title } } as Partial<D> };
      }
      if (input.kind === 'text' && input.text.trim().length >= 3) return { ok: true, patch: { [c.field]: { address: input.text.trim() } } as Partial<D> };
      return wrongKind(input, 'engine.retry.location');
    },
  };
}

/** Photos: each image sent is kept; "done" (or skip) moves on. */
export function photos<D>(c: Common<D>): Step<D> {
  const pendingKey = `${c.field}__pending`;
  return {
    ...base(c),
    ask: (d, ctx) => {
      const sent = ((d as Record<string, unknown>)[pendingKey] as string[] | undefined) ?? [];
      const chips: Choice[] = [
        { kind: 'camera', label: { key: 'common.camera' } },
        { kind: 'cameraRoll', label: { key: 'common.cameraRoll' } },
        sent.length > 0 ? { kind: 'option', label: { key: 'common.done' }, value: SKIP, words: ['เสร็จ', 'ครบแล้ว', 'หมดแล้ว', 'done'] } : skipChoice(),
      ];
      if (sent.length === 0) return promptSays(c.prompt, d, ctx, chips);
      return [{ kind: 'text', text: { key: 'engine.photoReceived', params: { count: sent.length } }, choices: chips }];
    },
    accept(input, d) {
      const sent = ((d as Record<string, unknown>)[pendingKey] as string[] | undefined) ?? [];
      if (input.kind === 'option' && input.value === SKIP) return { ok: true, patch: { [c.field]: sent, [pendingKey]: undefined } as Partial<D> };
      if (input.kind === 'image') {
        // Stay on this step (the field stays empty) until the citizen says they are done; at most 5 photos.
        const all = [...sent, input.lineMessageId].slice(0, 5);
        if (all.length >= 5) return { ok: true, patch: { [c.field]: all, [pendingKey]: undefined } as Partial<D> };
        return { ok: 'stay', patch: { [pendingKey]: all } as Partial<D> };
      }
      return wrongKind(input, 'engine.retry.photo');
    },
  };
}

/** The summary: confirm, change an answer, or cancel. `summary` draws the card. */
export function confirm<D>(c: { summary: (data: D, ctx: StepContext) => Say[] }): Step<D> {
  const choices: Choice[] = [
    { kind: 'option', label: { key: 'common.confirm' }, value: 'confirm', means: 'confirm', words: ['ยืนยัน', 'ตกลง', 'โอเค', 'ok', 'ถูกต้อง', 'ใช่', 'ใช่เลย', 'ส่งเลย', 'yes'] },
    { kind: 'option', label: { key: 'common.edit' }, value: 'edit', means: 'deny', words: ['แก้', 'แก้ไข', 'เปลี่ยน', 'ไม่ถูก', 'ผิด'] },
    { kind: 'say', label: { key: 'common.cancel' } },
  ];
  return {
    ask: (d, ctx) => promptSays((data: D) => c.summary(data, ctx), d, ctx, choices),
    accept(input) {
      if (input.kind === 'option' && input.value === 'confirm') return { ok: true, patch: {} };
      return wrongKind(input, 'engine.retry.confirm');
    },
    next: () => 'submit',
  };
}

/**
 * Yes / no / not sure, answered 'yes' | 'no' | 'unsure'. Typed ใช่, มี, ได้ (and Northern แม่น, เจ้า); ไม่,
 * ไม่มี, บ่; ไม่แน่ใจ, ไม่รู้, บ่ฮู้ all work, as do the intents confirm / deny / unsure.
 */
export function yesNoUnsure<D>(c: Common<D> & { labels: { yes: MessageKey; no: MessageKey; unsure: MessageKey } }): Step<D> {
  return choice({
    ...c,
    options: [
      { value: 'yes', label: { key: c.labels.yes }, means: 'confirm', words: ['ใช่', 'มี', 'ได้', 'เป็น', 'ถูก', 'ถูกต้อง', 'แม่น', 'แม่นแล้ว', 'เจ้า', 'ค่ะ', 'ครับ', 'yes', 'y'] },
      { value: 'no', label: { key: c.labels.no }, means: 'deny', words: ['ไม่', 'ไม่ใช่', 'ไม่มี', 'ไม่ได้', 'ไม่เป็น', 'บ่', 'บ่ใช่', 'บ่มี', 'บ่ได้', 'no', 'n'] },
      { value: 'unsure', label: { key: c.labels.unsure }, means: 'unsure', words: ['ไม่แน่ใจ', 'ไม่รู้', 'ไม่ทราบ', 'บ่ฮู้', 'บ่รู้', 'ไม่แน่', 'not sure', 'unsure', "don't know", 'dont know'] },
    ],
  });
}

const unsureChoice = (label: MessageKey): OptionChoice => ({ kind: 'option', label: { key: label }, value: 'unknown', means: 'unsure', words: ['ไม่รู้', 'ไม่ทราบ', 'ไม่แน่ใจ', 'บ่ฮู้', 'not sure'] });
const MULTIPLIERS: Record<string, number> = { ล้าน: 1_000_000, แสน: 100_000, หมื่น: 10_000, พัน: 1_000, k: 1_000 };
const MULTIPLIER = '(ล้าน|แสน|หมื่น|พัน|k)?';

/** A number typed as digits (Thai or Arabic, with commas), words, or with หมื่น/แสน/ล้าน ("5 หมื่น", "1.5 แสน", "สามคน"). */
export function parseAmount(text: string): number | undefined {
  const norm = toArabicDigits(text).toLowerCase().replace(/(\d),(?=\d{3})/g, '$1');
  if (/^\s*(ไม่มี|ไม่เคย|บ่มี|บ่เคย|none|never|no)(?![\d])/.test(norm) && !/\d/.test(norm)) return 0;
  const digits = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*${MULTIPLIER}`).exec(norm);
  if (digits) return Math.round(Number(digits[1]) * (digits[2] ? MULTIPLIERS[digits[2]] : 1));
  const words = new RegExp(`(${THAI_NUMBER_WORDS_PATTERN})${MULTIPLIER}`).exec(norm);
  const n = words ? parseThaiNumberWords(words[1]) : null;
  if (n === null || !words) return undefined;
  return n * (words[2] ? MULTIPLIERS[words[2]] : 1);
}

/** A number (an amount of baht, a count) between `min` and `max`; `unknown` adds a "not sure" chip (answer null). */
export function amount<D>(c: Common<D> & { min?: number; max?: number; retry: MessageKey; unknown?: MessageKey }): Step<D> {
  return {
    ...base(c),
    ask: (d, ctx) => promptSays(c.prompt, d, ctx, c.unknown ? [unsureChoice(c.unknown)] : []),
    accept(input) {
      if (c.unknown && input.kind === 'option' && input.value === 'unknown') return { ok: true, patch: { [c.field]: null } as Partial<D> };
      if (input.kind !== 'text') return wrongKind(input, c.retry);
      const n = parseAmount(input.text);
      if (n === undefined || (c.min !== undefined && n < c.min) || (c.max !== undefined && n > c.max)) return reject(c.retry);
      return { ok: true, patch: { [c.field]: n } as Partial<D> };
    },
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date (`YYYY-MM-DD`): picked in LINE's date picker (between `range`), tapped from `suggest`
 * (options whose value is a date; other options, e.g. "I cannot come", are stored as their value), or typed
 * ("พรุ่งนี้", "วันจันทร์หน้า", "15 ธ.ค.", "15/12/2569", Thai digits). `refuse` explains why a date cannot be
 * taken (a holiday, a full day); the question is then asked again. A typed week ("อาทิตย์หน้า") keeps the step
 * and stores the week's Monday in `<field>__from` so `suggest` can offer that week's days.
 */
export function date<D>(
  c: Common<D> & {
    picker: MessageKey;
    retry: MessageKey;
    range: (data: D, ctx: StepContext) => { min: string; max: string };
    suggest?: (data: D, ctx: StepContext) => Option[];
    refuse?: (date: string, data: D, ctx: StepContext) => { reason: MessageKey; params?: Params } | undefined;
  },
): Step<D> {
  const fromKey = `${c.field}__from`;
  const take = (iso: string, d: D, ctx: StepContext): Accept<D> => {
    const refused = c.refuse?.(iso, d, ctx);
    if (refused) return { ok: false, reason: refused.reason, params: refused.params };
    return { ok: true, patch: { [c.field]: iso, [fromKey]: undefined } as Partial<D> };
  };
  return {
    ...base(c),
    ask(d, ctx) {
      const options = c.suggest?.(d, ctx) ?? [];
      const { min, max } = c.range(d, ctx);
      const dates = options.filter((o) => ISO_DATE.test(o.value));
      const picker: Choice = { kind: 'date', label: { key: c.picker }, value: c.field, min, max };
      const chips: Choice[] = [...dates.map((o) => ({ kind: 'option' as const, ...o })), picker, ...options.filter((o) => !ISO_DATE.test(o.value)).map((o) => ({ kind: 'option' as const, ...o }))];
      return promptSays(c.prompt, d, ctx, chips);
    },
    accept(input, d, ctx) {
      if (input.kind === 'date') return take(input.date.slice(0, 10), d, ctx);
      if (input.kind === 'option') {
        if (ISO_DATE.test(input.value)) return take(input.value, d, ctx);
        const o = (c.suggest?.(d, ctx) ?? []).find((x) => x.value === input.value);
        if (o) return { ok: true, patch: { [c.field]: o.value, [fromKey]: undefined } as Partial<D> };
      }
      if (input.kind !== 'text') return wrongKind(input, c.retry);
      const r = parseThaiDate(input.text, ctx.now);
      if (!r.ok) return reject(c.retry);
      if (r.precision === 'week') return { ok: 'stay', patch: { [fromKey]: r.date } as Partial<D> };
      return take(r.date, d, ctx);
    },
  };
}
