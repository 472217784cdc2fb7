/** Path parameters the console's API routes share, checked once: an unknown shape is a 404, not a query. */
import { z } from 'zod';
import { notFound } from '../httpError';

const LINE_USER_ID = z.string().regex(/^U[0-9a-zA-Z_-]{4,64}$/);

/** The `:userId` of a route (a LINE user id), or 404 "ไม่พบผู้ติดต่อรายนี้". */
export function userIdOf(p: Record<string, string>): string {
  const r = LINE_USER_ID.safeParse(p.userId);
  if (!r.success) throw notFound('ไม่พบผู้ติดต่อรายนี้');
  return r.data;
}
