import { Schema, model, type InferSchemaType } from 'mongoose';

/** A person who has written to the Official Account (one per LINE user id). */
const citizenSchema = new Schema(
  {
    lineUserId: { type: String, required: true, unique: true },
    displayName: { type: String },
    language: { type: String },
    pictureUrl: { type: String },
    profileFetchedAt: { type: Date },
    /** false after an unfollow (the citizen blocked the account); pushes are then pointless. */
    following: { type: Boolean, default: true },
    followedAt: { type: Date },
    unfollowedAt: { type: Date },
    lastMessageAt: { type: Date },
  },
  { timestamps: true },
);

export type CitizenDoc = InferSchemaType<typeof citizenSchema>;
export const Citizen = model('Citizen', citizenSchema);
