/** Bookings of a week or a day, and their CSV; attended / no-show / cancel / reschedule (the citizen is told). */
import { z } from 'zod';
import { route, type RouteDef } from '../api';
import type { StaffDeps } from '../deps';
import { isIsoDate, toBangkok, toIsoDate } from '../../domain/bangkokTime';
import { bookingsBetween, cancelBooking, dayOverview, markBooking, nextOpenDay, rescheduleBooking, weekOf, weekOverview } from '../bookings';
import { BOOKINGS_CSV_HEADER, bookingsCsvRows } from '../bookingsCsv';
import { toCsv } from '../csv';
import { HttpError, notFound } from '../httpError';

/** The longest range one bookings CSV covers. */
const CSV_MAX_DAYS = 366;

const isoDate = z.string().refine(isIsoDate, 'expected YYYY-MM-DD');
const refOf = (p: Record<string, string>) => {
  const r = z
    .string()
    .regex(/^[A-Z]{2,3}-\d{4}-\d{1,7}$/)
    .safeParse(p.ref);
  if (!r.success) throw notFound('ไม่พบนัดหมายนี้');
  return r.data;
};

export function bookingRoutes(deps: StaffDeps): RouteDef[] {
  const mark = (path: string, status: 'attended' | 'no_show') =>
    route({
      method: 'post',
      path: `/bookings/:ref/${path}`,
      allow: 'bookings:update',
      body: z.object({ notify: z.boolean().default(true) }).strict(),
      async handle({ params, body, staff, audit }) {
        const ref = refOf(params);
        const r = await markBooking(deps.outbox, staff, ref, status, body.notify);
        await audit({ action: 'update_booking', targetKind: 'booking', targetId: ref, detail: { status } });
        return r;
      },
    });
  return [
    route({
      method: 'get',
      path: '/bookings',
      allow: 'bookings:read',
      query: z.object({ date: isoDate.optional() }).strict(),
      async handle({ query, audit }) {
        const date = query.date ?? toIsoDate(new Date());
        const day = await dayOverview(date);
        await audit({ action: 'list_bookings', targetKind: 'bookings', targetId: date, detail: { count: day.bookings.length } });
        return day;
      },
    }),
    route({
      method: 'get',
      path: '/bookings/week',
      allow: 'bookings:read',
      query: z.object({ date: isoDate.optional() }).strict(),
      async handle({ query, audit }) {
        const week = await weekOverview(query.date ?? nextOpenDay(new Date()));
        const count = week.days.reduce((n, d) => n + d.bookings.length, 0);
        await audit({ action: 'list_bookings', targetKind: 'bookings', targetId: `${week.start}..${week.end}`, detail: { count } });
        return week;
      },
    }),
    route({
      method: 'get',
      path: '/bookings.csv',
      allow: 'bookings:export',
      query: z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict(),
      async handle({ query, res, audit }) {
        // Default: the week the bookings page opens on; one end given: the seven days from (or up to) it.
        const week = weekOf(nextOpenDay(new Date()));
        const shift = (d: string, days: number) => toBangkok(d).plus({ days }).toISODate()!;
        const from = query.from ?? (query.to ? shift(query.to, -6) : week.start);
        const to = query.to ?? (query.from ? shift(query.from, 6) : week.end);
        const days = toBangkok(to).diff(toBangkok(from), 'days').days;
        if (days < 0 || days >= CSV_MAX_DAYS) throw new HttpError(400, 'bad_range', `ช่วงวันที่ต้องไม่ย้อนกลับ และไม่เกิน ${CSV_MAX_DAYS} วัน`);
        const bookings = await bookingsBetween(from, to);
        await audit({ action: 'export_csv', targetKind: 'bookings', targetId: `${from}..${to}`, detail: { count: bookings.length } });
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', `attachment; filename="bookings-${from}_${to}.csv"`);
        res.setHeader('cache-control', 'no-store');
        res.send(toCsv(BOOKINGS_CSV_HEADER, bookingsCsvRows(bookings)));
        return undefined;
      },
    }),
    mark('attended', 'attended'),
    mark('no-show', 'no_show'),
    route({
      method: 'post',
      path: '/bookings/:ref/cancel',
      allow: 'bookings:update',
      body: z
        .object({
          reason: z
            .string()
            .trim()
            .max(300)
            .optional()
            .transform((s) => s || undefined),
        })
        .strict(),
      async handle({ params, body, staff, audit }) {
        const ref = refOf(params);
        const r = await cancelBooking(deps.outbox, staff, ref, body.reason);
        await audit({ action: 'update_booking', targetKind: 'booking', targetId: ref, detail: { status: 'cancelled' } });
        return r;
      },
    }),
    route({
      method: 'post',
      path: '/bookings/:ref/reschedule',
      allow: 'bookings:update',
      body: z.object({ date: isoDate, time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }).strict(),
      async handle({ params, body, staff, audit }) {
        const ref = refOf(params);
        const r = await rescheduleBooking(deps.outbox, staff, ref, body.date, body.time);
        await audit({ action: 'update_booking', targetKind: 'booking', targetId: ref, detail: { rescheduledTo: `${body.date} ${body.time}` } });
        return r;
      },
    }),
  ];
}
