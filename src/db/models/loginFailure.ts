import { Schema, model } from 'mongoose';

/**
 * Console login attempts counted for the login limits, in MongoDB so every instance of the server sees the same
 * counts. One document per key (a username at an address, or an address alone; stored as a SHA-256); the window
 * starts at the first attempt and the database removes the document when it ends.
 */
const loginFailureSchema = new Schema(
  {
    _id: { type: String },
    count: { type: Number, required: true, default: 0 },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
loginFailureSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const LoginFailure = model('LoginFailure', loginFailureSchema);
