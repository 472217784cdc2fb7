/**
 * Pairing the staff LINE group with the console. No group becomes the staff group by adding the bot: an admin
 * shows a one-time code in the console (6 digits, valid 10 minutes, stored only as a salted SHA-256, at most 5
 * wrong tries), someone types it in the group, and that group receives the alerts from then on. The console
 * unpairs, and so does the bot leaving or being removed from the group. STAFF_GROUP_ID, when set, pins the group
 * and pairing is off. Every pairing and unpairing is in the audit log.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { STAFF_GROUP_SETTING, Setting, clearSetting, getSetting, pairedGroupId, putSetting } from '../db/models/setting';
import { writeAudit } from './audit';
import type { StaffPrincipal } from './permissions';

export { STAFF_GROUP_SETTING, pairedGroupId };
/** The pending code (one at a time: a new code replaces the old). */
export const PAIRING_CODE_SETTING = 'staffGroupPairingCode';
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Wrong codes typed (in any group) before the pending code is void. */
export const PAIRING_MAX_TRIES = 5;

type Actor = Pick<StaffPrincipal, 'id' | 'username' | 'role'>;
/** The actor of changes the bot makes by itself (the bot was removed from the group). */
const LINE_EVENT: Actor = { id: 'line', username: 'line', role: 'system' as StaffPrincipal['role'] };

interface PendingCode {
  salt: string;
  hash: string;
  expiresAt: Date;
  tries: number;
  by: Actor;
}

const digest = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest('hex');

/** A LINE id shortened for people (enough to tell groups apart, not enough to address them). */
export const shortId = (id: string) => `${id.slice(0, 1)}…${id.slice(-6)}`;

/** A code typed in a group: 6 digits, perhaps split (123 456) or after "รหัส"/"จับคู่"/"pair". Arabic digits expected. */
export function pairingCodeIn(text: string): string | undefined {
  const m = /^(?:(?:รหัส|จับคู่|pair)\s*:?\s*)?(\d{3})[\s-]?(\d{3})$/i.exec(text.trim());
  return m ? m[1]! + m[2]! : undefined;
}

/** Makes a new pairing code (replacing any pending one); only its hash is stored. */
export async function createPairingCode(by: Actor, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16).toString('hex');
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS);
  const pending: PendingCode = { salt, hash: digest(salt, code), expiresAt, tries: 0, by: { id: by.id, username: by.username, role: by.role } };
  await putSetting(PAIRING_CODE_SETTING, pending, by.username);
  await writeAudit(by, { action: 'create_pairing_code', targetKind: 'settings', targetId: 'staff_group', detail: { expiresAt } });
  return { code, expiresAt };
}

/** True while a code waits to be typed (not expired, not used up). */
export async function hasPendingCode(now = new Date()): Promise<boolean> {
  const pending = (await getSetting<PendingCode>(PAIRING_CODE_SETTING))?.value;
  return !!pending && new Date(pending.expiresAt).getTime() > now.getTime() && pending.tries < PAIRING_MAX_TRIES;
}

/** Cancels a pending code. */
export async function cancelPairingCode(): Promise<void> {
  await clearSetting(PAIRING_CODE_SETTING);
}

/**
 * A code typed in group `groupId`: when it is the pending code (not expired, not used up), the group becomes the
 * staff group and the code is spent. `memberId` (who typed it) goes to the audit log.
 */
export async function redeemPairingCode(groupId: string, code: string, memberId?: string, now = new Date()): Promise<'paired' | 'refused'> {
  const pending = (await getSetting<PendingCode>(PAIRING_CODE_SETTING))?.value;
  if (!pending || new Date(pending.expiresAt).getTime() <= now.getTime() || pending.tries >= PAIRING_MAX_TRIES) return 'refused';
  const a = Buffer.from(digest(pending.salt, code), 'hex');
  const b = Buffer.from(pending.hash, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    await Setting.updateOne({ _id: PAIRING_CODE_SETTING, 'value.hash': pending.hash }, { $inc: { 'value.tries': 1 } });
    return 'refused';
  }
  // Spent exactly once, even if two groups type it at the same moment.
  const spent = await Setting.deleteOne({ _id: PAIRING_CODE_SETTING, 'value.hash': pending.hash });
  if (spent.deletedCount !== 1) return 'refused';
  const previous = await pairedGroupId();
  await putSetting(STAFF_GROUP_SETTING, groupId, `pair:${pending.by.username}`);
  await writeAudit(pending.by, {
    action: 'pair_staff_group',
    targetKind: 'settings',
    targetId: 'staff_group',
    detail: {
      group: shortId(groupId),
      ...(previous && previous !== groupId ? { replaced: shortId(previous) } : {}),
      typedBy: memberId ? shortId(memberId) : undefined,
    },
  });
  return 'paired';
}

/** Is `chatId` the staff group? */
export async function isPairedGroup(chatId: string, configured?: string): Promise<boolean> {
  return (await pairedGroupId(configured)) === chatId;
}

/** Unpairs the staff group: from the console (`by` an admin), or because the bot left group `onlyGroup`. */
export async function unpairGroup(by: Actor | 'bot_left', onlyGroup?: string): Promise<boolean> {
  const current = await pairedGroupId();
  if (!current || (onlyGroup && current !== onlyGroup)) return false;
  const r = await Setting.deleteOne({ _id: STAFF_GROUP_SETTING, value: current });
  if (r.deletedCount !== 1) return false;
  await writeAudit(by === 'bot_left' ? LINE_EVENT : by, {
    action: 'unpair_staff_group',
    targetKind: 'settings',
    targetId: 'staff_group',
    detail: { group: shortId(current), reason: by === 'bot_left' ? 'bot_left_group' : 'console' },
  });
  return true;
}

/** The staff group as the console shows it. */
export async function pairingView(configured: string | undefined, now = new Date()) {
  if (configured) return { configured: true, group: shortId(configured) };
  const paired = (await pairedGroupId()) ? await Setting.findById(STAFF_GROUP_SETTING).lean() : null;
  const pending = (await getSetting<PendingCode>(PAIRING_CODE_SETTING))?.value;
  const live = await hasPendingCode(now);
  return {
    configured: false,
    ...(paired ? { group: shortId(String(paired.value)), pairedAt: paired.updatedAt, pairedBy: paired.updatedBy?.replace(/^pair:/, '') } : {}),
    ...(live && pending ? { pendingUntil: new Date(pending.expiresAt) } : {}),
  };
}

/**
 * Before pairing existed, the group the bot was added to became the staff group by itself (stored with
 * `updatedBy: 'join'`; ignored by pairedGroupId). Removed at start, with its candidate, so the console is clear.
 */
export async function forgetGroupsTakenByJoin(): Promise<boolean> {
  await clearSetting('staffGroupCandidate');
  const r = await Setting.deleteOne({ _id: STAFF_GROUP_SETTING, updatedBy: 'join' });
  return r.deletedCount === 1;
}
