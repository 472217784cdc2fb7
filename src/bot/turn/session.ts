/**
 * The session of a turn: read from the store at the start (a new citizen gets an empty one), written back once
 * at the end with the turn's time, whatever the stages did.
 */
import type { SessionData, SessionStore } from '../stores/types';

/** A citizen's session before anything happened. */
export function emptySession(): SessionData {
  return {
    flow: null,
    paused: null,
    awaitingResume: false,
    lastSubmission: null,
    touchedAt: new Date(0),
    dangerCheck: null,
    locale: null,
    facts: null,
  };
}

export async function loadSession(store: SessionStore, lineUserId: string): Promise<SessionData> {
  return (await store.load(lineUserId)) ?? emptySession();
}

/** Stores the session as the turn left it, touched at `now`. */
export async function saveSession(store: SessionStore, lineUserId: string, session: SessionData, now: Date): Promise<void> {
  await store.save(lineUserId, { ...session, touchedAt: now });
}
