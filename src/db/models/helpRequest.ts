import { Schema, model, type InferSchemaType } from 'mongoose';

import { REQUEST_STATUSES } from '../../vocabulary/statuses';
export { REQUEST_STATUSES };
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * A citizen's request for help. `submissionKey` is unique to one filled-in conversation, so confirming twice
 * (or processing the confirming event twice) stores one request.
 */
const helpRequestSchema = new Schema(
  {
    reference: { type: String, required: true, unique: true },
    submissionKey: { type: String, required: true, unique: true },
    lineUserId: { type: String, required: true },
    requesterName: { type: String },
    beneficiary: {
      who: { type: String, enum: ['self', 'relative', 'other'], required: true },
      relation: { type: String },
      name: { type: String },
      age: { type: Number },
      /** For someone filed by another person: true "ติดต่อได้" (staff may contact them directly), false
       * "ติดต่อผ่านฉัน" (contact only through the requester); unset when the requester is the person. */
      contactable: { type: Boolean },
    },
    category: { type: String, required: true },
    urgency: { type: String, enum: ['now', 'soon', 'normal'], required: true },
    urgent: { type: Boolean, default: false },
    /** A confirmed danger met in the conversation (self_harm, violence, medical). */
    danger: { type: String },
    /** Who was at risk then — the requester themselves (a caregiver, say), the person the request is about, or
     * unclear — kept apart from `beneficiary`. */
    atRisk: { type: String, enum: ['speaker', 'subject', 'unknown'] },
    details: { type: String },
    photoMessageIds: { type: [String], default: [] },
    location: { latitude: Number, longitude: Number, address: String, title: String },
    village: { type: String },
    /** The village is not in the centre's list (a หมู่ number or a name as the citizen gave it): staff confirm it. */
    villageToConfirm: { type: Boolean, default: false },
    /** Answers a stuck citizen gave in their own words, per step (the step took a general value): to confirm. */
    ownWords: { type: [{ step: String, words: String, _id: false }], default: undefined },
    outsideArea: { type: Boolean, default: false },
    /** Where someone outside the subdistrict lives ("ต.แม่วะ อ.เถิน จ.ลำปาง"), when they said it. */
    outsidePlace: { type: String },
    phone: { type: String },
    nationalId: { type: String },
    consent: {
      given: { type: Boolean, required: true },
      sensitive: { type: Boolean, default: false },
      textKey: { type: String },
      textVersion: { type: Number },
      at: { type: Date },
    },
    status: { type: String, enum: REQUEST_STATUSES, default: 'received' },
    statusHistory: {
      type: [{ status: String, at: Date, by: String, note: String, _id: false }],
      default: [],
    },
    assignedTo: { type: String },
    /** When staff were reminded that the request still waits for a call back (src/admin/waitingRequests.ts). */
    waitingAlertAt: { type: Date, default: null },
    source: { type: String, default: 'line' },
    /** Personal data removed (erasure on request, or the retention period ended): who or what did it, and when.
     * What is left — reference, category, urgency, village, dates, status, the consent's fact — is the public
     * record the centre must keep (src/admin/pdpa/anonymise.ts). */
    anonymisedAt: { type: Date },
    anonymisedBy: { type: String },
  },
  { timestamps: true },
);
helpRequestSchema.index({ lineUserId: 1, createdAt: -1 });
helpRequestSchema.index({ status: 1, urgent: -1, createdAt: -1 });

export type HelpRequestDoc = InferSchemaType<typeof helpRequestSchema>;
export const HelpRequest = model('HelpRequest', helpRequestSchema);
