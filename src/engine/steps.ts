/**
 * Step builders: every kind of question a flow asks (a choice, free text, a phone number, an age, a place,
 * a photo, the summary to confirm) is a `Step` made here from a few lines of flow data.
 */
import type { MessageKey } from '../i18n';
import { parsePhone } from '../domain/thai/phone';
import { parseAgeOrBirthYear } from '../domain/thai/ageParsing';
import type { Understanding } from '../nlu';
import type { Accept, Choice, Incoming, Label, Say, Step, StepContext } from './types';

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
    { kind: 'say', label: { key: 'common.cancel' }, text: 'ยกเลิก' },
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
