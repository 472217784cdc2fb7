import { Schema, Types, model, type InferSchemaType } from 'mongoose';

/**
 * The outbox: one delivery of up to five LINE messages to one chat, stored before it is sent. `source` + `seq`
 * is unique, so re-processing an event after a crash never queues its answer twice. `retryKey` is the
 * X-Line-Retry-Key used on every push attempt of this delivery.
 *
 * While an attempt is under way `attempting` says how (`reply` or `push`) and `leaseUntil` how long the attempt may
 * take; both are stored before LINE is called. A lease that ran out with `attempting: 'reply'` means the process
 * died (or lost its database) while a reply was in flight: the reply is tried once more with the same
 * single-use token while it is fresh (`replyRetried`; LINE refuses a token it already used, so this cannot show
 * the answer twice), and is otherwise `unknown`, never pushed (see the README's Reliability section).
 * `attempting: 'push'` is simply pushed again with the same retry key.
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
    status: { type: String, enum: ['pending', 'sent', 'failed', 'unknown'], default: 'pending' },
    attempting: { type: String, enum: ['reply', 'push'] },
    via: { type: String, enum: ['reply', 'push'] },
    attempts: { type: Number, default: 0 },
    /** The one retry of an in-doubt reply with its own token has been claimed. */
    replyRetried: { type: Boolean },
    nextAttemptAt: { type: Date, default: () => new Date() },
    leaseUntil: { type: Date },
    lastError: { type: String },
    lineRequestId: { type: String },
    sentAt: { type: Date },
    /** Who sent it, for the conversation record ('bot' or a staff id). */
    sender: { type: String },
    /** LINE refused the messages as written; `messages` now holds their words as plain text (see the outbox). */
    plainText: { type: Boolean },
  },
  { timestamps: true },
);
outgoingMessageSchema.index({ source: 1, seq: 1 }, { unique: true });
outgoingMessageSchema.index({ status: 1, nextAttemptAt: 1 });

export type OutgoingMessageDoc = InferSchemaType<typeof outgoingMessageSchema>;
export const OutgoingMessage = model('OutgoingMessage', outgoingMessageSchema);

/** What a new delivery is made of; `newOutgoing` adds what the schema's defaults and timestamps would. */
export interface NewOutgoingFields {
  to: string;
  source: string;
  seq: number;
  messages: unknown[];
  retryKey: string;
  sender: string;
  replyToken?: string;
  replyTokenExpiresAt?: Date;
  attempts?: number;
  attempting?: 'reply' | 'push';
  leaseUntil?: Date;
}

/** A complete new delivery document, as mongoose would store it, for a write through the driver (no casting). */
export function newOutgoing(fields: NewOutgoingFields, now = new Date()) {
  return {
    _id: new Types.ObjectId(),
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}
export type NewOutgoing = ReturnType<typeof newOutgoing>;
