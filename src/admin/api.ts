/**
 * The staff API's one routing primitive: a route is data — method, path, the permission it needs, zod schemas
 * for its query and body, a handler. `mountRoutes` adds the checks in the same order for every route, so no
 * route can forget one: 401 without a session, 403 without the CSRF token on a change, 403 outside the role,
 * 400 for input that does not match the schema (unknown keys included), then the handler.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { HttpError } from './httpError';
import { can, type Permission, type StaffPrincipal } from './permissions';
import { csrfOk, sessionOf } from './auth';
import { writeAudit, type AuditEntry } from './audit';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** A permission, any logged-in person, or nobody needed (login only). */
export type Allow = Permission | 'authenticated' | 'public';

export interface Ctx<B, Q> {
  req: Request;
  res: Response;
  /** The logged-in person (a placeholder for public routes). */
  staff: StaffPrincipal;
  body: B;
  query: Q;
  params: Record<string, string>;
  can(p: Permission): boolean;
  /** Writes an audit entry for this person (awaited: nothing is served that could not be logged). */
  audit(entry: AuditEntry): Promise<void>;
}

export interface RouteDef {
  method: Method;
  path: string;
  allow: Allow;
  /** Middleware run before the checks (e.g. rate limits on login). */
  before?: RequestHandler[];
  body?: z.ZodType;
  query?: z.ZodType;
  /** Returns the JSON to send, or undefined when it wrote the response itself. */
  handle(ctx: Ctx<unknown, unknown>): Promise<unknown>;
}

/** Declares a route with typed body and query. */
export function route<B = undefined, Q = undefined>(def: {
  method: Method;
  path: string;
  allow: Allow;
  before?: RequestHandler[];
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  handle(ctx: Ctx<B, Q>): Promise<unknown>;
}): RouteDef {
  return def as RouteDef;
}

const NOBODY: StaffPrincipal = { id: '-', username: '-', displayName: '-', role: 'volunteer', villages: [] };
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    throw new HttpError(
      400,
      'invalid_input',
      `ข้อมูลไม่ถูกต้อง (${where})`,
      r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return r.data;
}

/** Adds each route to the router with its checks. */
export function mountRoutes(router: Router, routes: RouteDef[]): void {
  for (const def of routes) {
    const handler: RequestHandler = async (req, res, next) => {
      try {
        const session = sessionOf(res);
        if (def.allow !== 'public') {
          if (!session) throw new HttpError(401, 'unauthenticated', 'กรุณาเข้าสู่ระบบ');
          if (!SAFE.has(req.method) && !csrfOk(req, session)) throw new HttpError(403, 'csrf', 'โทเค็นป้องกันการปลอมแปลงคำขอไม่ถูกต้อง กรุณาโหลดหน้าใหม่');
          if (def.allow !== 'authenticated' && !can(session.principal.role, def.allow)) throw new HttpError(403, 'forbidden', 'ไม่มีสิทธิ์ทำรายการนี้');
        }
        const staff = session?.principal ?? NOBODY;
        const ctx: Ctx<unknown, unknown> = {
          req,
          res,
          staff,
          query: parse(def.query, req.query, 'query'),
          body: parse(def.body, req.body, 'body'),
          params: req.params as Record<string, string>,
          can: (p) => session !== undefined && can(staff.role, p),
          audit: (entry) => writeAudit(staff, entry, req.ip),
        };
        const result = await def.handle(ctx);
        if (result !== undefined && !res.headersSent) res.json(result);
        else if (!res.headersSent) res.status(204).end();
      } catch (err) {
        next(err);
      }
    };
    router[def.method](def.path, ...(def.before ?? []), handler);
  }
}

/** Rejects bodies and queries with keys that MongoDB would read as operators (`$ne`, `$where`, …). */
export const rejectOperatorKeys: RequestHandler = (req, _res, next) => {
  const bad = (v: unknown, depth = 0): boolean => {
    if (depth > 10 || v === null || typeof v !== 'object') return false;
    if (Array.isArray(v)) return v.some((x) => bad(x, depth + 1));
    return Object.entries(v).some(([k, x]) => k.startsWith('$') || bad(x, depth + 1));
  };
  const queryKeys = Object.keys(req.query ?? {});
  if (bad(req.body) || bad(req.query) || queryKeys.some((k) => k.includes('$'))) {
    next(new HttpError(400, 'operator_rejected', 'ข้อมูลมีรูปแบบที่ไม่อนุญาต'));
    return;
  }
  next();
};
