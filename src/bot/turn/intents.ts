/**
 * Outside a flow, what the citizen asked for: one handler per intent, looked up in a table (as grammY's router
 * does) — a menu item tapped or typed, or the intent the NLU understood. An intent not in the table is not
 * understood.
 */
import type { Say } from '../../engine/types';
import type { Intent, Understanding } from '../../nlu';
import { MENU_ITEMS, centreCard, menuChoices, withMenu, type MenuItem } from '../says';
import { requestCard, trackSays } from '../helpRequests';
import { bookingCard } from '../bookings';
import { startHandoff } from '../handoff';
import { pdpaRequest } from '../pdpaRequests';
import { begin } from './flowRunner';
import { paydays } from '../../domain/calendar/payday';
import { ALLOWANCE_PAYMENT } from '../../domain/data/benefits';
import { formatThaiDate } from '../../domain/thai/dates';
import type { Turn } from './types';

type IntentHandler = (turn: Turn, u: Understanding | undefined) => Say[] | Promise<Say[]>;

const menuPrompt: IntentHandler = (turn) => [withMenu('bot.menuPrompt', turn.locale)];
const startsFlow =
  (flowId: string): IntentHandler =>
  (turn, u) =>
    begin(turn, flowId, { ...(u?.slots ?? {}) });

/** ติดตามคำร้อง: one request or booking by its reference, or the citizen's list. */
const track: IntentHandler = async (turn, u) => {
  const { stores, userId, locale } = turn;
  const reference = u?.slots.reference;
  if (!reference) return trackSays(stores, userId, locale, turn.now);
  const r = await stores.requests.findOwn(userId, reference);
  if (r) return [{ ...requestCard(r, locale), choices: menuChoices(locale) }];
  const b = await stores.bookings.findOwn(userId, reference);
  if (b) return [{ ...bookingCard(b, 'track', locale), choices: menuChoices(locale) }];
  return [withMenu('track.notFound', locale, { reference })];
};

/** The flow each of these intents starts. */
const FLOW_OF = { request_help: 'requestHelp', check_eligibility: 'eligibility', book_visit: 'booking' } as const satisfies Partial<
  Record<Intent, string>
>;
const flowOfIntent = (intent: Intent): string | undefined => Object.entries(FLOW_OF).find(([i]) => i === intent)?.[1];

export const INTENTS: Readonly<Partial<Record<Intent, IntentHandler>>> = {
  request_help: startsFlow(FLOW_OF.request_help),
  check_eligibility: startsFlow(FLOW_OF.check_eligibility),
  book_visit: startsFlow(FLOW_OF.book_visit),
  track,
  talk_to_staff: (turn) => startHandoff(turn.stores, turn.userId, turn.now, turn.locale, turn.eventId),
  centre_info: (turn) => [centreCard(turn.locale)],
  allowance_payday: (turn) => [paydaySays(turn)],
  thanks: (turn) => [withMenu('bot.thanks', turn.locale)],
  lost: (turn) => [withMenu('bot.lost', turn.locale)],
  greeting: menuPrompt,
  menu: menuPrompt,
  confirm: menuPrompt,
  deny: menuPrompt,
  unsure: menuPrompt,
  resume: menuPrompt,
  restart: menuPrompt,
  back: menuPrompt,
  cancel: menuPrompt,
  pdpa_access: (turn) => pdpaRequest(turn, 'access'),
  pdpa_erase: (turn) => pdpaRequest(turn, 'erasure'),
  pdpa_withdraw: (turn) => pdpaRequest(turn, 'withdraw'),
};

/** The intent of each menu item. */
export const MENU_INTENT: Readonly<Record<MenuItem, Intent>> = {
  'menu.requestHelp': 'request_help',
  'menu.checkEligibility': 'check_eligibility',
  'menu.bookVisit': 'book_visit',
  'menu.track': 'track',
  'menu.talkToStaff': 'talk_to_staff',
  'menu.centreInfo': 'centre_info',
};

/**
 * The menu item for another task asked for while a flow's question was under way ("ขอนัดไปที่ศูนย์วันจันทร์ได้ไหม"
 * during an eligibility check): another flow, or ติดตามคำร้อง. Undefined for this flow's own subject.
 */
export function otherTask(flowId: string, intent: Intent | null | undefined): MenuItem | undefined {
  const flow = intent ? flowOfIntent(intent) : undefined;
  if (!intent || (!flow && intent !== 'track') || flow === flowId) return undefined;
  return MENU_ITEMS.find((item) => MENU_INTENT[item] === intent);
}

/** When the allowances are paid: the rule, the next payday (and this month's, once passed), what to do if late. */
function paydaySays(turn: Turn): Say {
  const { next, paid } = paydays(turn.now);
  const date = (d: string) => formatThaiDate(d, { locale: turn.locale, weekday: true });
  const day = ALLOWANCE_PAYMENT.dayOfMonth;
  return paid
    ? withMenu('payday.answerPaid', turn.locale, { day, next: date(next), paid: date(paid) })
    : withMenu('payday.answer', turn.locale, { day, next: date(next) });
}

/**
 * A question answered in passing while a flow's question is under way (the flow then goes on): where and when the
 * centre is open, when the allowance is paid. Undefined for anything else.
 */
export function answerInPassing(turn: Turn, intent: Intent | null | undefined): Say | undefined {
  if (intent === 'centre_info') return centreCard(turn.locale);
  if (intent === 'allowance_payday') return paydaySays(turn);
  return undefined;
}

/** What the citizen asked for, answered; "not understood" with the menu when no handler fits. */
export function answerIntent(turn: Turn, intent: Intent | undefined, u: Understanding | undefined): Say[] | Promise<Say[]> {
  const handler = intent ? INTENTS[intent] : undefined;
  return handler ? handler(turn, u) : [withMenu('bot.notUnderstood', turn.locale)];
}
