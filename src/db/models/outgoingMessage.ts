import { Schema, model, InferSchemaType } from 'mongoose';

/**
 * The outbox: one delivery of up to five LINE messages to one chat, stored before it is sent. `source` + `seq`
 * is unique, so re-processing an event after a crash never queues its answer twice. `retryKey` is the
 * X-Line-Retry-Key used on every push attempt of this delivery.
 */
const outgoingMessageSchema = new Schema(
  {
    to: { type: String, required: true },
    /** What caused it: `event:<webhookEventId>`, `staff:<id>`, `alert:<id>`, … */
    source: { type: String, required: true },
    seq: { type: Number, default: 0 },
    messages: { type: [Schema.Types.Mixed], required: true },
    replyToken: { type: String },
    replyTokenExpiresAt: { type: Date },
    retryKey: { type: String, required: true },
    status: { type: String, enum: ['pending', 'sent', 'failed'], default: 'pending' },
    via: { type: String, enum: ['reply', 'push'] },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, default: () => new Date() },
    leaseUntil: { type: Date },
    lastError: { type: String },
    lineRequestId: { type: String },
    sentAt: { type: Date },
  },
  { timestamps: true },
);
outgoingMessageSchema.index({ source: 1, seq: 1 }, { unique: true });
outgoingMessageSchema.index({ status: 1, nextAttemptAt: 1 });

export type OutgoingMessageDoc = InferSchemaType<typeof outgoingMessageSchema>;
export const OutgoingMessage = model('OutgoingMessage', outgoingMessageSchema);
