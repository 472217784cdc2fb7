/** Danger alerts: the open list (and all, on request) and acknowledging one. */
import { z } from 'zod';
import { route, type RouteDef } from '../api';
import type { StaffDeps } from '../deps';
import { acknowledgeDanger, dangerAlerts, openDangerCount } from '../dangerAlerts';
import { conflict } from '../httpError';

export function alertRoutes(_deps: StaffDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/alerts',
      allow: 'chats:read',
      query: z.object({ state: z.enum(['open', 'all']).default('open') }).strict(),
      async handle({ query, audit }) {
        const alerts = await dangerAlerts(query.state);
        await audit({ action: 'list_alerts', targetKind: 'alerts', detail: { state: query.state, count: alerts.length } });
        return { alerts, open: await openDangerCount() };
      },
    }),
    route({
      // The number on the menu: no personal data, so not an audited read (the list above is).
      method: 'get',
      path: '/alerts/count',
      allow: 'chats:read',
      async handle() {
        return { open: await openDangerCount() };
      },
    }),
    route({
      method: 'post',
      path: '/alerts/:id/ack',
      allow: 'chats:read',
      async handle({ params, staff, audit }) {
        const r = await acknowledgeDanger(String(params.id), staff);
        if (!r.ok) throw conflict('not_open', 'การแจ้งเตือนนี้รับทราบไปแล้ว หรือไม่มีอยู่');
        await audit({ action: 'ack_alert', targetKind: 'alert', targetId: String(params.id), detail: { citizen: r.lineUserId } });
        return { ok: true, open: await openDangerCount() };
      },
    }),
  ];
}
