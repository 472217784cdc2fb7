/**
 * The stages of a turn, in order; the first that answers ends it:
 *   follow → welcome · open handoff → quiet (but for เมนู and danger) · danger (danger.ts) · outdated flow →
 *   dropped · idle → ทำต่อ / เริ่มใหม่ · global words · ยกเลิกนัด / เลื่อนนัด · inside a flow → the engine (and,
 *   for typed text its step cannot use, a question answered in passing or another task's button) · outside →
 *   the intent table (intents.ts) or a card button.
 */
import type { Incoming, Say } from '../../engine/types';
import { dangerStage, meetDanger, type DangerTurn } from '../danger';
import { openHandoff } from '../handoff';
import { bookingButton, bookingTrackSays } from '../bookings';
import { menuChoices, withMenu, type MenuItem } from '../says';
import { read, type Global, type Reading } from './reading';
import { advance, begin, ctxOf, currentQuestion, flowOf, flowQuestion, pause, resumeQuestion, withoutChoices } from './flowRunner';
import { answerInPassing, answerIntent, MENU_INTENT, otherTask } from './intents';
import type { Turn } from './types';

/** The stages of a turn, in order. */
export async function handle(turn: Turn, input: Incoming): Promise<Say[]> {
  if (input.kind === 'follow') return welcome(turn);
  const r = read(input);
  if (await openHandoff(turn.stores.handoffs, turn.handoff, turn.userId, turn.now, turn.opts.handoffTimeoutMs)) return duringHandoff(turn, r);

  const met = await meetingDanger(turn, r);
  if (met) return met;
  if (turn.languageAsked) return languageSet(turn);
  const says: Say[] = [];
  if (dropOutdatedFlow(turn)) says.push({ kind: 'text', text: { key: 'bot.flowUpdated' } });
  if (r.understood?.intent?.startsWith('pdpa_')) {
    // "ขอดูข้อมูลของฉัน" / "ลบข้อมูลของฉัน" / "ถอนความยินยอม" act at any step: the flow waits (src/bot/pdpaRequests.ts).
    pause(turn);
    turn.session.awaitingResume = false;
  }
  const answered = resumeGate(turn, r) ?? globalAction(turn, r.global);
  if (answered) return [...says, ...answered];
  if (r.changeBooking) return [...says, ...(await showBookings(turn))];
  const state = turn.session.flow;
  if (state && !r.menuItem) return [...says, ...(await inFlow(turn, r, state))];
  if (state) pause(turn);
  return [...says, ...(await outsideFlow(turn, r))];
}

/** "English" / "ภาษาไทย": said in the new language, then the question under way again (or the menu). */
function languageSet(turn: Turn): Say[] {
  const done: Say = { kind: 'text', text: { key: 'bot.languageSet' } };
  if (flowOf(turn.session.flow)) return [done, ...currentQuestion(turn)];
  return [done, withMenu('bot.menuPrompt', turn.locale)];
}

/** A new (or returning) follower: who we are, the PDPA notice, the menu. */
function welcome(turn: Turn): Say[] {
  turn.session.flow = null;
  turn.session.awaitingResume = false;
  return [{ kind: 'text', text: { key: 'bot.welcome' } }, { kind: 'text', text: { key: 'bot.pdpaNotice' } }, withMenu('bot.menuPrompt', turn.locale)];
}

/** While staff handle the chat the bot is quiet, but for "เมนู" (back to the bot) and danger words. */
async function duringHandoff(turn: Turn, r: Reading): Promise<Say[]> {
  if (r.global === 'menu') {
    await turn.stores.handoffs.close(turn.userId, 'citizen', turn.now);
    return [{ kind: 'text', text: { key: 'staff.backToBot' } }, withMenu('bot.menuPrompt', turn.locale)];
  }
  const signal = r.understood?.dangerSignal;
  if (signal?.confidence === 'sure') {
    return meetDanger(
      dangerTurn(turn),
      { kind: signal.kind, atRisk: signal.atRisk, excerpt: (r.text ?? '').slice(0, 300) },
      `danger:${turn.eventId}`,
    );
  }
  return [];
}

/**
 * Danger first (danger.ts): a sure danger or "ไม่ปลอดภัย" brings the kind's card and the flow is left as it was;
 * an unsure one asks once; "ปลอดภัยดี" goes back to the step's question. Undefined when there is no danger.
 */
async function meetingDanger(turn: Turn, r: Reading): Promise<Say[] | undefined> {
  const option = r.input.kind === 'option' ? r.input.value : undefined;
  const outcome = await dangerStage(dangerTurn(turn), { text: r.text, option, understood: r.understood });
  turn.session.dangerCheck = outcome.check;
  if (!outcome.says) return undefined;
  if (!outcome.thenResume) return outcome.says;
  if (flowOf(turn.session.flow)) return [...outcome.says, ...currentQuestion(turn)];
  return withMenuOnLast(outcome.says, turn);
}

function dangerTurn(turn: Turn): DangerTurn {
  const { session } = turn;
  return {
    userId: turn.userId,
    eventId: turn.eventId,
    now: turn.now,
    locale: turn.locale,
    inFlow: !!session.flow,
    staffGroupId: turn.opts.staffGroupId,
    check: session.dangerCheck,
    stores: turn.stores,
  };
}

/** A conversation stored with another version of its flow cannot go on: drop it (true when it did). */
function dropOutdatedFlow(turn: Turn): boolean {
  const { session } = turn;
  if (!session.flow || flowOf(session.flow)) return false;
  session.flow = null;
  session.awaitingResume = false;
  return true;
}

/** After the idle time, ask ทำต่อ / เริ่มใหม่ before going on; then take the answer. */
function resumeGate(turn: Turn, r: Reading): Say[] | undefined {
  const { session } = turn;
  if (!session.flow) return undefined;
  if (session.awaitingResume) {
    if (r.global === 'resume') {
      session.awaitingResume = false;
      return currentQuestion(turn);
    }
    if (r.global === 'restart') {
      session.awaitingResume = false;
      return begin(turn, session.flow.flow, {});
    }
    if (!r.global && !r.menuItem) return [resumeQuestion(session.flow)];
    session.awaitingResume = false;
    return undefined;
  }
  if (!r.global && turn.now.getTime() - session.touchedAt.getTime() > turn.opts.idleMs) {
    session.awaitingResume = true;
    return [resumeQuestion(session.flow)];
  }
  return undefined;
}

/** ยกเลิก, เมนู, เริ่มใหม่, ย้อนกลับ, ทำต่อ: they act at any step. */
const GLOBAL_ACTIONS: Record<Global, (turn: Turn) => Say[]> = {
  cancel(turn) {
    if (!turn.session.flow) return [withMenu('bot.nothingToCancel', turn.locale)];
    turn.session.flow = null;
    turn.session.paused = null;
    return [withMenu('bot.cancelled', turn.locale)];
  },
  menu(turn) {
    pause(turn);
    return [withMenu('bot.menuPrompt', turn.locale)];
  },
  restart(turn) {
    if (!turn.session.flow) return [withMenu('bot.menuPrompt', turn.locale)];
    return begin(turn, turn.session.flow.flow, {});
  },
  resume(turn) {
    // "ทำเรื่องเดิมต่อ" after a danger card, or "ทำต่อ" typed: the same step's question again.
    const { session } = turn;
    if (!session.flow && flowOf(session.paused)) {
      session.flow = session.paused;
      session.paused = null;
    }
    if (!session.flow) return [withMenu('bot.menuPrompt', turn.locale)];
    return currentQuestion(turn);
  },
  back(turn) {
    const state = turn.session.flow;
    const flow = flowOf(state);
    if (!state || !flow) return [withMenu('bot.nothingToGoBack', turn.locale)];
    const outcome = flow.back(state, ctxOf(turn));
    turn.session.flow = outcome.state;
    return flowQuestion(turn, outcome.say);
  },
};

function globalAction(turn: Turn, global: Global | undefined): Say[] | undefined {
  return global ? GLOBAL_ACTIONS[global](turn) : undefined;
}

/** The citizen's upcoming appointments with their เลื่อนนัด / ยกเลิกนัด buttons (the flow under way is kept). */
async function showBookings(turn: Turn): Promise<Say[]> {
  pause(turn);
  const bookings = await bookingTrackSays(turn.stores, turn.userId, turn.locale, turn.now);
  if (bookings.length === 0) return [withMenu('booking.noneUpcoming', turn.locale)];
  return withMenuOnLast(bookings, turn);
}

/**
 * Inside a flow: the input goes to the current step (a tap on another flow's button is stale). Typed text the
 * step cannot use that asks something else:
 *  - where or when the centre is open, or when the allowance is paid: answered, and the question asked again
 *    (not counted as a miss);
 *  - another task ("ขอนัดวันจันทร์ได้ไหม" during an eligibility check): its button beside the question, so the
 *    citizen chooses.
 */
async function inFlow(turn: Turn, r: Reading, state: NonNullable<Turn['session']['flow']>): Promise<Say[]> {
  if (r.input.kind === 'option' && r.input.flow && r.input.flow !== state.flow) {
    return [{ kind: 'text', text: { key: 'engine.staleButton' } }, ...currentQuestion(turn)];
  }
  const { says, missed } = await advance(turn, state, r.input, r.understood);
  if (!missed || r.input.kind !== 'text') return says;
  const intent = r.understood?.intent;
  const inPassing = answerInPassing(turn, intent);
  if (inPassing) {
    turn.session.flow = state;
    return [withoutChoices(inPassing), ...currentQuestion(turn)];
  }
  const task = otherTask(state.flow, intent);
  return task ? offerTask(says, task) : says;
}

/** The question's chips moved onto a short note after it, the other task's button first. */
function offerTask(says: Say[], task: MenuItem): Say[] {
  const last = says[says.length - 1];
  const chips = [{ kind: 'say' as const, label: { key: task } }, ...(last?.choices ?? [])];
  if (!last || chips.length > 13) return says;
  const note: Say = { kind: 'text', text: { key: 'bot.otherTask', params: { task: { key: task } } }, choices: chips };
  return [...says.slice(0, -1), withoutChoices(last), note];
}

/** Outside a flow: a card button, a sticker, a photo or a place, or what the citizen asked for. */
async function outsideFlow(turn: Turn, r: Reading): Promise<Say[]> {
  const { locale } = turn;
  const { input } = r;
  if (input.kind === 'option') {
    // Booking card buttons (เลื่อนนัด / ยกเลิกนัด, issue 6): src/bot/bookings.ts answers them; เลื่อนนัด goes on in a flow.
    const who = { lineUserId: turn.userId, displayName: turn.displayName, locale, now: turn.now };
    const booking = await bookingButton(input.value, who, turn.stores);
    if (booking) return booking.then ? [...booking.says, ...begin(turn, booking.then.flow, booking.then.prefill)] : booking.says;
    const last = turn.session.lastSubmission;
    if (input.value === 'confirm' && last && last.flow === input.flow)
      return [withMenu('help.alreadySubmitted', locale, { reference: last.reference })];
    return [{ kind: 'text', text: { key: 'engine.staleButton' } }, withMenu('bot.menuPrompt', locale)];
  }
  if (input.kind === 'media' && input.mediaType === 'sticker') return [withMenu('bot.sticker', locale)];
  if (input.kind === 'location') return [withMenu('bot.location', locale)];
  if (input.kind !== 'text') return [withMenu('bot.media', locale)];
  const intent = r.menuItem ? MENU_INTENT[r.menuItem] : (r.understood?.intent ?? undefined);
  return answerIntent(turn, intent, r.understood);
}

/** The menu chips on the last thing said. */
function withMenuOnLast(says: Say[], turn: Turn): Say[] {
  return says.map((s, i) => (i === says.length - 1 ? { ...s, choices: menuChoices(turn.locale) } : s));
}
