/**
 * Danger alerts in the staff console: the list of open ones (a person may be at risk; with or without a request),
 * and acknowledging one (who and when, also in the audit log). An alert stays open until someone acknowledges it,
 * whether or not it also went to the staff LINE group.
 */
import { isValidObjectId } from 'mongoose';
import { StaffAlert } from '../db/models/staffAlert';
import { Citizen } from '../db/models/citizen';
import { ConversationMessage } from '../db/models/conversationMessage';
import type { StaffPrincipal } from './permissions';

export const DANGER_TH: Record<string, string> = {
  self_harm: 'ทำร้ายตัวเอง / คิดฆ่าตัวตาย',
  violence: 'ความรุนแรง / ถูกทำร้าย',
  medical: 'เจ็บป่วยฉุกเฉิน',
  hurt_now: 'มีคนบาดเจ็บ/อันตรายเฉพาะหน้า',
};
export const AT_RISK_TH: Record<string, string> = {
  speaker: 'ผู้ที่พิมพ์เอง',
  subject: 'บุคคลที่ผู้พิมพ์เล่าถึง',
  unknown: 'ยังไม่ชัดเจน',
};

export interface DangerAlertView {
  id: string;
  kind: string;
  kindLabel: string;
  atRisk?: string;
  atRiskLabel?: string;
  at: Date;
  lineUserId: string;
  displayName?: string;
  excerpt?: string;
  lastMessage?: string;
  reference?: string;
  deliveredToGroup: boolean;
  acknowledgedAt?: Date;
  acknowledgedBy?: string;
}

/** Danger alerts, newest first: the open ones (default) or all of them. */
export async function dangerAlerts(state: 'open' | 'all', limit = 100): Promise<DangerAlertView[]> {
  const filter = state === 'open' ? { kind: 'danger' as const, acknowledgedAt: null } : { kind: 'danger' as const };
  const alerts = await StaffAlert.find(filter).sort({ createdAt: -1 }).limit(limit).lean();
  return Promise.all(
    alerts.map(async (a) => {
      const [c, last] = await Promise.all([
        Citizen.findOne({ lineUserId: a.lineUserId }, { displayName: 1 }).lean(),
        ConversationMessage.findOne({ lineUserId: a.lineUserId, direction: 'in' }).sort({ at: -1 }).lean(),
      ]);
      const danger = a.danger ?? '';
      return {
        id: a._id.toString(),
        kind: danger,
        kindLabel: DANGER_TH[danger] ?? 'อาจมีอันตราย',
        atRisk: a.atRisk ?? undefined,
        atRiskLabel: a.atRisk ? AT_RISK_TH[a.atRisk] : undefined,
        at: a.createdAt,
        lineUserId: a.lineUserId,
        displayName: c?.displayName ?? undefined,
        excerpt: a.excerpt ?? undefined,
        lastMessage: last?.text ? last.text.slice(0, 300) : undefined,
        reference: a.reference ?? undefined,
        deliveredToGroup: !!a.deliveredAt,
        acknowledgedAt: a.acknowledgedAt ?? undefined,
        acknowledgedBy: a.acknowledgedBy?.name ?? undefined,
      };
    }),
  );
}

/** Staff tasks kept as alerts until someone acknowledges them: danger alerts and PDPA requests. */
type AcknowledgedKind = 'danger' | 'pdpa_request';

/** How many alerts of a kind are open (for the console's menu badge and lists). */
export function openAlertCount(kind: AcknowledgedKind): Promise<number> {
  return StaffAlert.countDocuments({ kind, acknowledgedAt: null });
}

/** Acknowledges (marks done) one open alert of a kind, recording who and when; false when there is no such open alert. */
export async function acknowledgeAlert(
  kind: AcknowledgedKind,
  id: string,
  staff: Pick<StaffPrincipal, 'id' | 'displayName'>,
  at = new Date(),
): Promise<{ ok: boolean; lineUserId?: string }> {
  if (!isValidObjectId(id)) return { ok: false };
  const a = await StaffAlert.findOneAndUpdate(
    { _id: id, kind, acknowledgedAt: null },
    { $set: { acknowledgedAt: at, acknowledgedBy: { id: staff.id, name: staff.displayName } } },
    { returnDocument: 'after' },
  ).lean();
  return a ? { ok: true, lineUserId: a.lineUserId } : { ok: false };
}

/** How many danger alerts are open. */
export const openDangerCount = () => openAlertCount('danger');

/** Acknowledges one danger alert. */
export const acknowledgeDanger = (id: string, staff: Pick<StaffPrincipal, 'id' | 'displayName'>, at?: Date) =>
  acknowledgeAlert('danger', id, staff, at);
