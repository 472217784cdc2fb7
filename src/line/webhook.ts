/**
 * POST /webhook: LINE's signature is checked on the raw body by the SDK middleware (no JSON parser before it);
 * the events are stored, LINE gets its 200, and processing starts afterwards. Requests arriving together are
 * stored by one bulk insert (group commit, `InboxCommitter`), so the acknowledgement stays cheap under a burst
 * and leaves the CPU to processing.
 * Bad or missing signature → 401; a body that is not JSON or not a LINE callback, or an event that could not be
 * stored → 400; nothing is stored. 200 only once every event is durably stored; when the database fails or
 * does not answer within `STORE_DEADLINE_MS` → 503, so LINE sends the events again (a duplicate is harmless).
 */
import express, { type ErrorRequestHandler, type Router } from 'express';
import { middleware as lineMiddleware, JSONParseError, SignatureValidationFailed } from '@line/bot-sdk';
import type { Logger } from '../log';
import { InboxCommitter, MalformedWebhookError, parseCallback, storedLanes, toInboxDocs, type StoredLane } from '../inbox/inbox';
import { withDeadline } from '../db/unavailable';

/** How long storing a webhook's events may take before LINE gets a 503 (LINE waits about 2 s for an answer). */
export const STORE_DEADLINE_MS = 1500;

export interface WebhookDeps {
  channelSecret: string;
  log: Logger;
  /** Called after the events are stored and acknowledged, with the lanes that got new events. */
  onStored: (lanes: StoredLane[]) => void;
  /** Stores the events of concurrent requests together (one is made if not given). */
  committer?: InboxCommitter;
}

export function webhookRouter(deps: WebhookDeps): Router {
  const router = express.Router();
  const committer = deps.committer ?? new InboxCommitter();
  router.post(
    '/webhook',
    express.raw({ type: () => true, limit: '1mb' }),
    lineMiddleware({ channelSecret: deps.channelSecret }),
    async (req, res) => {
      const events = parseCallback(req.body);
      const docs = toInboxDocs(events);
      try {
        await withDeadline(STORE_DEADLINE_MS, 'storing webhook events', () => committer.store(docs));
      } catch (err) {
        deps.log.error({ err: (err as Error).message, events: events.length }, 'webhook events not stored; answered 503 so LINE sends them again');
        res.status(503).json({ message: 'events not stored; try again' });
        return;
      }
      res.status(200).json({});
      if (docs.length > 0) deps.onStored(storedLanes(docs));
    },
  );
  const onError: ErrorRequestHandler = (err, _req, res, next) => {
    if (err instanceof SignatureValidationFailed) {
      deps.log.warn({ reason: err.message }, 'webhook rejected: signature');
      res.status(401).json({ message: 'invalid signature' });
    } else if (err instanceof JSONParseError || err instanceof MalformedWebhookError) {
      deps.log.warn({ reason: err.message }, 'webhook rejected: malformed body');
      res.status(400).json({ message: 'malformed body' });
    } else {
      next(err);
    }
  };
  router.use('/webhook', onError);
  return router;
}
