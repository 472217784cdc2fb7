/**
 * The flow interpreter: walks a flow's steps, asking, accepting and skipping what is already known. Pure:
 * it returns the new state and what to say; the caller stores the state and runs the flow's submit action.
 * Generic in the flow's answers `D` and services `X`, so a flow's steps see their own types; typed text comes
 * with what the caller's free-text understanding already read from it (the engine does not run the NLU).
 */
import type { Understanding } from '../nlu';
import { matchOption } from './matchOption';
import type { Choice, Flow, FlowState, Incoming, Prefill, Say, Step, StepContext } from './types';

export type Outcome<D extends object = object> =
  /** Waiting for the citizen's next answer at `state.step`. */
  | { kind: 'ask'; state: FlowState<D>; say: Say[] }
  /** Every needed answer is in `state.data` and the citizen confirmed: the caller runs the flow's action. */
  | { kind: 'submit'; state: FlowState<D>; say: Say[] };

/** The value a choice sends to open the list of answers that can be changed from the summary. */
export const EDIT = 'edit';
/** Prefix of the value that picks one answer to change (`edit:<step>`). */
export const EDIT_PREFIX = 'edit:';

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
  if (input.kind === 'option' && input.step && input.step !== state.step) {
    return { kind: 'ask', state, say: [{ kind: 'text', text: { key: 'engine.staleButton' } }, ...step.ask(state.data, ctx, pending)] };
  }
  if (input.kind === 'option' && flow.editable) {
    if (input.value === EDIT) return { kind: 'ask', state, say: [editMenu(flow)] };
    if (input.value.startsWith(EDIT_PREFIX)) return edit(flow, state, input.value.slice(EDIT_PREFIX.length), ctx);
  }
  const verdict = step.accept(resolveTyped(step, input, understood, state.data, ctx, pending), state.data, ctx, pending);
  if (verdict.ok === 'stay') {
    const data = merge(state.data, verdict.patch ?? {});
    const stayed: FlowState<D> = { ...leave(state), data, ...(verdict.pending === undefined ? {} : { pending: verdict.pending }) };
    return { kind: 'ask', state: stayed, say: step.ask(data, ctx, stayed.pending) };
  }
  if (!verdict.ok) {
    return { kind: 'ask', state, say: [{ kind: 'text', text: { key: verdict.reason, params: verdict.params } }, ...step.ask(state.data, ctx, pending)] };
  }
  const cleared = (step.clears ?? []).filter((f) => !(f in verdict.patch));
  const data = without(merge(state.data, verdict.patch), cleared);
  const history = [...state.history.filter((s) => s !== state.step), state.step];
  const next = nextOf(flow, state.step, data);
  return walk(flow, { ...leave(state), data, history }, next, ctx, step.after?.(data) ?? []);
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

/** The state without the current step's scratch: the step is being left. */
function leave<D extends object>(state: FlowState<D>): FlowState<D> {
  const { pending: _dropped, ...rest } = state;
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
): Incoming {
  if (input.kind !== 'text') return input;
  const offered = step
    .ask(data, ctx, pending)
    .flatMap((s) => s.choices ?? [])
    .filter((c): c is Extract<Choice, { kind: 'option' }> => c.kind === 'option');
  if (offered.length === 0 && !step.fromText) return input;
  const value = matchOption(input.text, offered, understood?.intent) ?? (understood ? step.fromText?.(understood) : undefined);
  return value === undefined ? input : { kind: 'option', value };
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
