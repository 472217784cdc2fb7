/**
 * One turn of a citizen's one-to-one conversation: the LINE event read as an `Incoming`, the session loaded,
 * the stages run (turn/stages.ts), the session saved, and what to say returned — the pipeline renders it once.
 * Sessions, requests, bookings, alerts and handoffs come from the stores passed in (turn/types.ts).
 */
import { toIncoming } from '../line/incoming';
import { FlowStateError } from '../errors';
import { errorSays } from './errorReply';
import { bookedCountsCache } from './availability';
import type { Bot } from './pipeline';
import { handle } from './turn/stages';
import { loadSession, saveSession } from './turn/session';
import type { ConversationOptions, Turn } from './turn/types';
import { loadAdminAreas } from '../domain/places';
import { languageChoice } from './turn/language';

export type { ConversationOptions } from './turn/types';

/** The bot's handler for citizens' one-to-one chats. */
export function createConversation(opts: ConversationOptions): Bot {
  const { stores } = opts;
  const bookedCounts = bookedCountsCache(stores.bookings);
  return async ({ event, citizen, locale }) => {
    if (event.source?.type !== 'user' || !event.source.userId) return { says: [] };
    await loadAdminAreas(); // once: the national ตำบล/อำเภอ/จังหวัด list free text is read against
    const input = toIncoming(event);
    if (!input) return { says: [] };
    const userId = event.source.userId;
    const now = opts.now?.() ?? new Date();
    // The session and whether staff have the conversation: read together, not one after the other.
    const [session, handoff] = await Promise.all([
      loadSession(stores.sessions, userId),
      input.kind === 'follow' ? null : stores.handoffs.findOpen(userId),
    ]);
    // Facts said about someone are remembered while the conversation goes on, not from one day to the next.
    if (now.getTime() - session.touchedAt.getTime() > opts.idleMs) session.facts = null;
    // The profile's language at follow; English or Thai as the citizen writes or asks from then on (language.ts).
    const choice = input.kind === 'text' ? languageChoice(input.text) : undefined;
    if (input.kind === 'follow' || !session.locale) session.locale = locale;
    if (choice) session.locale = choice.locale;
    const turn: Turn = {
      userId,
      displayName: citizen?.displayName,
      locale: session.locale ?? locale,
      now,
      eventId: event.webhookEventId,
      languageAsked: choice?.asked,
      session,
      handoff,
      booked: await bookedCounts(now),
      stores,
      opts,
    };
    let says;
    try {
      says = await handle(turn, input);
    } catch (err) {
      opts.log.error({ err, userId: `…${userId.slice(-6)}` }, 'conversation turn failed');
      says = errorSays(err, locale);
      // A conversation that cannot go on starts afresh; after any other failure the answers given so far are kept.
      if (err instanceof FlowStateError) turn.session.flow = null;
    }
    await saveSession(stores.sessions, userId, turn.session, now);
    return { says, locale: turn.locale, flow: turn.session.flow?.flow, step: turn.session.flow?.step };
  };
}
