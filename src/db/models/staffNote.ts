import { Schema, model } from 'mongoose';

/** An internal note on a help request: seen by staff only, never sent to the citizen. */
const staffNoteSchema = new Schema(
  {
    reference: { type: String, required: true },
    text: { type: String, required: true },
    byId: { type: String, required: true },
    byName: { type: String, required: true },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);
staffNoteSchema.index({ reference: 1, at: 1 });

export const StaffNote = model('StaffNote', staffNoteSchema);
