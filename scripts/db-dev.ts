/**
 * Runs the embedded MongoDB-compatible dev server standalone.
 *
 *   npm run db:dev -- [--port 27017] [--host 127.0.0.1] [--dbpath .data/db]
 *
 * Without --dbpath the data lives in memory only. The first stdout line says where it listens
 * (`--port 0` picks a free port; tests read it from that line). SIGTERM / SIGINT close it cleanly.
 * For development and tests, not production.
 */
import { startDevServer } from '../src/db/devserver';

function parseArgs(argv: string[]): { port: number; host: string; dbpath?: string } {
  const out: { port: number; host: string; dbpath?: string } = { port: 27017, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port`);
        out.port = port;
        break;
      }
      case '--host':
      case '--bind_ip':
        out.host = value();
        break;
      case '--dbpath':
        out.dbpath = value();
        break;
      case '--help':
      case '-h':
        process.stdout.write('usage: db-dev [--port 27017] [--host 127.0.0.1] [--dbpath DIR]\n');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const server = await startDevServer({
    ...args,
    onWarning: (m) => process.stderr.write(`devserver warning: ${m}\n`),
  });
  const storage = server.dbpath ? `data in ${server.dbpath}` : 'in memory (nothing is saved)';
  process.stdout.write(`devserver listening on ${server.uri} port=${server.port} (${storage}); for development and tests, not production\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => {
        process.stdout.write(`devserver stopped (${signal})\n`);
        process.exit(0);
      },
      (err: unknown) => {
        process.stderr.write(`devserver failed to close: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`devserver: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
