/**
 * Removing a citizen's personal data while keeping the record the centre must keep — one place, used by an
 * erasure staff carry out on request (erase.ts) and by the retention job when a period ends (retention.ts).
 *
 * What stays (the public record of the service given, needed for the centre's reports and government records
 * rules): a request's reference, category, urgency, danger kind, village (หมู่บ้าน), dates, status and its
 * changes (without the notes sent to the citizen), who on staff handled it, and the fact of consent (given or
 * not, which text, when); a booking's reference, date, time, purpose and status. The LINE user id on what
 * stays is replaced by a pseudonym that no longer leads to the person.
 * What goes: names, ages, phone, national ID, details, own words, location, photos, notes, the conversation, the LINE
 * profile, the session, the raw webhook events and the messages sent to them.
 */
import { randomUUID } from 'node:crypto';
import { HelpRequest } from '../../db/models/helpRequest';
import { Booking } from '../../db/models/booking';
import { Consent } from '../../db/models/consent';
import { StaffAlert } from '../../db/models/staffAlert';
import { StaffNote } from '../../db/models/staffNote';

/** A fresh pseudonym for what stays of one person's records (one per erasure or per person in a retention run). */
export const newPseudonym = (why: 'erased' | 'expired') => `${why}:${randomUUID()}`;

/** True for an id that anonymisation left in place of a LINE user id. */
export const isPseudonym = (id: string | null | undefined) => !!id && /^(erased|expired):/.test(id);

/**
 * Strips the personal fields of the requests matching `filter` (those not yet anonymised) and deletes their
 * internal notes. Returns the references changed. Idempotent.
 */
export async function anonymiseRequests(
  filter: Record<string, unknown>,
  pseudonym: (lineUserId: string) => string,
  by: string,
  at: Date,
): Promise<string[]> {
  const rows = await HelpRequest.find({ $and: [filter, { anonymisedAt: null }] }, { reference: 1, lineUserId: 1, statusHistory: 1 }).lean();
  for (const r of rows) {
    await HelpRequest.updateOne(
      { _id: r._id, anonymisedAt: null },
      {
        $set: {
          lineUserId: pseudonym(r.lineUserId),
          photoMessageIds: [],
          statusHistory: (r.statusHistory ?? []).map((h) => ({ status: h.status, at: h.at, by: h.by })),
          anonymisedAt: at,
          anonymisedBy: by,
        },
        $unset: {
          requesterName: 1,
          'beneficiary.name': 1,
          'beneficiary.age': 1,
          'beneficiary.contactable': 1,
          details: 1,
          ownWords: 1,
          location: 1,
          phone: 1,
          nationalId: 1,
        },
      },
    );
  }
  const references = rows.map((r) => r.reference);
  if (references.length) await StaffNote.deleteMany({ reference: { $in: references } });
  return references;
}

/** Strips the personal fields of bookings matching `filter`; a booking still to come is cancelled (its seat freed). */
export async function anonymiseBookings(
  filter: Record<string, unknown>,
  pseudonym: (lineUserId: string) => string,
  by: string,
  at: Date,
): Promise<{ references: string[]; cancelled: number }> {
  const rows = await Booking.find(
    { $and: [filter, { anonymisedAt: null }] },
    { reference: 1, lineUserId: 1, status: 1, date: 1, time: 1, start: 1 },
  ).lean();
  let cancelled = 0;
  for (const b of rows) {
    const cancel = b.status === 'booked' && b.start > at;
    if (cancel) cancelled++;
    await Booking.updateOne(
      { _id: b._id, anonymisedAt: null },
      {
        $set: {
          lineUserId: pseudonym(b.lineUserId),
          anonymisedAt: at,
          remindAt: null,
          ...(cancel ? { status: 'cancelled' } : {}),
        },
        ...(cancel ? { $push: { history: { action: 'cancelled', at, by, date: b.date, time: b.time } } } : {}),
        $unset: { requesterName: 1, note: 1, ownWords: 1, 'beneficiary.name': 1, 'beneficiary.age': 1, phone: 1 },
      },
    );
  }
  return { references: rows.map((b) => b.reference), cancelled };
}

/** Keeps the fact of each consent answer of a person, under the pseudonym. */
export async function anonymiseConsents(lineUserId: string, pseudonym: string, before?: Date): Promise<number> {
  const r = await Consent.updateMany({ lineUserId, ...(before ? { at: { $lt: before } } : {}) }, { $set: { lineUserId: pseudonym } });
  return r.modifiedCount;
}

/** Keeps the staff alerts of a person (for the centre's reports) without their words and under the pseudonym. */
export async function anonymiseAlerts(filter: Record<string, unknown>, pseudonym: (lineUserId: string) => string): Promise<number> {
  const rows = await StaffAlert.find({ $and: [filter, { lineUserId: { $not: /^(erased|expired):/ } }] }, { lineUserId: 1 }).lean();
  for (const a of rows) await StaffAlert.updateOne({ _id: a._id }, { $set: { lineUserId: pseudonym(a.lineUserId) }, $unset: { excerpt: 1 } });
  return rows.length;
}
