import { Schema, model } from 'mongoose';

/**
 * Small named settings changed at run time: the staff LINE group id (paired by a one-time code), the
 * staff's edits to slots, capacity and holidays, …
 */
const settingSchema = new Schema(
  {
    _id: { type: String },
    value: { type: Schema.Types.Mixed },
    updatedBy: { type: String },
  },
  { timestamps: true, minimize: false },
);

export const Setting = model('Setting', settingSchema);

/** A setting's value (undefined when never set). */
export async function getSetting<T>(key: string): Promise<{ value: T; updatedAt: Date } | undefined> {
  const doc = await Setting.findById(key).lean();
  return doc ? { value: doc.value as T, updatedAt: (doc as { updatedAt: Date }).updatedAt } : undefined;
}

/** Sets a setting (creating it when new). */
export async function putSetting(key: string, value: unknown, updatedBy: string): Promise<void> {
  await Setting.updateOne({ _id: key }, { $set: { value, updatedBy } }, { upsert: true });
}

/** Removes a setting. */
export async function clearSetting(key: string): Promise<void> {
  await Setting.deleteOne({ _id: key });
}

/** The paired staff group's id (its `updatedBy` is `pair:` and the admin who showed the code). */
export const STAFF_GROUP_SETTING = 'staffGroupId';

/**
 * The staff group: pinned by STAFF_GROUP_ID (`configured`), else the paired one. A group stored by a join event
 * (before pairing existed) does not count: joining never makes a group the staff group.
 */
export async function pairedGroupId(configured?: string): Promise<string | undefined> {
  if (configured) return configured;
  const doc = await Setting.findById(STAFF_GROUP_SETTING).lean();
  return doc && doc.updatedBy !== 'join' && typeof doc.value === 'string' ? doc.value : undefined;
}
