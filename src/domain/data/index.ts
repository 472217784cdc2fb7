/**
 * The one place that loads the editable calendar data (centre.json, holidays.json), validates it and
 * hands it to the rest of the domain. Invalid data fails loudly at first use with a zod error naming the
 * field, rather than producing wrong slots later.
 *
 * Data edited by staff is not swapped in globally: whoever handles an event or a request reads the edited data
 * (validated by {@link parseDomainData}) and runs its work inside {@link withDomainData}, so everything it calls
 * sees that data and nothing else does. Tests may still replace the files' data for a while with
 * {@link replaceDomainData} and go back with {@link resetDomainData}.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import centreJson from './centre.json';
import holidaysJson from './holidays.json';
import { isIsoDate } from '../bangkokTime';

const isoDate = z.string().refine(isIsoDate, { message: 'expected a real date YYYY-MM-DD' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');
const localized = z.object({ th: z.string().min(1), en: z.string().min(1) });

/** Minutes since midnight of an `HH:mm` string. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

const HolidaysSchema = z
  .object({
    checked: isoDate,
    years: z.array(z.object({ yearBE: z.number().int().min(2500), provisional: z.boolean(), source: z.string().min(1), checked: isoDate })),
    holidays: z.array(z.object({ date: isoDate, th: z.string().min(1), en: z.string().min(1) })),
  })
  .superRefine((data, ctx) => {
    const years = new Set(data.years.map((y) => y.yearBE));
    const seen = new Set<string>();
    data.holidays.forEach((h, i) => {
      if (seen.has(h.date)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: `duplicate ${h.date}` });
      seen.add(h.date);
      const be = Number(h.date.slice(0, 4)) + 543;
      if (!years.has(be)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: `year ${be} is not listed in years` });
    });
  });

const CentreSchema = z
  .object({
    checked: isoDate,
    name: localized,
    host: localized,
    hostShort: localized,
    address: localized,
    /** Where the centre serves, by Thai name (src/domain/places). */
    area: z.object({ subdistrict: z.string().min(1), district: z.string().min(1), province: z.string().min(1) }),
    phone: z.object({ value: z.string().regex(/^0\d{8,9}$/), display: z.string(), verified: z.boolean() }),
    opened: isoDate,
    timezone: z.literal('Asia/Bangkok'),
    officeHours: z.object({
      weekdays: z.array(z.number().int().min(1).max(7)).min(1),
      open: hhmm,
      close: hhmm,
      breaks: z.array(z.object({ start: hhmm, end: hhmm })),
      verified: z.boolean(),
    }),
    booking: z.object({
      slots: z.array(z.object({ time: hhmm, capacity: z.number().int().min(0) })).min(1),
      slotMinutes: z.number().int().min(5).max(240),
      minLeadMinutes: z.number().int().min(0),
      maxDaysAhead: z.number().int().min(1),
    }),
    villages: z.object({
      confirmed: z.boolean(),
      note: z.string(),
      checked: isoDate.optional(),
      /** The highest หมู่ number seen in a public source (the list may be shorter). */
      highestMooSeen: z.object({ moo: z.number().int().min(1), source: z.string().min(1), checked: isoDate }).optional(),
      list: z.array(
        z.object({
          moo: z.number().int().min(1).nullable(),
          th: z.string().min(1),
          en: z.string().min(1),
          /** True only when the อบต. (or staff, in the console) confirmed the entry. */
          confirmed: z.boolean().optional(),
          /** Where the name and number were read. */
          source: z.string().min(1).optional(),
          checked: isoDate.optional(),
        }),
      ),
    }),
    provincialOffice: z.object({
      name: localized,
      address: localized,
      phone: z.string().nullable(),
      verified: z.boolean(),
    }),
    hotlines: z.array(
      z.object({
        number: z.string().regex(/^\d{3,10}$/),
        purpose: z.enum(['social_assistance', 'mental_health', 'disability', 'medical_emergency', 'police']),
        hours24: z.boolean().nullable(),
        name: localized,
        verified: z.boolean(),
        /** Who runs it and where the number was read. */
        source: z.string().min(1).optional(),
        checked: isoDate.optional(),
      }),
    ),
    /** The hotlines of each danger card, first one first (the call chip). */
    dangerHotlines: z.object({
      self_harm: z.array(z.string()).min(1),
      violence: z.array(z.string()).min(1),
      medical: z.array(z.string()).min(1),
    }),
  })
  .superRefine((c, ctx) => {
    const numbers = new Set(c.hotlines.map((h) => h.number));
    for (const [kind, list] of Object.entries(c.dangerHotlines)) {
      list.forEach((n, i) => {
        if (!numbers.has(n)) ctx.addIssue({ code: 'custom', path: ['dangerHotlines', kind, i], message: `${n} is not in hotlines` });
        else if (!c.hotlines.find((h) => h.number === n)!.source)
          ctx.addIssue({ code: 'custom', path: ['dangerHotlines', kind, i], message: `hotline ${n} needs a source and date checked` });
      });
    }
    const open = minutesOf(c.officeHours.open);
    const close = minutesOf(c.officeHours.close);
    if (open >= close) ctx.addIssue({ code: 'custom', path: ['officeHours', 'close'], message: 'close must be after open' });
    let previous = -1;
    c.booking.slots.forEach((s, i) => {
      const start = minutesOf(s.time);
      const end = start + c.booking.slotMinutes;
      const path = ['booking', 'slots', i, 'time'];
      if (start <= previous) ctx.addIssue({ code: 'custom', path, message: 'slots must be in increasing time order' });
      previous = start;
      if (start < open || end > close) ctx.addIssue({ code: 'custom', path, message: `slot ${s.time} is outside office hours` });
      for (const b of c.officeHours.breaks) {
        if (start < minutesOf(b.end) && end > minutesOf(b.start)) {
          ctx.addIssue({ code: 'custom', path, message: `slot ${s.time} overlaps the ${b.start} break` });
        }
      }
    });
  });

/** Validated contents of holidays.json. */
export type HolidaysData = z.infer<typeof HolidaysSchema>;
/** One government holiday. */
export type Holiday = HolidaysData['holidays'][number];
/** Validated contents of centre.json. */
export type CentreData = z.infer<typeof CentreSchema>;
/** One bookable slot definition (start time and how many people it takes). */
export type SlotDefinition = CentreData['booking']['slots'][number];
/** One village (หมู่บ้าน) of the subdistrict. */
export type Village = CentreData['villages']['list'][number];
/** A hotline number with its purpose. */
export type Hotline = CentreData['hotlines'][number];

/** Centre and holiday data, validated and frozen. */
export interface DomainData {
  centre: Readonly<CentreData>;
  holidays: Readonly<HolidaysData>;
}

/** The data in force for the work under way (set by withDomainData), with its holiday index. */
const inForce = new AsyncLocalStorage<DomainData & { holidayIndex?: ReadonlyMap<string, Holiday> }>();

let centre: Readonly<CentreData> | undefined;
let holidays: Readonly<HolidaysData> | undefined;
let holidayIndex: ReadonlyMap<string, Holiday> | undefined;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The centre's facts, office hours, slots, villages and hotlines (validated, frozen). */
export function getCentre(): Readonly<CentreData> {
  const current = inForce.getStore();
  if (current) return current.centre;
  return (centre ??= deepFreeze(CentreSchema.parse(centreJson)));
}

/** The holiday lists with their sources (validated, frozen). */
export function getHolidays(): Readonly<HolidaysData> {
  const current = inForce.getStore();
  if (current) return current.holidays;
  return (holidays ??= deepFreeze(HolidaysSchema.parse(holidaysJson)));
}

/** Holidays by `YYYY-MM-DD`. */
export function getHolidayIndex(): ReadonlyMap<string, Holiday> {
  const current = inForce.getStore();
  if (current) return (current.holidayIndex ??= new Map(current.holidays.holidays.map((h) => [h.date, h])));
  return (holidayIndex ??= new Map(getHolidays().holidays.map((h) => [h.date, h])));
}

/** Validates edited data (each part; a missing part is the files'): a ZodError names what is wrong. */
export function parseDomainData(data: { centre?: unknown; holidays?: unknown }): DomainData {
  return {
    centre: data.centre === undefined ? getFileCentre() : deepFreeze(CentreSchema.parse(data.centre)),
    holidays: data.holidays === undefined ? getFileHolidays() : deepFreeze(HolidaysSchema.parse(data.holidays)),
  };
}

function getFileCentre(): Readonly<CentreData> {
  return (centre ??= deepFreeze(CentreSchema.parse(centreJson)));
}

function getFileHolidays(): Readonly<HolidaysData> {
  return (holidays ??= deepFreeze(HolidaysSchema.parse(holidaysJson)));
}

/** Runs `fn` (and everything it calls, also asynchronously) with `data` in force; the files' data when undefined. */
export function withDomainData<T>(data: DomainData | undefined, fn: () => T): T {
  return data ? inForce.run({ ...data }, fn) : inForce.exit(fn);
}

/**
 * Replaces the files' data for tests (a fixture). Each part is validated; on error a ZodError is thrown and
 * nothing is replaced. Each part is validated;
 * on error a ZodError is thrown and nothing is replaced.
 */
export function replaceDomainData(data: { centre?: unknown; holidays?: unknown }): void {
  const nextCentre = data.centre === undefined ? undefined : deepFreeze(CentreSchema.parse(data.centre));
  const nextHolidays = data.holidays === undefined ? undefined : deepFreeze(HolidaysSchema.parse(data.holidays));
  if (nextCentre) centre = nextCentre;
  if (nextHolidays) {
    holidays = nextHolidays;
    holidayIndex = undefined;
  }
}

/** Goes back to the data in the JSON files. */
export function resetDomainData(): void {
  centre = undefined;
  holidays = undefined;
  holidayIndex = undefined;
}

/** The raw file contents, e.g. as a starting point for an edited copy passed to {@link replaceDomainData}. */
export const DEFAULT_DATA_FILES = { centre: centreJson, holidays: holidaysJson } as const;
