/**
 * Console sessions: login with username and password (limited by loginThrottle.ts), a random session
 * token in an HttpOnly, SameSite=Strict cookie (stored only as its SHA-256), a CSRF token that every change must
 * send back in `X-CSRF-Token`, sliding idle expiry capped by a maximum age.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { StaffUser, type StaffUserLean } from '../db/models/staffUser';
import { StaffSession } from '../db/models/staffSession';
import type { StaffPrincipal } from './permissions';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords';

export const SESSION_COOKIE = 'cs_staff';
/** The cookie is sent only to the console and its API. */
const COOKIE_PATH = '/admin';
/** Don't write `lastSeenAt` on every request; once a minute is enough for a sliding expiry. */
const SLIDE_EVERY_MS = 60_000;

export interface AuthOptions {
  sessionIdleMs: number;
  sessionMaxMs: number;
  cookieSecure: boolean;
  loginMaxAttempts: number;
  loginWindowMs: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = () => randomBytes(32).toString('base64url');

export function principalOf(u: Pick<StaffUserLean, '_id' | 'username' | 'displayName' | 'role' | 'villages'>): StaffPrincipal {
  return { id: u._id.toString(), username: u.username, displayName: u.displayName, role: u.role, villages: u.villages ?? [] };
}

/** Checks a username and password; on success starts a session. Unknown users take as long as wrong passwords. */
export async function login(
  username: string,
  password: string,
  opts: AuthOptions,
): Promise<{ principal: StaffPrincipal; token: string; csrfToken: string } | undefined> {
  const user = await StaffUser.findOne({ username: username.trim().toLowerCase(), active: true }).lean();
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) return undefined;
  const now = new Date();
  const set: Record<string, unknown> = { lastLoginAt: now };
  if (needsRehash(user.passwordHash)) set.passwordHash = await hashPassword(password);
  await StaffUser.updateOne({ _id: user._id }, { $set: set });
  const t = token();
  const csrfToken = token();
  await StaffSession.create({
    tokenHash: sha256(t),
    staffId: user._id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(Math.min(now.getTime() + opts.sessionIdleMs, now.getTime() + opts.sessionMaxMs)),
    maxUntil: new Date(now.getTime() + opts.sessionMaxMs),
  });
  return { principal: principalOf(user), token: t, csrfToken };
}

/** Ends every session of a person (after a password change or deactivation). */
export async function endSessionsOf(staffId: string): Promise<void> {
  await StaffSession.deleteMany({ staffId });
}

function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      // A malformed value (`%E0%A4%A`) is no session, not an error.
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function setSessionCookie(res: Response, value: string, opts: AuthOptions): void {
  res.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: opts.cookieSecure,
    path: COOKIE_PATH,
    maxAge: opts.sessionMaxMs,
  });
}

export function clearSessionCookie(res: Response, opts: AuthOptions): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: opts.cookieSecure, path: COOKIE_PATH });
}

export interface ActiveSession {
  principal: StaffPrincipal;
  csrfToken: string;
  tokenHash: string;
}

/**
 * Middleware: when the request carries a valid session cookie, puts the person in `res.locals.staff` and the
 * session in `res.locals.session`. Never answers by itself (routes decide about 401).
 */
export function loadSession(opts: AuthOptions): RequestHandler {
  return async (req, res, next) => {
    try {
      const raw = cookieValue(req, SESSION_COOKIE);
      if (!raw || raw.length > 100) return next();
      const now = new Date();
      const tokenHash = sha256(raw);
      const s = await StaffSession.findOne({ tokenHash, expiresAt: { $gt: now }, maxUntil: { $gt: now } }).lean();
      if (!s) return next();
      const user = await StaffUser.findOne({ _id: s.staffId, active: true }).lean();
      if (!user) return next();
      if (now.getTime() - s.lastSeenAt.getTime() > SLIDE_EVERY_MS) {
        const expiresAt = new Date(Math.min(now.getTime() + opts.sessionIdleMs, s.maxUntil.getTime()));
        await StaffSession.updateOne({ _id: s._id }, { $set: { lastSeenAt: now, expiresAt } });
      }
      const session: ActiveSession = { principal: principalOf(user), csrfToken: s.csrfToken, tokenHash };
      res.locals.session = session;
      res.locals.staff = session.principal;
      next();
    } catch (err) {
      next(err);
    }
  };
}

export async function endSession(tokenHash: string): Promise<void> {
  await StaffSession.deleteOne({ tokenHash });
}

/** The current session, if any (set by {@link loadSession}). */
export function sessionOf(res: Response): ActiveSession | undefined {
  return res.locals.session as ActiveSession | undefined;
}

/** True when the request's `X-CSRF-Token` header equals the session's token. */
export function csrfOk(req: Request, session: ActiveSession): boolean {
  const sent = req.get('x-csrf-token');
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
