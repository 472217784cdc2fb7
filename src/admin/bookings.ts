/**
 * Bookings as staff handle them: a week's (or a day's) list with each slot's capacity, and marking a booking attended or
 * no-show, cancelling or moving it — the citizen is told (in their language, through the outbox) when staff
 * cancel, move, or note a no-show.
 *
 * Moving takes a seat exactly as the citizen's own booking does: one update per seat tried, the partial unique
 * index on (date, time, seat) refusing a taken seat, so capacity holds even against citizens booking at once.
 */
import { Booking, isSeatTaken, type BookingLean, type BookingStatus } from '../db/models/booking';
import { Citizen } from '../db/models/citizen';
import { slotsFor } from '../domain/calendar/slots';
import { holidayName, isBusinessDay, nextBusinessDays } from '../domain/calendar/businessDays';
import { toBangkok } from '../domain/bangkokTime';
import { getCentre } from '../domain/data';
import { formatPhone } from '../domain/thai/phone';
import { bookingCard, remindAtFor } from '../bot/bookings';
import { purposeText, whenText } from '../../flows/booking';
import { localeFor, t, type Locale } from '../i18n';
import { speak } from '../bot/speak';
import { text } from '../line/messages';
import { menuChoices } from '../bot/says';
import type { Outbox } from '../outbox/outbox';
import type { LineMessage } from '../line/client';
import type { StaffPrincipal } from './permissions';
import { conflict, HttpError, notFound } from './httpError';
import { sendToCitizen, type DeliveryState } from './notify';

export const BOOKING_STATUS_TH: Record<BookingStatus, string> = { booked: 'นัดแล้ว', attended: 'มาตามนัด', no_show: 'ไม่มาตามนัด', cancelled: 'ยกเลิกแล้ว' };

export interface BookingItem {
  id: string;
  reference: string;
  date: string;
  time: string;
  status: string;
  statusLabel: string;
  purpose: string;
  purposeLabel: string;
  /** What a stuck citizen typed in their own words where a step took a general value (to confirm). */
  ownWords: { stepLabel: string; words: string }[];
  name?: string;
  requesterName?: string;
  phone?: string;
  lineUserId: string;
  history: Pick<BookingHistoryEntry, 'action' | 'at' | 'by' | 'date' | 'time'>[];
}

/** The booking steps where a stuck citizen's own words may be kept, as staff read them. */
const OWN_WORDS_STEP: Record<string, string> = { purpose: 'เรื่องที่มาติดต่อ' };

/** One entry of a booking's history, as the schema stores it. */
type BookingHistoryEntry = BookingLean['history'][number];

function itemOf(b: BookingLean): BookingItem {
  return {
    id: b._id.toString(),
    reference: b.reference,
    date: b.date,
    time: b.time,
    status: b.status,
    statusLabel: BOOKING_STATUS_TH[b.status] ?? b.status,
    purpose: b.purpose,
    purposeLabel: purposeText(b.purpose, b.note, 'th'),
    ownWords: (b.ownWords ?? []).map((w) => ({ stepLabel: OWN_WORDS_STEP[w.step ?? ''] ?? w.step ?? '', words: w.words ?? '' })),
    name: b.beneficiary?.name ?? b.requesterName ?? undefined,
    requesterName: b.requesterName ?? undefined,
    phone: b.phone && /^0\d{8,9}$/.test(b.phone) ? formatPhone(b.phone) : (b.phone ?? undefined),
    lineUserId: b.lineUserId,
    history: (b.history ?? []).map((h) => ({ action: h.action, at: h.at, by: h.by, date: h.date, time: h.time })),
  };
}

/** Bookings of one Bangkok date, by time (booked ones first within a time). */
export function bookingsOfDay(date: string): Promise<BookingItem[]> {
  return bookingsBetween(date, date);
}

/** The day's slots with capacity and seats taken, or why the centre is closed. */
export async function dayOverview(date: string) {
  return overviewOf(date, await bookingsOfDay(date));
}

function overviewOf(date: string, bookings: BookingItem[]) {
  const taken = new Map<string, number>();
  for (const b of bookings)
    if (b.status === 'booked' || b.status === 'attended' || b.status === 'no_show') taken.set(b.time, (taken.get(b.time) ?? 0) + 1);
  const closed = isBusinessDay(date) ? undefined : (holidayName(date, 'th') ?? 'วันหยุด (เสาร์-อาทิตย์)');
  const slots = closed ? [] : getCentre().booking.slots.map((s) => ({ time: s.time, capacity: s.capacity, taken: taken.get(s.time) ?? 0 }));
  return { date, closed: closed ? `ศูนย์ฯ ปิด: ${closed}` : undefined, slots, bookings };
}

/** Bookings from `from` to `to` (Bangkok dates, both included), by date and time. */
export async function bookingsBetween(from: string, to: string): Promise<BookingItem[]> {
  const rows = await Booking.find({ date: { $gte: from, $lte: to } }).lean();
  const order = (s: string) => (s === 'booked' ? 0 : s === 'attended' ? 1 : s === 'no_show' ? 2 : 3);
  return rows.sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time) || order(a.status) - order(b.status)).map(itemOf);
}

/** The day the bookings page opens on: today when the centre is open, else the next day it is. */
export function nextOpenDay(now: Date): string {
  return nextBusinessDays(now, 1)[0] ?? toBangkok(now).toISODate()!;
}

/** Monday to Sunday of the week holding `date`. */
export function weekOf(date: string): { start: string; end: string } {
  const monday = toBangkok(date)
    .startOf('day')
    .minus({ days: toBangkok(date).weekday - 1 });
  return { start: monday.toISODate()!, end: monday.plus({ days: 6 }).toISODate()! };
}

/**
 * The week (Monday to Sunday) holding `date`: each day with its slots, seats taken and bookings, or why the
 * centre is closed; the Mondays of the weeks before and after.
 */
export async function weekOverview(date: string) {
  const { start, end } = weekOf(date);
  const all = await bookingsBetween(start, end);
  const monday = toBangkok(start);
  const dates = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toISODate()!);
  const days = dates.map((d) =>
    overviewOf(
      d,
      all.filter((b) => b.date === d),
    ),
  );
  return { date, start, end, prev: monday.minus({ days: 7 }).toISODate()!, next: monday.plus({ days: 7 }).toISODate()!, days };
}

async function findBooking(reference: string): Promise<BookingLean> {
  const b = await Booking.findOne({ reference }).lean();
  if (!b) throw notFound('ไม่พบนัดหมายนี้');
  return b;
}

async function localeOf(b: BookingLean): Promise<{ locale: Locale; reachable: boolean }> {
  const c = await Citizen.findOne({ lineUserId: b.lineUserId }, { language: 1, following: 1 }).lean();
  const locale: Locale = b.locale === 'en' || b.locale === 'th' ? b.locale : localeFor(c?.language);
  return { locale, reachable: c?.following !== false };
}

async function tell(
  outbox: Outbox,
  b: BookingLean,
  source: string,
  build: (locale: Locale) => LineMessage[],
  sender: string,
): Promise<DeliveryState | undefined> {
  const { locale, reachable } = await localeOf(b);
  if (!reachable) return undefined;
  return sendToCitizen(outbox, b.lineUserId, source, build(locale), sender);
}

/** Marks a booked visit attended or no-show (a no-show is told, kindly, how to book again). */
export async function markBooking(outbox: Outbox, staff: StaffPrincipal, reference: string, status: 'attended' | 'no_show', notify: boolean) {
  const b = await findBooking(reference);
  const at = new Date();
  const r = await Booking.updateOne(
    { _id: b._id, status: 'booked' },
    { $set: { status, remindAt: null }, $push: { history: { action: status, at, by: staff.id, date: b.date, time: b.time } } },
  );
  if (r.modifiedCount !== 1) throw conflict('not_booked', `นัดนี้${BOOKING_STATUS_TH[b.status] ?? b.status}แล้ว`);
  let delivery: DeliveryState | undefined;
  if (status === 'no_show' && notify) {
    delivery = await tell(
      outbox,
      b,
      `staff:booking:${reference}:no_show`,
      (locale) => [text(t(locale, 'staffmsg.booking.noShow', { reference, when: whenText(b.date, b.time, locale) }))],
      staff.id,
    );
  }
  return { status, delivery };
}

/** Cancels a booked visit (the seat is freed by the same write) and tells the citizen, with the reason if given. */
export async function cancelBooking(outbox: Outbox, staff: StaffPrincipal, reference: string, reason: string | undefined) {
  const b = await findBooking(reference);
  const at = new Date();
  const r = await Booking.updateOne(
    { _id: b._id, status: 'booked' },
    { $set: { status: 'cancelled', remindAt: null }, $push: { history: { action: 'cancelled', at, by: staff.id, date: b.date, time: b.time } } },
  );
  if (r.modifiedCount !== 1) throw conflict('not_booked', `นัดนี้${BOOKING_STATUS_TH[b.status] ?? b.status}แล้ว`);
  const delivery = await tell(
    outbox,
    b,
    `staff:booking:${reference}:cancelled:${at.getTime()}`,
    (locale) => {
      const lines = [t(locale, 'staffmsg.booking.cancelled', { reference, when: whenText(b.date, b.time, locale) })];
      if (reason) lines.push(t(locale, 'staffmsg.booking.reason', { reason }));
      lines.push(t(locale, 'staffmsg.booking.cancelledMore'));
      return speak([{ kind: 'text', text: { literal: lines.join('\n') }, choices: menuChoices(locale) }], { locale });
    },
    staff.id,
  );
  return { status: 'cancelled' as const, delivery };
}

/**
 * Moves a booked visit to another slot (an office day, not past, within the booking horizon) with a free
 * seat; the citizen gets the updated card. 409 when the slot is full or the booking is no longer booked.
 */
export async function rescheduleBooking(outbox: Outbox, staff: StaffPrincipal, reference: string, date: string, time: string) {
  const b = await findBooking(reference);
  if (b.status !== 'booked') throw conflict('not_booked', `นัดนี้${BOOKING_STATUS_TH[b.status] ?? b.status}แล้ว`);
  if (b.date === date && b.time === time) throw conflict('same_slot', 'เป็นวันและเวลาเดิม');
  const now = new Date();
  const slot = slotsFor(date, now, { includeFull: true }).find((s) => s.time === time);
  if (!slot) throw new HttpError(400, 'no_such_slot', 'วันหรือเวลานี้รับนัดไม่ได้ (วันหยุด เลยเวลาแล้ว หรือไม่ใช่ช่วงเวลานัด)');
  await Booking.init();
  let moved: BookingLean | null = null;
  for (let seat = 1; seat <= slot.capacity && !moved; seat++) {
    try {
      moved = await Booking.findOneAndUpdate(
        { _id: b._id, status: 'booked' },
        {
          $set: {
            date: slot.date,
            time: slot.time,
            start: new Date(slot.start),
            seat,
            remindAt: remindAtFor(slot.date, now),
            reminderSentAt: null,
            reminderLeaseUntil: null,
          },
          $push: { history: { action: 'rescheduled', at: now, by: staff.id, date: slot.date, time: slot.time } },
        },
        { returnDocument: 'after' },
      ).lean();
      if (!moved) throw conflict('not_booked', 'นัดนี้ถูกยกเลิกหรือเปลี่ยนไปแล้ว');
    } catch (err) {
      if (!isSeatTaken(err)) throw err;
    }
  }
  if (!moved) throw conflict('slot_full', `ช่วงเวลา ${time} น. ของวันนั้นเต็มแล้ว`);
  const m = moved;
  const delivery = await tell(
    outbox,
    m,
    `staff:booking:${reference}:moved:${now.getTime()}`,
    (locale) =>
      speak(
        [
          bookingCard(m, 'moved', locale),
          { kind: 'text', text: { key: 'staffmsg.booking.rescheduled', params: { reference, when: whenText(m.date, m.time, locale) } } },
        ],
        { locale },
      ),
    staff.id,
  );
  return { booking: itemOf(m), delivery };
}
