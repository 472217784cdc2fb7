/**
 * Personal data (PDPA): export everything held about one citizen, erase it, the staff tasks citizens' requests
 * become, and the retention periods in force. Every action is in the audit log (an erasure with its reason,
 * written before anything is removed).
 */
import { z } from 'zod';
import { route, type RouteDef } from '../api';
import type { StaffDeps } from '../deps';
import { conflict, notFound } from '../httpError';
import { userIdOf } from './params';
import { exportCitizen } from '../pdpa/export';
import { eraseCitizen, erasurePlan } from '../pdpa/erase';
import { LaneBusyError } from '../../inbox/laneHold';
import { markPdpaDone, openPdpaCount, pdpaRequests } from '../pdpa/requests';
import { retentionView } from '../pdpa/retention';

export function pdpaRoutes(_deps: StaffDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/citizens/:userId/export',
      allow: 'pdpa:export',
      async handle({ params, res, audit }) {
        const lineUserId = userIdOf(params);
        const plan = await erasurePlan(lineUserId);
        if (!plan) throw notFound('ไม่มีข้อมูลของผู้ติดต่อรายนี้');
        await audit({
          action: 'export_citizen',
          targetKind: 'citizen',
          targetId: lineUserId,
          detail: { requests: plan.requests, bookings: plan.bookings },
        });
        const out = await exportCitizen(lineUserId);
        if (!out) throw notFound('ไม่มีข้อมูลของผู้ติดต่อรายนี้');
        res.setHeader('content-type', 'application/zip');
        res.setHeader('content-disposition', `attachment; filename="${out.fileName}"`);
        res.setHeader('cache-control', 'no-store');
        res.send(Buffer.from(out.zip));
        return undefined;
      },
    }),
    route({
      method: 'post',
      path: '/citizens/:userId/erase',
      allow: 'pdpa:erase',
      body: z
        .object({
          /** Why (e.g. "ผู้ร้องขอลบทาง LINE ยืนยันตัวตนทางโทรศัพท์แล้ว"): kept in the audit log. */
          reason: z.string().trim().min(5, 'กรุณาระบุเหตุผลอย่างน้อย 5 ตัวอักษร').max(500),
          /** The person checked who asked and knows it cannot be undone. */
          confirm: z.literal(true),
        })
        .strict(),
      async handle({ params, body, staff, audit }) {
        const lineUserId = userIdOf(params);
        const plan = await erasurePlan(lineUserId);
        if (!plan) throw conflict('nothing_held', 'ไม่มีข้อมูลของผู้ติดต่อรายนี้ (อาจลบไปแล้ว)');
        // Audited once the citizen's lane is held (no turn of theirs under way), before anything is erased.
        const first = () =>
          audit({
            action: 'erase_citizen',
            targetKind: 'citizen',
            targetId: lineUserId,
            detail: { reason: body.reason, requests: plan.requests, bookings: plan.bookings, messages: plan.messages, photos: plan.photos },
          });
        try {
          return { erased: await eraseCitizen(lineUserId, staff, { first }) };
        } catch (err) {
          if (err instanceof LaneBusyError) throw conflict('citizen_busy', 'ผู้ติดต่อรายนี้กำลังคุยกับบอทอยู่ ยังไม่ได้ลบข้อมูล กรุณาลองใหม่อีกครั้ง');
          throw err;
        }
      },
    }),
    route({
      method: 'get',
      path: '/pdpa/requests',
      allow: 'pdpa:export',
      query: z.object({ state: z.enum(['open', 'all']).default('open') }).strict(),
      async handle({ query, audit }) {
        const requests = await pdpaRequests(query.state);
        await audit({ action: 'list_pdpa_requests', targetKind: 'alerts', detail: { state: query.state, count: requests.length } });
        return { requests, open: await openPdpaCount() };
      },
    }),
    route({
      method: 'post',
      path: '/pdpa/requests/:id/done',
      allow: 'pdpa:export',
      async handle({ params, staff, audit }) {
        const r = await markPdpaDone(String(params.id), staff);
        if (!r.ok) throw conflict('not_open', 'คำขอนี้ดำเนินการไปแล้ว หรือไม่มีอยู่');
        await audit({ action: 'pdpa_request_done', targetKind: 'alert', targetId: String(params.id), detail: { citizen: r.lineUserId } });
        return { ok: true, open: await openPdpaCount() };
      },
    }),
    route({
      method: 'get',
      path: '/settings/retention',
      allow: 'settings:read',
      async handle() {
        return retentionView();
      },
    }),
  ];
}
