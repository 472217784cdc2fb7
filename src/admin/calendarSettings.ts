/**
 * Slots, capacity, office hours, holidays and villages as staff edit them. The edited data is validated by the
 * domain loader (`parseDomainData`) and stored in one `Setting` document; every instance reads it per event and
 * per console request through the calendar provider (src/bot/calendar.ts), with a cache of a couple of seconds.
 * The console's API runs inside the data in force (index.ts), so `getCentre()` here is the edited data.
 */
import { z } from 'zod';
import { getCentre, getHolidays, parseDomainData, withDomainData, type CentreData, type DomainData, type HolidaysData } from '../domain/data';
import { isIsoDate, toIsoDate } from '../domain/bangkokTime';
import { putSetting } from '../db/models/setting';
import { CALENDAR_SETTING, type CalendarProvider } from '../bot/calendar';
import { HttpError } from './httpError';

export { CALENDAR_SETTING };

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');
const isoDate = z.string().refine(isIsoDate, 'expected YYYY-MM-DD');
const name = z.string().trim().min(1).max(120);

/** What the console may change. Every part optional; unknown keys refused. */
export const calendarUpdateSchema = z
  .object({
    booking: z
      .object({
        slots: z
          .array(z.object({ time: hhmm, capacity: z.number().int().min(0).max(100) }).strict())
          .min(1)
          .max(48)
          .optional(),
        slotMinutes: z.number().int().min(5).max(240).optional(),
        minLeadMinutes: z
          .number()
          .int()
          .min(0)
          .max(7 * 24 * 60)
          .optional(),
        maxDaysAhead: z.number().int().min(1).max(366).optional(),
      })
      .strict()
      .optional(),
    officeHours: z
      .object({
        weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
        open: hhmm.optional(),
        close: hhmm.optional(),
        breaks: z
          .array(z.object({ start: hhmm, end: hhmm }).strict())
          .max(4)
          .optional(),
      })
      .strict()
      .optional(),
    holidays: z
      .array(z.object({ date: isoDate, th: name, en: name.optional() }).strict())
      .max(400)
      .optional(),
    villages: z
      .array(z.object({ moo: z.number().int().min(1).max(99).nullable(), th: name, en: name.optional() }).strict())
      .min(1)
      .max(60)
      .optional(),
  })
  .strict();
export type CalendarUpdate = z.infer<typeof calendarUpdateSchema>;

/** The editable part of the data in use. */
export function calendarView() {
  const c = getCentre();
  const h = getHolidays();
  return {
    booking: c.booking,
    officeHours: c.officeHours,
    villages: c.villages.list,
    holidays: h.holidays,
    holidayYears: h.years.map((y) => ({ yearBE: y.yearBE, provisional: y.provisional })),
  };
}

const clone = <T>(x: T): T => structuredClone(x) as T;

/** Applies an update (validated by the domain loader: slots inside office hours, no duplicate holiday, …) and stores it. */
export async function updateCalendar(calendar: CalendarProvider, update: CalendarUpdate, by: string): Promise<ReturnType<typeof calendarView>> {
  const centre = clone(getCentre()) as CentreData;
  const holidays = clone(getHolidays()) as HolidaysData;
  const today = toIsoDate(new Date());
  if (update.booking) Object.assign(centre.booking, update.booking);
  if (update.officeHours) Object.assign(centre.officeHours, update.officeHours);
  if (update.villages)
    centre.villages.list = update.villages.map((v) => ({
      moo: v.moo,
      th: v.th,
      en: v.en ?? v.th,
      confirmed: true,
      source: `edited by staff (${by})`,
      checked: today,
    }));
  if (update.holidays) {
    holidays.holidays = [...update.holidays].sort((a, b) => a.date.localeCompare(b.date)).map((d) => ({ date: d.date, th: d.th, en: d.en ?? d.th }));
    const listed = new Set(holidays.years.map((y) => y.yearBE));
    for (const d of holidays.holidays) {
      const yearBE = Number(d.date.slice(0, 4)) + 543;
      if (!listed.has(yearBE)) {
        holidays.years.push({ yearBE, provisional: true, source: `edited by staff (${by})`, checked: today });
        listed.add(yearBE);
      }
    }
    holidays.checked = today;
  }
  let edited: DomainData;
  try {
    edited = parseDomainData({ centre, holidays });
  } catch (err) {
    if (err instanceof z.ZodError) {
      throw new HttpError(
        400,
        'invalid_calendar',
        'ข้อมูลปฏิทินไม่ถูกต้อง',
        err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    throw err;
  }
  await putSetting(CALENDAR_SETTING, edited, by);
  calendar.forget();
  return withDomainData(edited, calendarView);
}
