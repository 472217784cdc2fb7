import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * Every webhook event, stored before LINE gets its 200. Unique on `webhookEventId`, so a redelivery is a no-op.
 * `lane` is the conversation the event belongs to (user, group or room id); one lane is processed at a time.
 */
const inboxEventSchema = new Schema(
  {
    webhookEventId: { type: String, required: true, unique: true },
    lane: { type: String, required: true },
    type: { type: String, required: true },
    timestamp: { type: Date, required: true },
    isRedelivery: { type: Boolean, default: false },
    event: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: ['pending', 'done', 'failed'], default: 'pending' },
    attempts: { type: Number, default: 0 },
    receivedAt: { type: Date, default: () => new Date() },
    processedAt: { type: Date },
    error: { type: String },
  },
  { minimize: false },
);
inboxEventSchema.index({ status: 1, lane: 1, timestamp: 1 });
/**
 * Processed events are dropped after 30 days (the conversation record keeps what was said); that is far longer
 * than LINE redelivers, so deduplication is unaffected. Pending and failed events have no `processedAt` and stay.
 */
export const INBOX_RETENTION_SECONDS = 30 * 24 * 3600;
inboxEventSchema.index({ processedAt: 1 }, { expireAfterSeconds: INBOX_RETENTION_SECONDS });

export type InboxEventDoc = InferSchemaType<typeof inboxEventSchema>;
export const InboxEvent = model('InboxEvent', inboxEventSchema);
