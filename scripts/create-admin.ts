/**
 * Creates the first admin of the staff console (or resets an account's password).
 *
 *   npm run admin:create -- --username somchai --name "สมชาย ใจดี"            (asks for the password twice)
 *   ADMIN_PASSWORD=… npm run admin:create -- --username somchai --name "…"     (non-interactive)
 *   echo "$PASSWORD" | npm run admin:create -- --username somchai --password-stdin
 *   npm run admin:create -- --username somchai --reset                          (new password, account re-enabled)
 *   options: --role admin|staff|volunteer (default admin)
 *
 * Prints the console's address as configured (PUBLIC_BASE_URL, else http://localhost:$PORT).
 * Uses the same database as the bot (MONGODB_URI, else a local mongod, else the embedded dev server in DATA_DIR;
 * with the embedded dev server, stop the bot first: one process at a time may own its data folder).
 */
import readline from 'node:readline';
import mongoose from 'mongoose';
import { readConfig } from '../src/config';
import { createLogger } from '../src/log';
import { startDatabase } from '../src/db/database';
import { StaffUser, STAFF_ROLES, type StaffRole } from '../src/db/models/staffUser';
import { createStaffUser, updateStaffUser } from '../src/admin/users';
import { principalOf } from '../src/admin/auth';
import { passwordProblem } from '../src/admin/passwords';
import { HttpError } from '../src/admin/httpError';

interface Args {
  username?: string;
  name?: string;
  role: StaffRole;
  reset: boolean;
  passwordStdin: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { role: 'admin', reset: false, passwordStdin: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--username' || flag === '-u') a.username = value().trim().toLowerCase();
    else if (flag === '--name' || flag === '-n') a.name = value().trim();
    else if (flag === '--role') {
      const r = value() as StaffRole;
      if (!STAFF_ROLES.includes(r)) throw new Error(`--role must be one of ${STAFF_ROLES.join(', ')}`);
      a.role = r;
    } else if (flag === '--reset') a.reset = true;
    else if (flag === '--password-stdin') a.passwordStdin = true;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(
        'usage: admin:create --username NAME [--name "DISPLAY NAME"] [--role admin|staff|volunteer] [--reset] [--password-stdin]\n',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${flag}`);
  }
  if (!a.username) throw new Error('--username is required');
  if (!/^[a-z0-9._-]{3,40}$/.test(a.username)) throw new Error('--username: use a-z 0-9 . _ - (3–40 characters)');
  return a;
}

async function readStdinLine(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

/** Asks for a password on the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    out._writeToOutput = (s: string) => {
      if (s.includes(question)) out.output.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function password(args: Args): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (args.passwordStdin) return (await readStdinLine()).replace(/\r$/, '');
  if (!process.stdin.isTTY) throw new Error('no terminal: give the password with ADMIN_PASSWORD or --password-stdin');
  for (;;) {
    const first = await askHidden('รหัสผ่าน (password): ');
    const problem = passwordProblem(first, args.username);
    if (problem) {
      process.stdout.write(`${problem}\n`);
      continue;
    }
    if ((await askHidden('ยืนยันรหัสผ่าน (again): ')) === first) return first;
    process.stdout.write('รหัสผ่านไม่ตรงกัน ลองใหม่\n');
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = readConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const db = await startDatabase({
    mongodbUri: config.db.uri,
    dataDir: config.db.dataDir,
    mongodBinary: config.db.mongodBinary,
    allowDownload: config.db.allowDownload,
    log,
  });
  await mongoose.connect(db.uri);
  try {
    await StaffUser.init();
    const existing = await StaffUser.findOne({ username: args.username }).lean();
    if (existing && !args.reset) throw new Error(`user "${args.username}" exists already; use --reset to set a new password`);
    if (!existing && args.reset) throw new Error(`user "${args.username}" does not exist`);
    const pw = await password(args);
    if (existing) {
      const u = await updateStaffUser({ ...principalOf(existing), id: '-' }, existing._id.toString(), { password: pw, active: true });
      process.stdout.write(`password reset for ${u.username} (${u.role}); their sessions were ended; log in at ${config.publicBaseUrl}/admin\n`);
    } else {
      const u = await createStaffUser({ username: args.username!, displayName: args.name || args.username!, role: args.role, password: pw });
      process.stdout.write(`created ${u.role} ${u.username} (${u.displayName}); log in at ${config.publicBaseUrl}/admin\n`);
    }
  } finally {
    await mongoose.disconnect();
    await db.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof HttpError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
