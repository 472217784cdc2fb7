import { Schema, model } from 'mongoose';

/** Every consent answer (given or refused), with the text shown and its version (PDPA). */
const consentSchema = new Schema(
  {
    lineUserId: { type: String, required: true },
    purpose: { type: String, required: true },
    given: { type: Boolean, required: true },
    sensitive: { type: Boolean, default: false },
    textKey: { type: String, required: true },
    textVersion: { type: Number, required: true },
    at: { type: Date, required: true },
    reference: { type: String },
    /** The conversation the answer was given in: one record per answer, even if it is processed twice. */
    submissionKey: { type: String },
  },
  { versionKey: false },
);
consentSchema.index({ lineUserId: 1, at: -1 });
consentSchema.index({ submissionKey: 1, purpose: 1 });

export const Consent = model('Consent', consentSchema);
