import { Schema, model } from 'mongoose';

/** A lease on one conversation lane, so two server instances never process one user's events at once. */
const laneLockSchema = new Schema(
  {
    _id: { type: String },
    owner: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { versionKey: false },
);

export const LaneLock = model('LaneLock', laneLockSchema);
