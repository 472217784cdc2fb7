/**
 * A minimal bot for tests of the LINE plumbing (simulator, webhook): a Thai greeting with the main menu as quick
 * replies, for any message or a new follower. The real bot is src/bot/conversation.ts.
 */
import type { BotHandler } from '../../src/bot/pipeline';
import { t, type Locale, type MessageKey } from '../../src/i18n';
import { text, type Chip } from '../../src/line/messages';

const MENU: MessageKey[] = ['menu.requestHelp', 'menu.checkEligibility', 'menu.bookVisit', 'menu.track', 'menu.talkToStaff', 'menu.centreInfo'];

/** The main menu as quick-reply chips. */
export function menuChips(locale: Locale): Chip[] {
  return MENU.map((key) => ({ label: t(locale, key), text: t(locale, key) }));
}

export const greeter: BotHandler = async ({ event, locale }) => {
  if (event.type !== 'message' && event.type !== 'follow' && event.type !== 'postback') return [];
  return [text(t(locale, 'greeting.hello'), menuChips(locale))];
};

/** Answers a text with `echo:<text>`, so the order of answers shows the order of processing. */
export const echo: BotHandler = async ({ event }) =>
  event.type === 'message' && event.message.type === 'text' ? [text(`echo:${event.message.text}`)] : [];
