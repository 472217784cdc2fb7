/**
 * The bot's stores in memory, behind the same interfaces as mongo.ts: for unit tests that walk whole flows
 * without a database. They keep the rules the MongoDB indexes keep (one request or booking per submission key,
 * one booked booking per seat, one alert per source), so a flow behaves as it does in production.
 */
import { formatReference } from '../../domain/reference';
import { buddhistYearOf } from '../../domain/bangkokTime';
import type {
  BookingHistoryEntry,
  BookingView,
  BotStores,
  ConsentRecord,
  NewAlert,
  NewBooking,
  NewHelpRequest,
  RequestView,
  SessionData,
} from './types';

type StoredRequest = NewHelpRequest & RequestView & { createdAt: Date; updatedAt: Date };
type StoredBooking = NewBooking &
  BookingView & { _id: string; status: string; history: BookingHistoryEntry[]; reminderSentAt?: Date; reminderLeaseUntil?: Date };
type StoredAlert = NewAlert & { createdAt: Date };

/** A deep copy of plain data (dates kept as dates), so what a caller changes never changes what is stored. */
function copy<T>(x: T): T;
function copy(x: unknown): unknown {
  if (x instanceof Date) return new Date(x.getTime());
  if (Array.isArray(x)) return x.map(copy);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, copy(v)]));
  return x;
}

/** Everything the in-memory stores hold, for tests to look at. */
export interface MemoryData {
  sessions: Map<string, SessionData>;
  requests: StoredRequest[];
  consents: (ConsentRecord & { reference?: string })[];
  bookings: StoredBooking[];
  alerts: StoredAlert[];
  handoffs: { id: string; lineUserId: string; status: 'open' | 'closed'; openedAt: Date; closedAt?: Date; closeReason?: string; closedBy?: string }[];
}

/** Fresh in-memory stores; `data` shows what they hold. `clock` stamps createdAt (the system clock by default). */
export function memoryStores(clock: () => Date = () => new Date()): BotStores & { data: MemoryData } {
  const data: MemoryData = { sessions: new Map(), requests: [], consents: [], bookings: [], alerts: [], handoffs: [] };
  const counters = new Map<string, number>();
  let writes = 0;
  const changed = () => void writes++;
  let ids = 0;
  const seatHolder = (date: string, time: string, seat: number, except?: string) =>
    data.bookings.find((b) => b.status === 'booked' && b.date === date && b.time === time && b.seat === seat && b._id !== except);

  return {
    data,
    sessions: {
      async load(lineUserId) {
        const s = data.sessions.get(lineUserId);
        return s ? copy(s) : null;
      },
      async save(lineUserId, session) {
        data.sessions.set(lineUserId, copy(session));
      },
    },
    requests: {
      async findBySubmissionKey(key) {
        return copy(data.requests.find((r) => r.submissionKey === key) ?? null);
      },
      async insertOnce(request) {
        const existing = data.requests.find((r) => r.submissionKey === request.submissionKey);
        if (existing) return copy(existing);
        const now = clock();
        const stored: StoredRequest = { ...copy(request), createdAt: now, updatedAt: now };
        data.requests.push(stored);
        return copy(stored);
      },
      async findOwn(lineUserId, reference) {
        return copy(data.requests.find((r) => r.lineUserId === lineUserId && r.reference === reference) ?? null);
      },
      async listOwn(lineUserId, limit) {
        return copy(
          data.requests
            .filter((r) => r.lineUserId === lineUserId)
            .reverse()
            .slice(0, limit),
        );
      },
    },
    consents: {
      async recordOnce(consent) {
        if (!data.consents.some((c) => c.submissionKey === consent.submissionKey && c.purpose === consent.purpose)) data.consents.push(copy(consent));
      },
      async setReference(submissionKey, purpose, reference) {
        for (const c of data.consents) if (c.submissionKey === submissionKey && c.purpose === purpose) c.reference = reference;
      },
    },
    bookings: {
      async findBySubmissionKey(key) {
        return copy(data.bookings.find((b) => b.submissionKey === key) ?? null);
      },
      async insert(booking) {
        if (seatHolder(booking.date, booking.time, booking.seat)) return 'seatTaken';
        const existing = data.bookings.find((b) => b.submissionKey === booking.submissionKey);
        if (existing) return copy(existing);
        const stored: StoredBooking = { ...copy(booking), _id: `b${++ids}`, status: 'booked' };
        data.bookings.push(stored);
        changed();
        return copy(stored);
      },
      async move(id, to) {
        const b = data.bookings.find((x) => x._id === id && x.status === 'booked');
        if (!b) return 'gone';
        if (seatHolder(to.date, to.time, to.seat, b._id)) return 'seatTaken';
        Object.assign(b, { date: to.date, time: to.time, start: to.start, seat: to.seat, remindAt: to.remindAt });
        b.history.push(copy(to.entry));
        changed();
        return copy(b);
      },
      async cancel(id, entry) {
        const b = data.bookings.find((x) => x._id === id && x.status === 'booked');
        if (!b) return false;
        b.status = 'cancelled';
        b.history.push(copy(entry));
        changed();
        return true;
      },
      async findOwn(lineUserId, reference) {
        return copy(data.bookings.find((b) => b.lineUserId === lineUserId && b.reference === reference) ?? null);
      },
      async findBooked(lineUserId, reference, after) {
        const b = data.bookings.find(
          (x) => x.lineUserId === lineUserId && x.reference === reference && x.status === 'booked' && (!after || x.start > after),
        );
        return copy(b ?? null);
      },
      async upcoming(lineUserId, now, limit) {
        const list = data.bookings.filter((b) => b.lineUserId === lineUserId && b.status === 'booked' && b.start >= now);
        return copy(list.sort((a, b) => a.start.getTime() - b.start.getTime()).slice(0, limit));
      },
      async countBooked(from, to) {
        const counts = new Map<string, { date: string; time: string; n: number }>();
        for (const b of data.bookings) {
          if (b.status !== 'booked' || b.date < from || b.date > to) continue;
          const key = `${b.date}|${b.time}`;
          const row = counts.get(key) ?? { date: b.date, time: b.time, n: 0 };
          row.n++;
          counts.set(key, row);
        }
        return [...counts.values()];
      },
      writes: () => writes,
      async dueReminders(now, limit) {
        const due = data.bookings.filter((b) => b.status === 'booked' && !b.reminderSentAt && b.remindAt && b.remindAt <= now && b.start > now);
        return due
          .sort((a, b) => (a.remindAt?.getTime() ?? 0) - (b.remindAt?.getTime() ?? 0))
          .slice(0, limit)
          .map((b) => ({ _id: b._id }));
      },
      async claimReminder(id, now, leaseMs) {
        const b = data.bookings.find((x) => x._id === id && x.status === 'booked' && !x.reminderSentAt);
        if (!b || (b.reminderLeaseUntil && b.reminderLeaseUntil >= now)) return null;
        b.reminderLeaseUntil = new Date(now.getTime() + leaseMs);
        return copy(b);
      },
      async reminderSent(id, at) {
        const b = data.bookings.find((x) => x._id === id);
        if (b) Object.assign(b, { reminderSentAt: at, reminderLeaseUntil: undefined });
      },
    },
    alerts: {
      async raise(alert) {
        if (!data.alerts.some((a) => a.source === alert.source)) data.alerts.push({ ...copy(alert), createdAt: clock() });
      },
      async latestDanger(lineUserId, since) {
        const list = data.alerts.filter((a) => a.kind === 'danger' && a.lineUserId === lineUserId && a.createdAt >= since);
        const last = list[list.length - 1];
        return last ? { danger: last.danger, atRisk: last.atRisk } : null;
      },
      async attachDangerTo(lineUserId, since, reference) {
        for (const a of data.alerts)
          if (a.kind === 'danger' && a.lineUserId === lineUserId && !a.reference && a.createdAt >= since) a.reference = reference;
      },
    },
    handoffs: {
      async findOpen(lineUserId) {
        const h = data.handoffs.find((x) => x.lineUserId === lineUserId && x.status === 'open');
        return h ? { openedAt: h.openedAt } : null;
      },
      async open(lineUserId, now) {
        const id = `h${++ids}`;
        data.handoffs.push({ id, lineUserId, status: 'open', openedAt: now });
        return id;
      },
      async close(lineUserId, by, now, staffId) {
        const open = data.handoffs.filter((h) => h.lineUserId === lineUserId && h.status === 'open');
        for (const h of open) Object.assign(h, { status: 'closed', closedAt: now, closeReason: by, closedBy: staffId });
        return open.length > 0;
      },
    },
    references: {
      async next(prefix, at) {
        const yearBE = buddhistYearOf(at);
        const name = `${prefix}-${yearBE}`;
        const n = (counters.get(name) ?? 0) + 1;
        counters.set(name, n);
        return formatReference(prefix, yearBE, n);
      },
    },
    staff: {
      async anyoneWatching(configuredGroupId) {
        return !!configuredGroupId;
      },
    },
  };
}
