/**
 * The flow interpreter: walks a flow's steps, asking, accepting and skipping what is already known. Pure:
 * it returns the new state and what to say; the caller stores the state and runs the flow's submit action.
 */
import { understand } from '../nlu';
import { matchOption } from './matchOption';
import type { Choice, Flow, FlowState, Incoming, Say, Step, StepContext } from './types';

export type Outcome =
  /** Waiting for the citizen's next answer at `state.step`. */
  | { kind: 'ask'; state: FlowState; say: Say[] }
  /** Every needed answer is in `state.data` and the citizen confirmed: the caller runs the flow's action. */
  | { kind: 'submit'; state: FlowState; say: Say[] };

type AnyFlow = Flow<Record<string, unknown>>;

/** The value a choice sends to open the list of answers that can be changed from the summary. */
export const EDIT = 'edit';
/** Prefix of the value that picks one answer to change (`edit:<step>`). */
export const EDIT_PREFIX = 'edit:';

/** Starts a flow, with answers already understood from free text filled in (their questions are skipped). */
export function startFlow(flow: AnyFlow, prefill: Record<string, unknown>, ctx: StepContext): Outcome {
  const data = { ...(flow.prefill?.(prefill) ?? {}) };
  const state: FlowState = { flow: flow.id, version: flow.version, step: flow.order[0], data, history: [] };
  return walk(flow, state, flow.order[0], ctx, []);
}

/** Gives the citizen's input to the current step: accepted → next step; rejected → the reason and the question again. */
export function answer(flow: AnyFlow, state: FlowState, input: Incoming, ctx: StepContext): Outcome {
  const step = flow.steps[state.step];
  if (!step) return walk(flow, { ...state, history: [] }, flow.order[0], ctx, []);
  if (input.kind === 'option' && input.step && input.step !== state.step) {
    return { kind: 'ask', state, say: [{ kind: 'text', text: { key: 'engine.staleButton' } }, ...step.ask(state.data, ctx)] };
  }
  if (input.kind === 'option' && flow.editable) {
    if (input.value === EDIT) return { kind: 'ask', state, say: [editMenu(flow)] };
    if (input.value.startsWith(EDIT_PREFIX)) return edit(flow, state, input.value.slice(EDIT_PREFIX.length), ctx);
  }
  const verdict = step.accept(resolveTyped(step, input, state.data, ctx), state.data, ctx);
  if (verdict.ok === 'stay') {
    const data: Record<string, unknown> = { ...state.data, ...verdict.patch };
    for (const [k, v] of Object.entries(verdict.patch)) if (v === undefined) delete data[k];
    return { kind: 'ask', state: { ...state, data }, say: step.ask(data, ctx) };
  }
  if (!verdict.ok) {
    return { kind: 'ask', state, say: [{ kind: 'text', text: { key: verdict.reason, params: verdict.params } }, ...step.ask(state.data, ctx)] };
  }
  const data: Record<string, unknown> = { ...state.data, ...verdict.patch };
  // An answer set to undefined is no answer: drop it, or storage would keep it as null (which counts as answered).
  for (const [k, v] of Object.entries(verdict.patch)) if (v === undefined) delete data[k];
  for (const f of step.clears ?? []) if (!(f in verdict.patch)) delete data[f];
  const history = [...state.history.filter((s) => s !== state.step), state.step];
  const next = nextOf(flow, state.step, data);
  return walk(flow, { ...state, data, history }, next, ctx, step.after?.(data) ?? []);
}

/**
 * Typed text where the step offers options: the option it means (its label, number, words or intent), or the
 * option free-text understanding maps it to. Anything else is passed on as typed.
 */
function resolveTyped(step: Step<Record<string, unknown>>, input: Incoming, data: Record<string, unknown>, ctx: StepContext): Incoming {
  if (input.kind !== 'text') return input;
  const offered = step
    .ask(data, ctx)
    .flatMap((s) => s.choices ?? [])
    .filter((c): c is Extract<Choice, { kind: 'option' }> => c.kind === 'option');
  if (offered.length === 0 && !step.fromText) return input;
  const understood = understand(input.text);
  const value = matchOption(input.text, offered, understood.intent) ?? step.fromText?.(understood);
  return value === undefined ? input : { kind: 'option', value };
}

/** The current question again (after a global word, a resume, or input the step cannot take). */
export function askAgain(flow: AnyFlow, state: FlowState, ctx: StepContext): Say[] {
  const step = flow.steps[state.step];
  return step ? step.ask(state.data, ctx) : [];
}

/** ย้อนกลับ: the previous question, with its answer cleared. At the first question, the same question. */
export function back(flow: AnyFlow, state: FlowState, ctx: StepContext): Outcome {
  const history = [...state.history];
  const prev = history.pop();
  if (!prev) return { kind: 'ask', state, say: askAgain(flow, state, ctx) };
  return reopen(flow, { ...state, history }, prev, ctx);
}

/** Changes one answer from the summary: that question again; the walk then returns through filled steps. */
export function edit(flow: AnyFlow, state: FlowState, stepId: string, ctx: StepContext): Outcome {
  if (!flow.editable?.some((e) => e.step === stepId)) return { kind: 'ask', state, say: [editMenu(flow)] };
  return reopen(flow, state, stepId, ctx);
}

function reopen(flow: AnyFlow, state: FlowState, stepId: string, ctx: StepContext): Outcome {
  const step = flow.steps[stepId];
  const data = { ...state.data };
  if (step.field) delete data[step.field];
  const next: FlowState = { ...state, step: stepId, data };
  return { kind: 'ask', state: next, say: step.ask(data, ctx) };
}

function editMenu(flow: AnyFlow): Say {
  return {
    kind: 'text',
    text: { key: 'engine.whichToEdit' },
    choices: (flow.editable ?? []).map((e) => ({ kind: 'option', label: { key: e.label }, value: `${EDIT_PREFIX}${e.step}` })),
  };
}

function nextOf(flow: AnyFlow, stepId: string, data: Record<string, unknown>): string {
  const step = flow.steps[stepId];
  if (step?.next) return step.next(data);
  const i = flow.order.indexOf(stepId);
  return flow.order[i + 1] ?? 'submit';
}

/** Moves forward from `stepId`, skipping steps whose answer is known or that do not apply. */
function walk(flow: AnyFlow, state: FlowState, stepId: string, ctx: StepContext, before: Say[]): Outcome {
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
