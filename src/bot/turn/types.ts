/**
 * What one turn of a citizen's conversation carries through its stages: who, when, the session as read (the
 * stages change it; it is saved at the end), the stores, and the seat counts the booking flow offers from.
 */
import type { BookedCount } from '../../domain/calendar/slots';
import type { Locale } from '../../i18n';
import type { Logger } from '../../log';
import type { BotStores, SessionData } from '../stores/types';

export interface ConversationOptions {
  idleMs: number;
  handoffTimeoutMs: number;
  log: Logger;
  /** Where sessions, requests, bookings, alerts and handoffs are kept (MongoDB in production, memory in unit tests). */
  stores: BotStores;
  /** The clock (tests set it to make booking days and times deterministic); the system clock by default. */
  now?: () => Date;
  /** The staff group fixed by configuration (STAFF_GROUP_ID), so a danger card can say staff were told. */
  staffGroupId?: string;
}

export interface Turn {
  userId: string;
  displayName?: string;
  locale: Locale;
  now: Date;
  eventId: string;
  session: SessionData;
  /** The citizen's open handoff to staff as read at the turn's start (with the session), if any. */
  handoff: { openedAt: Date } | null;
  /** Seats taken per booking slot, for flows that offer slots. */
  booked: BookedCount;
  stores: BotStores;
  opts: ConversationOptions;
  /** The whole message asked for a language ("English", "ภาษาไทย"): it is answered with the switch. */
  languageAsked?: boolean;
}
