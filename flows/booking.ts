/**
 * นัดหมายเข้าพบ — book a visit to the centre: why, for whom, which day, which time, a phone number, confirm.
 *
 * Days and times come from the editable calendar data (office days, holidays, slots and their capacity);
 * what is already taken comes with the turn (`ctx.booked`, see src/bot/availability.ts). The seat itself is taken
 * atomically when the citizen confirms (src/bot/bookings.ts). The same flow moves an existing booking
 * (prefilled with `change`), and someone who cannot travel is offered a home visit instead.
 */
import type { Card, Flow, Label, Say, Step, StepContext } from '../src/engine/types';
import { choice, confirm, date, phone, text, type Option } from '../src/engine/steps';
import { EDIT_PREFIX } from '../src/engine/interpreter';
import { getCentre } from '../src/domain/data';
import { toBangkok, toIsoDate } from '../src/domain/bangkokTime';
import { holidayName, isClosedWeekday } from '../src/domain/calendar/businessDays';
import { bookableDates, slotsFor, type Slot } from '../src/domain/calendar/slots';
import { formatSlotTime, formatThaiDate, formatThaiDateTime } from '../src/domain/thai/dates';
import { parseThaiDate } from '../src/domain/thai/dateParsing';
import { parseTimeOfDay } from '../src/domain/thai/timeParsing';
import { formatPhone } from '../src/domain/thai/phone';
import type { BenefitId } from '../src/domain/data/benefits';
import { t, type Locale, type MessageKey } from '../src/i18n';
import { requestHelpFlow, type Who } from './requestHelp';
import { WHO_OPTIONS } from './eligibility';

export const PURPOSES = ['register_old_age', 'register_disability', 'consult', 'submit_documents', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];
/** The date answer of someone who cannot travel: a home visit is offered instead. */
export const HOME = 'home';
/** Why someone cannot travel; the values are request-help categories. */
export const HOME_REASONS = ['elderly', 'bedridden', 'disability', 'other'] as const;
export type HomeReason = (typeof HOME_REASONS)[number];
type Part = 'morning' | 'afternoon';

export interface BookingData {
  purpose?: Purpose;
  note?: string;
  who?: Who;
  relation?: string;
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
const PURPOSE_FOR_NLU: Record<string, Purpose> = { old_age: 'register_old_age', disability: 'register_disability' };
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
export function dateProblem(iso: string, ctx: StepContext): { reason: MessageKey; params: Record<string, string | number> } | undefined {
  const { booking } = getCentre();
  const params = { date: longDate(iso, ctx.locale) };
  if (iso < toIsoDate(ctx.now)) return { reason: 'booking.date.past', params };
  if (iso > toBangkok(ctx.now).plus({ days: booking.maxDaysAhead }).toISODate()!) return { reason: 'booking.date.tooFar', params: { ...params, days: booking.maxDaysAhead } };
  const holiday = holidayName(iso, ctx.locale);
  if (holiday) return { reason: 'booking.date.holiday', params: { ...params, holiday } };
  if (isClosedWeekday(iso)) return { reason: 'booking.date.weekend', params };
  const slots = slotsFor(iso, ctx.now, { booked: ctx.booked, includeFull: true });
  if (slots.length === 0) return { reason: 'booking.date.noTimeLeft', params };
  if (slots.every((s) => s.remaining === 0)) return { reason: 'booking.date.full', params };
  return undefined;
}

/** The day a free-text wish names ("วันจันทร์" → next Monday, "วันที่ 8" → the next 8th). */
function wishedDate(d: BookingData, ctx: StepContext): string | undefined {
  const w = d.wish;
  if (!w) return undefined;
  const thaiDays = ['จันทร์', 'อังคาร', 'พุธ', 'พฤหัสบดี', 'ศุกร์', 'เสาร์', 'อาทิตย์'];
  const words = w.dayOfMonth ? `วันที่ ${w.dayOfMonth}` : w.weekday ? `วัน${thaiDays[w.weekday - 1]}` : '';
  const r = parseThaiDate(words, ctx.now);
  return r.ok ? r.date : undefined;
}

/** Up to five open days to offer: from a named week or wish if any, else from today. */
function openDates(d: BookingData, ctx: StepContext): string[] {
  const from = (d as { date__from?: string | null }).date__from ?? undefined;
  const all = bookableDates(ctx.now, 60, { booked: ctx.booked });
  const wish = wishedDate(d, ctx);
  const first = wish && !dateProblem(wish, ctx) ? [wish] : [];
  return [...first, ...all.filter((x) => (!from || x >= from) && x !== wish)].slice(0, 5);
}

function datePrompt(d: BookingData, ctx: StepContext): Say[] {
  const wish = wishedDate(d, ctx);
  const from = (d as { date__from?: string | null }).date__from;
  if (from) return [say('booking.date.askWeek', { date: longDate(from, ctx.locale) })];
  if (wish) {
    const problem = dateProblem(wish, ctx);
    if (!problem) return [say('booking.date.wishOpen', { date: longDate(wish, ctx.locale) })];
    return [say(problem.reason, problem.params), say('booking.date.askOther')];
  }
  return [say(d.change ? 'booking.date.askChange' : 'booking.date.ask')];
}

/** Free slots of the chosen day, the wished part of the day first. */
function freeSlots(d: BookingData, ctx: StepContext): Slot[] {
  if (!d.date || d.date === HOME) return [];
  const slots = slotsFor(d.date, ctx.now, { booked: ctx.booked });
  const part = (d as { time__part?: Part | null }).time__part ?? undefined;
  if (part) return slots.filter((s) => s.part === part);
  const wish = d.timeWish;
  return wish ? [...slots.filter((s) => s.part === wish), ...slots.filter((s) => s.part !== wish)] : slots;
}

/** "เลือกวันอื่น" at the time step: the summary's way of changing one answer, so the day is asked afresh. */
const OTHER_DAY = `${EDIT_PREFIX}date`;

const timeChoice = choice<BookingData>({
  field: 'time',
  prompt: (d, ctx) => [say(freeSlots(d, ctx).length > 0 ? 'booking.time.ask' : 'booking.date.full', { date: longDate(d.date!, ctx.locale) })],
  options: (d, ctx) => [
    ...freeSlots(d, ctx).map((s) => ({ value: s.time, label: { literal: formatSlotTime(s.time, ctx.locale) } })),
    { value: OTHER_DAY, label: { key: 'booking.time.otherDay' } },
  ],
});

/**
 * The time slot: a chip, or typed ("10 โมง", "บ่ายสอง", "ช่วงบ่าย"); full, past and unknown times explained.
 * A day typed here ("พรุ่งนี้แทน") changes the day and offers its times.
 */
const timeStep: Step<BookingData> = {
  ...timeChoice,
  accept(input, d, ctx) {
    const all = slotsFor(d.date!, ctx.now, { booked: ctx.booked, includeFull: true });
    const free = all.filter((s) => s.remaining > 0);
    const times = free.map((s) => formatSlotTime(s.time, ctx.locale)).join(', ');
    const pick = (hhmm: string) => {
      const s = all.find((x) => x.time === hhmm);
      const shown = formatSlotTime(hhmm, ctx.locale);
      if (!s) {
        const known = getCentre().booking.slots.some((x) => x.time === hhmm);
        return { ok: false as const, reason: (known ? 'booking.time.past' : 'booking.time.notSlot') as MessageKey, params: { time: shown, times } };
      }
      if (s.remaining === 0) return { ok: false as const, reason: 'booking.time.full' as MessageKey, params: { time: shown, times } };
      return { ok: true as const, patch: { time: hhmm, time__part: undefined } as Partial<BookingData> };
    };
    if (input.kind === 'option' && input.value === OTHER_DAY) return { ok: false, reason: 'booking.time.typeDay' };
    if (input.kind === 'option' && /^\d{2}:\d{2}$/.test(input.value)) return pick(input.value);
    if (input.kind === 'text') {
      const r = parseTimeOfDay(input.text);
      if (r.ok && typeof r.value === 'object') return pick(`${String(r.value.hour).padStart(2, '0')}:${String(r.value.minute).padStart(2, '0')}`);
      if (r.ok) {
        const part = r.value;
        const inPart = free.filter((s) => s.part === part);
        if (inPart.length === 1) return pick(inPart[0].time);
        if (inPart.length > 1) return { ok: 'stay', patch: { time__part: part } as Partial<BookingData> };
        return { ok: false, reason: 'booking.time.partFull', params: { part: t(ctx.locale, `booking.time.${part}` as MessageKey), times } };
      }
      const day = parseThaiDate(input.text, ctx.now);
      if (day.ok && day.precision === 'day') {
        const problem = dateProblem(day.date, ctx);
        if (problem) return { ok: false, reason: problem.reason, params: problem.params };
        return { ok: 'stay', patch: { date: day.date, time__part: undefined } as Partial<BookingData> };
      }
    }
    return timeChoice.accept(input, d, ctx);
  },
};

const opt = (value: string, key: MessageKey, words?: string[]): Option => ({ value, label: { key }, words });

export const bookingFlow: Flow<BookingData> = {
  id: 'booking',
  version: 1,
  order: ['purpose', 'note', 'who', 'name', 'date', 'homeReason', 'time', 'phone', 'summary'],
  prefill(slots) {
    const d: BookingData = {};
    const s = slots as Record<string, any>;
    if (PURPOSES.includes(s.purpose)) d.purpose = s.purpose;
    else if (typeof s.benefit === 'string' && PURPOSE_FOR_NLU[s.benefit]) d.purpose = PURPOSE_FOR_NLU[s.benefit];
    const known = requestHelpFlow.prefill?.(slots) ?? {};
    if (known.who) d.who = known.who;
    if (known.relation) d.relation = known.relation;
    if (known.age !== undefined) d.age = known.age;
    for (const k of ['note', 'name', 'phone', 'change', 'changeFrom', 'benefit', 'outcome', 'date', 'time'] as const) {
      if (typeof s[k] === 'string') (d as Record<string, unknown>)[k] = s[k];
    }
    if (s.weekday || s.dayOfMonth) d.wish = { weekday: s.weekday, dayOfMonth: s.dayOfMonth };
    if (s.timeOfDay === 'morning' || s.timeOfDay === 'afternoon') d.timeWish = s.timeOfDay;
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
      options: PURPOSES.map((p) => opt(p, `booking.purpose.${p}` as MessageKey, PURPOSE_WORDS[p])),
      fromText: (u) => (u.slots.benefit ? PURPOSE_FOR_NLU[u.slots.benefit] : undefined),
      clears: ['note'],
    }),
    note: text({ field: 'note', prompt: 'booking.note.ask', optional: true, min: 2, max: 300, skip: (d) => d.purpose !== 'other' }),
    who: choice({
      field: 'who',
      prompt: 'booking.who.ask',
      options: WHO_OPTIONS,
      fromText: (u) => (u.slots.relation ? 'relative' : u.slots.who),
      clears: ['relation', 'name'],
    }),
    name: text({ field: 'name', prompt: 'booking.name.ask', optional: true, min: 2, max: 120, skip: (d) => d.who === 'self' }),
    date: date<BookingData>({
      field: 'date',
      prompt: datePrompt,
      picker: 'booking.date.picker',
      retry: 'booking.date.retry',
      range: (_d, ctx) => ({ min: toIsoDate(ctx.now), max: toBangkok(ctx.now).plus({ days: getCentre().booking.maxDaysAhead }).toISODate()! }),
      suggest: (d, ctx) => [
        ...openDates(d, ctx).map((iso) => ({ value: iso, label: { literal: formatThaiDate(iso, { locale: ctx.locale, style: 'short', weekday: true }) } })),
        ...(d.change ? [] : [opt(HOME, 'booking.date.cannotTravel', ['เดินทางไม่ได้', 'ไปไม่ได้', 'มาไม่ได้', 'เดินทางไม่สะดวก', 'ไม่สะดวกเดินทาง', 'ไม่มีรถ', 'เยี่ยมบ้าน', "can't come", 'cannot travel'])]),
      ],
      refuse: (iso, _d, ctx) => dateProblem(iso, ctx),
      clears: ['time'],
      next: (d) => (d.date === HOME ? 'homeReason' : 'time'),
    }),
    homeReason: choice({
      field: 'homeReason',
      prompt: 'booking.home.ask',
      skip: (d) => d.date !== HOME,
      options: HOME_REASONS.map((r) => opt(r, `help.category.${r}` as MessageKey)),
      next: () => 'submit',
    }),
    time: timeStep,
    phone: phone({ field: 'phone', prompt: 'booking.phone.ask' }),
    summary: confirm({ summary: (d, ctx) => [summaryCard(d, ctx.locale)] }),
  },
};

/** Who the visit is for, in words. */
export function whoText(d: Pick<BookingData, 'who' | 'relation' | 'name'>, locale: Locale): string {
  if (d.who === 'self' || !d.who) return t(locale, 'help.who.self');
  const whom = d.who === 'relative' && d.relation ? t(locale, `help.relation.${d.relation}` as MessageKey) : t(locale, d.who === 'relative' ? 'help.who.relative' : 'help.who.other');
  return d.name ? `${whom} (${d.name})` : whom;
}

/** Purpose in words (with the citizen's own note for "other"). */
export function purposeText(purpose: string, note: string | undefined | null, locale: Locale): string {
  const p = t(locale, `booking.purpose.${purpose}` as MessageKey);
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
  if (d.change && d.changeFrom) rows.push({ label: { key: 'booking.summary.from' }, value: lit(formatThaiDateTime(d.changeFrom, { locale, weekday: true })) });
  rows.push({ label: { key: d.change ? 'booking.summary.to' : 'booking.summary.when' }, value: lit(whenText(d.date!, d.time!, locale)) });
  if (d.purpose) rows.push({ label: { key: 'booking.summary.purpose' }, value: lit(purposeText(d.purpose, d.note, locale)) });
  rows.push({ label: { key: 'booking.summary.who' }, value: lit(whoText(d, locale)) });
  rows.push({ label: { key: 'booking.summary.place' }, value: lit(placeText(locale)) });
  if (d.phone) rows.push({ label: { key: 'booking.summary.phone' }, value: lit(formatPhone(d.phone)) });
  const title: MessageKey = d.change ? 'booking.summary.titleChange' : 'booking.summary.title';
  return { kind: 'card', altText: { key: title }, card: { title: { key: title }, subtitle: { key: 'booking.summary.subtitle' }, rows } };
}
