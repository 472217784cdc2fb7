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
  | 'view_audit';

export interface AuditEntry {
  action: AuditAction;
  targetKind?: 'request' | 'citizen' | 'booking' | 'content' | 'settings' | 'user' | 'requests' | 'bookings' | 'audit';
  targetId?: string;
  detail?: Record<string, unknown>;
}

export async function writeAudit(who: Pick<StaffPrincipal, 'id' | 'username' | 'role'>, entry: AuditEntry, ip?: string): Promise<void> {
  await AuditLog.create({ at: new Date(), actorId: who.id, actor: who.username, role: who.role, ip, ...entry });
}
