import { Schema, model } from 'mongoose';

/** A citizen asked to talk to a person: while open, the bot stays quiet for them (but for "เมนู"). */
const handoffSchema = new Schema(
  {
    lineUserId: { type: String, required: true },
    status: { type: String, enum: ['open', 'closed'], default: 'open' },
    openedAt: { type: Date, default: () => new Date() },
    closedAt: { type: Date },
    closedBy: { type: String },
    closeReason: { type: String, enum: ['staff', 'citizen', 'timeout'] },
  },
  { timestamps: true },
);
handoffSchema.index({ lineUserId: 1, status: 1 });
handoffSchema.index({ status: 1, openedAt: 1 });

export const Handoff = model('Handoff', handoffSchema);
