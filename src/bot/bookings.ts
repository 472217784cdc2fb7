/**
 * Bookings of visits to the centre: taking a seat (atomically, once per conversation), moving and cancelling
 * a booking, the cards citizens see (confirmation, ติดตามคำร้อง, reminder), and the card buttons
 * เลื่อนนัด / ยกเลิกนัด.
 *
 * Capacity: a booking holds seat 1…capacity of its slot and a partial unique index on (date, time, seat) among
 * booked bookings rejects a second holder (src/db/models/booking.ts). Taking a seat is an insert (or, to move,
 * one update) tried seat by seat; whoever loses a race gets E11000 and tries the next seat, and when none is
 * left the citizen is told and offered the next free slot.
 */
import type { Card, CardButton, FlowState, Say } from '../engine/types';
import type { Locale, MessageKey } from '../i18n';
import type { ActionCitizen, ActionResult } from './actions';
import { Booking, isSeatTaken } from '../db/models/booking';
import { nextReference } from '../db/models/counter';
import { isDuplicateKey } from '../db/errors';
import { raiseAlert } from '../db/models/staffAlert';
import { toBangkok } from '../domain/bangkokTime';
import { bookableDates, slotsFor, type Slot } from '../domain/calendar/slots';
import { formatThaiDate } from '../domain/thai/dates';
import { formatPhone } from '../domain/thai/phone';
import { BENEFITS, DOCUMENTS, type BenefitId } from '../domain/data/benefits';
import { HOME, purposeText, whenText, whoText, placeText, type BookingData, type Purpose } from '../../flows/booking';
import { loadBookedCounts } from './availability';
import { menuChoices, withMenu } from './says';

const PREFIX = 'NB';
/** Reminders go out at this Bangkok hour on the day before the visit. */
export const REMIND_HOUR = 9;

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

type Variant = 'confirmed' | 'moved' | 'reminder' | 'track';

/** When the day-before reminder is due: 09:00 the day before; null when the booking is made later than that. */
export function remindAtFor(dateIso: string, now: Date): Date | null {
  const at = toBangkok(dateIso).minus({ days: 1 }).set({ hour: REMIND_HOUR }).toJSDate();
  return now < at ? at : null;
}

/** The slot if it can still be taken at `now` (an office slot, not past), whatever its seats. */
function openSlot(dateIso: string, time: string, now: Date): Slot | undefined {
  return slotsFor(dateIso, now, { includeFull: true }).find((s) => s.time === time);
}

/** Tries seat 1…capacity until one is free; null when all are taken. */
async function takeSeat<T>(capacity: number, attempt: (seat: number) => Promise<T>): Promise<T | null> {
  await Booking.init();
  for (let seat = 1; seat <= capacity; seat++) {
    try {
      return await attempt(seat);
    } catch (err) {
      if (!isSeatTaken(err)) throw err;
    }
  }
  return null;
}

/** The next free slot after (date, time), counted fresh from MongoDB. */
async function nextFreeSlot(dateIso: string, time: string, now: Date): Promise<Slot | undefined> {
  const booked = await loadBookedCounts(now);
  for (const day of bookableDates(now, 60, { booked })) {
    if (day < dateIso) continue;
    const slot = slotsFor(day, now, { booked }).find((s) => day > dateIso || s.time > time);
    if (slot) return slot;
  }
  return undefined;
}

/** The answers a restarted booking flow keeps (no empty values). */
function carried(d: BookingData): Record<string, unknown> {
  const keep = ['purpose', 'note', 'who', 'relation', 'name', 'age', 'benefit', 'outcome', 'phone', 'change', 'changeFrom'] as const;
  return Object.fromEntries(keep.filter((k) => d[k] !== undefined && d[k] !== null).map((k) => [k, d[k]]));
}

/** Submit action of the booking flow: book (or move) the visit, or offer a home visit instead. */
export async function submitBooking(state: FlowState, who: ActionCitizen): Promise<ActionResult> {
  const d = state.data as BookingData;
  if (d.date === HOME) {
    const prefill = { who: d.who, relation: d.relation, age: d.age ?? undefined, category: d.homeReason ?? 'elderly' };
    return { says: [{ kind: 'text', text: { key: 'booking.home.instead' } }], then: { flow: 'requestHelp', prefill } };
  }
  const key = state.key ?? `${who.lineUserId}:${who.now.getTime()}`;
  if (d.change) return moveBooking(d, key, who);

  const existing = (await Booking.findOne({ submissionKey: key }).lean()) as BookingView | null;
  if (existing) return confirmed(existing, 'confirmed', who.locale);
  const slot = openSlot(d.date!, d.time!, who.now);
  if (!slot) return seatLost(d, who, 'passed');
  let reference: string | undefined;
  const made = await takeSeat(slot.capacity, async (seat) => {
    reference ??= await nextReference(PREFIX, who.now);
    try {
      const doc = await Booking.create({
        reference,
        submissionKey: key,
        lineUserId: who.lineUserId,
        requesterName: who.displayName,
        locale: who.locale,
        purpose: d.purpose ?? 'other',
        note: d.note || undefined,
        beneficiary: { who: d.who ?? 'self', relation: d.who === 'relative' ? d.relation : undefined, name: d.name || undefined, age: d.age ?? undefined },
        eligibility: d.benefit ? { benefit: d.benefit, outcome: d.outcome } : undefined,
        date: slot.date,
        time: slot.time,
        start: new Date(slot.start),
        seat,
        phone: d.phone,
        remindAt: remindAtFor(slot.date, who.now),
        history: [{ action: 'booked', at: who.now, by: 'citizen', date: slot.date, time: slot.time }],
      });
      return doc.toObject() as BookingView;
    } catch (err) {
      // The same conversation confirmed twice at once: the other one stored it.
      if (isDuplicateKey(err, { field: 'submissionKey' })) {
        return (await Booking.findOne({ submissionKey: key }).lean()) as BookingView;
      }
      throw err;
    }
  });
  if (!made) return seatLost(d, who);
  await raiseAlert({ kind: 'booking', lineUserId: who.lineUserId, reference: made.reference, source: `booking:${made.reference}` });
  return confirmed(made, 'confirmed', who.locale);
}

/** Moves a booking to the chosen slot in one write (the old seat is freed by the same update). */
async function moveBooking(d: BookingData, key: string, who: ActionCitizen): Promise<ActionResult> {
  const current = (await Booking.findOne({ reference: d.change, lineUserId: who.lineUserId, status: 'booked' }).lean()) as BookingView | null;
  if (!current) return { says: [withMenu('booking.gone', who.locale, { reference: d.change ?? '' })] };
  if (current.date === d.date && current.time === d.time) return confirmed(current, 'moved', who.locale);
  const slot = openSlot(d.date!, d.time!, who.now);
  if (!slot) return seatLost(d, who, 'passed');
  const moved = await takeSeat(slot.capacity, async (seat) => {
    const doc = await Booking.findOneAndUpdate(
      { _id: current._id, status: 'booked' },
      {
        $set: { date: slot.date, time: slot.time, start: new Date(slot.start), seat, remindAt: remindAtFor(slot.date, who.now), reminderSentAt: null, reminderLeaseUntil: null },
        $push: { history: { action: 'rescheduled', at: who.now, by: 'citizen', date: slot.date, time: slot.time } },
      },
      { returnDocument: 'after' },
    ).lean();
    return (doc as BookingView | null) ?? 'gone';
  });
  if (moved === 'gone') return { says: [withMenu('booking.gone', who.locale, { reference: current.reference })] };
  if (!moved) return seatLost(d, who);
  await raiseAlert({ kind: 'booking', lineUserId: who.lineUserId, reference: current.reference, source: `booking-moved:${current.reference}:${key}` });
  return confirmed(moved, 'moved', who.locale);
}

/** The slot went (taken by someone faster, or its time passed): say so and offer the next free one to confirm. */
async function seatLost(d: BookingData, who: ActionCitizen, why: 'taken' | 'passed' = 'taken'): Promise<ActionResult> {
  const lost = whenText(d.date!, d.time!, who.locale);
  const next = await nextFreeSlot(d.date!, d.time!, who.now);
  if (!next) return { says: [withMenu('booking.noSlots', who.locale, { lost })] };
  return {
    says: [{ kind: 'text', text: { key: why === 'passed' ? 'booking.passed' : 'booking.lost', params: { lost, next: whenText(next.date, next.time, who.locale) } } }],
    then: { flow: 'booking', prefill: { ...carried(d), date: next.date, time: next.time } },
  };
}

function confirmed(b: BookingView, variant: 'confirmed' | 'moved', locale: Locale): ActionResult {
  const text: Say = { kind: 'text', text: { key: variant === 'moved' ? 'booking.done.movedText' : 'booking.done.text', params: { reference: b.reference } }, choices: menuChoices(locale) };
  return { says: [bookingCard(b, variant, locale), text], reference: b.reference };
}

/** What to bring: the documents of the benefit the visit is for, else the ID card. */
function documentsFor(b: BookingView, locale: Locale): string {
  const byPurpose: Partial<Record<Purpose, BenefitId>> = { register_old_age: 'old_age_allowance', register_disability: 'disability_allowance' };
  const benefit = (b.eligibility?.benefit as BenefitId | undefined) ?? byPurpose[b.purpose as Purpose];
  const keys = benefit && BENEFITS[benefit] ? BENEFITS[benefit].documents : (['id_card'] as const);
  return keys.map((k) => `• ${DOCUMENTS[k][locale]}`).join('\n');
}

const TITLES: Record<Variant, MessageKey> = {
  confirmed: 'booking.card.confirmed',
  moved: 'booking.card.moved',
  reminder: 'booking.card.reminder',
  track: 'booking.card.track',
};

/** A booking as a card: when (Buddhist calendar), where, what for, what to bring, with เลื่อนนัด / ยกเลิกนัด. */
export function bookingCard(b: BookingView, variant: Variant, locale: Locale): Say {
  const lit = (s: string) => ({ literal: s });
  const rows: Card['rows'] = [
    { label: { key: 'booking.card.reference' }, value: lit(b.reference) },
    { label: { key: 'booking.summary.when' }, value: lit(whenText(b.date, b.time, locale)) },
    { label: { key: 'booking.summary.purpose' }, value: lit(purposeText(b.purpose, b.note, locale)) },
    { label: { key: 'booking.summary.who' }, value: lit(whoText({ who: (b.beneficiary?.who ?? 'self') as BookingData['who'], relation: b.beneficiary?.relation ?? undefined, name: b.beneficiary?.name ?? undefined }, locale)) },
    { label: { key: 'booking.summary.place' }, value: lit(placeText(locale)) },
    { label: { key: 'booking.card.bring' }, value: lit(documentsFor(b, locale)) },
  ];
  if (b.phone) rows.push({ label: { key: 'booking.summary.phone' }, value: lit(formatPhone(b.phone)) });
  return {
    kind: 'card',
    altText: { key: TITLES[variant], params: { reference: b.reference } },
    card: { title: { key: TITLES[variant], params: { reference: b.reference } }, tone: variant === 'track' ? 'normal' : 'success', rows, buttons: buttonsFor(b, locale, false) },
  };
}

function buttonsFor(b: BookingView, locale: Locale, withDate: boolean): CardButton[] {
  const short = withDate ? ` ${formatThaiDate(b.date, { locale, style: 'short' })} ${b.time}` : '';
  return [
    { kind: 'option', label: withDate ? { key: 'booking.button.rescheduleOn', params: { when: short } } : { key: 'booking.button.reschedule' }, value: `booking.reschedule:${b.reference}` },
    { kind: 'option', label: withDate ? { key: 'booking.button.cancelOn', params: { when: short } } : { key: 'booking.button.cancel' }, value: `booking.cancel:${b.reference}` },
  ];
}

/** A booking of this citizen by its reference, or null. */
export async function findOwnBooking(lineUserId: string, reference: string): Promise<BookingView | null> {
  return (await Booking.findOne({ lineUserId, reference }).lean()) as BookingView | null;
}

/** The citizen's upcoming bookings, soonest first. */
export async function upcomingBookings(lineUserId: string, now: Date, limit = 3): Promise<BookingView[]> {
  return (await Booking.find({ lineUserId, status: 'booked', start: { $gte: now } }).sort({ start: 1 }).limit(limit).lean()) as BookingView[];
}

/**
 * For ติดตามคำร้อง: at most one message — the upcoming booking's card, or one card listing up to three with a
 * เลื่อนนัด / ยกเลิกนัด button pair each. Empty when there is none.
 */
export async function bookingTrackSays(lineUserId: string, locale: Locale, now: Date = new Date()): Promise<Say[]> {
  const list = await upcomingBookings(lineUserId, now);
  if (list.length === 0) return [];
  if (list.length === 1) return [bookingCard(list[0], 'track', locale)];
  const card: Card = {
    title: { key: 'booking.track.title', params: { count: list.length } },
    rows: list.map((b) => ({ label: { literal: `${b.reference} · ${purposeText(b.purpose, null, locale)}` }, value: { literal: whenText(b.date, b.time, locale) } })),
    buttons: list.flatMap((b) => buttonsFor(b, locale, true)),
  };
  return [{ kind: 'card', card, altText: { key: 'booking.track.title', params: { count: list.length } } }];
}

const BUTTON = /^booking\.(reschedule|cancel|cancelYes|keep):([A-Z]{2,3}-\d{4}-\d+)$/;

/**
 * A tap on เลื่อนนัด / ยกเลิกนัด (and the cancel confirmation): null when `value` is not a booking button.
 * เลื่อนนัด starts the booking flow for this booking (`then`); ยกเลิกนัด asks once more, then frees the seat.
 */
export async function bookingButton(value: string, who: ActionCitizen): Promise<ActionResult | null> {
  const m = BUTTON.exec(value);
  if (!m) return null;
  const [, action, reference] = m;
  const { locale } = who;
  const b = (await Booking.findOne({ reference, lineUserId: who.lineUserId, status: 'booked', start: { $gt: who.now } }).lean()) as BookingView | null;
  if (!b) return { says: [withMenu('booking.gone', locale, { reference })] };
  const when = whenText(b.date, b.time, locale);
  switch (action) {
    case 'reschedule': {
      const prefill = {
        purpose: b.purpose,
        note: b.note ?? undefined,
        who: b.beneficiary?.who ?? 'self',
        relation: b.beneficiary?.relation ?? undefined,
        name: b.beneficiary?.name ?? '',
        phone: b.phone ?? undefined,
        change: b.reference,
        changeFrom: `${b.date}T${b.time}`,
      };
      return { says: [{ kind: 'text', text: { key: 'booking.change.intro', params: { reference, when } } }], then: { flow: 'booking', prefill } };
    }
    case 'cancel':
      return {
        says: [
          {
            kind: 'text',
            text: { key: 'booking.cancel.ask', params: { reference, when } },
            choices: [
              { kind: 'option', label: { key: 'booking.cancel.yes' }, value: `booking.cancelYes:${reference}` },
              { kind: 'option', label: { key: 'booking.cancel.no' }, value: `booking.keep:${reference}` },
            ],
          },
        ],
      };
    case 'cancelYes': {
      const done = await Booking.updateOne(
        { _id: b._id, status: 'booked' },
        { $set: { status: 'cancelled' }, $push: { history: { action: 'cancelled', at: who.now, by: 'citizen', date: b.date, time: b.time } } },
      );
      if (done.modifiedCount === 1) await raiseAlert({ kind: 'booking', lineUserId: who.lineUserId, reference, source: `booking-cancelled:${reference}` });
      return { says: [withMenu('booking.cancel.done', locale, { reference, when })] };
    }
    default:
      return { says: [withMenu('booking.cancel.kept', locale, { reference, when })] };
  }
}

/** The day-before reminder: the booking card and a short note. */
export function reminderSays(b: BookingView): Say[] {
  const locale = (b.locale === 'en' ? 'en' : 'th') as Locale;
  return [
    { kind: 'text', text: { key: 'booking.reminder.text', params: { when: whenText(b.date, b.time, locale) } } },
    bookingCard(b, 'reminder', locale),
  ];
}
