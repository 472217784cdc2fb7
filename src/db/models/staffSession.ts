import { Schema, model } from 'mongoose';

/**
 * A logged-in console session. The cookie holds a random token; only its SHA-256 is stored, so a database
 * leak does not hand out sessions. `csrfToken` must come back in the `X-CSRF-Token` header of every change.
 */
const staffSessionSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    staffId: { type: Schema.Types.ObjectId, required: true },
    csrfToken: { type: String, required: true },
    createdAt: { type: Date, default: () => new Date() },
    lastSeenAt: { type: Date, default: () => new Date() },
    /** Sliding (idle) expiry, capped by `maxUntil`; the database removes expired sessions. */
    expiresAt: { type: Date, required: true },
    maxUntil: { type: Date, required: true },
  },
  { versionKey: false },
);
staffSessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
staffSessionSchema.index({ staffId: 1 });

export const StaffSession = model('StaffSession', staffSessionSchema);
