/**
 * The retention periods, as data (src/domain/data/retention.json), checked once when loaded: each period is
 * whole years or days, with its Thai description for the console and its legal basis. `cutoff` turns a period
 * into the instant before which data is due.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import retentionJson from './data/retention.json';
import { ZONE } from './bangkokTime';

const period = z
  .object({
    years: z.number().int().min(1).max(100).optional(),
    days: z.number().int().min(1).max(36_500).optional(),
    th: z.string().min(1),
    basis: z.string().min(1),
  })
  .strict()
  .refine((p) => (p.years === undefined) !== (p.days === undefined), 'give years or days, not both');

export const RETENTION_KEYS = ['closedRequests', 'conversations', 'bookings', 'profiles', 'staffAlerts', 'auditLog', 'deliveryRecords'] as const;
export type RetentionKey = (typeof RETENTION_KEYS)[number];

const schema = z
  .object({
    $comment: z.string().optional(),
    checked: z.string(),
    periods: z.object(Object.fromEntries(RETENTION_KEYS.map((k) => [k, period])) as Record<RetentionKey, typeof period>).strict(),
  })
  .strict();

export type RetentionPeriod = z.infer<typeof period>;
export type RetentionData = z.infer<typeof schema>;

/** Checks retention data (throws with the reasons when it is not valid). */
export function parseRetention(data: unknown): RetentionData {
  return schema.parse(data);
}

export const RETENTION: RetentionData = parseRetention(retentionJson);

/** The instant before which data kept for `p` is due, seen from `now` (calendar years in Bangkok time). */
export function cutoff(p: Pick<RetentionPeriod, 'years' | 'days'>, now: Date): Date {
  const t = DateTime.fromJSDate(now, { zone: ZONE });
  return (p.years !== undefined ? t.minus({ years: p.years }) : t.minus({ days: p.days ?? 0 })).toJSDate();
}

/** "5 ปี" / "30 วัน". */
export function periodTh(p: Pick<RetentionPeriod, 'years' | 'days'>): string {
  return p.years !== undefined ? `${p.years} ปี` : `${p.days} วัน`;
}
