import { EventEmitter } from 'node:events';
import { Schema, model } from 'mongoose';

/**
 * Something staff must know about now (a new request, danger words, a citizen asking for a person). Stored
 * here by the bot; the staff side delivers it (staff LINE group, console) and sets `deliveredAt`.
 */
const staffAlertSchema = new Schema(
  {
    kind: { type: String, enum: ['new_request', 'danger', 'handoff', 'booking'], required: true },
    lineUserId: { type: String, required: true },
    urgent: { type: Boolean, default: false },
    reference: { type: String },
    danger: { type: String },
    /** Where it came from, so one cause alerts once (e.g. `event:<id>`, `request:<ref>`). */
    source: { type: String, required: true, unique: true },
    deliveredAt: { type: Date },
  },
  { timestamps: true },
);
staffAlertSchema.index({ deliveredAt: 1, createdAt: 1 });

export const StaffAlert = model('StaffAlert', staffAlertSchema);

/** Emits `raised` in this process when a new alert is stored, so its delivery can start at once. */
export const alertEvents = new EventEmitter();

/** Stores an alert once per source (a repeat of the same source is ignored). */
export async function raiseAlert(alert: { kind: string; lineUserId: string; urgent?: boolean; reference?: string; danger?: string; source: string }): Promise<void> {
  const r = await StaffAlert.updateOne({ source: alert.source }, { $setOnInsert: alert }, { upsert: true });
  if (r.upsertedCount > 0) alertEvents.emit('raised');
}
