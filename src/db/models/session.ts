import { Schema, model, type InferSchemaType } from 'mongoose';
import type { FlowState } from '../../engine/types';

/**
 * A citizen's place in a conversation: the flow state (plain data, with the flow version it was made with),
 * when it was last touched, and the last thing they submitted (so a second tap on ยืนยัน is recognised).
 * The document's type is inferred from the schema; only the flow states (free-form data) are typed by hand.
 */
const sessionSchema = new Schema(
  {
    lineUserId: { type: String, required: true, unique: true },
    flow: { type: Schema.Types.Mixed, default: null },
    /** A flow left for the menu; starting the same flow again offers to continue it. */
    paused: { type: Schema.Types.Mixed, default: null },
    /** True after the citizen was asked "ทำต่อ / เริ่มใหม่" and before they answered. */
    awaitingResume: { type: Boolean, required: true, default: false },
    lastSubmission: {
      type: new Schema({ flow: { type: String, required: true }, reference: { type: String, required: true } }, { _id: false }),
      default: null,
    },
    /** A possible danger the citizen was asked about ("ตอนนี้คุณปลอดภัยไหมคะ") and has not answered yet. */
    dangerCheck: {
      type: new Schema(
        {
          kind: { type: String, enum: ['self_harm', 'violence', 'medical'] as const, required: true },
          atRisk: { type: String, enum: ['speaker', 'subject', 'unknown'] as const, required: true },
          excerpt: { type: String, default: '' },
        },
        { _id: false },
      ),
      default: null,
    },
    touchedAt: { type: Date, required: true, default: () => new Date() },
    /** The language the bot answers in: set from the LINE profile at follow, changed when the citizen writes English or types "ภาษาไทย" / "English". */
    locale: { type: String, enum: ['th', 'en'] as const, default: null },
    /**
     * What the citizen said about the person concerned anywhere in the conversation (age, relation, who, phone,
     * village or area, benefit): a flow started later begins with them, so nothing is asked twice.
     */
    facts: { type: Schema.Types.Mixed, default: null },
  },
  { minimize: false, versionKey: false },
);

type Inferred = InferSchemaType<typeof sessionSchema>;
/** A stored session: the schema's fields, the flow states typed as the engine's. */
export type SessionDoc = Omit<Inferred, 'flow' | 'paused' | 'facts'> & {
  flow: FlowState | null;
  paused: FlowState | null;
  facts: Record<string, unknown> | null;
};

export const Session = model('Session', sessionSchema);
