import { Schema, model, type InferSchemaType, type InferRawDocTypeFromSchema } from 'mongoose';

/** Roles of the staff side: admin (everything), staff (the centre's officers), volunteer (อพม.: a narrower view). */
export const STAFF_ROLES = ['admin', 'staff', 'volunteer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A person who logs in to the staff console. The password is stored only as a slow hash (scrypt). */
const staffUserSchema = new Schema(
  {
    username: { type: String, required: true, unique: true, lowercase: true, trim: true },
    displayName: { type: String, required: true, trim: true },
    role: { type: String, enum: STAFF_ROLES, required: true },
    passwordHash: { type: String, required: true },
    active: { type: Boolean, default: true },
    /** A volunteer sees requests assigned to them and those from these villages. */
    villages: { type: [String], default: [] },
    lastLoginAt: { type: Date },
    passwordChangedAt: { type: Date },
  },
  { timestamps: true },
);

export type StaffUserDoc = InferSchemaType<typeof staffUserSchema>;
/** An account as `.lean()` reads it. */
export type StaffUserLean = InferRawDocTypeFromSchema<typeof staffUserSchema>;
export const StaffUser = model('StaffUser', staffUserSchema);
