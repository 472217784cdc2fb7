/** Help requests: today's work, the list, CSV export, a request's page, status, assignment, notes, reply. */
import { z } from 'zod';
import { route, type RouteDef } from '../api';
import type { StaffDeps } from '../deps';
import { HelpRequest, REQUEST_STATUSES } from '../../db/models/helpRequest';
import { startOfBangkokDay, toIsoDate } from '../../domain/bangkokTime';
import { formatThaiDateTime } from '../../domain/thai/dates';
import {
  OPEN_STATUSES,
  addNote,
  assign,
  changeStatus,
  identityOf,
  label,
  listFilter,
  listQuerySchema,
  listRequests,
  requestDetail,
  requestFor,
  scopeFilter,
  toListItems,
} from '../cases';
import { markConversationRead, openChats, replyToCitizen, transcriptOf } from '../chats';
import { nationalIdText, toCsv } from '../csv';
import { forbidden, notFound } from '../httpError';
import { bookingsOfDay } from '../bookings';

const reference = z.string().regex(/^[A-Z]{2,3}-\d{4}-\d{1,7}$/);
const refParam = (p: Record<string, string>) => {
  const r = reference.safeParse(p.ref);
  if (!r.success) throw notFound('ไม่พบคำร้องนี้');
  return r.data;
};
const CSV_MAX_ROWS = 20_000;

export const replyBody = z
  .object({
    text: z.string().trim().min(1).max(4000),
    /** Chosen by the console per message: a double submit sends once. */
    clientId: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/)
      .optional(),
  })
  .strict();

export function requestRoutes(deps: StaffDeps): RouteDef[] {
  const chatDeps = { outbox: deps.outbox, line: deps.line, log: deps.log };
  return [
    route({
      method: 'get',
      path: '/today',
      allow: 'requests:read',
      async handle({ staff, can, audit }) {
        const now = new Date();
        const start = startOfBangkokDay(now).toJSDate();
        const scope = scopeFilter(staff);
        const [newToday, urgentOpen, counts] = await Promise.all([
          HelpRequest.find({ ...scope, createdAt: { $gte: start } })
            .sort({ urgent: -1, createdAt: -1 })
            .limit(50)
            .lean(),
          HelpRequest.find({ $and: [scope, { urgent: true, status: { $in: OPEN_STATUSES } }] })
            .sort({ createdAt: -1 })
            .limit(50)
            .lean(),
          HelpRequest.aggregate<{ _id: string; n: number }>([{ $match: scope }, { $group: { _id: '$status', n: { $sum: 1 } } }]),
        ]);
        await audit({ action: 'list_requests', targetKind: 'requests', detail: { view: 'today', count: newToday.length + urgentOpen.length } });
        const date = toIsoDate(now);
        return {
          date,
          newToday: await toListItems(newToday),
          urgentOpen: await toListItems(urgentOpen),
          counts: Object.fromEntries(REQUEST_STATUSES.map((s) => [s, counts.find((c) => c._id === s)?.n ?? 0])),
          chats: can('chats:read') ? await openChats(50) : undefined,
          bookings: can('bookings:read') ? await bookingsOfDay(date) : undefined,
        };
      },
    }),
    route({
      method: 'get',
      path: '/requests',
      allow: 'requests:read',
      query: listQuerySchema,
      async handle({ query, staff, audit }) {
        const result = await listRequests(query, staff);
        const { page, pageSize, sort, ...filters } = query;
        await audit({ action: 'list_requests', targetKind: 'requests', detail: { filters, page, count: result.items.length } });
        return result;
      },
    }),
    route({
      method: 'get',
      path: '/requests.csv',
      allow: 'requests:export',
      query: listQuerySchema.omit({ page: true, pageSize: true }),
      async handle({ query, staff, res, can, audit }) {
        const rows = await HelpRequest.find(listFilter({ ...query, page: 1, pageSize: 1 }, staff))
          .sort({ createdAt: 1 })
          .limit(CSV_MAX_ROWS)
          .lean();
        const { sort, ...filters } = query;
        await audit({ action: 'export_csv', targetKind: 'requests', detail: { filters, count: rows.length } });
        const header = [
          'เลขคำร้อง',
          'วันที่แจ้ง',
          'สถานะ',
          'เรื่อง',
          'ความเร่งด่วน',
          'ด่วน',
          'หมู่บ้าน',
          'ผู้แจ้ง (LINE)',
          'ผู้ต้องการความช่วยเหลือ',
          'ความสัมพันธ์',
          'อายุ',
          'การติดต่อ',
          'โทรศัพท์',
          'เลขบัตรประชาชน',
          'ผู้รับผิดชอบ',
          'รายละเอียด',
        ];
        const body = rows.map((r) => {
          const id = identityOf(r, staff, can('pii:nationalId'));
          return [
            r.reference,
            formatThaiDateTime(r.createdAt),
            label('status', r.status),
            label('help.category', r.category),
            label('help.urgency', r.urgency),
            r.urgent ? 'ใช่' : '',
            r.outsideArea ? 'นอกพื้นที่' : (r.village ?? ''),
            r.requesterName ?? '',
            r.beneficiary?.name ?? '',
            r.beneficiary?.relation ? label('help.relation', r.beneficiary.relation) : r.beneficiary?.who === 'self' ? 'ตนเอง' : '',
            r.beneficiary?.age ?? '',
            r.beneficiary?.contactable === false ? 'ผ่านผู้แจ้ง' : r.beneficiary?.contactable === true ? 'โดยตรง' : '',
            id.phone ?? '',
            nationalIdText(id.nationalId),
            r.assignedTo ?? '',
            r.details ?? '',
          ];
        });
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', `attachment; filename="requests-${toIsoDate(new Date())}.csv"`);
        res.setHeader('cache-control', 'no-store');
        res.send(toCsv(header, body));
        return undefined;
      },
    }),
    route({
      method: 'get',
      path: '/requests/:ref',
      allow: 'requests:read',
      async handle({ params, staff, can, audit }) {
        const r = await requestFor(refParam(params), staff);
        await audit({ action: 'view_request', targetKind: 'request', targetId: r.reference });
        const detail = await requestDetail(r, staff);
        if (!can('chats:read')) return detail;
        await audit({ action: 'view_transcript', targetKind: 'citizen', targetId: r.lineUserId, detail: { reference: r.reference } });
        const read = await markConversationRead(deps.line, deps.log, r.lineUserId);
        return { ...detail, transcript: await transcriptOf(r.lineUserId), markedRead: read };
      },
    }),
    route({
      method: 'get',
      path: '/requests/:ref/identity',
      allow: 'pii:nationalId',
      async handle({ params, staff, audit }) {
        const r = await requestFor(refParam(params), staff);
        await audit({ action: 'reveal_identity', targetKind: 'request', targetId: r.reference });
        return identityOf(r, staff, true);
      },
    }),
    route({
      method: 'post',
      path: '/requests/:ref/status',
      allow: 'requests:update',
      body: z
        .object({
          status: z.enum(REQUEST_STATUSES),
          /** Sent to the citizen with the change, and shown under ติดตามคำร้อง. */
          note: z
            .string()
            .trim()
            .max(500)
            .optional()
            .transform((s) => (s ? s : undefined)),
          notify: z.boolean().default(true),
        })
        .strict(),
      async handle({ params, body, staff, audit }) {
        const ref = refParam(params);
        const r = await changeStatus(deps.outbox, staff, ref, body.status, body.note, body.notify);
        await audit({ action: 'change_status', targetKind: 'request', targetId: ref, detail: { status: body.status, notified: body.notify } });
        return r;
      },
    }),
    route({
      method: 'post',
      path: '/requests/:ref/assign',
      allow: 'requests:update',
      body: z
        .object({
          staffId: z
            .string()
            .regex(/^[0-9a-f]{24}$/)
            .nullable(),
        })
        .strict(),
      async handle({ params, body, staff, audit }) {
        const ref = refParam(params);
        const r = await assign(staff, ref, body.staffId);
        await audit({ action: 'assign', targetKind: 'request', targetId: ref, detail: { staffId: body.staffId } });
        return r;
      },
    }),
    route({
      method: 'post',
      path: '/requests/:ref/notes',
      allow: 'requests:note',
      body: z.object({ text: z.string().trim().min(1).max(2000) }).strict(),
      async handle({ params, body, staff, audit, res }) {
        const ref = refParam(params);
        const note = await addNote(staff, ref, body.text);
        await audit({ action: 'add_note', targetKind: 'request', targetId: ref });
        res.status(201);
        return note;
      },
    }),
    route({
      method: 'post',
      path: '/requests/:ref/reply',
      allow: 'chats:reply',
      body: replyBody,
      async handle({ params, body, staff, audit }) {
        const r = await requestFor(refParam(params), staff);
        if (!r.lineUserId) throw forbidden();
        const out = await replyToCitizen(chatDeps, staff, r.lineUserId, body.text, body.clientId);
        await audit({ action: 'reply', targetKind: 'citizen', targetId: r.lineUserId, detail: { reference: r.reference } });
        return out;
      },
    }),
  ];
}
