/**
 * `npm start`: reads the configuration, starts the bot (database → workers → HTTP, each step logged), and on
 * SIGTERM/SIGINT stops accepting, finishes events under way and closes the database.
 */
import { readConfig, ConfigError, type Config } from './config';
import { createLogger } from './log';
import { startBot } from './start';

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
  const log = createLogger(config.logLevel, undefined, { pretty: config.env !== 'production' && process.stdout.isTTY === true });
  log.info({ env: config.env, lineMode: config.line.mode, lineApi: config.line.apiBaseUrl }, 'configuration loaded');
  if (config.line.mode === 'local') {
    log.warn('no LINE credentials (LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN): running for local use only');
  }
  const bot = await startBot(config, log);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new requests; finishing events under way');
    await bot.stop();
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
