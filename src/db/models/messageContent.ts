import { Schema, model } from 'mongoose';

/** Binary content a citizen sent (photo of a situation, a document), fetched from LINE's data API and kept. */
const messageContentSchema = new Schema(
  {
    lineMessageId: { type: String, required: true, unique: true },
    lineUserId: { type: String, required: true },
    contentType: { type: String },
    size: { type: Number },
    data: { type: Buffer, required: true },
  },
  { timestamps: true },
);

export const MessageContent = model('MessageContent', messageContentSchema);
