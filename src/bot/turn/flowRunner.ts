/**
 * Running a flow inside a turn: start one (or offer to resume the one left for the menu), give the citizen's
 * input to the engine, run the submit action when it finishes, and add ย้อนกลับ / ยกเลิก to its questions.
 * The engine (src/engine) is pure; this is where its state is kept in the session.
 */
import { randomUUID } from 'node:crypto';
import type { Choice, FlowState, Incoming, Say, StepContext } from '../../engine/types';
import type { RunnableFlow } from '../../engine/registry';
import type { Understanding } from '../../nlu';
import { flowIntros, flowOpenings, flows, flowTitles, type FlowServices } from '../../../flows';
import type { MessageKey } from '../../i18n';
import { FlowStateError } from '../../errors';
import { flowActions } from '../actions';
import { startHandoff } from '../handoff';
import type { Turn } from './types';
import { remember, withFacts } from './facts';

/** The flow a stored state belongs to, if it still has that version. */
export function flowOf(state: FlowState | null | undefined): RunnableFlow<FlowServices> | undefined {
  const flow = state ? flows[state.flow] : undefined;
  return flow && state && flow.version === state.version ? flow : undefined;
}

export function ctxOf(turn: Turn): StepContext<FlowServices> {
  return { now: turn.now, locale: turn.locale, services: { booked: turn.booked } };
}

/** The current step's question again (with its chips), or nothing outside a flow. */
export function currentQuestion(turn: Turn): Say[] {
  const state = turn.session.flow;
  const flow = flowOf(state);
  return state && flow ? flowQuestion(turn, flow.askAgain(state, ctxOf(turn))) : [];
}

/** Leaves the flow under way for later (starting the same flow again offers to continue it). */
export function pause(turn: Turn): void {
  if (turn.session.flow) turn.session.paused = turn.session.flow;
  turn.session.flow = null;
}

/** Starts a flow (offering to resume one that was left for the menu), prefilled with what free text said. */
export function begin(turn: Turn, flowId: string, slots: Record<string, unknown>, unconfirmed?: Record<string, string>): Say[] {
  const flow = flows[flowId];
  if (!flow) throw new FlowStateError(`no flow ${flowId}`);
  const paused = turn.session.paused;
  turn.session.paused = null;
  if (
    paused &&
    paused.flow === flowId &&
    paused.version === flow.version &&
    paused.history.length > 0 &&
    Object.values(slots).every((v) => v === undefined)
  ) {
    turn.session.flow = paused;
    turn.session.awaitingResume = true;
    return [resumeQuestion(paused)];
  }
  const outcome = flow.start(withFacts(turn.session.facts, slots), ctxOf(turn));
  turn.session.flow = { ...outcome.state, key: randomUUID(), ...(unconfirmed ? { unconfirmed } : {}) };
  turn.session.facts = remember(turn.session.facts, outcome.state.data);
  turn.session.awaitingResume = false;
  const intro = flowIntros[flowId];
  const introSays: Say[] = intro ? [{ kind: 'text', text: { key: intro } }] : [];
  // What the opening message already settled that is worth a word first (someone outside the area).
  const opening = flowOpenings[flowId]?.(outcome.state.data) ?? [];
  return [...introSays, ...opening, ...flowQuestion(turn, outcome.say)];
}

/**
 * Gives the input (and what the NLU understood of typed text) to the engine; a finished flow runs its action.
 * `missed`: the step could not use the input (it was asked again, or another way).
 */
export async function advance(
  turn: Turn,
  state: FlowState,
  input: Incoming,
  understood: Understanding | undefined,
): Promise<{ says: Say[]; missed?: boolean }> {
  const flow = flowOf(state);
  if (!flow) throw new FlowStateError(`flow ${state.flow} v${state.version} is not known`);
  const outcome = flow.answer(state, input, understood, ctxOf(turn));
  turn.session.facts = remember(turn.session.facts, outcome.state.data);
  if (outcome.kind === 'ask') {
    turn.session.flow = outcome.state;
    return { says: flowQuestion(turn, outcome.say), missed: outcome.missed };
  }
  if (outcome.kind === 'staff') {
    // "คุยกับเจ้าหน้าที่" from a step the citizen was stuck at: staff take the chat; the flow waits to be resumed.
    turn.session.flow = outcome.state;
    pause(turn);
    return { says: [...outcome.say, ...(await startHandoff(turn.stores, turn.userId, turn.now, turn.locale, turn.eventId))] };
  }
  const action = flowActions[state.flow];
  if (!action) throw new FlowStateError(`flow ${state.flow} has no submit action`);
  const who = { lineUserId: turn.userId, displayName: turn.displayName, locale: turn.locale, now: turn.now, staffGroupId: turn.opts.staffGroupId };
  const result = await action(outcome.state, who, turn.stores);
  turn.session.flow = null;
  turn.session.paused = null;
  if (result.reference) turn.session.lastSubmission = { flow: state.flow, reference: result.reference };
  if (result.then)
    return {
      says: [...outcome.say, ...result.says.map(withoutChoices), ...begin(turn, result.then.flow, result.then.prefill, result.then.unconfirmed)],
    };
  return { says: [...outcome.say, ...result.says] };
}

/** A said thing without its chips (another flow's question follows and brings its own). */
export function withoutChoices(say: Say): Say {
  const { choices: _dropped, ...rest } = say;
  return rest;
}

/** A flow's question with ย้อนกลับ / ยกเลิก chips added where there is room. */
export function flowQuestion(turn: Turn, says: Say[]): Say[] {
  const state = turn.session.flow;
  const last = says[says.length - 1];
  if (!state || !last) return says;
  const chips: Choice[] = [...(last.choices ?? [])];
  const has = (key: MessageKey) => chips.some((c) => c.kind === 'say' && 'key' in c.label && c.label.key === key);
  if (state.history.length > 0 && !has('common.back') && chips.length < 13) chips.push({ kind: 'say', label: { key: 'common.back' } });
  if (!has('common.cancel') && chips.length < 13) chips.push({ kind: 'say', label: { key: 'common.cancel' } });
  return [...says.slice(0, -1), { ...last, choices: chips }];
}

/** "You were in the middle of …: ทำต่อ / เริ่มใหม่". */
export function resumeQuestion(state: FlowState): Say {
  return {
    kind: 'text',
    text: { key: 'bot.resumeAsk', params: { flow: { key: flowTitles[state.flow] ?? 'menu.requestHelp' } } },
    choices: [
      { kind: 'option', label: { key: 'common.resume' }, value: 'resume' },
      { kind: 'option', label: { key: 'common.restart' }, value: 'restart' },
    ],
  };
}
