import { Schema, model, type InferSchemaType, type mongo } from 'mongoose';
import { GroupCommit } from '../groupCommit';

/**
 * The conversation record: every message a citizen sent and every message sent to them, in order. Incoming
 * ones are keyed by their webhook event; outgoing ones by their outbox delivery and index.
 */
const conversationMessageSchema = new Schema(
  {
    lineUserId: { type: String, required: true },
    direction: { type: String, enum: ['in', 'out'], required: true },
    /** LINE message type (text, sticker, image, …) or event type for non-message events (postback, follow, …). */
    type: { type: String, required: true },
    text: { type: String },
    postbackData: { type: String },
    payload: { type: Schema.Types.Mixed },
    at: { type: Date, required: true },
    webhookEventId: { type: String },
    lineMessageId: { type: String },
    outgoingId: { type: Schema.Types.ObjectId },
    outgoingIndex: { type: Number },
    /** Who sent an outgoing message: the bot or a staff member. */
    sender: { type: String },
    /** `unknown`: a reply was in flight when the bot lost track of it; LINE may or may not have shown it. */
    deliveryStatus: { type: String, enum: ['received', 'pending', 'sent', 'failed', 'unknown'] },
    contentId: { type: Schema.Types.ObjectId },
    /** From LINE's message event (chat mode): marks this and earlier messages read when staff open the chat. */
    markAsReadToken: { type: String },
    /** When staff opened the conversation after this incoming message arrived. */
    readAt: { type: Date },
    /** The citizen unsent this message (LINE's unsend event): its text and content are gone (src/bot/unsend.ts). */
    withdrawnAt: { type: Date },
  },
  { minimize: false },
);
conversationMessageSchema.index({ lineUserId: 1, at: 1 });
conversationMessageSchema.index({ webhookEventId: 1 });
conversationMessageSchema.index({ outgoingId: 1, outgoingIndex: 1 });

export type ConversationMessageDoc = InferSchemaType<typeof conversationMessageSchema>;
export const ConversationMessage = model('ConversationMessage', conversationMessageSchema);

/**
 * The conversation record's hot writes, grouped: the incoming messages being recorded and the transcript of the
 * deliveries being finished, by all lanes at that moment, go out as one `bulkWrite` (written by the driver: the
 * statements name only the schema's fields, with their stored types). Each statement's result says whether it
 * inserted its document (an upsert that found it already stored did not). A failed write is sorted out caller by
 * caller, so each sees its own error.
 */
const conversationWrites = new GroupCommit<mongo.AnyBulkWriteOperation, boolean>(
  async (ops) => {
    const r = await ConversationMessage.collection.bulkWrite(ops, { ordered: false, ignoreUndefined: true });
    const inserted = r.upsertedIds as Record<number, unknown>;
    return ops.map((_, i) => i in inserted);
  },
  { oneByOneOnError: true, name: 'conversationWrites' },
);

/** Writes `ops` to the conversation record together with the others of the moment; one `inserted` flag per statement. */
export function writeConversation(ops: mongo.AnyBulkWriteOperation[]): Promise<boolean[]> {
  return conversationWrites.add(ops);
}
