/** Staff accounts: create (also used by scripts/create-admin.ts), change, deactivate. */
import { StaffUser, type StaffRole, type StaffUserLean } from '../db/models/staffUser';
import { isDuplicateKey } from '../db/errors';
import { hashPassword, passwordProblem } from './passwords';
import { endSessionsOf } from './auth';
import { HttpError, notFound } from './httpError';
import type { StaffPrincipal } from './permissions';

export function userView(u: Pick<StaffUserLean, '_id' | 'username' | 'displayName' | 'role' | 'active' | 'villages' | 'lastLoginAt'>) {
  return {
    id: u._id.toString(),
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    active: u.active !== false,
    villages: u.villages ?? [],
    lastLoginAt: u.lastLoginAt ?? undefined,
  };
}

export interface NewStaffUser {
  username: string;
  displayName: string;
  role: StaffRole;
  password: string;
  villages?: string[];
}

/** Creates an account (the password checked and hashed); 409 when the username is taken. */
export async function createStaffUser(input: NewStaffUser) {
  const username = input.username.trim().toLowerCase();
  const problem = passwordProblem(input.password, username);
  if (problem) throw new HttpError(400, 'weak_password', problem);
  try {
    const u = await StaffUser.create({
      username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      villages: input.villages ?? [],
      passwordChangedAt: new Date(),
    });
    return userView(u.toObject());
  } catch (err) {
    if (isDuplicateKey(err)) throw new HttpError(409, 'username_taken', 'มีชื่อผู้ใช้นี้แล้ว');
    throw err;
  }
}

/**
 * Changes an account. A new password, a role change or deactivation ends the person's sessions. Admins cannot
 * deactivate or demote themselves (so the centre is never left without an admin by mistake).
 */
export async function updateStaffUser(
  by: StaffPrincipal,
  id: string,
  change: { displayName?: string; role?: StaffRole; password?: string; active?: boolean; villages?: string[] },
) {
  const u = await StaffUser.findById(id).lean();
  if (!u) throw notFound('ไม่พบบัญชีนี้');
  if (id === by.id && (change.active === false || (change.role && change.role !== 'admin'))) {
    throw new HttpError(400, 'self_lockout', 'ไม่สามารถปิดหรือลดสิทธิ์บัญชีของตัวเองได้');
  }
  const set: Record<string, unknown> = {};
  if (change.displayName !== undefined) set.displayName = change.displayName;
  if (change.role !== undefined) set.role = change.role;
  if (change.active !== undefined) set.active = change.active;
  if (change.villages !== undefined) set.villages = change.villages;
  if (change.password !== undefined) {
    const problem = passwordProblem(change.password, u.username);
    if (problem) throw new HttpError(400, 'weak_password', problem);
    set.passwordHash = await hashPassword(change.password);
    set.passwordChangedAt = new Date();
  }
  const updated = await StaffUser.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after' }).lean();
  if (change.password !== undefined || change.active === false || (change.role !== undefined && change.role !== u.role)) {
    await endSessionsOf(id);
  }
  return userView(updated!);
}
