import { Schema, model } from 'mongoose';

/**
 * Small named settings changed at run time: the staff LINE group id (captured from the bot's join event), the
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
