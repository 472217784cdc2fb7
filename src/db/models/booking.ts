import { EventEmitter } from 'node:events';
import { Schema, model, type InferSchemaType, type InferRawDocTypeFromSchema } from 'mongoose';
import { isDuplicateKey } from '../errors';

export const BOOKING_STATUSES = ['booked', 'cancelled', 'attended', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * A citizen's appointment at the centre. While `status` is `booked` the booking holds seat `seat` (1…capacity)
 * of its slot (`date` + `time`); a partial unique index on (date, time, seat) makes two bookings of one seat
 * impossible, so capacity holds under concurrent requests and across instances without counters that could
 * drift. Cancelling (status change) or rescheduling (date/time/seat change) frees the seat in the same write.
 *
 * `submissionKey` is unique to one filled-in conversation, so confirming twice stores one booking.
 * The day-before reminder is due at `remindAt` (null: none needed) and claimed once with `reminderLeaseUntil`,
 * then marked with `reminderSentAt`.
 */
const bookingSchema = new Schema(
  {
    reference: { type: String, required: true, unique: true },
    submissionKey: { type: String, required: true, unique: true },
    lineUserId: { type: String, required: true },
    requesterName: { type: String },
    locale: { type: String, enum: ['th', 'en'], default: 'th' },
    purpose: { type: String, required: true },
    /** The citizen's own words when the purpose is "other". */
    note: { type: String },
    /** What a stuck citizen typed in their own words where a step took a general value (staff confirm it). */
    ownWords: { type: [{ step: String, words: String, _id: false }], default: [] },
    beneficiary: {
      who: { type: String, enum: ['self', 'relative', 'other'], default: 'self' },
      relation: { type: String },
      name: { type: String },
      age: { type: Number },
    },
    /** What the eligibility check said, when the booking came from it. */
    eligibility: { benefit: { type: String }, outcome: { type: String } },
    /** Bangkok calendar date `YYYY-MM-DD` and slot start `HH:mm`. */
    date: { type: String, required: true },
    time: { type: String, required: true },
    start: { type: Date, required: true },
    seat: { type: Number, required: true, min: 1 },
    phone: { type: String },
    status: { type: String, enum: BOOKING_STATUSES, default: 'booked' },
    remindAt: { type: Date, default: null },
    reminderLeaseUntil: { type: Date, default: null },
    reminderSentAt: { type: Date, default: null },
    history: {
      type: [{ action: String, at: Date, by: String, date: String, time: String, _id: false }],
      default: [],
    },
    /** Personal data removed (erasure or retention; src/admin/pdpa/anonymise.ts). */
    anonymisedAt: { type: Date },
  },
  { timestamps: true },
);
bookingSchema.index({ date: 1, time: 1, seat: 1 }, { unique: true, partialFilterExpression: { status: 'booked' }, name: 'one_booking_per_seat' });
bookingSchema.index({ lineUserId: 1, start: 1 });
bookingSchema.index({ status: 1, date: 1 });
bookingSchema.index({ status: 1, reminderSentAt: 1, remindAt: 1 });

export type BookingDoc = InferSchemaType<typeof bookingSchema>;
/** A booking as `.lean()` reads it. */
export type BookingLean = InferRawDocTypeFromSchema<typeof bookingSchema>;
/** Emits `changed` after any write to bookings through this model in this process (caches listen). */
export const bookingWrites = new EventEmitter();
const changed = () => void bookingWrites.emit('changed');
bookingSchema.post(['save', 'updateOne', 'updateMany', 'findOneAndUpdate', 'deleteOne', 'deleteMany', 'replaceOne'], changed);
bookingSchema.post('insertMany', changed);
bookingSchema.post('bulkWrite', changed);

export const Booking = model('Booking', bookingSchema);

/** True when `err` is a duplicate-key error on the seat index (the seat was just taken). */
export function isSeatTaken(err: unknown): boolean {
  return isDuplicateKey(err, { field: 'seat', index: 'one_booking_per_seat' });
}
