/**
 * Flows of different answer types held side by side. The bot stores a conversation as plain data and finds its
 * flow by id; `runnable` seals a typed `Flow<D, X>` into an object whose methods take that stored state, check it
 * belongs to this flow (id and version) and hand the interpreter a `FlowState<D>`. So the bot calls any flow
 * without knowing `D`, and no cast stands between the stored state and the flow's types.
 */
import { FlowStateError } from '../errors';
import type { Understanding } from '../nlu';
import { answer, askAgain, back, edit, startFlow, type Outcome } from './interpreter';
import type { Flow, FlowState, Incoming, Prefill, Say, StepContext } from './types';

/** A flow ready to run on stored state; `X` is the services it needs each turn. */
export interface RunnableFlow<X> {
  readonly id: string;
  readonly version: number;
  readonly order: readonly string[];
  start(prefill: Prefill, ctx: StepContext<X>): Outcome;
  answer(state: FlowState, input: Incoming, understood: Understanding | undefined, ctx: StepContext<X>): Outcome;
  askAgain(state: FlowState, ctx: StepContext<X>): Say[];
  back(state: FlowState, ctx: StepContext<X>): Outcome;
  edit(state: FlowState, stepId: string, ctx: StepContext<X>): Outcome;
}

/** Whether a stored state was made by this flow, in this version (its data then has the flow's shape). */
export function isStateOf<D extends object, X>(flow: Flow<D, X>, state: FlowState): state is FlowState<D> {
  return state.flow === flow.id && state.version === flow.version;
}

export function runnable<D extends object, X>(flow: Flow<D, X>): RunnableFlow<X> {
  const own = (state: FlowState): FlowState<D> => {
    if (!isStateOf(flow, state)) throw new FlowStateError(`state of ${state.flow} v${state.version} given to ${flow.id} v${flow.version}`);
    return state;
  };
  return {
    id: flow.id,
    version: flow.version,
    order: flow.order,
    start: (prefill, ctx) => startFlow(flow, prefill, ctx),
    answer: (state, input, understood, ctx) => answer(flow, own(state), input, understood, ctx),
    askAgain: (state, ctx) => askAgain(flow, own(state), ctx),
    back: (state, ctx) => back(flow, own(state), ctx),
    edit: (state, stepId, ctx) => edit(flow, own(state), stepId, ctx),
  };
}
