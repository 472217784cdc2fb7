/**
 * The flow interpreter: walks a flow's steps, asking, accepting and skipping what is already known. Pure:
 * it returns the new state and what to say; the caller stores the state and runs the flow's submit action.
 * Generic in the flow's answers `D` and services `X`, so a flow's steps see their own types; typed text comes
 * with what the caller's free-text understanding already read from it (the engine does not run the NLU).
 */
import type { Understanding } from '../nlu';
import { t } from '../i18n';
import { matchOption } from './matchOption';
import { resolveLabel } from './labels';
import type { Choice, Flow, FlowState, Incoming, Label, Prefill, Say, Step, StepContext } from './types';

export type Outcome<D extends object = object> =
  /**
   * Waiting for the citizen's next answer at `state.step`. `missed`: the step could not use what was sent (the
   * caller may see whether it asked for something else).
   */
  | { kind: 'ask'; state: FlowState<D>; say: Say[]; missed?: boolean }
  /** Every needed answer is in `state.data` and the citizen confirmed: the caller runs the flow's action. */
  | { kind: 'submit'; state: FlowState<D>; say: Say[] }
  /** The citizen chose to talk to staff from a step they were stuck at: the caller hands the chat to staff, keeping the flow to resume. */
  | { kind: 'staff'; state: FlowState<D>; say: Say[] };

/** The value a choice sends to open the list of answers that can be changed from the summary. */
export const EDIT = 'edit';
/** Prefix of the value that picks one answer to change (`edit:<step>`). */
export const EDIT_PREFIX = 'edit:';
/** The value of the "คุยกับเจ้าหน้าที่" option a stuck step offers. */
export const TALK_TO_STAFF = 'talk_to_staff';
/** After this many answers in a row that a step cannot use, it changes approach. */
export const STUCK_AFTER = 2;

/** Starts a flow, with answers already understood from free text filled in (their questions are skipped). */
export function startFlow<D extends object, X>(flow: Flow<D, X>, prefill: Prefill, ctx: StepContext<X>): Outcome<D> {
  const first = flow.order[0] ?? 'submit';
  const state: FlowState<D> = { flow: flow.id, version: flow.version, step: first, data: flow.prefill(prefill), history: [] };
  return walk(flow, state, first, ctx, []);
}

/**
 * Gives the citizen's input to the current step: accepted → next step; rejected → the reason and the question
 * again. `understood` is what free-text understanding read from typed text (undefined for anything else): typed
 * text is matched to the options it means before the step sees it.
 *
 * No dead ends, for every step kind: the answers a step cannot use are counted (`state.misses`); from the
 * second in a row the step changes approach ({@link stuckSays}: its options numbered, the number accepted, its
 * hint, "คุยกับเจ้าหน้าที่", and — where the step allows — the citizen's own words kept for staff), and the
 * question itself is not sent a third time. Typed text that answers a question still to come instead of this
 * one ("อยู่หมู่ 3 ครับ" while a yes/no is asked) is kept for that question, and this one asked again.
 */
export function answer<D extends object, X>(
  flow: Flow<D, X>,
  state: FlowState<D>,
  input: Incoming,
  understood: Understanding | undefined,
  ctx: StepContext<X>,
): Outcome<D> {
  const step = flow.steps[state.step];
  if (!step) return walk(flow, leave({ ...state, history: [] }), flow.order[0] ?? 'submit', ctx, []);
  const pending = state.pending ?? undefined;
  const stuck = (state.misses ?? 0) >= STUCK_AFTER;
  if (input.kind === 'option' && input.value === TALK_TO_STAFF) return toStaff(state);
  if (input.kind === 'option' && input.step && input.step !== state.step) return miss(step, state, ctx, { key: 'engine.staleButton' });
  const resolved = resolveTyped(step, input, understood, state.data, ctx, pending, stuck);
  if (resolved.kind === 'option' && resolved.value === TALK_TO_STAFF) return toStaff(state);
  if (resolved.kind === 'option' && flow.editable) {
    if (resolved.value === EDIT) return { kind: 'ask', state: leave(state), say: [editMenu(flow)] };
    if (resolved.value.startsWith(EDIT_PREFIX)) return edit(flow, state, resolved.value.slice(EDIT_PREFIX.length), ctx);
  }
  const verdict = step.accept(resolved, state.data, ctx, pending);
  if (verdict.ok === 'stay') {
    // Staying with nothing new (the same part of the day typed again) is not progress: it counts as a miss.
    if (verdict.patch === undefined && JSON.stringify(verdict.pending ?? null) === JSON.stringify(state.pending ?? null))
      return miss(step, state, ctx);
    const data = merge(state.data, verdict.patch ?? {});
    const stayed: FlowState<D> = { ...leave(state), data, ...(verdict.pending === undefined ? {} : { pending: verdict.pending }) };
    return { kind: 'ask', state: stayed, say: step.ask(data, ctx, stayed.pending) };
  }
  if (!verdict.ok) {
    if (input.kind === 'text' && stuck && step.freeTextForStaff && ownWords(input.text)) {
      const words = input.text.trim();
      const kept: FlowState<D> = { ...state, unconfirmed: { ...state.unconfirmed, [state.step]: words } };
      const note: Say = { kind: 'text', text: { key: 'engine.stuck.kept', params: { text: shorten(words) } } };
      return accepted(flow, kept, step, step.freeTextForStaff(words, state.data), ctx, [note]);
    }
    if (input.kind === 'text' && understood?.intent === 'talk_to_staff') return toStaff(state);
    const ahead = input.kind === 'text' && understood ? saidAhead(flow, state, understood.slots) : undefined;
    if (ahead) {
      // Not this question's answer, but the answer to one still to come ("อยู่หมู่ 3 ครับ"): kept, so that
      // question is not asked; this one is asked again (counted as a miss, so it is never sent three times).
      const note: Say = { kind: 'text', text: { key: 'engine.keptForLater' } };
      return miss(step, { ...state, data: merge(state.data, ahead) }, ctx, undefined, [note]);
    }
    return miss(step, state, ctx, { key: verdict.reason, params: verdict.params });
  }
  return accepted(flow, state, step, verdict.patch, ctx, []);
}

/** The step took these answers: apply them (forgetting what depends on them) and walk on. */
function accepted<D extends object, X>(
  flow: Flow<D, X>,
  state: FlowState<D>,
  step: Step<D, X, unknown>,
  patch: Partial<D>,
  ctx: StepContext<X>,
  before: Say[],
): Outcome<D> {
  const cleared = (step.clears ?? []).filter((f) => !(f in patch));
  const data = without(merge(state.data, patch), cleared);
  const history = [...state.history.filter((s) => s !== state.step), state.step];
  const next = nextOf(flow, state.step, data);
  return walk(flow, { ...leave(state), data, history }, next, ctx, [...before, ...(step.after?.(data) ?? [])]);
}

/**
 * The answer to a question still to come that typed text gives while another is asked (read as an opening
 * message is: the flow's `prefill`), with what comes with it (a village's "to confirm"); only what is not known
 * yet, never the asked question's own answer nor an earlier one. Undefined when it answers no later question.
 */
function saidAhead<D extends object, X>(flow: Flow<D, X>, state: FlowState<D>, slots: object): Partial<D> | undefined {
  const at = flow.order.indexOf(state.step);
  const fieldsOf = (steps: string[]) =>
    new Set<string>([
      ...steps.flatMap((s) => flow.steps[s]?.field ?? []),
      ...Object.entries(flow.feeds ?? {}).flatMap(([answer, s]) => (steps.includes(s) ? [answer] : [])),
    ]);
  const later = fieldsOf(flow.order.slice(at + 1));
  const notNow = fieldsOf(flow.order.slice(0, at + 1));
  const filled = flow.prefill(Object.fromEntries(Object.entries(slots)));
  const ahead = without(
    filled,
    Object.entries(filled).flatMap(([k, v]) => (v === undefined || k in state.data || notNow.has(k) ? [k] : [])),
  );
  return at >= 0 && Object.keys(ahead).some((k) => later.has(k)) ? ahead : undefined;
}

/** The chat goes to staff; the flow is kept (its step asked afresh when the citizen comes back). */
function toStaff<D extends object>(state: FlowState<D>): Outcome<D> {
  const { misses: _m, ...rest } = state;
  return { kind: 'staff', state: rest, say: [] };
}

/**
 * An answer the step cannot use: the reason and the question again the first time; from the second time in
 * a row, another approach ({@link stuckSays}), so the same question is never sent three times in a row. A
 * reason that explains this answer in particular (it has details: a date, a time) is said in any case.
 */
function miss<D extends object, X>(
  step: Step<D, X, unknown>,
  state: FlowState<D>,
  ctx: StepContext<X>,
  reason?: Label,
  before: Say[] = [],
): Outcome<D> {
  const misses = (state.misses ?? 0) + 1;
  const next: FlowState<D> = { ...state, misses };
  const why: Say[] = reason ? [...before, { kind: 'text', text: reason }] : before;
  // A reason about this very answer (a holiday named, a time already past) is still said; a generic one is not.
  const specific = reason && 'key' in reason && reason.params && Object.keys(reason.params).length > 0 ? why : before;
  if (misses >= STUCK_AFTER) return { kind: 'ask', state: next, say: [...specific, ...stuckSays(step, next, ctx)], missed: true };
  return { kind: 'ask', state: next, say: [...why, ...step.ask(state.data, ctx, state.pending ?? undefined)], missed: true };
}

/** The "คุยกับเจ้าหน้าที่" option of a stuck step. */
const staffOption = (label: Label = { key: 'engine.stuck.staff' }): OptionChoice => ({
  kind: 'option',
  label,
  value: TALK_TO_STAFF,
  means: 'talk_to_staff',
  words: ['คุยกับเจ้าหน้าที่', 'ติดต่อเจ้าหน้าที่', 'เจ้าหน้าที่', 'คุยกับคน', 'staff', 'talk to staff'],
});

/** Most chips a stuck step shows (LINE allows 13 quick replies; the bot adds ย้อนกลับ and ยกเลิก). */
const MAX_STUCK_CHIPS = 11;

/**
 * What a stuck step says instead of its question: a sorry (two wordings, alternating, so no message repeats
 * three times in a row), the step's hint, its options numbered with "คุยกับเจ้าหน้าที่" last, and — where the
 * step allows — that the citizen's own words will do. The chips are the options (numbered), the step's other
 * buttons (date picker, location, camera) and talk to staff.
 */
export function stuckSays<D extends object, X>(step: Step<D, X, unknown>, state: FlowState<D>, ctx: StepContext<X>): Say[] {
  const pending = state.pending ?? undefined;
  const chips = step.ask(state.data, ctx, pending).flatMap((s) => s.choices ?? []);
  const options = [...chips.filter(isOption), staffOption()];
  const numbered = options.map((o, i) => ({ ...o, label: { literal: `${i + 1}. ${resolveLabel(o.label, ctx.locale)}` } }));
  const others = chips.filter((c) => !isOption(c));
  const shown = [...numbered.slice(0, -1), ...others].slice(0, MAX_STUCK_CHIPS - 1);
  const hint = step.hint ? `${t(ctx.locale, step.hint)}\n` : '';
  const own = step.freeTextForStaff ? `\n${t(ctx.locale, 'engine.stuck.ownWords')}` : '';
  const list = numbered.map((o) => resolveLabel(o.label, ctx.locale)).join('\n');
  const wording = (state.misses ?? 0) % 2 === 0 ? 'engine.stuck.first' : 'engine.stuck.again';
  return [{ kind: 'text', text: { key: wording, params: { hint, list, own } }, choices: [...shown, numbered[numbered.length - 1]] }];
}

type OptionChoice = Extract<Choice, { kind: 'option' }>;
const isOption = (c: Choice): c is OptionChoice => c.kind === 'option';

/** Words worth keeping for staff: some letters, not markup. */
function ownWords(text: string): boolean {
  const t = text.trim();
  return /[\u0E01-\u0E2E\p{Script=Latin}]{2}/u.test(t) && !/[<>]/.test(t);
}

/** A long answer shortened for quoting it back. */
function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The answers with a patch applied. An answer set to undefined is no answer: dropped, or storage would keep null. */
function merge<D extends object>(data: D, patch: Partial<D>): D {
  const unset = Object.entries(patch).flatMap(([k, v]) => (v === undefined ? [k] : []));
  return without({ ...data, ...patch }, unset);
}

/** A copy of `data` without these answers. */
function without<D extends object>(data: D, keys: readonly PropertyKey[]): D {
  const copy = { ...data };
  for (const k of keys) Reflect.deleteProperty(copy, k);
  return copy;
}

/** The state without the current step's scratch and misses: the step is being left. */
function leave<D extends object>(state: FlowState<D>): FlowState<D> {
  const { pending: _dropped, misses: _misses, ...rest } = state;
  return rest;
}

/**
 * Typed text where the step offers options: the option it means (its label, number, words or intent), or the
 * option free-text understanding maps it to. Anything else is passed on as typed.
 */
function resolveTyped<D, X>(
  step: Step<D, X, unknown>,
  input: Incoming,
  understood: Understanding | undefined,
  data: D,
  ctx: StepContext<X>,
  pending: unknown,
  stuck: boolean,
): Incoming {
  if (input.kind !== 'text') return input;
  const offered = [
    ...step
      .ask(data, ctx, pending)
      .flatMap((s) => s.choices ?? [])
      .filter(isOption),
    ...(stuck ? [staffOption()] : []),
  ];
  if (offered.length === 0 && !step.fromText) return input;
  // A stuck step has shown its options numbered; otherwise a number typed at an age or amount step is the answer.
  const value =
    matchOption(input.text, offered, understood?.intent, { numbers: stuck || !step.numeric }) ??
    (understood ? step.fromText?.(understood) : undefined);
  return value === undefined ? input : { kind: 'option', value, typed: input.text };
}

/** The current question again (after a global word, a resume, or input the step cannot take). */
export function askAgain<D extends object, X>(flow: Flow<D, X>, state: FlowState<D>, ctx: StepContext<X>): Say[] {
  const step = flow.steps[state.step];
  return step ? step.ask(state.data, ctx, state.pending ?? undefined) : [];
}

/** ย้อนกลับ: the previous question, with its answer cleared. At the first question, the same question. */
export function back<D extends object, X>(flow: Flow<D, X>, state: FlowState<D>, ctx: StepContext<X>): Outcome<D> {
  const history = [...state.history];
  const prev = history.pop();
  if (!prev) return { kind: 'ask', state, say: askAgain(flow, state, ctx) };
  return reopen(flow, { ...state, history }, prev, ctx);
}

/** Changes one answer from the summary: that question again; the walk then returns through filled steps. */
export function edit<D extends object, X>(flow: Flow<D, X>, state: FlowState<D>, stepId: string, ctx: StepContext<X>): Outcome<D> {
  if (!flow.editable?.some((e) => e.step === stepId)) return { kind: 'ask', state, say: [editMenu(flow)] };
  return reopen(flow, state, stepId, ctx);
}

function reopen<D extends object, X>(flow: Flow<D, X>, state: FlowState<D>, stepId: string, ctx: StepContext<X>): Outcome<D> {
  const step = flow.steps[stepId];
  if (!step) return { kind: 'ask', state, say: askAgain(flow, state, ctx) };
  const data = without(state.data, step.field ? [step.field] : []);
  const next: FlowState<D> = { ...leave(state), step: stepId, data };
  return { kind: 'ask', state: next, say: step.ask(data, ctx) };
}

function editMenu<D extends object, X>(flow: Flow<D, X>): Say {
  return {
    kind: 'text',
    text: { key: 'engine.whichToEdit' },
    choices: (flow.editable ?? []).map((e) => ({ kind: 'option', label: { key: e.label }, value: `${EDIT_PREFIX}${e.step}` })),
  };
}

function nextOf<D extends object, X>(flow: Flow<D, X>, stepId: string, data: D): string {
  const step = flow.steps[stepId];
  if (step?.next) return step.next(data);
  const i = flow.order.indexOf(stepId);
  return flow.order[i + 1] ?? 'submit';
}

/** Moves forward from `stepId`, skipping steps whose answer is known or that do not apply. */
function walk<D extends object, X>(flow: Flow<D, X>, state: FlowState<D>, stepId: string, ctx: StepContext<X>, before: Say[]): Outcome<D> {
  let id = stepId;
  for (let guard = 0; guard < 100 && id !== 'submit'; guard++) {
    const step = flow.steps[id];
    if (!step) throw new Error(`flow ${flow.id}: unknown step ${id}`);
    const filled = step.field !== undefined && state.data[step.field] !== undefined;
    if (!filled && !step.skip?.(state.data)) {
      return { kind: 'ask', state: { ...state, step: id }, say: [...before, ...step.ask(state.data, ctx)] };
    }
    id = nextOf(flow, id, state.data);
  }
  return { kind: 'submit', state, say: before };
}
