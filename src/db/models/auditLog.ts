import { Schema, model } from 'mongoose';

/**
 * Who saw or changed what, when: every view of a citizen's personal data in the staff console or API (PDPA),
 * and every change staff make. Written before the data is sent; never updated.
 */
const auditLogSchema = new Schema(
  {
    at: { type: Date, required: true, default: () => new Date() },
    actorId: { type: String, required: true },
    actor: { type: String, required: true },
    role: { type: String, required: true },
    /** e.g. view_request, view_transcript, reveal_identity, export_csv, change_status, reply. */
    action: { type: String, required: true },
    targetKind: { type: String },
    targetId: { type: String },
    ip: { type: String },
    detail: { type: Schema.Types.Mixed },
  },
  { versionKey: false, minimize: false },
);
auditLogSchema.index({ at: -1 });
auditLogSchema.index({ targetKind: 1, targetId: 1, at: -1 });
auditLogSchema.index({ actorId: 1, at: -1 });

export const AuditLog = model('AuditLog', auditLogSchema);
