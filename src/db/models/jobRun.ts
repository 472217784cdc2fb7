import { Schema, model } from 'mongoose';

/**
 * A once-a-day job across every instance of the server (the retention job): the Bangkok day it last finished,
 * and a lease while one instance runs it, so two instances never run it at once and a crashed run is taken over
 * when its lease ends.
 */
const jobRunSchema = new Schema(
  {
    _id: { type: String },
    /** The Bangkok date `YYYY-MM-DD` of the last finished run. */
    day: { type: String },
    owner: { type: String },
    leaseUntil: { type: Date, default: null },
    lastRunAt: { type: Date },
    lastResult: { type: Schema.Types.Mixed },
  },
  { versionKey: false, minimize: false },
);

export const JobRun = model('JobRun', jobRunSchema);
