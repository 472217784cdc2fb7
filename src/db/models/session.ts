import { Schema, model } from 'mongoose';

/**
 * A citizen's place in a conversation: the flow state (plain data, with the flow version it was made with),
 * when it was last touched, and the last thing they submitted (so a second tap on ยืนยัน is recognised).
 */
const sessionSchema = new Schema(
  {
    lineUserId: { type: String, required: true, unique: true },
    flow: { type: Schema.Types.Mixed, default: null },
    /** A flow left for the menu; starting the same flow again offers to continue it. */
    paused: { type: Schema.Types.Mixed, default: null },
    /** True after the citizen was asked "ทำต่อ / เริ่มใหม่" and before they answered. */
    awaitingResume: { type: Boolean, default: false },
    lastSubmission: { type: Schema.Types.Mixed, default: null },
    /** A possible danger the citizen was asked about ("ตอนนี้คุณปลอดภัยไหมคะ") and has not answered yet. */
    dangerCheck: { type: Schema.Types.Mixed, default: null },
    touchedAt: { type: Date, default: () => new Date() },
  },
  { minimize: false, versionKey: false },
);

export const Session = model('Session', sessionSchema);
