/**
 * One turn of a citizen's conversation: LINE event in, LINE messages out. In order: a follow greets; an open
 * handoff keeps the bot quiet; a person at risk is met first (danger.ts: the kind's card, the flow paused and left
 * untouched, or one gentle question when unsure); global
 * words (ยกเลิก, เมนู, เริ่มใหม่, ย้อนกลับ) act anywhere; a stale or idle conversation is reset or offered
 * ทำต่อ/เริ่มใหม่; inside a flow the engine takes the input; outside, free text is routed by what it means.
 */
import { randomUUID } from 'node:crypto';
import type { BotHandler } from './pipeline';
import type { Choice, FlowState, Incoming, Say, StepContext } from '../engine/types';
import { comparable } from '../engine/matchOption';
import { flowIntros, flowOpenings, flows, flowTitles, type FlowServices } from '../../flows';
import { GLOBAL_WORDS, GLOBALS, type Global } from '../vocabulary';
import { understand, type Understanding } from '../nlu';
import { t, type Locale, type MessageKey } from '../i18n';
import { toIncoming } from '../line/incoming';
import { render } from '../line/render';
import { Session } from '../db/models/session';
import { MENU_ITEMS, centreCard, menuChoices, withMenu } from './says';
import { dangerStage, meetDanger, type DangerCheck } from './danger';
import { findOwnRequest, requestCard, trackSays } from './helpRequests';
import { flowActions } from './actions';
import { bookingButton, bookingCard, bookingTrackSays, findOwnBooking } from './bookings';
import { FlowStateError } from '../errors';
import { closeHandoff, openHandoff, startHandoff } from './handoff';
import { errorSays } from './errorReply';
import { bookedCountsForTurn } from './availability';
import type { BookedCount } from '../domain/calendar/slots';
import type { Logger } from '../log';
import { loadAdminAreas } from '../domain/places';

export interface ConversationOptions {
  idleMs: number;
  handoffTimeoutMs: number;
  log: Logger;
  /** The clock (tests set it to make booking days and times deterministic); the system clock by default. */
  now?: () => Date;
  /** The staff group fixed by configuration (STAFF_GROUP_ID), so a danger card can say staff were told. */
  staffGroupId?: string;
}

/** Words that act at any step when they are the whole message (src/vocabulary/words.ts). */
const GLOBAL_INDEX = new Map<string, Global>(GLOBALS.flatMap((g) => GLOBAL_WORDS[g].map((w) => [comparable(w), g] as const)));

/** "ยกเลิกนัด", "เลื่อนนัด", "เปลี่ยนวันนัด" (or English): the citizen's appointments, with their buttons. */
const BOOKING_CHANGE = /(ยกเลิก|เลื่อน|เปลี่ยน)(วัน|เวลา)?นัด|cancel(my)?(appointment|booking)|reschedule/;

/** Menu items typed exactly (or sent by the rich menu / menu chips), in Thai or English. */
const MENU_INDEX = new Map<string, (typeof MENU_ITEMS)[number]>(
  MENU_ITEMS.flatMap((key) => (['th', 'en'] as const).map((l) => [comparable(t(l, key)), key] as const)),
);

const MENU_INTENT: Record<(typeof MENU_ITEMS)[number], string> = {
  'menu.requestHelp': 'request_help',
  'menu.checkEligibility': 'check_eligibility',
  'menu.bookVisit': 'book_visit',
  'menu.track': 'track',
  'menu.talkToStaff': 'talk_to_staff',
  'menu.centreInfo': 'centre_info',
};

interface SessionData {
  flow: FlowState | null;
  paused?: FlowState | null;
  awaitingResume: boolean;
  lastSubmission: { flow: string; reference: string } | null;
  touchedAt: Date;
  dangerCheck: DangerCheck | null;
}

interface Turn {
  userId: string;
  displayName?: string;
  locale: Locale;
  now: Date;
  eventId: string;
  session: SessionData;
  /** Seats taken per booking slot, for flows that offer slots. */
  booked: BookedCount;
  opts: ConversationOptions;
}

/** The bot's handler for citizens' one-to-one chats. */
export function createConversation(opts: ConversationOptions): BotHandler {
  return async ({ event, citizen, locale }) => {
    if (event.source?.type !== 'user' || !event.source.userId) return [];
    await loadAdminAreas(); // once: the national ตำบล/อำเภอ/จังหวัด list that free text is read against

    const input = toIncoming(event);
    if (!input) return [];
    const userId = event.source.userId;
    const now = opts.now?.() ?? new Date();
    const stored = await Session.findOne({ lineUserId: userId }).lean();
    const turn: Turn = {
      userId,
      displayName: citizen?.displayName,
      locale,
      now,
      eventId: event.webhookEventId,
      opts,
      booked: await bookedCountsForTurn(now),
      session: {
        flow: (stored?.flow as FlowState | null) ?? null,
        paused: (stored?.paused as FlowState | null) ?? null,
        awaitingResume: stored?.awaitingResume ?? false,
        lastSubmission: (stored?.lastSubmission as SessionData['lastSubmission']) ?? null,
        touchedAt: stored?.touchedAt ?? new Date(0),
        dangerCheck: (stored?.dangerCheck as DangerCheck | null) ?? null,
      },
    };
    let says: Say[];
    try {
      says = await handle(turn, input);
    } catch (err) {
      opts.log.error({ err, userId: `…${userId.slice(-6)}` }, 'conversation turn failed');
      says = errorSays(err, locale);
      // A conversation that cannot go on starts afresh; after any other failure the answers given so far are kept.
      if (err instanceof FlowStateError) turn.session.flow = null;
    }
    await Session.updateOne(
      { lineUserId: userId },
      { $set: { flow: turn.session.flow, paused: turn.session.paused ?? null, awaitingResume: turn.session.awaitingResume, lastSubmission: turn.session.lastSubmission, touchedAt: turn.now, dangerCheck: turn.session.dangerCheck } },
      { upsert: true },
    );
    return render(says, { locale, flow: turn.session.flow?.flow, step: turn.session.flow?.step });
  };
}

/** What one message is, read once for all the stages of a turn. */
interface Reading {
  input: Incoming;
  text?: string;
  understood?: Understanding;
  global?: Global;
  /** "ยกเลิกนัด", "เลื่อนนัด": the citizen's appointments, wherever they are. */
  changeBooking: boolean;
  menuItem?: (typeof MENU_ITEMS)[number];
}

function read(input: Incoming): Reading {
  if (input.kind !== 'text') {
    const global = input.kind === 'option' && (input.value === 'resume' || input.value === 'restart') ? input.value : undefined;
    return { input, global, changeBooking: false };
  }
  const understood = understand(input.text);
  const changeBooking = BOOKING_CHANGE.test(comparable(input.text));
  return {
    input,
    text: input.text,
    understood,
    changeBooking,
    global: changeBooking ? undefined : globalWord(input.text, understood),
    menuItem: menuItemOf(input.text),
  };
}

/** The stages of a turn, in order; the first that answers ends it. */
async function handle(turn: Turn, input: Incoming): Promise<Say[]> {
  if (input.kind === 'follow') return welcome(turn);
  const r = read(input);
  if (await openHandoff(turn.userId, turn.now, turn.opts.handoffTimeoutMs)) return duringHandoff(turn, r);

  const met = await meetingDanger(turn, r);
  if (met) return met;
  const says: Say[] = [];
  if (dropOutdatedFlow(turn)) says.push({ kind: 'text', text: { key: 'bot.flowUpdated' } });
  const answered = resumeGate(turn, r) ?? globalAction(turn, r.global);
  if (answered) return [...says, ...answered];
  if (r.changeBooking) return [...says, ...(await showBookings(turn))];
  if (turn.session.flow && !r.menuItem) return [...says, ...(await inFlow(turn, r))];
  if (turn.session.flow) pause(turn);
  return [...says, ...(await route(turn, input, r.understood, r.menuItem))];
}

/** A new (or returning) follower: who we are, the PDPA notice, the menu. */
function welcome(turn: Turn): Say[] {
  turn.session.flow = null;
  turn.session.awaitingResume = false;
  return [
    { kind: 'text', text: { key: 'bot.welcome' } },
    { kind: 'text', text: { key: 'bot.pdpaNotice' } },
    withMenu('bot.menuPrompt', turn.locale),
  ];
}

/** While staff handle the chat the bot is quiet, but for "เมนู" (back to the bot) and danger words. */
async function duringHandoff(turn: Turn, r: Reading): Promise<Say[]> {
  if (r.global === 'menu') {
    await closeHandoff(turn.userId, 'citizen', turn.now);
    return [{ kind: 'text', text: { key: 'staff.backToBot' } }, withMenu('bot.menuPrompt', turn.locale)];
  }
  const signal = r.understood?.dangerSignal;
  if (signal?.confidence === 'sure') {
    return meetDanger(dangerTurn(turn), { kind: signal.kind, atRisk: signal.atRisk, excerpt: (r.text ?? '').slice(0, 300) }, `danger:${turn.eventId}`);
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
  const flow = turn.session.flow;
  if (flow && flows[flow.flow]?.version === flow.version) return [...outcome.says, ...flowQuestion(turn, flows[flow.flow].askAgain(flow, ctxOf(turn)))];
  return [...outcome.says.slice(0, -1), { ...outcome.says[outcome.says.length - 1]!, choices: menuChoices(turn.locale) }];
}

function dangerTurn(turn: Turn) {
  const { session } = turn;
  return { userId: turn.userId, eventId: turn.eventId, now: turn.now, locale: turn.locale, inFlow: !!session.flow, staffGroupId: turn.opts.staffGroupId, check: session.dangerCheck };
}

/** A conversation stored with another version of its flow cannot go on: drop it (true when it did). */
function dropOutdatedFlow(turn: Turn): boolean {
  const { session } = turn;
  if (!session.flow || flows[session.flow.flow]?.version === session.flow.version) return false;
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
      return flowQuestion(turn, flows[session.flow.flow].askAgain(session.flow, ctxOf(turn)));
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

/** ยกเลิก, เมนู, เริ่มใหม่, ย้อนกลับ: they act at any step. */
function globalAction(turn: Turn, global: Global | undefined): Say[] | undefined {
  const { session, locale } = turn;
  switch (global) {
    case 'cancel':
      if (!session.flow) return [withMenu('bot.nothingToCancel', locale)];
      session.flow = null;
      session.paused = null;
      return [withMenu('bot.cancelled', locale)];
    case 'menu':
      pause(turn);
      return [withMenu('bot.menuPrompt', locale)];
    case 'restart':
      if (!session.flow) return [withMenu('bot.menuPrompt', locale)];
      return begin(turn, session.flow.flow, {});
    case 'resume': {
      // "ทำเรื่องเดิมต่อ" after a danger card, or "ทำต่อ" typed: the same step's question again.
      if (!session.flow && session.paused && flows[session.paused.flow]?.version === session.paused.version) {
        session.flow = session.paused;
        session.paused = null;
      }
      if (!session.flow) return [withMenu('bot.menuPrompt', locale)];
      return flowQuestion(turn, flows[session.flow.flow].askAgain(session.flow, ctxOf(turn)));
    }
    case 'back': {
      if (!session.flow) return [withMenu('bot.nothingToGoBack', locale)];
      const outcome = flows[session.flow.flow].back(session.flow, ctxOf(turn));
      session.flow = outcome.state;
      return flowQuestion(turn, outcome.say);
    }
    default:
      return undefined;
  }
}

/** The citizen's upcoming appointments with their เลื่อนนัด / ยกเลิกนัด buttons (the flow under way is kept). */
async function showBookings(turn: Turn): Promise<Say[]> {
  pause(turn);
  const bookings = await bookingTrackSays(turn.userId, turn.locale, turn.now);
  if (bookings.length === 0) return [withMenu('booking.noneUpcoming', turn.locale)];
  return [...bookings.slice(0, -1), { ...bookings[bookings.length - 1], choices: menuChoices(turn.locale) }];
}

/** Inside a flow: the input goes to the current step (a tap on another flow's button is stale). */
async function inFlow(turn: Turn, r: Reading): Promise<Say[]> {
  const state = turn.session.flow!;
  if (r.input.kind === 'option' && r.input.flow && r.input.flow !== state.flow) {
    return [{ kind: 'text', text: { key: 'engine.staleButton' } }, ...flowQuestion(turn, flows[state.flow].askAgain(state, ctxOf(turn)))];
  }
  return advance(turn, r.input, r.understood);
}

/** Leaves the flow under way for later (starting the same flow again offers to continue it). */
function pause(turn: Turn): void {
  if (turn.session.flow) turn.session.paused = turn.session.flow;
  turn.session.flow = null;
}

/** Outside a flow: what the citizen asked for. */
async function route(turn: Turn, input: Incoming, u: Understanding | undefined, menuItem: (typeof MENU_ITEMS)[number] | undefined): Promise<Say[]> {
  const { locale } = turn;
  if (input.kind === 'option') {
    // Booking card buttons (เลื่อนนัด / ยกเลิกนัด, issue 6): src/bot/bookings.ts answers them; เลื่อนนัด goes on in a flow.
    const booking = await bookingButton(input.value, { lineUserId: turn.userId, displayName: turn.displayName, locale, now: turn.now });
    if (booking) return booking.then ? [...booking.says, ...begin(turn, booking.then.flow, booking.then.prefill)] : booking.says;
    const last = turn.session.lastSubmission;
    if (input.value === 'confirm' && last && last.flow === input.flow) return [withMenu('help.alreadySubmitted', locale, { reference: last.reference })];
    return [{ kind: 'text', text: { key: 'engine.staleButton' } }, withMenu('bot.menuPrompt', locale)];
  }
  if (input.kind === 'media' && input.mediaType === 'sticker') return [withMenu('bot.sticker', locale)];
  if (input.kind === 'location') return [withMenu('bot.location', locale)];
  if (input.kind !== 'text') return [withMenu('bot.media', locale)];

  const intent = menuItem ? MENU_INTENT[menuItem] : u?.intent;
  const reference = u?.slots.reference;
  switch (intent) {
    case 'request_help':
      return begin(turn, 'requestHelp', { ...(u?.slots ?? {}) });
    case 'check_eligibility':
      return begin(turn, 'eligibility', { ...(u?.slots ?? {}) });
    case 'book_visit':
      return begin(turn, 'booking', { ...(u?.slots ?? {}) });
    case 'track': {
      if (reference) {
        const r = await findOwnRequest(turn.userId, reference);
        if (r) return [{ ...requestCard(r, locale), choices: menuChoices(locale) }];
        const b = await findOwnBooking(turn.userId, reference);
        if (b) return [{ ...bookingCard(b, 'track', locale), choices: menuChoices(locale) }];
        return [withMenu('track.notFound', locale, { reference })];
      }
      return trackSays(turn.userId, locale);
    }
    case 'talk_to_staff':
      return startHandoff(turn.userId, turn.now, locale, turn.eventId);
    case 'centre_info':
      return [centreCard(locale)];
    case 'thanks':
      return [withMenu('bot.thanks', locale)];
    case 'lost':
      return [withMenu('bot.lost', locale)];
    case 'greeting':
    case 'menu':
    case 'confirm':
    case 'deny':
    case 'unsure':
    case 'resume':
    case 'restart':
    case 'back':
    case 'cancel':
      return [withMenu('bot.menuPrompt', locale)];
    default:
      return [withMenu('bot.notUnderstood', locale)];
  }
}

/** Starts a flow (offering to resume one that was left for the menu), prefilled with what free text said. */
function begin(turn: Turn, flowId: string, slots: Record<string, unknown>): Say[] {
  const flow = flows[flowId];
  const paused = turn.session.paused;
  turn.session.paused = null;
  if (paused && paused.flow === flowId && paused.version === flow.version && paused.history.length > 0 && Object.keys(slots).every((k) => slots[k] === undefined)) {
    turn.session.flow = paused;
    turn.session.awaitingResume = true;
    return [resumeQuestion(paused)];
  }
  const outcome = flow.start(slots, ctxOf(turn));
  outcome.state.key = randomUUID();
  turn.session.flow = outcome.state;
  turn.session.awaitingResume = false;
  const intro = flowIntros[flowId];
  const opening = flowOpenings[flowId]?.(outcome.state.data) ?? [];
  return [...(intro ? [{ kind: 'text', text: { key: intro } } as Say] : []), ...opening, ...flowQuestion(turn, outcome.say)];
}

/** Gives the input (and what the NLU understood of typed text) to the engine; a finished flow runs its action. */
async function advance(turn: Turn, input: Incoming, understood: Understanding | undefined): Promise<Say[]> {
  const state = turn.session.flow!;
  const flow = flows[state.flow];
  const outcome = flow.answer(state, input, understood, ctxOf(turn));
  if (outcome.kind === 'ask') {
    turn.session.flow = outcome.state;
    return flowQuestion(turn, outcome.say);
  }
  const action = flowActions[state.flow];
  if (!action) throw new FlowStateError(`flow ${state.flow} has no submit action`);
  const result = await action(outcome.state, { lineUserId: turn.userId, displayName: turn.displayName, locale: turn.locale, now: turn.now });
  turn.session.flow = null;
  turn.session.paused = null;
  if (result.reference) turn.session.lastSubmission = { flow: state.flow, reference: result.reference };
  if (result.then) return [...outcome.say, ...result.says.map(({ choices: _c, ...s }) => s as Say), ...begin(turn, result.then.flow, result.then.prefill)];
  return [...outcome.say, ...result.says];
}

/** A flow's question with ย้อนกลับ / ยกเลิก chips added where there is room. */
function flowQuestion(turn: Turn, says: Say[]): Say[] {
  const state = turn.session.flow;
  if (!state || says.length === 0) return says;
  const last = says[says.length - 1];
  const chips: Choice[] = [...(last.choices ?? [])];
  const has = (key: MessageKey) => chips.some((c) => c.kind === 'say' && 'key' in c.label && c.label.key === key);
  if (state.history.length > 0 && !has('common.back') && chips.length < 13) chips.push({ kind: 'say', label: { key: 'common.back' } });
  if (!has('common.cancel') && chips.length < 13) chips.push({ kind: 'say', label: { key: 'common.cancel' } });
  return [...says.slice(0, -1), { ...last, choices: chips }];
}

function resumeQuestion(state: FlowState): Say {
  return {
    kind: 'text',
    text: { key: 'bot.resumeAsk', params: { flow: { key: flowTitles[state.flow] ?? 'menu.requestHelp' } } },
    choices: [
      { kind: 'option', label: { key: 'common.resume' }, value: 'resume' },
      { kind: 'option', label: { key: 'common.restart' }, value: 'restart' },
    ],
  };
}

function globalWord(text: string, u: Understanding): Global | undefined {
  const exact = GLOBAL_INDEX.get(comparable(text));
  if (exact) return exact;
  if (u.tokens.length <= 3 && (u.intent === 'cancel' || u.intent === 'restart' || u.intent === 'resume')) return u.intent;
  return undefined;
}

function menuItemOf(text: string | undefined) {
  return text === undefined ? undefined : MENU_INDEX.get(comparable(text));
}

function ctxOf(turn: Turn): StepContext<FlowServices> {
  return { now: turn.now, locale: turn.locale, services: { booked: turn.booked } };
}
