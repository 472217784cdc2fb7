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
import type { ActionCitizen, ActionResult } from './actionTypes';
import type { BookingHistoryEntry, BookingView, BotStores } from './stores/types';
import { toBangkok } from '../domain/bangkokTime';
import { bookableDates, slotsFor, type Slot } from '../domain/calendar/slots';
import { formatThaiDate } from '../domain/thai/dates';
import { formatPhone } from '../domain/thai/phone';
import { BENEFITS, DOCUMENTS, type BenefitId } from '../domain/data/benefits';
import { HOME, bookingFlow, placeText, purposeText, whenText, whoText, type BookingData, type Purpose } from '../../flows/booking';
import { isStateOf } from '../engine/registry';
import { FlowStateError } from '../errors';
import { loadBookedCounts } from './availability';
import { menuChoices, withMenu } from './says';
import { ownWordsOf } from './ownWords';

export type { BookingView } from './stores/types';

const PREFIX = 'NB';
/** Reminders go out at this Bangkok hour on the day before the visit. */
export const REMIND_HOUR = 9;

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
async function takeSeat<T>(capacity: number, attempt: (seat: number) => Promise<T | 'seatTaken'>): Promise<T | null> {
  for (let seat = 1; seat <= capacity; seat++) {
    const got = await attempt(seat);
    if (got !== 'seatTaken') return got;
  }
  return null;
}

const entry = (action: BookingHistoryEntry['action'], at: Date, slot: { date: string; time: string }): BookingHistoryEntry => ({
  action,
  at,
  by: 'citizen',
  date: slot.date,
  time: slot.time,
});

/** The next free slot after (date, time), counted fresh from MongoDB. */
async function nextFreeSlot(stores: BotStores, dateIso: string, time: string, now: Date): Promise<Slot | undefined> {
  const booked = await loadBookedCounts(stores.bookings, now);
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
export async function submitBooking(state: FlowState, who: ActionCitizen, stores: BotStores): Promise<ActionResult> {
  if (!isStateOf(bookingFlow, state)) throw new FlowStateError(`booking action given ${state.flow}`);
  const d = state.data;
  if (d.date === HOME) {
    const prefill = { who: d.who, relation: d.relation, age: d.age ?? undefined, category: d.homeReason ?? 'elderly' };
    // Why they cannot come, in their own words, goes on to the request as its category's words to confirm.
    const words = state.unconfirmed?.homeReason;
    return {
      says: [{ kind: 'text', text: { key: 'booking.home.instead' } }],
      then: { flow: 'requestHelp', prefill, ...(words ? { unconfirmed: { category: words } } : {}) },
    };
  }
  const key = state.key ?? `${who.lineUserId}:${who.now.getTime()}`;
  if (d.change) return moveBooking(stores, d, key, who);

  const existing = await stores.bookings.findBySubmissionKey(key);
  if (existing) return confirmed(existing, 'confirmed', who.locale);
  const slot = d.date && d.time ? openSlot(d.date, d.time, who.now) : undefined;
  if (!slot) return seatLost(stores, d, who, 'passed');
  let reference: string | undefined;
  const made = await takeSeat(slot.capacity, async (seat) => {
    reference ??= await stores.references.next(PREFIX, who.now);
    return stores.bookings.insert({
      reference,
      submissionKey: key,
      lineUserId: who.lineUserId,
      requesterName: who.displayName,
      locale: who.locale,
      purpose: d.purpose ?? 'other',
      note: d.note || undefined,
      ownWords: ownWordsOf(state.unconfirmed),
      beneficiary: {
        who: d.who ?? 'self',
        relation: d.who === 'relative' ? d.relation : undefined,
        name: d.name || undefined,
        age: d.age ?? undefined,
      },
      eligibility: d.benefit ? { benefit: d.benefit, outcome: d.outcome } : undefined,
      date: slot.date,
      time: slot.time,
      start: new Date(slot.start),
      seat,
      phone: d.phone,
      remindAt: remindAtFor(slot.date, who.now),
      history: [entry('booked', who.now, slot)],
    });
  });
  if (!made) return seatLost(stores, d, who);
  await stores.alerts.raise({ kind: 'booking', lineUserId: who.lineUserId, reference: made.reference, source: `booking:${made.reference}` });
  return confirmed(made, 'confirmed', who.locale);
}

/** Moves a booking to the chosen slot in one write (the old seat is freed by the same update). */
async function moveBooking(stores: BotStores, d: BookingData, key: string, who: ActionCitizen): Promise<ActionResult> {
  const current = d.change ? await stores.bookings.findBooked(who.lineUserId, d.change) : null;
  if (!current) return { says: [withMenu('booking.gone', who.locale, { reference: d.change ?? '' })] };
  if (current.date === d.date && current.time === d.time) return confirmed(current, 'moved', who.locale);
  const slot = d.date && d.time ? openSlot(d.date, d.time, who.now) : undefined;
  if (!slot) return seatLost(stores, d, who, 'passed');
  const moved = await takeSeat(slot.capacity, (seat) =>
    stores.bookings.move(current._id, {
      date: slot.date,
      time: slot.time,
      start: new Date(slot.start),
      seat,
      remindAt: remindAtFor(slot.date, who.now),
      entry: entry('rescheduled', who.now, slot),
    }),
  );
  if (moved === 'gone') return { says: [withMenu('booking.gone', who.locale, { reference: current.reference })] };
  if (!moved) return seatLost(stores, d, who);
  await stores.alerts.raise({
    kind: 'booking',
    lineUserId: who.lineUserId,
    reference: current.reference,
    source: `booking-moved:${current.reference}:${key}`,
  });
  return confirmed(moved, 'moved', who.locale);
}

/** The slot went (taken by someone faster, or its time passed): say so and offer the next free one to confirm. */
async function seatLost(stores: BotStores, d: BookingData, who: ActionCitizen, why: 'taken' | 'passed' = 'taken'): Promise<ActionResult> {
  const date = d.date ?? '';
  const time = d.time ?? '';
  const lost = whenText(date, time, who.locale);
  const next = await nextFreeSlot(stores, date, time, who.now);
  if (!next) return { says: [withMenu('booking.noSlots', who.locale, { lost })] };
  return {
    says: [
      {
        kind: 'text',
        text: { key: why === 'passed' ? 'booking.passed' : 'booking.lost', params: { lost, next: whenText(next.date, next.time, who.locale) } },
      },
    ],
    then: { flow: 'booking', prefill: { ...carried(d), date: next.date, time: next.time } },
  };
}

function confirmed(b: BookingView, variant: 'confirmed' | 'moved', locale: Locale): ActionResult {
  const text: Say = {
    kind: 'text',
    text: { key: variant === 'moved' ? 'booking.done.movedText' : 'booking.done.text', params: { reference: b.reference } },
    choices: menuChoices(locale),
  };
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
    { label: { key: 'booking.summary.who' }, value: lit(whoText(b.beneficiary ?? {}, locale)) },
    { label: { key: 'booking.summary.place' }, value: lit(placeText(locale)) },
    { label: { key: 'booking.card.bring' }, value: lit(documentsFor(b, locale)) },
  ];
  if (b.phone) rows.push({ label: { key: 'booking.summary.phone' }, value: lit(formatPhone(b.phone)) });
  return {
    kind: 'card',
    altText: { key: TITLES[variant], params: { reference: b.reference } },
    card: {
      title: { key: TITLES[variant], params: { reference: b.reference } },
      tone: variant === 'track' ? 'normal' : 'success',
      rows,
      buttons: buttonsFor(b, locale, false),
    },
  };
}

function buttonsFor(b: BookingView, locale: Locale, withDate: boolean): CardButton[] {
  const short = withDate ? ` ${formatThaiDate(b.date, { locale, style: 'short' })} ${b.time}` : '';
  return [
    {
      kind: 'option',
      label: withDate ? { key: 'booking.button.rescheduleOn', params: { when: short } } : { key: 'booking.button.reschedule' },
      value: `booking.reschedule:${b.reference}`,
    },
    {
      kind: 'option',
      label: withDate ? { key: 'booking.button.cancelOn', params: { when: short } } : { key: 'booking.button.cancel' },
      value: `booking.cancel:${b.reference}`,
    },
  ];
}

/**
 * For ติดตามคำร้อง: at most one message — the upcoming booking's card, or one card listing up to three with a
 * เลื่อนนัด / ยกเลิกนัด button pair each. Empty when there is none.
 */
export async function bookingTrackSays(stores: BotStores, lineUserId: string, locale: Locale, now: Date): Promise<Say[]> {
  const list = await stores.bookings.upcoming(lineUserId, now, 3);
  if (list.length === 0) return [];
  if (list.length === 1) return [bookingCard(list[0], 'track', locale)];
  const card: Card = {
    title: { key: 'booking.track.title', params: { count: list.length } },
    rows: list.map((b) => ({
      label: { literal: `${b.reference} · ${purposeText(b.purpose, null, locale)}` },
      value: { literal: whenText(b.date, b.time, locale) },
    })),
    buttons: list.flatMap((b) => buttonsFor(b, locale, true)),
  };
  return [{ kind: 'card', card, altText: { key: 'booking.track.title', params: { count: list.length } } }];
}

const BUTTON = /^booking\.(reschedule|cancel|cancelYes|keep):([A-Z]{2,3}-\d{4}-\d+)$/;

/**
 * A tap on เลื่อนนัด / ยกเลิกนัด (and the cancel confirmation): null when `value` is not a booking button.
 * เลื่อนนัด starts the booking flow for this booking (`then`); ยกเลิกนัด asks once more, then frees the seat.
 */
export async function bookingButton(value: string, who: ActionCitizen, stores: BotStores): Promise<ActionResult | null> {
  const m = BUTTON.exec(value);
  if (!m) return null;
  const [, action, reference] = m;
  const { locale } = who;
  const b = await stores.bookings.findBooked(who.lineUserId, reference, who.now);
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
      const done = await stores.bookings.cancel(b._id, entry('cancelled', who.now, b));
      if (done) await stores.alerts.raise({ kind: 'booking', lineUserId: who.lineUserId, reference, source: `booking-cancelled:${reference}` });
      return { says: [withMenu('booking.cancel.done', locale, { reference, when })] };
    }
    default:
      return { says: [withMenu('booking.cancel.kept', locale, { reference, when })] };
  }
}

/** The day-before reminder: the booking card and a short note. */
export function reminderSays(b: BookingView): Say[] {
  const locale: Locale = b.locale === 'en' ? 'en' : 'th';
  return [
    { kind: 'text', text: { key: 'booking.reminder.text', params: { when: whenText(b.date, b.time, locale) } } },
    bookingCard(b, 'reminder', locale),
  ];
}
