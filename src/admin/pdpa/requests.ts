/**
 * The staff tasks citizens' PDPA requests become (a `pdpa_request` alert: see, erase, withdraw consent): listed
 * on the console's alert page until someone marks them done, answered within 30 days as the Act requires.
 */
import { StaffAlert } from '../../db/models/staffAlert';
import { Citizen } from '../../db/models/citizen';
import { PDPA_TH } from '../alerts';
import { acknowledgeAlert, openAlertCount } from '../dangerAlerts';
import type { StaffPrincipal } from '../permissions';

/** Days the PDPA gives the centre to act on a request (§30: without delay, at most 30 days). */
export const PDPA_ANSWER_DAYS = 30;

export interface PdpaRequestView {
  id: string;
  kind: string;
  kindLabel: string;
  at: Date;
  dueBy: Date;
  lineUserId: string;
  displayName?: string;
  /** False once the person was erased (their records then carry a pseudonym, not a LINE user id). */
  citizenKnown: boolean;
  doneAt?: Date;
  doneBy?: string;
}

export async function pdpaRequests(state: 'open' | 'all', limit = 100): Promise<PdpaRequestView[]> {
  const filter = state === 'open' ? { kind: 'pdpa_request' as const, acknowledgedAt: null } : { kind: 'pdpa_request' as const };
  const rows = await StaffAlert.find(filter).sort({ createdAt: 1 }).limit(limit).lean();
  const citizens = new Map(
    (await Citizen.find({ lineUserId: { $in: [...new Set(rows.map((r) => r.lineUserId))] } }, { lineUserId: 1, displayName: 1 }).lean()).map((c) => [
      c.lineUserId,
      c,
    ]),
  );
  return rows.map((a) => {
    const c = citizens.get(a.lineUserId);
    return {
      id: a._id.toString(),
      kind: a.pdpa ?? '',
      kindLabel: PDPA_TH[a.pdpa ?? ''] ?? 'คำขอเรื่องข้อมูลส่วนบุคคล',
      at: a.createdAt,
      dueBy: new Date(a.createdAt.getTime() + PDPA_ANSWER_DAYS * 86_400_000),
      lineUserId: a.lineUserId,
      displayName: c?.displayName ?? undefined,
      citizenKnown: !!c,
      doneAt: a.acknowledgedAt ?? undefined,
      doneBy: a.acknowledgedBy?.name ?? undefined,
    };
  });
}

/** How many PDPA requests are open. */
export const openPdpaCount = () => openAlertCount('pdpa_request');

/** Marks one open PDPA request done; false when there is no such open request. */
export const markPdpaDone = (id: string, staff: Pick<StaffPrincipal, 'id' | 'displayName'>, at?: Date) =>
  acknowledgeAlert('pdpa_request', id, staff, at);
