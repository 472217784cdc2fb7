/** scripts/create-admin.ts run as staff would run it, against the test database. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { connectTestDb, type TestDb } from '../helpers/db';
import { StaffUser } from '../../src/db/models/staffUser';
import { verifyPassword } from '../../src/admin/passwords';

let db: TestDb;
beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db.close();
});

const root = path.resolve(__dirname, '../..');
function run(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      path.join(root, 'node_modules/.bin/tsx'),
      ['scripts/create-admin.ts', ...args],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          MONGODB_URI: `${db.uri}/${db.dbName}`,
          ...env,
        },
        timeout: 20_000,
      },
      (error, out, err) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

it('creates the first admin, refuses a second create of the same name, resets the password', async () => {
  const first = await run(['--username', 'First.Admin', '--name', 'ผู้ดูแลระบบ'], { ADMIN_PASSWORD: 'แจ้ซ้อน-admin-2569' });
  expect(first.err).toBe('');
  expect(first.out).toContain('created admin first.admin');
  const u = await StaffUser.findOne({ username: 'first.admin' }).lean();
  expect(u).toMatchObject({ role: 'admin', displayName: 'ผู้ดูแลระบบ', active: true });
  expect(u!.passwordHash).toMatch(/^scrypt\$/);
  expect(await verifyPassword('แจ้ซ้อน-admin-2569', u!.passwordHash)).toBe(true);

  const again = await run(['--username', 'first.admin'], { ADMIN_PASSWORD: 'another-password-1' });
  expect(again.code).not.toBe(0);
  expect(again.err).toContain('exists already');

  const weak = await run(['--username', 'second.admin'], { ADMIN_PASSWORD: 'short' });
  expect(weak.code).not.toBe(0);
  expect(weak.err).toContain('อย่างน้อย 10');

  const reset = await run(['--username', 'first.admin', '--reset', '--password-stdin'], {}, 'รหัสใหม่-ยาวพอ-2570\n');
  expect(reset.out).toContain('password reset for first.admin');
  const after = await StaffUser.findOne({ username: 'first.admin' }).lean();
  expect(await verifyPassword('รหัสใหม่-ยาวพอ-2570', after!.passwordHash)).toBe(true);
}, 60_000);

it('refuses common passwords with a Thai message and prints the console address as configured', async () => {
  for (const pw of ['1234567890', 'password12']) {
    const weak = await run(['--username', 'third.admin'], { ADMIN_PASSWORD: pw });
    expect({ pw, code: weak.code }).toEqual({ pw, code: 1 });
    expect(weak.err).toContain('เดาง่ายเกินไป');
  }
  expect(await StaffUser.countDocuments({ username: 'third.admin' })).toBe(0);
  const onPort = await run(['--username', 'third.admin'], { ADMIN_PASSWORD: 'ลำไย-มะม่วง-กระท้อน-9', PORT: '8123' });
  expect(onPort.out).toContain('log in at http://localhost:8123/admin');
  const behindProxy = await run(['--username', 'third.admin', '--reset'], {
    ADMIN_PASSWORD: 'ลำไย-มะม่วง-กระท้อน-10',
    PORT: '8123',
    PUBLIC_BASE_URL: 'https://chaeson.example/',
  });
  expect(behindProxy.out).toContain('log in at https://chaeson.example/admin');
}, 60_000);
