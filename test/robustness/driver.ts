/**
 * Runs the real flows through the engine registry (flows/index.ts) without a database or LINE: what the bot
 * does in a turn, minus storage and rendering. Finds a state at every step of every flow by answering like a
 * citizen (tapping each offered option, or typing a usual answer), so the generic tests cover steps added later.
 */
import { flows, FLOW_IDS, type FlowServices } from '../../flows';
import type { Outcome } from '../../src/engine/interpreter';
import type { Choice, FlowState, Incoming, Say, StepContext } from '../../src/engine/types';
import { resolveLabel } from '../../src/engine/labels';
import { understand, type Understanding } from '../../src/nlu';

/** A Monday morning with every slot free (2026-12-07 09:00 Bangkok), in Thai. */
export const ctx: StepContext<FlowServices> = { now: new Date('2026-12-07T02:00:00Z'), locale: 'th', services: { booked: () => 0 } };

const heard = new Map<string, Understanding>();
/** What the bot's NLU reads of a text (remembered: the exploration types the same texts many times). */
function hear(text: string): Understanding {
  let u = heard.get(text);
  if (!u) heard.set(text, (u = understand(text)));
  return u;
}

/** One turn: what the bot's NLU reads of typed text goes to the engine with it. */
export function give(state: FlowState, input: Incoming, c: StepContext<FlowServices> = ctx): Outcome {
  return flows[state.flow].answer(state, input, input.kind === 'text' ? hear(input.text) : undefined, c);
}

export const typed = (text: string): Incoming => ({ kind: 'text', text });

/** Every text the citizen reads in these messages (cards: their alt text and rows), in the context's language. */
export function textsOf(says: Say[], c: StepContext<FlowServices> = ctx): string[] {
  return says.map((s) =>
    s.kind === 'text'
      ? resolveLabel(s.text, c.locale)
      : [s.card.title, ...s.card.rows.map((r) => r.value)].map((l) => resolveLabel(l, c.locale)).join('\n'),
  );
}

export const optionsOf = (says: Say[]): Extract<Choice, { kind: 'option' }>[] =>
  says.flatMap((s) => s.choices ?? []).filter((c): c is Extract<Choice, { kind: 'option' }> => c.kind === 'option');

/** Usual typed answers tried at every step while exploring (besides tapping each option). */
const USUAL: Incoming[] = [
  typed('นางสมศรี ใจดี'),
  typed('แม่ล้มในห้องน้ำ เดินไม่ได้ค่ะ'),
  typed('0812345678'),
  typed('72'),
  { kind: 'image', lineMessageId: 'img-1' },
];

/**
 * A state waiting at each step of a flow that the citizen can reach, found by exploring answers breadth-first:
 * a few states of each step are explored further, more when some step of the flow's order was not reached.
 */
export function reachSteps(flowId: string): Map<string, FlowState> {
  let found = new Map<string, FlowState>();
  for (const perStep of [6, 24]) {
    found = explore(flowId, perStep);
    if (flows[flowId].order.every((s) => found.has(s))) break;
  }
  return found;
}

function explore(flowId: string, PER_STEP: number): Map<string, FlowState> {
  const flow = flows[flowId];
  const first = flow.start({}, ctx);
  const found = new Map<string, FlowState>();
  const expanded = new Map<string, number>();
  const seen = new Set<string>();
  const queue: Outcome[] = [first];
  while (queue.length > 0) {
    const o = queue.shift()!;
    if (o.kind !== 'ask') continue;
    const key = JSON.stringify([o.state.step, o.state.data, o.state.pending ?? null]);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!found.has(o.state.step)) found.set(o.state.step, o.state);
    const n = expanded.get(o.state.step) ?? 0;
    if (n >= PER_STEP) continue;
    expanded.set(o.state.step, n + 1);
    const inputs: Incoming[] = [...optionsOf(o.say).map((c): Incoming => ({ kind: 'option', value: c.value, step: o.state.step })), ...USUAL];
    for (const input of inputs) queue.push(give(o.state, input));
  }
  return found;
}

/** Every step of every flow the registry holds, with a state waiting at it. */
export function everyStep(): { flow: string; step: string; state: FlowState }[] {
  return FLOW_IDS.flatMap((flow) => [...reachSteps(flow)].map(([step, state]) => ({ flow, step, state })));
}
