/**
 * `npm start`: reads the configuration, starts the bot (database → workers → HTTP, each step logged), and on
 * SIGTERM/SIGINT stops accepting, finishes the event under way in each lane (the rest stay stored for the next
 * start or another instance) and closes the database — within `STOP_DEADLINE_MS`, inside the 10 s a container
 * or systemd gives before SIGKILL. Run it with `node --import tsx src/server.ts` (npm start) or compiled
 * (`node dist/src/server.js`): a wrapper that forwards signals (the `tsx` CLI) may kill a busy child.
 */
import { readConfig, ConfigError, type Config } from './config';
import { createLogger, prettyLogs } from './log';
import { startBot } from './start';

/** After this long the process exits even if work is still under way (what is not finished stays stored). */
const STOP_DEADLINE_MS = 8_000;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      // eslint-disable-next-line no-console -- no logger yet: the configuration it needs is what is wrong
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, undefined, { pretty: prettyLogs(config.env) });
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
    const t0 = Date.now();
    const deadline = setTimeout(() => {
      log.error({ ms: Date.now() - t0 }, 'stop deadline passed; exiting with work under way (it stays stored and is resumed)');
      process.exit(1);
    }, STOP_DEADLINE_MS);
    deadline.unref();
    await bot.stop();
    log.info({ ms: Date.now() - t0 }, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  // eslint-disable-next-line no-console -- the logger may not exist yet; this must reach the operator
  console.error('start-up failed:', err);
  process.exit(1);
});
