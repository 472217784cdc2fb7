/**
 * Starts the real runtime (webhook, inbox, worker, outbox) against the test database, with LINE's API
 * answered by nock at the HTTP level.
 */
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime';
import type { BotHandler } from '../../src/bot/pipeline';
import { callback, sign, testEnv } from './line';

export interface TestBot extends Runtime {
  /** Posts a signed webhook with these events; resolves with the HTTP response. */
  post(...events: object[]): Promise<request.Response>;
  /**
   * Waits until every stored event has been processed and the outbox is idle: every delivery attempt made,
   * including retries (only those due within `retriesWithinMs`, when given). Tests wait on this, never on a
   * pause, before asserting that nothing more happened.
   */
  settle(opts?: { retriesWithinMs?: number }): Promise<void>;
}

export function startTestBot(env: Record<string, string> = {}, handler?: BotHandler, options: Omit<RuntimeOptions, 'handler'> = {}): TestBot {
  const config = loadConfig(testEnv(env));
  const rt = createRuntime(config, createLogger('silent'), { ...options, handler });
  rt.start();
  return {
    ...rt,
    post(...events: object[]) {
      const body = callback(...events);
      return request(rt.app).post('/webhook').set('content-type', 'application/json').set('x-line-signature', sign(body)).send(body);
    },
    async settle(opts) {
      // The outbox never gives the worker work, so one pass of each is enough.
      await rt.worker.idle();
      await rt.outbox.whenIdle(opts);
    },
  };
}
