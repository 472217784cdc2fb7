/**
 * Starts the bot: configuration → database → background workers → HTTP, each step logged.
 * SIGTERM/SIGINT: stop accepting, finish events under way, close the database.
 */
import type { Server } from 'node:http';
import mongoose from 'mongoose';
import { readConfig, ConfigError, type Config } from './config';
import { createLogger } from './log';
import { startDatabase } from './db/database';
import { createRuntime } from './runtime';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  log.info({ env: config.env, lineMode: config.line.mode, lineApi: config.line.apiBaseUrl }, 'configuration loaded');
  if (config.line.mode === 'local') {
    log.warn('no LINE credentials (LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN): running for local use only');
  }

  const db = await startDatabase({
    mongodbUri: config.db.uri,
    dataDir: config.db.dataDir,
    mongodBinary: config.db.mongodBinary,
    allowDownload: config.db.allowDownload,
    log,
  });
  await mongoose.connect(db.uri);
  log.info({ database: db.kind }, `database connected: ${db.description}`);

  const runtime = createRuntime(config, log);
  await Promise.all(Object.values(mongoose.models).map((m) => m.init())); // indexes exist before the first request
  runtime.start();
  log.info('inbox and outbox workers started');

  const server: Server = runtime.app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info({ port }, `listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port} (webhook: POST /webhook)`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new requests; finishing events under way');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await runtime.stop();
    await closed;
    await mongoose.disconnect();
    await db.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('start-up failed:', err);
  process.exit(1);
});

