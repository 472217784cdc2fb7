/**
 * The audit log: who saw which citizen's data, or changed what, and when. Written before the data leaves the
 * server, so a view that could not be logged is not served.
 */
import { AuditLog } from '../db/models/auditLog';
import type { StaffPrincipal } from './permissions';

export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'list_requests'
  | 'view_request'
  | 'view_transcript'
  | 'view_citizen'
  | 'view_photo'
  | 'reveal_identity'
  | 'export_csv'
  | 'change_status'
  | 'assign'
  | 'add_note'
  | 'reply'
  | 'close_handoff'
  | 'list_bookings'
  | 'update_booking'
  | 'update_settings'
  | 'create_user'
  | 'update_user'
  | 'view_audit'
  | 'view_report'
  | 'list_alerts'
  | 'ack_alert'
  | 'create_pairing_code'
  | 'pair_staff_group'
  | 'unpair_staff_group'
  | 'export_citizen'
  | 'erase_citizen'
  | 'list_pdpa_requests'
  | 'pdpa_request_done'
  | 'retention_run';

export interface AuditEntry {
  action: AuditAction;
  targetKind?:
    'request' | 'citizen' | 'booking' | 'content' | 'settings' | 'user' | 'requests' | 'bookings' | 'audit' | 'alert' | 'alerts' | 'report';
  targetId?: string;
  detail?: Record<string, unknown>;
}

/** A repeated view of the same thing by the same person within this time is one view (the console refreshes). */
export const VIEW_DEDUPE_MS = 5 * 60_000;

export async function writeAudit(who: Pick<StaffPrincipal, 'id' | 'username' | 'role'>, entry: AuditEntry, ip?: string): Promise<void> {
  const at = new Date();
  if (entry.action.startsWith('view_') && entry.targetId) {
    const recent = await AuditLog.exists({
      actorId: who.id,
      action: entry.action,
      targetId: entry.targetId,
      at: { $gt: new Date(at.getTime() - VIEW_DEDUPE_MS) },
    });
    if (recent) return;
  }
  await AuditLog.create({ at, actorId: who.id, actor: who.username, role: who.role, ip, ...entry });
}
