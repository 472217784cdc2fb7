/**
 * นัดหมายเข้าพบ — book a visit to the centre: why, for whom, which day, which time, a phone number, confirm.
 *
 * Days and times come from the editable calendar data (office days, holidays, slots and their capacity);
 * what is already taken comes with the turn (`ctx.services.booked`, the flow's {@link BookingServices}, loaded by
 * src/bot/availability.ts). The seat itself is taken
 * atomically when the citizen confirms (src/bot/bookings.ts). The same flow moves an existing booking
 * (prefilled with `change`), and someone who cannot travel is offered a home visit instead.
 */
import type { Accept, Card, Flow, Label, Say, Step, StepContext } from '../src/engine/types';
import { choice, confirm, date, personName, phone, text, type Option, type WeekPending } from '../src/engine/steps';
import { EDIT_PREFIX } from '../src/engine/interpreter';
import { getCentre } from '../src/domain/data';
import { toBangkok, toIsoDate } from '../src/domain/bangkokTime';
import { holidayName, isClosedWeekday } from '../src/domain/calendar/businessDays';
import { bookableDates, slotsFor, type BookedCount, type Slot } from '../src/domain/calendar/slots';
import { formatSlotTime, formatThaiDate, formatThaiDateTime } from '../src/domain/thai/dates';
import { parseThaiDate } from '../src/domain/thai/dateParsing';
import { parseTimeOfDay } from '../src/domain/thai/timeParsing';
import { formatPhone } from '../src/domain/thai/phone';
import { t, type Locale, type MessageKey } from '../src/i18n';
import {
  ANSWER_WORDS,
  BENEFIT_MENTIONS,
  categoryLabel,
  isBenefitId,
  isRelation,
  relationLabel,
  whoLabel,
  type BenefitId,
  type BenefitMention,
  type Category,
  type Relation,
  type Who,
} from '../src/vocabulary';
import { WHO_OPTIONS, numberOf, prefillPerson, textOf, whoFromText } from './common';

export const PURPOSES = ['register_old_age', 'register_disability', 'consult', 'submit_documents', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];
/** The date answer of someone who cannot travel: a home visit is offered instead. */
export const HOME = 'home';
/** Why someone cannot travel; the values are request-help categories. */
export const HOME_REASONS = ['elderly', 'bedridden', 'disability', 'other'] as const satisfies readonly Category[];
export type HomeReason = (typeof HOME_REASONS)[number];
type Part = 'morning' | 'afternoon';

/** What the booking flow needs from outside each turn: the seats already taken per slot. */
export interface BookingServices {
  booked: BookedCount;
}
type Ctx = StepContext<BookingServices>;

/** The time step's scratch: a part of the day typed ("ช่วงบ่าย") with several free times in it. */
interface TimePending {
  part: Part;
}

export interface BookingData {
  purpose?: Purpose;
  note?: string;
  who?: Who;
  relation?: Relation;
  name?: string;
  age?: number | null;
  /** Carried over from the eligibility check. */
  benefit?: BenefitId;
  outcome?: string;
  /** Reference of the booking being moved, and its current start (`YYYY-MM-DDTHH:mm`). */
  change?: string;
  changeFrom?: string;
  /** A day said in free text ("วันจันทร์", "วันที่ ๘") and a part of the day ("ช่วงบ่าย"). */
  wish?: { weekday?: number; dayOfMonth?: number };
  timeWish?: Part;
  /** The hour said ("บ่ายสองโมง" → "14:00"): offered first when that slot is free. */
  clockWish?: string;
  date?: string;
  homeReason?: HomeReason;
  time?: string;
  phone?: string;
  danger?: string;
}

/** The purpose of a visit for a benefit checked in the eligibility flow. */
export const PURPOSE_FOR_BENEFIT: Record<BenefitId, Purpose> = {
  old_age_allowance: 'register_old_age',
  disability_allowance: 'register_disability',
  newborn_support: 'submit_documents',
  emergency_assistance: 'consult',
  state_welfare_card: 'consult',
};
const PURPOSE_FOR_MENTION: Partial<Record<BenefitMention, Purpose>> = { old_age: 'register_old_age', disability: 'register_disability' };
const purposeForMention = (m: BenefitMention | undefined): Purpose | undefined => (m ? PURPOSE_FOR_MENTION[m] : undefined);
const PURPOSE_WORDS: Record<Purpose, string[]> = {
  register_old_age: ['เบี้ยยังชีพ', 'เบี้ยคนแก่', 'เบี้ยผู้สูงอายุ', 'ขึ้นทะเบียนผู้สูงอายุ'],
  register_disability: ['บัตรคนพิการ', 'เบี้ยพิการ', 'คนพิการ', 'ทำบัตรคนพิการ'],
  consult: ['ปรึกษา', 'ขอคำปรึกษา', 'คุยกับเจ้าหน้าที่', 'consult'],
  submit_documents: ['ยื่นเอกสาร', 'ส่งเอกสาร', 'เอกสาร', 'documents'],
  other: ['อื่นๆ', 'เรื่องอื่น', 'other'],
};

const say = (key: MessageKey, params?: Record<string, string | number>): Say => ({ kind: 'text', text: { key, params } });
const slotStart = (dateIso: string, time: string) => `${dateIso}T${time}`;
const longDate = (iso: string, locale: Locale) => formatThaiDate(iso, { locale, weekday: true });

/** Why a date cannot be booked (as seen at `ctx.now`), or undefined when it has a free slot. */
export function dateProblem(iso: string, ctx: Ctx): { reason: MessageKey; params: Record<string, string | number> } | undefined {
  const { booking } = getCentre();
  const params = { date: longDate(iso, ctx.locale) };
  if (iso < toIsoDate(ctx.now)) return { reason: 'booking.date.past', params };
  if (iso > lastBookableDay(ctx.now)) return { reason: 'booking.date.tooFar', params: { ...params, days: booking.maxDaysAhead } };
  const holiday = holidayName(iso, ctx.locale);
  if (holiday) return { reason: 'booking.date.holiday', params: { ...params, holiday } };
  if (isClosedWeekday(iso)) return { reason: 'booking.date.weekend', params };
  const slots = slotsFor(iso, ctx.now, { booked: ctx.services.booked, includeFull: true });
  if (slots.length === 0) return { reason: 'booking.date.noTimeLeft', params };
  if (slots.every((s) => s.remaining === 0)) return { reason: 'booking.date.full', params };
  return undefined;
}

/** The last day that can be booked (`YYYY-MM-DD`). */
function lastBookableDay(now: Date): string {
  return toIsoDate(toBangkok(now).plus({ days: getCentre().booking.maxDaysAhead }).toJSDate());
}

/** The day a free-text wish names ("วันจันทร์" → next Monday, "วันที่ 8" → the next 8th). */
function wishedDate(d: BookingData, ctx: Ctx): string | undefined {
  const w = d.wish;
  if (!w) return undefined;
  const thaiDays = ['จันทร์', 'อังคาร', 'พุธ', 'พฤหัสบดี', 'ศุกร์', 'เสาร์', 'อาทิตย์'];
  const words = w.dayOfMonth ? `วันที่ ${w.dayOfMonth}` : w.weekday ? `วัน${thaiDays[w.weekday - 1]}` : '';
  const r = parseThaiDate(words, ctx.now);
  return r.ok ? r.date : undefined;
}

/** The wished day, when it is open (it is offered first, and a yes takes it). */
function openWish(d: BookingData, ctx: Ctx): string | undefined {
  const wish = wishedDate(d, ctx);
  return wish && !dateProblem(wish, ctx) ? wish : undefined;
}

/** Words that take the wished day offered: a yes, or "that day". */
const WISH_TAKEN = [...ANSWER_WORDS.yes, ...ANSWER_WORDS.confirm, 'วันนั้น', 'วันนั้นแหละ', 'เอาวันนั้น', 'วันนั้นได้'];

/** Up to five open days to offer: from a named week or wish if any, else from today. */
function openDates(d: BookingData, ctx: Ctx, week: WeekPending | undefined): string[] {
  const from = week?.from;
  const all = bookableDates(ctx.now, 60, { booked: ctx.services.booked });
  const wish = openWish(d, ctx);
  return [...(wish ? [wish] : []), ...all.filter((x) => (!from || x >= from) && x !== wish)].slice(0, 5);
}

function datePrompt(d: BookingData, ctx: Ctx, week: WeekPending | undefined): Say[] {
  const wish = wishedDate(d, ctx);
  if (week) return [say('booking.date.askWeek', { date: longDate(week.from, ctx.locale) })];
  if (wish) {
    const problem = dateProblem(wish, ctx);
    if (!problem) return [say('booking.date.wishOpen', { date: longDate(wish, ctx.locale) })];
    return [say(problem.reason, problem.params), say('booking.date.askOther')];
  }
  return [say(d.change ? 'booking.date.askChange' : 'booking.date.ask')];
}

/** Free slots of the chosen day, the wished hour and part of the day first. */
function freeSlots(d: BookingData, ctx: Ctx, pending: TimePending | undefined): Slot[] {
  if (!d.date || d.date === HOME) return [];
  const slots = slotsFor(d.date, ctx.now, { booked: ctx.services.booked });
  const part = pending?.part;
  if (part) return slots.filter((s) => s.part === part);
  const wish = d.timeWish;
  const byPart = wish ? [...slots.filter((s) => s.part === wish), ...slots.filter((s) => s.part !== wish)] : slots;
  // The hour said first of all ("บ่ายสองโมง": 14:00 before 13:00).
  return [...byPart.filter((s) => s.time === d.clockWish), ...byPart.filter((s) => s.time !== d.clockWish)];
}

const HOME_REASON_WORDS: Record<HomeReason, string[]> = {
  elderly: ['แก่', 'คนแก่', 'อายุมาก', 'สูงอายุ', 'เดินไม่ไหว', 'old'],
  bedridden: ['ติดเตียง', 'นอนติดเตียง', 'อัมพาต', 'ป่วยหนัก', 'bedridden'],
  disability: ['พิการ', 'คนพิการ', 'นั่งรถเข็น', 'disabled'],
  other: ['อื่นๆ', 'เรื่องอื่น', 'other'],
};

/** "เลือกวันอื่น" at the time step: the summary's way of changing one answer, so the day is asked afresh. */
const OTHER_DAY = `${EDIT_PREFIX}date`;

const timeChoice = choice<BookingData, BookingServices, 'time', TimePending>({
  field: 'time',
  prompt: (d, ctx, pending) => [
    say(freeSlots(d, ctx, pending).length > 0 ? 'booking.time.ask' : 'booking.date.full', { date: longDate(d.date ?? '', ctx.locale) }),
  ],
  options: (d, ctx, pending) => [
    ...freeSlots(d, ctx, pending).map((s) => ({
      value: s.time,
      label: { literal: formatSlotTime(s.time, ctx.locale) },
      // The hour said in the first message, offered first: "ได้ค่ะ" takes it, as for the wished day.
      ...(s.time === d.clockWish ? { means: 'confirm' as const, words: WISH_TAKEN } : {}),
    })),
    { value: OTHER_DAY, label: { key: 'booking.time.otherDay' } },
  ],
});

/**
 * The time slot: a chip, or typed ("10 โมง", "บ่ายสอง", "ช่วงบ่าย"); full, past and unknown times explained.
 * A day typed here ("พรุ่งนี้แทน") changes the day and offers its times.
 */
const timeStep: Step<BookingData, BookingServices, TimePending> = {
  ...timeChoice,
  accept(input, d, ctx, pending) {
    const all = d.date ? slotsFor(d.date, ctx.now, { booked: ctx.services.booked, includeFull: true }) : [];
    const free = all.filter((s) => s.remaining > 0);
    const times = free.map((s) => formatSlotTime(s.time, ctx.locale)).join(', ');
    const pick = (hhmm: string): Accept<BookingData, TimePending> => {
      const s = all.find((x) => x.time === hhmm);
      const shown = formatSlotTime(hhmm, ctx.locale);
      if (!s) {
        const known = getCentre().booking.slots.some((x) => x.time === hhmm);
        return { ok: false, reason: known ? 'booking.time.past' : 'booking.time.notSlot', params: { time: shown, times } };
      }
      if (s.remaining === 0) return { ok: false, reason: 'booking.time.full', params: { time: shown, times } };
      return { ok: true, patch: { time: hhmm } };
    };
    if (input.kind === 'option' && input.value === OTHER_DAY) return { ok: false, reason: 'booking.time.typeDay' };
    if (input.kind === 'option' && /^\d{2}:\d{2}$/.test(input.value)) return pick(input.value);
    if (input.kind === 'text') {
      const r = parseTimeOfDay(input.text);
      if (r.ok) {
        const part = r.value;
        if (typeof part === 'object') return pick(`${String(part.hour).padStart(2, '0')}:${String(part.minute).padStart(2, '0')}`);
        const inPart = free.filter((s) => s.part === part);
        if (inPart.length === 1) return pick(inPart[0].time);
        if (inPart.length > 1) return { ok: 'stay', pending: { part } };
        return { ok: false, reason: 'booking.time.partFull', params: { part: t(ctx.locale, `booking.time.${part}`), times } };
      }
      const day = parseThaiDate(input.text, ctx.now);
      if (day.ok && day.precision === 'day') {
        const problem = dateProblem(day.date, ctx);
        if (problem) return { ok: false, reason: problem.reason, params: problem.params };
        return { ok: 'stay', patch: { date: day.date } };
      }
    }
    return timeChoice.accept(input, d, ctx, pending);
  },
};

const opt = <V extends string>(value: V, key: MessageKey, words?: readonly string[]): Option<V> => ({ value, label: { key }, words });

export const bookingFlow: Flow<BookingData, BookingServices> = {
  id: 'booking',
  version: 2,
  order: ['purpose', 'note', 'who', 'date', 'homeReason', 'time', 'name', 'phone', 'summary'],
  // "วันจันทร์" or "ตอนเช้า" said at an earlier question: the day and time questions offer it first.
  feeds: { wish: 'date', timeWish: 'time', clockWish: 'time' },
  prefill(s) {
    const d: BookingData = prefillPerson(s);
    const purpose = PURPOSES.find((p) => p === s.purpose) ?? purposeForMention(BENEFIT_MENTIONS.find((m) => m === s.benefit));
    if (purpose) d.purpose = purpose;
    const carried = {
      note: s.note,
      name: s.name,
      phone: s.phone,
      change: s.change,
      changeFrom: s.changeFrom,
      outcome: s.outcome,
      date: s.date,
      time: s.time,
    };
    for (const [k, v] of Object.entries(carried)) {
      const value = textOf(v);
      if (value !== undefined) Object.assign(d, { [k]: value });
    }
    if (isBenefitId(s.benefit)) d.benefit = s.benefit;
    const weekday = numberOf(s.weekday);
    const dayOfMonth = numberOf(s.dayOfMonth);
    if (weekday || dayOfMonth) d.wish = { weekday, dayOfMonth };
    if (s.timeOfDay === 'morning' || s.timeOfDay === 'afternoon') d.timeWish = s.timeOfDay;
    const clock = textOf(s.clock);
    if (clock) d.clockWish = clock;
    return d;
  },
  editable: [
    { step: 'purpose', label: 'booking.edit.purpose' },
    { step: 'who', label: 'booking.edit.who' },
    { step: 'date', label: 'booking.edit.date' },
    { step: 'time', label: 'booking.edit.time' },
    { step: 'phone', label: 'booking.edit.phone' },
  ],
  steps: {
    purpose: choice({
      field: 'purpose',
      prompt: 'booking.purpose.ask',
      options: PURPOSES.map((p) => opt(p, `booking.purpose.${p}`, PURPOSE_WORDS[p])),
      fromText: (u) => purposeForMention(u.slots.benefit),
      clears: ['note'],
      freeTextForStaff: 'other',
      // What they typed says what the visit is about: the note's question is not asked again.
      wordsAlsoIn: 'note',
    }),
    note: text({ field: 'note', prompt: 'booking.note.ask', optional: true, min: 2, max: 300, skip: (d) => d.purpose !== 'other' }),
    who: choice({
      field: 'who',
      prompt: 'booking.who.ask',
      options: WHO_OPTIONS,
      fromText: whoFromText,
      clears: ['relation', 'name'],
    }),
    // The visitor's name, so staff know who is coming (not only the LINE display name); skipped when known.
    name: personName({ field: 'name', prompt: (d) => [say(d.who === 'self' || !d.who ? 'booking.name.askSelf' : 'booking.name.ask')] }),
    date: date({
      field: 'date',
      prompt: datePrompt,
      picker: 'booking.date.picker',
      retry: 'booking.date.retry',
      range: (_d, ctx) => ({ min: toIsoDate(ctx.now), max: lastBookableDay(ctx.now) }),
      suggest: (d, ctx, week) => {
        // "วันอังคารที่ 15 … ยังมีเวลาว่างค่ะ" — "ได้ค่ะ", "ตกลง" take that day.
        const wish = week ? undefined : openWish(d, ctx);
        return [
          ...openDates(d, ctx, week).map((iso) => ({
            value: iso,
            label: { literal: formatThaiDate(iso, { locale: ctx.locale, style: 'short', weekday: true }) },
            ...(iso === wish ? { means: 'confirm' as const, words: WISH_TAKEN } : {}),
          })),
          ...(d.change
            ? []
            : [
                opt(HOME, 'booking.date.cannotTravel', [
                  'เดินทางไม่ได้',
                  'ไปไม่ได้',
                  'มาไม่ได้',
                  'เดินทางไม่สะดวก',
                  'ไม่สะดวกเดินทาง',
                  'ไม่มีรถ',
                  'เยี่ยมบ้าน',
                  "can't come",
                  'cannot travel',
                ]),
              ]),
        ];
      },
      refuse: (iso, _d, ctx) => dateProblem(iso, ctx),
      clears: ['time'],
      next: (d) => (d.date === HOME ? 'homeReason' : 'time'),
    }),
    homeReason: choice({
      field: 'homeReason',
      prompt: 'booking.home.ask',
      skip: (d) => d.date !== HOME,
      options: HOME_REASONS.map((r) => opt(r, categoryLabel(r), HOME_REASON_WORDS[r])),
      fromText: (u) => HOME_REASONS.find((r) => r === u.slots.category),
      freeTextForStaff: 'other',
      next: () => 'submit',
    }),
    time: timeStep,
    phone: phone({ field: 'phone', prompt: 'booking.phone.ask' }),
    summary: confirm({ summary: (d, ctx) => [summaryCard(d, ctx.locale)] }),
  },
};

/*
 * A booking in words — who, what for, when, where — as the citizen's cards (the summary here, the booked card in
 * src/bot/bookings.ts) and the staff side (console, alerts, PDPA export) show it.
 */

/** Who the visit is for, in words (as stored: a value may be missing or null). */
export function whoText(d: { who?: string | null; relation?: string | null; name?: string | null }, locale: Locale): string {
  const self = t(locale, 'help.who.self');
  if (d.who === 'self' || !d.who) return d.name ? `${self} (${d.name})` : self;
  const whom =
    d.who === 'relative' && isRelation(d.relation)
      ? t(locale, relationLabel(d.relation))
      : t(locale, whoLabel(d.who === 'relative' ? 'relative' : 'other'));
  return d.name ? `${whom} (${d.name})` : whom;
}

/** Purpose in words (with the citizen's own note for "other"); a purpose not known is shown as "other". */
export function purposeText(purpose: string, note: string | undefined | null, locale: Locale): string {
  const known = PURPOSES.find((x) => x === purpose) ?? 'other';
  const p = t(locale, `booking.purpose.${known}`);
  return note ? `${p}: ${note}` : p;
}

/** "วันอังคารที่ 15 ธันวาคม 2569 เวลา 10:00 น." */
export function whenText(dateIso: string, time: string, locale: Locale): string {
  return formatThaiDateTime(slotStart(dateIso, time), { locale, weekday: true });
}

/** The centre's name and address, from the editable data. */
export function placeText(locale: Locale): string {
  const c = getCentre();
  return `${c.name[locale]}\n${c.address[locale]}`;
}

/** The card the citizen checks before confirming. */
export function summaryCard(d: BookingData, locale: Locale): Say {
  const lit = (s: string): Label => ({ literal: s });
  const rows: Card['rows'] = [];
  if (d.change && d.changeFrom)
    rows.push({ label: { key: 'booking.summary.from' }, value: lit(formatThaiDateTime(d.changeFrom, { locale, weekday: true })) });
  if (d.date && d.time)
    rows.push({ label: { key: d.change ? 'booking.summary.to' : 'booking.summary.when' }, value: lit(whenText(d.date, d.time, locale)) });
  if (d.purpose) rows.push({ label: { key: 'booking.summary.purpose' }, value: lit(purposeText(d.purpose, d.note, locale)) });
  rows.push({ label: { key: 'booking.summary.who' }, value: lit(whoText(d, locale)) });
  rows.push({ label: { key: 'booking.summary.place' }, value: lit(placeText(locale)) });
  if (d.phone) rows.push({ label: { key: 'booking.summary.phone' }, value: lit(formatPhone(d.phone)) });
  const title: MessageKey = d.change ? 'booking.summary.titleChange' : 'booking.summary.title';
  return { kind: 'card', altText: { key: title }, card: { title: { key: title }, subtitle: { key: 'booking.summary.subtitle' }, rows } };
}
