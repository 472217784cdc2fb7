/**
 * The bot's stores in MongoDB (through the mongoose models in src/db/models): what production runs. Each write
 * that must happen once relies on a unique index (submission key, seat, alert source), so a repeat after a
 * crash or a race stores nothing new.
 */
import { Session } from '../../db/models/session';
import { HelpRequest } from '../../db/models/helpRequest';
import { Consent } from '../../db/models/consent';
import { Booking, bookingWrites, isSeatTaken } from '../../db/models/booking';
import { StaffAlert, raiseAlert } from '../../db/models/staffAlert';
import { Handoff } from '../../db/models/handoff';
import { StaffUser } from '../../db/models/staffUser';
import { pairedGroupId } from '../../db/models/setting';
import { nextReference } from '../../db/models/counter';
import { isDuplicateKey } from '../../db/errors';
import { GroupCommit } from '../../db/groupCommit';
import type {
  AlertRepository,
  BookingRepository,
  BookingView,
  BotStores,
  ConsentRepository,
  HandoffRepository,
  HelpRequestRepository,
  RequestView,
  SessionData,
  SessionStore,
  StaffDirectory,
} from './types';

let bookingWriteCount = 0;
bookingWrites.on('changed', () => bookingWriteCount++);

/**
 * Sessions are read and written in groups: the lanes of many citizens turn at once, and each read (or write)
 * handed in while one is under way goes out with the next, as one `find` (or one `bulkWrite`). Every turn still
 * reads its citizen's session fresh and writes it before the next turn of that citizen starts.
 */
const sessionReads = new GroupCommit<string, SessionData | null>(
  async (ids) => {
    const docs = await Session.find({ lineUserId: { $in: [...new Set(ids)] } }).lean();
    const byUser = new Map(docs.map((s) => [s.lineUserId, s]));
    return ids.map((id) => {
      const s = byUser.get(id);
      if (!s) return null;
      return {
        flow: s.flow ?? null,
        paused: s.paused ?? null,
        awaitingResume: s.awaitingResume ?? false,
        lastSubmission: s.lastSubmission ?? null,
        touchedAt: s.touchedAt ?? new Date(0),
        dangerCheck: s.dangerCheck ?? null,
        locale: s.locale ?? null,
        facts: s.facts ?? null,
      };
    });
  },
  { name: 'sessionReads' },
);

const sessionWrites = new GroupCommit<{ lineUserId: string; session: SessionData }>(
  async (saves) => {
    // Every field of the session is set, with the schema's types: written by the driver, no mongoose casting.
    await Session.collection.bulkWrite(
      saves.map(({ lineUserId, session }) => ({
        updateOne: { filter: { lineUserId }, update: { $set: { ...session } }, upsert: true },
      })),
      { ignoreUndefined: true },
    );
  },
  { oneByOneOnError: true, name: 'sessionWrites' },
);

export const mongoSessions: SessionStore = {
  async load(lineUserId) {
    const [session] = await sessionReads.add([lineUserId]);
    return session;
  },
  async save(lineUserId, session) {
    await sessionWrites.add([{ lineUserId, session }]);
  },
};

export const mongoRequests: HelpRequestRepository = {
  async findBySubmissionKey(submissionKey) {
    return HelpRequest.findOne({ submissionKey }).lean<RequestView>();
  },
  async insertOnce(request) {
    try {
      return (await HelpRequest.create(request)).toObject();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = await HelpRequest.findOne({ submissionKey: request.submissionKey }).lean<RequestView>();
      if (!existing) throw err;
      return existing;
    }
  },
  async findOwn(lineUserId, reference) {
    return HelpRequest.findOne({ lineUserId, reference }).lean<RequestView>();
  },
  async listOwn(lineUserId, limit) {
    return HelpRequest.find({ lineUserId }).sort({ createdAt: -1 }).limit(limit).lean<RequestView[]>();
  },
};

export const mongoConsents: ConsentRepository = {
  async recordOnce(consent) {
    await Consent.updateOne({ submissionKey: consent.submissionKey, purpose: consent.purpose }, { $setOnInsert: consent }, { upsert: true });
  },
  async setReference(submissionKey, purpose, reference) {
    await Consent.updateOne({ submissionKey, purpose }, { $set: { reference } });
  },
};

export const mongoBookings: BookingRepository = {
  async findBySubmissionKey(submissionKey) {
    return Booking.findOne({ submissionKey }).lean<BookingView>();
  },
  async insert(booking) {
    await Booking.init();
    try {
      return (await Booking.create(booking)).toObject();
    } catch (err) {
      if (isSeatTaken(err)) return 'seatTaken';
      // The same conversation confirmed twice at once: the other one stored it.
      if (isDuplicateKey(err, { field: 'submissionKey' })) {
        const stored = await Booking.findOne({ submissionKey: booking.submissionKey }).lean<BookingView>();
        if (stored) return stored;
      }
      throw err;
    }
  },
  async move(id, to) {
    await Booking.init();
    try {
      const doc = await Booking.findOneAndUpdate(
        { _id: id, status: 'booked' },
        {
          $set: {
            date: to.date,
            time: to.time,
            start: to.start,
            seat: to.seat,
            remindAt: to.remindAt,
            reminderSentAt: null,
            reminderLeaseUntil: null,
          },
          $push: { history: to.entry },
        },
        { returnDocument: 'after' },
      ).lean<BookingView>();
      return doc ?? 'gone';
    } catch (err) {
      if (isSeatTaken(err)) return 'seatTaken';
      throw err;
    }
  },
  async cancel(id, entry) {
    const done = await Booking.updateOne({ _id: id, status: 'booked' }, { $set: { status: 'cancelled' }, $push: { history: entry } });
    return done.modifiedCount === 1;
  },
  async findOwn(lineUserId, reference) {
    return Booking.findOne({ lineUserId, reference }).lean<BookingView>();
  },
  async findBooked(lineUserId, reference, after) {
    return Booking.findOne({ reference, lineUserId, status: 'booked', ...(after ? { start: { $gt: after } } : {}) }).lean<BookingView>();
  },
  async upcoming(lineUserId, now, limit) {
    return Booking.find({ lineUserId, status: 'booked', start: { $gte: now } })
      .sort({ start: 1 })
      .limit(limit)
      .lean<BookingView[]>();
  },
  async countBooked(from, to) {
    const rows = await Booking.aggregate<{ _id: { date: string; time: string }; n: number }>([
      { $match: { status: 'booked', date: { $gte: from, $lte: to } } },
      { $group: { _id: { date: '$date', time: '$time' }, n: { $sum: 1 } } },
    ]);
    return rows.map((r) => ({ date: r._id.date, time: r._id.time, n: r.n }));
  },
  writes: () => bookingWriteCount,
  async dueReminders(now, limit) {
    return Booking.find({ status: 'booked', reminderSentAt: null, remindAt: { $ne: null, $lte: now }, start: { $gt: now } }, { _id: 1 })
      .sort({ remindAt: 1 })
      .limit(limit)
      .lean();
  },
  async claimReminder(id, now, leaseMs) {
    return Booking.findOneAndUpdate(
      { _id: id, status: 'booked', reminderSentAt: null, $or: [{ reminderLeaseUntil: null }, { reminderLeaseUntil: { $lt: now } }] },
      { $set: { reminderLeaseUntil: new Date(now.getTime() + leaseMs) } },
      { returnDocument: 'after' },
    ).lean<BookingView>();
  },
  async reminderSent(id, at) {
    await Booking.updateOne({ _id: id }, { $set: { reminderSentAt: at }, $unset: { reminderLeaseUntil: 1 } });
  },
};

export const mongoAlerts: AlertRepository = {
  raise: raiseAlert,
  async latestDanger(lineUserId, since) {
    return StaffAlert.findOne({ kind: 'danger', lineUserId, createdAt: { $gte: since } })
      .sort({ createdAt: -1 })
      .lean();
  },
  async attachDangerTo(lineUserId, since, reference) {
    await StaffAlert.updateMany({ kind: 'danger', lineUserId, reference: null, createdAt: { $gte: since } }, { $set: { reference } });
  },
};

/** Whether citizens talk to staff, read in groups as sessions are (one `find` for the lanes turning at once). */
const openHandoffReads = new GroupCommit<string, { openedAt: Date } | null>(
  async (ids) => {
    const open = await Handoff.find({ lineUserId: { $in: [...new Set(ids)] }, status: 'open' }, { lineUserId: 1, openedAt: 1 }).lean();
    const byUser = new Map(open.map((h) => [h.lineUserId, { openedAt: h.openedAt ?? new Date(0) }]));
    return ids.map((id) => byUser.get(id) ?? null);
  },
  { name: 'handoffReads' },
);

export const mongoHandoffs: HandoffRepository = {
  async findOpen(lineUserId) {
    const [open] = await openHandoffReads.add([lineUserId]);
    return open;
  },
  async open(lineUserId, now) {
    const h = await Handoff.create({ lineUserId, openedAt: now });
    return String(h._id);
  },
  async close(lineUserId, by, now, staffId) {
    const r = await Handoff.updateMany(
      { lineUserId, status: 'open' },
      { $set: { status: 'closed', closedAt: now, closeReason: by, closedBy: staffId } },
    );
    return r.modifiedCount > 0;
  },
};

export const mongoStaff: StaffDirectory = {
  async anyoneWatching(configuredGroupId) {
    return !!(await StaffUser.exists({ active: true })) || !!(await pairedGroupId(configuredGroupId));
  },
};

/** Every store in MongoDB. */
export function mongoStores(): BotStores {
  return {
    sessions: mongoSessions,
    requests: mongoRequests,
    consents: mongoConsents,
    bookings: mongoBookings,
    alerts: mongoAlerts,
    handoffs: mongoHandoffs,
    references: { next: nextReference },
    staff: mongoStaff,
  };
}
