/**
 * The staff side, mounted at `/admin`:
 *   /admin, /admin/...      the console (static HTML/CSS/JS in public/, no build step, no CDN); 401 without a
 *                           session (the same page then shows the login form), 200 with one
 *   /admin/static/...       the console's files (ES modules, public/console/), and under static/shared/ the
 *                           browser code it shares with the simulator (src/web/public/)
 *   /admin/api/...          the JSON API (routes/*.ts; documented in docs/admin-api.md)
 * plus the staff LINE group's handler (staffGroup.ts, called by the bot's dispatcher for group events) and the
 * alert dispatcher (alerts.ts). The API runs with the calendar data in force (as staff edited it).
 *
 * Safety: helmet's headers with a strict Content-Security-Policy, JSON bodies only and at most 64 KB, no key
 * that MongoDB could read as an operator, zod schemas on every input, session + CSRF + role on every route.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { LineClient } from '../line/client';
import type { Outbox } from '../outbox/outbox';
import type { GroupHandler } from '../bot/dispatch';
import { inCalendar, type CalendarProvider } from '../bot/calendar';
import { mountRoutes, rejectOperatorKeys, type RouteDef } from './api';
import { loadSession, sessionOf, type AuthOptions } from './auth';
import { HttpError } from './httpError';
import { AlertDispatcher } from './alerts';
import { createStaffGroupHandler } from './staffGroup';
import { forgetGroupsTakenByJoin } from './groupPairing';
import type { StaffDeps } from './deps';
import { sessionRoutes } from './routes/session';
import { requestRoutes } from './routes/requests';
import { chatRoutes } from './routes/chats';
import { adminRoutes } from './routes/admin';
import { serveSharedFiles } from '../web/sharedFiles';
import { bookingRoutes } from './routes/bookings';
import { alertRoutes } from './routes/alerts';
import { pdpaRoutes } from './routes/pdpa';
import { reportRoutes } from './routes/reports';
import { serveVendorFiles } from './vendorFiles';

export interface StaffSideDeps {
  config: Config;
  log: Logger;
  line: LineClient;
  outbox: Outbox;
  calendar: CalendarProvider;
}

export interface StaffSide {
  router: Router;
  /** The API's route table (every route with its permission). */
  routes: RouteDef[];
  alerts: AlertDispatcher;
  /** What the bot does with group and room events (pairing, the staff group's commands). */
  groups: GroupHandler;
  start(): void;
  stop(): Promise<void>;
}

function publicDir(): string {
  const candidates = [
    path.join(__dirname, 'public'),
    path.resolve(__dirname, '../../../src/admin/public'),
    path.resolve(process.cwd(), 'src/admin/public'),
  ];
  return candidates.find((p) => fs.existsSync(path.join(p, 'index.html'))) ?? candidates[0]!;
}

const CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

export function createStaffSide(d: StaffSideDeps): StaffSide {
  const log = d.log.child({ part: 'staff' });
  const auth: AuthOptions = { ...d.config.staff };
  const deps: StaffDeps = { config: d.config, log, line: d.line, outbox: d.outbox, auth, calendar: d.calendar };
  const routes = [
    ...sessionRoutes(deps),
    ...requestRoutes(deps),
    ...chatRoutes(deps),
    ...bookingRoutes(deps),
    ...alertRoutes(deps),
    ...adminRoutes(deps),
  ];
  routes.push(...reportRoutes(deps), ...pdpaRoutes(deps));

  const alerts = new AlertDispatcher({
    outbox: d.outbox,
    log,
    publicBaseUrl: d.config.publicBaseUrl,
    configuredGroupId: d.config.staff.groupId,
    sweepMs: d.config.inbox.sweepMs,
  });
  const groups = createStaffGroupHandler({
    outbox: d.outbox,
    line: d.line,
    log,
    configuredGroupId: d.config.staff.groupId,
    onGroupKnown: () => alerts.kick(),
  });

  const files = publicDir();
  const panel = express.Router();
  panel.use(helmet({ contentSecurityPolicy: CSP, crossOriginEmbedderPolicy: false, referrerPolicy: { policy: 'no-referrer' } }));
  // The scripts are ES modules fetched one by one: revalidated on every load (ETag, 304), so that after a deploy a
  // browser never runs an old module with a new one. The stylesheet and icon may be 5 minutes old.
  const revalidateScripts = (res: express.Response, file: string) => file.endsWith('.js') && res.setHeader('cache-control', 'no-cache');
  panel.use('/static/shared', serveSharedFiles({ setHeaders: revalidateScripts }));
  panel.use('/static/vendor', serveVendorFiles());
  panel.use('/static', express.static(files, { index: false, maxAge: '5m', setHeaders: revalidateScripts }));
  panel.use(loadSession(auth));

  const api = express.Router();
  api.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  api.use(express.json({ limit: '64kb' }));
  api.use(rejectOperatorKeys);
  // Each request sees the calendar data in force now (slots, holidays, villages as staff edited them).
  api.use((_req, _res, next) => void inCalendar(d.calendar, async () => next()).catch(next));
  mountRoutes(api, routes);
  api.use((_req, res, next) =>
    next(sessionOf(res) ? new HttpError(404, 'not_found', 'ไม่พบ') : new HttpError(401, 'unauthenticated', 'กรุณาเข้าสู่ระบบ')),
  );
  const apiErrors: ErrorRequestHandler = (err, req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
      return;
    }
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err, path: req.path }, 'staff API failed');
    const code = status === 413 ? 'too_large' : status === 400 ? 'bad_request' : status === 500 ? 'internal' : 'error';
    res
      .status(status)
      .json({ error: code, message: status === 500 ? 'เกิดข้อผิดพลาดในระบบ กรุณาลองใหม่' : status === 413 ? 'ข้อมูลใหญ่เกินไป' : 'คำขอไม่ถูกต้อง' });
  };
  api.use(apiErrors);
  panel.use('/api', api);

  // Every other path is a page of the console: the same shell, 401 until logged in (it then shows the login form).
  panel.get(['/', '/{*page}'], (req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.status(sessionOf(res) || req.path === '/login' ? 200 : 401).sendFile(path.join(files, 'index.html'));
  });

  const router = express.Router();
  router.use('/admin', panel);

  return {
    router,
    routes,
    alerts,
    groups,
    start() {
      forgetGroupsTakenByJoin().then(
        (forgot) =>
          forgot && log.warn('the staff group had been taken from a join event, never paired: forgotten; an admin pairs a group in the console'),
        (err) => log.error({ err }, 'could not check the staff group'),
      );
      alerts.start();
    },
    async stop() {
      await alerts.stop();
    },
  };
}
