import { EventEmitter } from 'node:events';
import { Schema, model, type InferRawDocTypeFromSchema } from 'mongoose';

/**
 * Something staff must know about now (a new request, danger words, a citizen asking for a person). Stored
 * here by the bot; the staff side delivers it (staff LINE group, console) and sets `deliveredAt`. Danger alerts
 * are listed in the console as open until someone acknowledges them (`acknowledgedAt`, `acknowledgedBy`).
 */
const staffAlertSchema = new Schema(
  {
    kind: { type: String, enum: ['new_request', 'danger', 'handoff', 'booking', 'pdpa_request', 'request_waiting'], required: true },
    /** PDPA requests typed by the citizen (access, erasure, withdrawal of consent): open until staff mark them done. */
    pdpa: { type: String, enum: ['access', 'erasure', 'withdraw'] },
    lineUserId: { type: String, required: true },
    urgent: { type: Boolean, default: false },
    reference: { type: String },
    danger: { type: String },
    /** Danger alerts: who is at risk — the one writing (a caregiver, say), the person they write about, or unclear. */
    atRisk: { type: String, enum: ['speaker', 'subject', 'unknown'] },
    /** Danger alerts: the start of the citizen's message, for the console's list of open alerts. */
    excerpt: { type: String },
    /** Danger alerts stay open in the console until a staff member acknowledges them. */
    acknowledgedAt: { type: Date },
    acknowledgedBy: { id: { type: String }, name: { type: String } },
    /** Where it came from, so one cause alerts once (e.g. `event:<id>`, `request:<ref>`). */
    source: { type: String, required: true, unique: true },
    deliveredAt: { type: Date },
  },
  { timestamps: true },
);
staffAlertSchema.index({ deliveredAt: 1, createdAt: 1 });
staffAlertSchema.index({ kind: 1, acknowledgedAt: 1, createdAt: -1 });
staffAlertSchema.index({ lineUserId: 1, kind: 1, createdAt: -1 });

/** An alert as `.lean()` reads it. */
export type StaffAlertLean = InferRawDocTypeFromSchema<typeof staffAlertSchema>;
export const StaffAlert = model('StaffAlert', staffAlertSchema);

/** Emits `raised` in this process when a new alert is stored, so its delivery can start at once. */
export const alertEvents = new EventEmitter();

/** Stores an alert once per source (a repeat of the same source is ignored). */
export async function raiseAlert(alert: {
  kind: string;
  lineUserId: string;
  urgent?: boolean;
  reference?: string;
  danger?: string;
  atRisk?: string;
  excerpt?: string;
  pdpa?: string;
  source: string;
}): Promise<void> {
  const r = await StaffAlert.updateOne({ source: alert.source }, { $setOnInsert: alert }, { upsert: true });
  if (r.upsertedCount > 0) alertEvents.emit('raised');
}
