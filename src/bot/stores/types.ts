/**
 * What the bot keeps and reads, as interfaces: the session store and the repositories a turn uses (help
 * requests, consents, bookings and seats, staff alerts, handoffs, reference numbers, who on staff is watching).
 * Production passes the MongoDB implementations (mongo.ts, wired in src/runtime.ts); unit tests pass the
 * in-memory ones (memory.ts), so a whole flow can be walked without a database.
 */
import type { SessionDoc } from '../../db/models/session';
import type { AtRisk, Danger, Who } from '../../nlu';
import type { Locale } from '../../i18n';

/** A citizen's place in the conversation, as one turn reads and leaves it: the stored document's fields, all present. */
export type SessionData = { [K in Exclude<keyof SessionDoc, 'lineUserId'>]-?: Exclude<SessionDoc[K], undefined> };

/** A danger the citizen was asked about and has not answered yet (kept in the session). */
export interface DangerCheck {
  kind: Danger;
  atRisk: AtRisk;
  excerpt: string;
}

export interface SessionStore {
  /** The stored session, or null for someone new. */
  load(lineUserId: string): Promise<SessionData | null>;
  save(lineUserId: string, session: SessionData): Promise<void>;
}

/** What the citizen's side shows of a stored request. */
export interface RequestView {
  reference: string;
  category: string;
  status: string;
  urgent?: boolean | null;
  danger?: string | null;
  phone?: string | null;
  createdAt?: Date;
  updatedAt?: Date;
  statusHistory?: { status?: string | null; at?: Date | null; note?: string | null }[] | null;
  /** What was filed, for the request's details under ติดตามคำร้อง. */
  beneficiary?: { who?: string | null; relation?: string | null; name?: string | null; age?: number | null; contactable?: boolean | null } | null;
  urgency?: string | null;
  details?: string | null;
  village?: string | null;
  outsideArea?: boolean | null;
  nationalId?: string | null;
  location?: { latitude?: number | null; longitude?: number | null; address?: string | null } | null;
  photoMessageIds?: string[] | null;
}

/** A request as the bot files it. */
export interface NewHelpRequest {
  reference: string;
  submissionKey: string;
  lineUserId: string;
  requesterName?: string;
  beneficiary: { who: Who; relation?: string; name?: string; age?: number; contactable?: boolean };
  category: string;
  urgency: 'now' | 'soon' | 'normal';
  urgent: boolean;
  danger?: string;
  atRisk?: AtRisk;
  details?: string;
  photoMessageIds: string[];
  location?: { latitude?: number; longitude?: number; address?: string; title?: string };
  village?: string;
  /** The village is not in the centre's list: staff confirm it. */
  villageToConfirm: boolean;
  /** Answers a stuck citizen gave in their own words (the step took a general value): staff confirm them. */
  ownWords?: { step: string; words: string }[];
  outsideArea: boolean;
  /** "ต.แม่วะ อ.เถิน จ.ลำปาง" for someone outside the subdistrict, when they said where. */
  outsidePlace?: string;
  phone?: string;
  nationalId?: string;
  consent: { given: boolean; sensitive: boolean; textKey: string; textVersion: number; at: Date };
  status: 'received';
  statusHistory: { status: string; at: Date; by: string }[];
}

export interface HelpRequestRepository {
  findBySubmissionKey(submissionKey: string): Promise<RequestView | null>;
  /** Stores the request, or returns the one already stored under its submission key. */
  insertOnce(request: NewHelpRequest): Promise<RequestView>;
  findOwn(lineUserId: string, reference: string): Promise<RequestView | null>;
  /** The citizen's requests, newest first. */
  listOwn(lineUserId: string, limit: number): Promise<RequestView[]>;
}

export interface ConsentRecord {
  lineUserId: string;
  purpose: string;
  given: boolean;
  sensitive: boolean;
  textKey: string;
  textVersion: number;
  at: Date;
  submissionKey: string;
}

export interface ConsentRepository {
  /** Records the answer once per (submission key, purpose). */
  recordOnce(consent: ConsentRecord): Promise<void>;
  setReference(submissionKey: string, purpose: string, reference: string): Promise<void>;
}

/** What the citizen's side shows of a stored booking. */
export interface BookingView {
  _id?: unknown;
  reference: string;
  lineUserId: string;
  locale?: string | null;
  purpose: string;
  note?: string | null;
  beneficiary?: { who?: string | null; relation?: string | null; name?: string | null; age?: number | null } | null;
  eligibility?: { benefit?: string | null; outcome?: string | null } | null;
  date: string;
  time: string;
  start: Date;
  phone?: string | null;
  status: string;
}

export interface BookingHistoryEntry {
  action: 'booked' | 'rescheduled' | 'cancelled';
  at: Date;
  by: string;
  date: string;
  time: string;
}

/** A booking as the bot makes it, holding `seat` of its slot. */
export interface NewBooking {
  reference: string;
  submissionKey: string;
  lineUserId: string;
  requesterName?: string;
  locale: Locale;
  purpose: string;
  note?: string;
  /** Answers a stuck citizen gave in their own words (the step took a general value): staff confirm them. */
  ownWords?: { step: string; words: string }[];
  beneficiary: { who: Who; relation?: string; name?: string; age?: number };
  eligibility?: { benefit?: string; outcome?: string };
  date: string;
  time: string;
  start: Date;
  seat: number;
  phone?: string;
  remindAt: Date | null;
  history: BookingHistoryEntry[];
}

/** Where a booking moves: the slot, the seat and the new reminder time. */
export interface BookingMove {
  date: string;
  time: string;
  start: Date;
  seat: number;
  remindAt: Date | null;
  entry: BookingHistoryEntry;
}

export interface BookingRepository {
  findBySubmissionKey(submissionKey: string): Promise<BookingView | null>;
  /**
   * Takes the booking's seat: the stored booking; the one stored before under the same submission key; or
   * `seatTaken` when another booking holds that seat (the caller tries the next).
   */
  insert(booking: NewBooking): Promise<BookingView | 'seatTaken'>;
  /** Moves a booked booking to another slot and seat in one write: `gone` if it is no longer booked. */
  move(id: unknown, to: BookingMove): Promise<BookingView | 'gone' | 'seatTaken'>;
  /** Marks a booked booking cancelled (true when this call did). */
  cancel(id: unknown, entry: BookingHistoryEntry): Promise<boolean>;
  findOwn(lineUserId: string, reference: string): Promise<BookingView | null>;
  /** A booked booking of the citizen (starting after `after`, when given). */
  findBooked(lineUserId: string, reference: string, after?: Date): Promise<BookingView | null>;
  /** The citizen's booked bookings from `now`, soonest first. */
  upcoming(lineUserId: string, now: Date, limit: number): Promise<BookingView[]>;
  /** Seats taken per slot between two dates (inclusive). */
  countBooked(from: string, to: string): Promise<{ date: string; time: string; n: number }[]>;
  /** A number that changes after any write to bookings seen by this process (seat-count caches compare it). */
  writes(): number;
  /** Booked bookings whose day-before reminder is due at `now` and not sent, oldest due first. */
  dueReminders(now: Date, limit: number): Promise<{ _id?: unknown }[]>;
  /** Claims a due reminder for `leaseMs` (one claimer wins until then); the booking, or null if it is not to be sent. */
  claimReminder(id: unknown, now: Date, leaseMs: number): Promise<BookingView | null>;
  /** Records the reminder as sent. */
  reminderSent(id: unknown, at: Date): Promise<void>;
}

export interface NewAlert {
  kind: 'new_request' | 'booking' | 'handoff' | 'danger' | 'pdpa_request' | 'request_waiting';
  /** PDPA requests: what the citizen asked for. */
  pdpa?: 'access' | 'erasure' | 'withdraw';
  lineUserId: string;
  urgent?: boolean;
  reference?: string;
  danger?: string;
  atRisk?: string;
  excerpt?: string;
  /** What raised it: an alert is stored once per source. */
  source: string;
}

export interface AlertRepository {
  raise(alert: NewAlert): Promise<void>;
  /** The latest danger alert of a citizen since `since`. */
  latestDanger(lineUserId: string, since: Date): Promise<{ danger?: string | null; atRisk?: string | null } | null>;
  /** Links the citizen's danger alerts since `since` that have no request yet to `reference`. */
  attachDangerTo(lineUserId: string, since: Date, reference: string): Promise<void>;
}

export interface HandoffRepository {
  findOpen(lineUserId: string): Promise<{ openedAt: Date } | null>;
  /** Opens a handoff; returns its id. */
  open(lineUserId: string, now: Date): Promise<string>;
  /** Closes the citizen's open handoffs (true when there was one). */
  close(lineUserId: string, by: 'staff' | 'citizen' | 'timeout', now: Date, staffId?: string): Promise<boolean>;
}

export interface ReferenceCounter {
  /** The next readable reference of a kind for the Buddhist year of `at`, e.g. `CS-2569-00042`. */
  next(prefix: string, at: Date): Promise<string>;
}

export interface StaffDirectory {
  /** True when an active console user or a staff group will see an alert. */
  anyoneWatching(configuredGroupId?: string): Promise<boolean>;
}

/** Everything a turn keeps or reads, passed in (MongoDB in production, memory in unit tests). */
export interface BotStores {
  sessions: SessionStore;
  requests: HelpRequestRepository;
  consents: ConsentRepository;
  bookings: BookingRepository;
  alerts: AlertRepository;
  handoffs: HandoffRepository;
  references: ReferenceCounter;
  staff: StaffDirectory;
}
