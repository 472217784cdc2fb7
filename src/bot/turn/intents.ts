/**
 * Outside a flow, what the citizen asked for: one handler per intent, looked up in a table (as grammY's router
 * does) — a menu item tapped or typed, or the intent the NLU understood. An intent not in the table is not
 * understood.
 */
import type { Say } from '../../engine/types';
import type { Intent, Understanding } from '../../nlu';
import { centreCard, menuChoices, withMenu, type MenuItem } from '../says';
import { requestCard, trackSays } from '../helpRequests';
import { bookingCard } from '../bookings';
import { startHandoff } from '../handoff';
import { begin } from './flowRunner';
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

export const INTENTS: Readonly<Partial<Record<Intent, IntentHandler>>> = {
  request_help: startsFlow('requestHelp'),
  check_eligibility: startsFlow('eligibility'),
  book_visit: startsFlow('booking'),
  track,
  talk_to_staff: (turn) => startHandoff(turn.stores, turn.userId, turn.now, turn.locale, turn.eventId),
  centre_info: (turn) => [centreCard(turn.locale)],
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

/** What the citizen asked for, answered; "not understood" with the menu when no handler fits. */
export function answerIntent(turn: Turn, intent: Intent | undefined, u: Understanding | undefined): Say[] | Promise<Say[]> {
  const handler = intent ? INTENTS[intent] : undefined;
  return handler ? handler(turn, u) : [withMenu('bot.notUnderstood', turn.locale)];
}
