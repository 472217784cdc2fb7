/**
 * The bot's entry for every event: a one-to-one chat goes to the citizens' conversation (conversation.ts),
 * a group or a room to the group handler the staff side gives (pairing and the staff group's commands), and
 * anything else gets no answer. Each event is handled with the calendar data in force now (calendar.ts).
 */
import type { Say } from '../engine/types';
import { withCalendar, type CalendarProvider } from './calendar';
import type { Bot, BotInput } from './pipeline';

/** Events in groups and rooms: what to say there (in Thai, the staff's language). */
export type GroupHandler = (input: BotInput) => Promise<Say[]>;

export interface BotParts {
  /** Citizens' one-to-one chats. */
  citizens: Bot;
  /** Groups and rooms; without it the bot says nothing there. */
  groups?: GroupHandler;
  /** The calendar data (slots, office hours, holidays) as staff edited it; the data files without it. */
  calendar?: CalendarProvider;
}

export function createBot(parts: BotParts): Bot {
  const dispatch: Bot = async (input) => {
    const type = input.event.source?.type;
    if (type === 'user') return parts.citizens(input);
    if ((type === 'group' || type === 'room') && parts.groups) return { says: await parts.groups(input), locale: 'th' };
    return { says: [] };
  };
  const { calendar } = parts;
  if (!calendar) return dispatch;
  return async (input) => withCalendar(await calendar.current(), () => dispatch(input));
}
