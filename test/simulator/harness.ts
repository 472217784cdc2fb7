/**
 * Starts the real bot (runtime + webhook + workers) with the simulator mounted, on a real port, configured as
 * `npm start` is without LINE credentials: LINE's API is the simulator's stand-in on the same server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/log';
import { createRuntime, type Runtime } from '../../src/runtime';
import { createSimulator, type Simulator } from '../../src/simulator';
import type { BotHandler } from '../../src/bot/pipeline';

export interface SimulatedBot {
  config: Config;
  runtime: Runtime;
  simulator: Simulator;
  server: http.Server;
  baseUrl: string;
  /** Waits until every stored event has been processed and every delivery attempt made (see TestBot.settle). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSimulatedBot(opts: { handler?: BotHandler; channelSecret?: string } = {}): Promise<SimulatedBot> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: String(port),
    INBOX_SETTLE_MS: '10',
    INBOX_SWEEP_MS: '200',
    LOADING_ANIMATION_AFTER_MS: '5000',
  });
  const log = createLogger('silent');
  const simulator = createSimulator({
    channelSecret: opts.channelSecret ?? config.line.channelSecret,
    channelAccessToken: config.line.channelAccessToken,
    webhookUrl: `http://127.0.0.1:${port}/webhook`,
    log,
  });
  const runtime = createRuntime(config, log, { handler: opts.handler, routers: [simulator.router] });
  server.on('request', runtime.app);
  runtime.start();
  return {
    config,
    runtime,
    simulator,
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    async settle() {
      await runtime.worker.idle();
      await runtime.outbox.whenIdle();
    },
    async stop() {
      simulator.close();
      await runtime.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
