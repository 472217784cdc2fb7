/** Login, logout, who am I, and the reference data the console needs (statuses, categories, villages). */
import { z } from 'zod';
import { route, type RouteDef } from '../api';
import { clearSessionCookie, endSession, login, sessionOf, setSessionCookie } from '../auth';
import { beginLogin } from '../loginThrottle';
import { writeAudit } from '../audit';
import { HttpError } from '../httpError';
import { permissionsOf } from '../permissions';
import type { StaffDeps } from '../deps';
import { REQUEST_STATUSES } from '../../db/models/helpRequest';
import { STAFF_ROLES } from '../../db/models/staffUser';
import { getCentre } from '../../domain/data';
import { CATEGORIES, TRANSITIONS, URGENCIES, label } from '../cases';

const loginBody = z
  .object({
    username: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();

export function sessionRoutes(deps: StaffDeps): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/login',
      allow: 'public',
      body: loginBody,
      async handle({ body, req, res }) {
        const gate = await beginLogin(req.ip ?? 'unknown', body.username, deps.auth);
        if (gate.retryAfterMs) {
          deps.log.info({ ip: req.ip }, 'console login refused: too many failed attempts');
          res.setHeader('retry-after', String(Math.ceil(gate.retryAfterMs / 1000)));
          throw new HttpError(429, 'too_many_attempts', 'พยายามเข้าสู่ระบบหลายครั้งเกินไป กรุณารอสักครู่แล้วลองใหม่');
        }
        const r = await login(body.username, body.password, deps.auth);
        if (r) await gate.succeeded();
        else {
          deps.log.info({ ip: req.ip }, 'console login failed');
          throw new HttpError(401, 'bad_credentials', 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
        }
        await writeAudit(r.principal, { action: 'login' }, req.ip);
        setSessionCookie(res, r.token, deps.auth);
        return { user: r.principal, csrfToken: r.csrfToken, permissions: permissionsOf(r.principal.role) };
      },
    }),
    route({
      method: 'post',
      path: '/logout',
      allow: 'authenticated',
      async handle({ res, audit }) {
        const s = sessionOf(res)!;
        await audit({ action: 'logout' });
        await endSession(s.tokenHash);
        clearSessionCookie(res, deps.auth);
        return { ok: true };
      },
    }),
    route({
      method: 'get',
      path: '/me',
      allow: 'authenticated',
      async handle({ res, staff }) {
        return { user: staff, csrfToken: sessionOf(res)!.csrfToken, permissions: permissionsOf(staff.role) };
      },
    }),
    route({
      method: 'get',
      path: '/meta',
      allow: 'authenticated',
      async handle() {
        return {
          statuses: REQUEST_STATUSES.map((s) => ({ value: s, label: label('status', s), next: TRANSITIONS[s] })),
          categories: CATEGORIES.map((c) => ({ value: c, label: label('help.category', c) })),
          urgencies: URGENCIES.map((u) => ({ value: u, label: label('help.urgency', u) })),
          villages: getCentre().villages.list.map((v) => v.th),
          slotTimes: getCentre().booking.slots.map((sl) => sl.time),
          roles: STAFF_ROLES,
        };
      },
    }),
  ];
}
