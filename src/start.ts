/**
 * Starting and stopping the whole bot, in order: database → workers (and simulator) → HTTP. Used by
 * `src/server.ts` (npm start) and `scripts/chat.ts` (npm run chat), so both run exactly the same parts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import type { Config } from './config';
import type { Logger } from './log';
import { startDatabase, type DatabaseChoice } from './db/database';
import { createRuntime, type Runtime } from './runtime';
import { createSimulator, type Simulator } from './simulator';

export interface RunningBot {
  port: number;
  database: DatabaseChoice;
  runtime: Runtime;
  simulator?: Simulator;
  /** Stops taking requests, finishes events under way, closes the database. */
  stop(): Promise<void>;
}

/**
 * Starts the bot. `server` may be an HTTP server already listening (the terminal chat picks its port first);
 * otherwise one is made and listens on the configured address.
 */
export async function startBot(config: Config, log: Logger, server?: http.Server): Promise<RunningBot> {
  const database = await startDatabase({
    mongodbUri: config.db.uri,
    dataDir: config.db.dataDir,
    mongodBinary: config.db.mongodBinary,
    allowDownload: config.db.allowDownload,
    log,
  });
  // Operations fail after 5 s without a reachable server (instead of 30 s): the webhook answers 503 and the
  // workers retry, rather than piling up.
  await mongoose.connect(database.uri, { serverSelectionTimeoutMS: 5000 });
  log.info({ database: database.kind }, `database connected: ${database.description}`);
  await Promise.all(Object.values(mongoose.models).map((m) => m.init())); // indexes exist before the first request

  const httpServer = server ?? http.createServer();
  const listening = server ? (server.address() as AddressInfo).port : config.port;
  const simulator = config.simulator
    ? createSimulator({
        channelSecret: config.line.channelSecret,
        channelAccessToken: config.line.channelAccessToken,
        webhookUrl: `http://127.0.0.1:${listening}/webhook`,
        log,
      })
    : undefined;
  if (simulator && config.line.mode === 'channel') {
    log.warn(
      'SIMULATOR=on with a real LINE channel: /simulator has no login and its users get no answers (they go to LINE); use it only on a private address',
    );
  }
  const runtime = createRuntime(config, log, { routers: simulator ? [simulator.router] : [] });
  runtime.start();
  log.info('inbox and outbox workers started');

  httpServer.on('request', runtime.app);
  if (!server) {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
  }
  const port = (httpServer.address() as AddressInfo).port;
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  log.info({ port }, `listening on http://${shown}:${port} (webhook: POST /webhook)`);
  if (simulator) log.info(`simulator: open http://${shown}:${port}/simulator to chat with the bot (or: npm run chat)`);

  return {
    port,
    database,
    runtime,
    simulator,
    async stop() {
      simulator?.close();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await runtime.stop();
      httpServer.closeAllConnections();
      await closed;
      await mongoose.disconnect();
      await database.stop();
    },
  };
}
