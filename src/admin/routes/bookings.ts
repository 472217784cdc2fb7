/** Bookings of a day; attended / no-show / cancel / reschedule (the citizen is told). */
import { z } from 'zod';
import { route, type RouteDef } from '../api';
import type { StaffDeps } from '../deps';
import { isIsoDate, toIsoDate } from '../../domain/bangkokTime';
import { cancelBooking, dayOverview, markBooking, rescheduleBooking } from '../bookings';
import { notFound } from '../httpError';

const isoDate = z.string().refine(isIsoDate, 'expected YYYY-MM-DD');
const refOf = (p: Record<string, string>) => {
  const r = z.string().regex(/^[A-Z]{2,3}-\d{4}-\d{1,7}$/).safeParse(p.ref);
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
    mark('attended', 'attended'),
    mark('no-show', 'no_show'),
    route({
      method: 'post',
      path: '/bookings/:ref/cancel',
      allow: 'bookings:update',
      body: z.object({ reason: z.string().trim().max(300).optional().transform((s) => s || undefined) }).strict(),
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
