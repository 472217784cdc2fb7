/**
 * POST /webhook: LINE's signature is checked on the raw body by the SDK middleware (no JSON parser before it);
 * the events are stored, LINE gets its 200, and processing starts afterwards.
 * Bad or missing signature → 401; a body that is not JSON or not a LINE callback → 400; nothing is stored.
 */
import express, { type ErrorRequestHandler, type Router } from 'express';
import { middleware as lineMiddleware, JSONParseError, SignatureValidationFailed } from '@line/bot-sdk';
import type { Logger } from '../log';
import { MalformedWebhookError, parseCallback, storeEvents } from '../inbox/inbox';

export interface WebhookDeps {
  channelSecret: string;
  log: Logger;
  /** Called after the events are stored and acknowledged, with the lanes that got new events. */
  onStored: (lanes: string[]) => void;
}

export function webhookRouter(deps: WebhookDeps): Router {
  const router = express.Router();
  router.post(
    '/webhook',
    express.raw({ type: () => true, limit: '1mb' }),
    lineMiddleware({ channelSecret: deps.channelSecret }),
    async (req, res) => {
      const events = parseCallback(req.body);
      const lanes = await storeEvents(events);
      res.status(200).json({});
      if (lanes.length > 0) deps.onStored(lanes);
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
