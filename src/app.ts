/**
 * Builds the express app without listening, so tests drive it with supertest and `server.ts` starts it.
 */
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import mongoose from 'mongoose';
import type { Logger } from './log';
import { withDeadline } from './db/unavailable';

export interface AppDeps {
  log: Logger;
  /** Routers mounted in order (webhook first: it must see the raw body). */
  routers: Router[];
  /** False while shutting down: readiness fails so a load balancer stops sending traffic. */
  isAccepting: () => boolean;
  /** Proxies whose X-Forwarded-For is believed for `req.ip` (TRUST_PROXY); none by default. */
  trustProxy?: false | number | readonly string[];
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Without a named proxy, X-Forwarded-For is ignored: a client cannot choose the address login limits count.
  app.set('trust proxy', deps.trustProxy ?? false);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const db = mongoose.connection;
    let dbOk = false;
    try {
      // A database that does not answer within a second is as good as down (LINE's 2 s would not be met).
      dbOk = db.readyState === 1 && !!(await withDeadline(1000, 'readiness ping', async () => db.db?.admin().ping()));
    } catch {
      dbOk = false;
    }
    const ok = dbOk && deps.isAccepting();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', database: dbOk ? 'up' : 'down' });
  });
  for (const r of deps.routers) app.use(r);
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 600 ? err.status : 500;
    if (status >= 500) deps.log.error({ err }, 'request failed');
    res.status(status).json({ message: status >= 500 ? 'internal error' : String(err.message ?? 'bad request') });
  };
  app.use(onError);
  return app;
}
