/**
 * Starting and stopping the whole bot, in order: database → workers (and simulator) → HTTP. Used by
 * `src/server.ts` (npm start) and `scripts/chat.ts` (npm run chat), so both run exactly the same parts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import type { Config } from './config';
import { prettyLogs, type Logger } from './log';
import { startDatabase, type DatabaseChoice } from './db/database';
import { DATABASE_OPTIONS } from './db/connectOptions';
import { createRuntime, type Runtime } from './runtime';
import { createSimulator, type Simulator } from './simulator';
import { startProcessingThread, type ProcessingThread } from './processing/thread';

export interface RunningBot {
  port: number;
  database: DatabaseChoice;
  runtime: Runtime;
  /** Where events are processed when `PROCESSING_THREAD=on`; otherwise `runtime` does it. */
  processing?: ProcessingThread;
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
  // Fail fast without a server, and no buffering in mongoose (why: src/db/connectOptions.ts).
  await mongoose.connect(database.uri, DATABASE_OPTIONS);
  log.info({ database: database.kind }, `database connected: ${database.description}`);
  // Losing the database and finding it again, in the log (the driver reconnects by itself meanwhile).
  mongoose.connection.on('disconnected', () => log.warn('database connection lost; reconnecting'));
  mongoose.connection.on('reconnected', () => log.info('database connection back'));
  await Promise.all(Object.values(mongoose.models).map((m) => m.init())); // indexes exist before the first request

  const httpServer = server ?? http.createServer();
  // With PORT=0 the port is known only once the server listens: the simulator reads it when it sends.
  let listening = server ? (server.address() as AddressInfo).port : config.port;
  const simulator = config.simulator
    ? createSimulator({
        channelSecret: config.line.channelSecret,
        channelAccessToken: config.line.channelAccessToken,
        webhookUrl: () => `http://127.0.0.1:${listening}/webhook`,
        log,
      })
    : undefined;
  if (simulator && config.line.mode === 'channel') {
    log.warn(
      'SIMULATOR=on with a real LINE channel: /simulator has no login and its users get no answers (they go to LINE); use it only on a private address',
    );
  }
  // With the processing thread, the webhook hands it the lanes it stored (once it runs: until then they wait for
  // its first sweep, as after any restart).
  let processing: ProcessingThread | undefined;
  const runtime = createRuntime(config, log, {
    routers: simulator ? [simulator.router] : [],
    httpOnly: config.processingThread ? { onStored: (lanes) => processing?.kick(lanes) } : undefined,
  });
  runtime.start();
  if (!config.processingThread) log.info('inbox and outbox workers started');

  httpServer.on('request', runtime.app);
  if (!server) {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
  }
  const port = (httpServer.address() as AddressInfo).port;
  listening = port;
  if (config.processingThread) {
    // The thread calls LINE's stand-in on this server in local mode: its address has the port known only now.
    const own = `http://127.0.0.1:${port}`;
    const line = config.line.usesLocalStandIn ? { ...config.line, apiBaseUrl: own, dataApiBaseUrl: own } : config.line;
    processing = await startProcessingThread({ ...config, port, line }, database.uri, log, {
      pretty: prettyLogs(config.env),
      onExit: (code) => {
        log.fatal({ code }, 'processing thread stopped unexpectedly; exiting (stored events are processed at the next start)');
        process.exit(1);
      },
    });
  }
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  log.info({ port }, `listening on http://${shown}:${port} (webhook: POST /webhook)`);
  if (simulator) log.info(`simulator: open http://${shown}:${port}/simulator to chat with the bot (or: npm run chat)`);

  return {
    port,
    database,
    runtime,
    processing,
    simulator,
    async stop() {
      simulator?.close();
      // The processing thread finishes first: in local mode its answers go to the stand-in on this server.
      await processing?.stop();
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
