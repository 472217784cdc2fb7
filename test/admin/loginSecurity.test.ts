/**
 * Console hygiene seen from outside: malformed cookies, weak passwords, login limits that count failures only
 * (per username and address, and per address), shared between instances through MongoDB, X-Forwarded-For
 * believed only from a configured proxy, and old password hashes upgraded at login.
 */
import request from 'supertest';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { StaffUser } from '../../src/db/models/staffUser';
import { LoginFailure } from '../../src/db/models/loginFailure';
import { SCRYPT_COST, hashPassword, verifyPassword } from '../../src/admin/passwords';
import { PASSWORD, login, makeStaff, type Staff } from './helpers';

let db: TestDb;
let line: NockLine;
let admin: Staff;
let staff: Staff;
const bots: TestBot[] = [];
const bot = (env: Record<string, string> = {}) => {
  const b = startTestBot(env);
  bots.push(b);
  return b;
};

beforeAll(async () => {
  db = await connectTestDb();
  line = nockLine();
  [admin, staff] = await Promise.all([makeStaff('admin'), makeStaff('staff')]);
});
afterAll(async () => {
  await Promise.all(bots.map((b) => b.stop()));
  line.done();
  await db.close();
});
beforeEach(async () => {
  await LoginFailure.deleteMany({});
});

describe('a malformed session cookie', () => {
  it('is no session on every /admin path, never a 500', async () => {
    const b = bot();
    const cookie = 'cs_staff=%E0%A4%A';
    for (const path of [
      '/admin',
      '/admin/requests',
      '/admin/requests/CS-2569-00001',
      '/admin/api/me',
      '/admin/api/requests',
      '/admin/api/nothing-here',
    ]) {
      const res = await request(b.app).get(path).set('cookie', cookie);
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
    }
    expect((await request(b.app).get('/admin/static/console/main.js').set('cookie', cookie)).status).toBe(200);
    expect((await request(b.app).post('/admin/api/logout').set('cookie', `other=1; ${cookie}`).send({})).status).toBe(401);
    // Logging in over it works and replaces it.
    const res = await request(b.app).post('/admin/api/login').set('cookie', cookie).send({ username: staff.username, password: PASSWORD });
    expect(res.status).toBe(200);
    const fresh = res.headers['set-cookie']![0]!.split(';')[0]!;
    expect((await request(b.app).get('/admin/api/me').set('cookie', fresh)).status).toBe(200);
  });
});

describe('weak passwords', () => {
  it('are refused with a Thai message when an admin creates or changes an account', async () => {
    const b = bot();
    const a = await login(b.app, admin.username);
    for (const password of ['1234567890', 'password12', 'qwertyuiop', 'iloveyou123', 'chaeson2569']) {
      const res = await a.post('/admin/api/users', { username: 'newcomer', displayName: 'คนใหม่', role: 'staff', password });
      expect({ password, status: res.status, error: res.body.error }).toEqual({ password, status: 400, error: 'weak_password' });
      expect(res.body.message).toContain('เดาง่ายเกินไป');
    }
    expect(await StaffUser.countDocuments({ username: 'newcomer' })).toBe(0);
    const change = await a.patch(`/admin/api/users/${staff.id}`, { password: 'password12' });
    expect(change.status).toBe(400);
    expect(change.body.message).toContain('เดาง่ายเกินไป');
    // A passphrase passes.
    const ok = await a.post('/admin/api/users', { username: 'newcomer', displayName: 'คนใหม่', role: 'staff', password: 'ลำไย-มะม่วง-กระท้อน-9' });
    expect(ok.status).toBe(201);
  });
});

describe('login limits', () => {
  const attempt = (b: TestBot, username: string, password: string, ip?: string) => {
    const r = request(b.app).post('/admin/api/login');
    if (ip) r.set('x-forwarded-for', ip);
    return r.send({ username, password });
  };

  it('do not count successful logins: an office behind one address logs in all day', async () => {
    const b = bot({ ADMIN_LOGIN_MAX_ATTEMPTS: '2' });
    const statuses: number[] = [];
    // More logins than the per-address limit (10 failures here), by two people, with a mistyped password now and then.
    for (let i = 0; i < 6; i++) {
      statuses.push((await attempt(b, staff.username, PASSWORD)).status);
      statuses.push((await attempt(b, admin.username, PASSWORD)).status);
      if (i % 3 === 0) statuses.push((await attempt(b, staff.username, 'typo-' + PASSWORD)).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(12);
    expect(statuses.filter((s) => s === 401)).toHaveLength(2);
    expect(statuses).not.toContain(429);
  }, 90_000);

  it('ignore X-Forwarded-For unless TRUST_PROXY names the proxy: a client cannot vary it to escape the limit', async () => {
    const b = bot({ ADMIN_LOGIN_MAX_ATTEMPTS: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(b, staff.username, 'guess-' + i, `203.0.113.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    const limited = await attempt(b, staff.username, PASSWORD, '198.51.100.1');
    expect(limited.status).toBe(429);
    expect(limited.body.message).toContain('หลายครั้ง');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  }, 90_000);

  it('cannot lock the real person out from their usual place; one address is slowed across usernames; shared by instances', async () => {
    const env = { ADMIN_LOGIN_MAX_ATTEMPTS: '3', TRUST_PROXY: 'loopback' };
    const b = bot(env);
    const attacker = '203.0.113.9';
    const office = '198.51.100.7';
    const guesses: number[] = [];
    for (let i = 0; i < 5; i++) guesses.push((await attempt(b, staff.username, 'guess-' + i, attacker)).status);
    expect(guesses).toEqual([401, 401, 401, 429, 429]);
    // Even the right password is refused from the attacker's address, but the real person logs in from the office.
    expect((await attempt(b, staff.username, PASSWORD, attacker)).status).toBe(429);
    expect((await attempt(b, staff.username, PASSWORD, office)).status).toBe(200);
    // A second instance of the server sees the same counts.
    const other = bot(env);
    expect((await attempt(other, staff.username, 'guess-x', attacker)).status).toBe(429);
    expect((await attempt(other, staff.username, PASSWORD, office)).status).toBe(200);

    // One address trying many usernames: the looser per-address limit (5 × 3 = 15 failures) stops it.
    const spray = '203.0.113.50';
    const sprayed: number[] = [];
    for (let i = 0; i < 16; i++) sprayed.push((await attempt(i % 2 ? b : other, `user${i}`, 'password-guess', spray)).status);
    expect(sprayed.slice(0, 15).every((s) => s === 401)).toBe(true);
    expect(sprayed[15]).toBe(429);
    expect((await attempt(b, admin.username, PASSWORD, spray)).status).toBe(429);
    expect((await attempt(b, admin.username, PASSWORD, '198.51.100.8')).status).toBe(200);

    // When the window ends, the address may try again; the database removes ended windows by itself (TTL index).
    await LoginFailure.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await attempt(b, staff.username, PASSWORD, attacker)).status).toBe(200);
    const indexes = await LoginFailure.collection.indexes();
    expect(indexes.find((ix) => ix.key.expiresAt === 1)).toMatchObject({ expireAfterSeconds: 0 });
  }, 90_000);

  it('count parallel guesses before checking them, so a burst cannot slip past the limit', async () => {
    const b = bot({ ADMIN_LOGIN_MAX_ATTEMPTS: '3', TRUST_PROXY: 'loopback' });
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(b, staff.username, 'burst-' + i, '203.0.113.77')));
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  }, 90_000);
});

describe('password hashes', () => {
  it('use scrypt at N=2^17, r=8, p=1, and an older hash is upgraded at the next login', async () => {
    expect(SCRYPT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const fresh = await StaffUser.findById(staff.id).lean();
    expect(fresh!.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    const old = await hashPassword(PASSWORD, { N: 2 ** 14, r: 8, p: 1 });
    await StaffUser.updateOne({ _id: staff.id }, { $set: { passwordHash: old } });
    const b = bot();
    await login(b.app, staff.username);
    const after = (await StaffUser.findById(staff.id).lean())!.passwordHash;
    expect(after).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, after)).toBe(true);
    expect(await verifyPassword('not-' + PASSWORD, after)).toBe(false);
  });
});
