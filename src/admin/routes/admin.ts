/** Calendar settings (slots, capacity, office hours, holidays, villages), staff accounts, the audit log. */
import { z } from 'zod';
import { isValidObjectId } from 'mongoose';
import { route, type RouteDef } from '../api';
import type { StaffDeps } from '../deps';
import { StaffUser, STAFF_ROLES } from '../../db/models/staffUser';
import { AuditLog } from '../../db/models/auditLog';
import { calendarUpdateSchema, calendarView, updateCalendar } from '../calendarSettings';
import { createStaffUser, updateStaffUser, userView } from '../users';
import { HttpError, notFound } from '../httpError';
import { cancelPairingCode, createPairingCode, pairingView, unpairGroup } from '../groupPairing';

const userCreate = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{3,40}$/, 'ใช้ a-z 0-9 . _ - ยาว 3–40 ตัว'),
    displayName: z.string().trim().min(1).max(80),
    role: z.enum(STAFF_ROLES),
    password: z.string().min(1).max(200),
    villages: z.array(z.string().trim().min(1).max(100)).max(60).default([]),
  })
  .strict();

const userUpdate = z
  .object({
    displayName: z.string().trim().min(1).max(80).optional(),
    role: z.enum(STAFF_ROLES).optional(),
    password: z.string().min(1).max(200).optional(),
    active: z.boolean().optional(),
    villages: z.array(z.string().trim().min(1).max(100)).max(60).optional(),
  })
  .strict();

const auditQuery = z
  .object({
    targetId: z.string().max(100).optional(),
    actor: z.string().max(100).optional(),
    action: z
      .string()
      .regex(/^[a-z_]{2,40}$/)
      .optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const pinned = () => new HttpError(409, 'configured', 'กลุ่มเจ้าหน้าที่กำหนดไว้ด้วย STAFF_GROUP_ID เปลี่ยนได้ที่การตั้งค่าเซิร์ฟเวอร์เท่านั้น');

export function adminRoutes(deps: StaffDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/settings/calendar',
      allow: 'settings:read',
      async handle() {
        return calendarView();
      },
    }),
    route({
      method: 'put',
      path: '/settings/calendar',
      allow: 'settings:write',
      body: calendarUpdateSchema,
      async handle({ body, staff, audit }) {
        const view = await updateCalendar(deps.calendar, body, staff.username);
        await audit({ action: 'update_settings', targetKind: 'settings', targetId: 'calendar', detail: { parts: Object.keys(body) } });
        return view;
      },
    }),
    route({
      method: 'get',
      path: '/settings/staff-group',
      allow: 'settings:read',
      async handle() {
        return pairingView(deps.config.staff.groupId);
      },
    }),
    route({
      method: 'post',
      path: '/settings/staff-group/code',
      allow: 'settings:write',
      async handle({ staff }) {
        if (deps.config.staff.groupId) throw pinned();
        const { code, expiresAt } = await createPairingCode(staff);
        return { code, expiresAt, ...(await pairingView(undefined)) };
      },
    }),
    route({
      method: 'post',
      path: '/settings/staff-group',
      allow: 'settings:write',
      body: z.object({ action: z.enum(['unpair', 'cancel_code']) }).strict(),
      async handle({ body, staff }) {
        if (deps.config.staff.groupId) throw pinned();
        if (body.action === 'cancel_code') await cancelPairingCode();
        else if (!(await unpairGroup(staff))) throw new HttpError(409, 'not_paired', 'ยังไม่มีกลุ่มที่จับคู่ไว้');
        return pairingView(undefined);
      },
    }),
    route({
      method: 'get',
      path: '/staff',
      allow: 'users:list',
      async handle() {
        const users = await StaffUser.find({ active: true }).sort({ role: 1, displayName: 1 }).lean();
        return { staff: users.map((u) => ({ id: u._id.toString(), displayName: u.displayName, role: u.role })) };
      },
    }),
    route({
      method: 'get',
      path: '/users',
      allow: 'users:manage',
      async handle() {
        const users = await StaffUser.find().sort({ active: -1, role: 1, username: 1 }).lean();
        return { users: users.map(userView) };
      },
    }),
    route({
      method: 'post',
      path: '/users',
      allow: 'users:manage',
      body: userCreate,
      async handle({ body, audit, res }) {
        const u = await createStaffUser(body);
        await audit({ action: 'create_user', targetKind: 'user', targetId: u.id, detail: { username: u.username, role: u.role } });
        res.status(201);
        return u;
      },
    }),
    route({
      method: 'patch',
      path: '/users/:id',
      allow: 'users:manage',
      body: userUpdate,
      async handle({ params, body, staff, audit }) {
        if (!isValidObjectId(params.id)) throw notFound();
        const u = await updateStaffUser(staff, String(params.id), body);
        const { password, ...changed } = body;
        await audit({ action: 'update_user', targetKind: 'user', targetId: u.id, detail: { ...changed, passwordChanged: password !== undefined } });
        return u;
      },
    }),
    route({
      method: 'get',
      path: '/audit',
      allow: 'audit:read',
      query: auditQuery,
      async handle({ query, audit }) {
        const filter: Record<string, unknown> = {};
        if (query.targetId) filter.targetId = query.targetId;
        if (query.actor) filter.actor = query.actor;
        if (query.action) filter.action = query.action;
        const [rows, total] = await Promise.all([
          AuditLog.find(filter)
            .sort({ at: -1, _id: -1 })
            .skip((query.page - 1) * query.pageSize)
            .limit(query.pageSize)
            .lean(),
          AuditLog.countDocuments(filter),
        ]);
        await audit({ action: 'view_audit', targetKind: 'audit' });
        return { entries: rows.map(({ _id, ...r }) => ({ id: _id.toString(), ...r })), total, page: query.page, pageSize: query.pageSize };
      },
    }),
  ];
}
