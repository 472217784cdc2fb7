/**
 * Access to the staff API: 401 on every route without a session (enumerated from the route table and the
 * express router), 403 outside the role, CSRF, operator injection, volunteer masking,
 * audit log of views, security headers, body size limit.
 */
import request from 'supertest';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { AuditLog } from '../../src/db/models/auditLog';
import { can, PERMISSIONS, type Permission } from '../../src/admin/permissions';
import { PASSWORD, login, makeStaff, storeRequest, type Staff } from './helpers';

let db: TestDb;
let bot: TestBot;
let line: NockLine;
let admin: Staff;
let staff: Staff;
let volunteer: Staff;

beforeAll(async () => {
  db = await connectTestDb();
  line = nockLine();
  bot = startTestBot();
  [admin, staff, volunteer] = await Promise.all([makeStaff('admin'), makeStaff('staff'), makeStaff('volunteer', { villages: ['บ้านป่าเหมี้ยง'] })]);
});
afterAll(async () => {
  await bot.stop();
  line.done();
  await db.close();
});

/** Fills `:params` of a route path with plausible values. */
const concrete = (path: string) =>
  `/admin/api${path
    .replace(':ref', 'CS-2569-00001')
    .replace(':userId', `U${'0'.repeat(32)}`)
    .replace(':id', '0'.repeat(24))}`;

describe('authentication', () => {
  it('answers 401 on every API route without a session (route table and express router agree)', async () => {
    const table = bot.staff.routes.filter((r) => r.allow !== 'public');
    expect(table.length).toBeGreaterThan(15);
    // The express router holds exactly the table's routes (nothing mounted beside it).
    const stack = (bot.staff.router as any).stack[0].handle.stack as any[];
    const apiLayer = stack.find((l) => l.matchers?.[0]?.('/api/x') || String(l.regexp ?? '').includes('api'));
    const mounted = (apiLayer.handle.stack as any[])
      .filter((l) => l.route)
      .flatMap((l) => Object.keys(l.route.methods).map((m) => `${m} ${l.route.path}`));
    expect(mounted.sort()).toEqual(bot.staff.routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const r of table) {
      const res = await (request(bot.app) as any)[r.method](concrete(r.path)).send({});
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
      expect(res.body.error).toBe('unauthenticated');
    }
    // Unknown API paths too, and console pages.
    expect((await request(bot.app).get('/admin/api/nothing-here')).status).toBe(401);
    const page = await request(bot.app).get('/admin/requests/CS-2569-00001');
    expect(page.status).toBe(401);
    expect(page.text).toContain('<html');
  });

  it('logs in with the right password only, and logs out', async () => {
    expect((await request(bot.app).post('/admin/api/login').send({ username: staff.username, password: 'wrong-password' })).status).toBe(401);
    const s = await login(bot.app, staff.username.toUpperCase());
    const me = await s.get('/admin/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: staff.username, role: 'staff' });
    expect(me.body.user.passwordHash).toBeUndefined();
    const cookie = (await request(bot.app).post('/admin/api/login').send({ username: staff.username, password: PASSWORD })).headers[
      'set-cookie'
    ]![0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect((await s.post('/admin/api/logout')).status).toBe(200);
    expect((await s.get('/admin/api/me')).status).toBe(401);
  });

  it('refuses changes without the CSRF token (or with a wrong one)', async () => {
    const s = await login(bot.app, staff.username);
    const r = await storeRequest();
    const none = await s.agent.post(`/admin/api/requests/${r.reference}/notes`).send({ text: 'x' });
    expect(none.status).toBe(403);
    expect(none.body.error).toBe('csrf');
    const wrong = await s.agent.post(`/admin/api/requests/${r.reference}/notes`).set('x-csrf-token', 'A'.repeat(43)).send({ text: 'x' });
    expect(wrong.status).toBe(403);
    expect((await s.post(`/admin/api/requests/${r.reference}/notes`, { text: 'โทรหาแล้ว' })).status).toBe(201);
  });
});

describe('roles', () => {
  let vol: Awaited<ReturnType<typeof login>>;
  let own: Awaited<ReturnType<typeof storeRequest>>;
  let other: Awaited<ReturnType<typeof storeRequest>>;

  beforeAll(async () => {
    vol = await login(bot.app, volunteer.username);
    own = await storeRequest({ village: 'บ้านป่าเหมี้ยง', details: 'โทรหาลูกที่ 0891234567 หรือเลขบัตร 1101700203450' });
    other = await storeRequest({ village: 'บ้านหลวง' });
  });

  it('answers 403 to the volunteer on every route the role lacks', async () => {
    const denied = bot.staff.routes.filter((r) => r.allow !== 'public' && r.allow !== 'authenticated' && !can('volunteer', r.allow as Permission));
    expect(denied.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/requests.csv', '/requests/:ref/status', '/requests/:ref/reply', '/chats/:userId', '/users', '/settings/calendar']),
    );
    for (const r of denied) {
      const res = await (vol as any)[r.method === 'delete' ? 'post' : r.method](concrete(r.path).replace('CS-2569-00001', own.reference), {});
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
    }
    expect(PERMISSIONS['pii:nationalId']).not.toContain('volunteer');
  });

  it('shows the volunteer only their villages, never a national ID, and no transcript', async () => {
    const list = await vol.get('/admin/api/requests');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => i.reference)).toEqual([own.reference]);
    expect((await vol.get(`/admin/api/requests/${other.reference}`)).status).toBe(403);
    const detail = await vol.get(`/admin/api/requests/${own.reference}`);
    expect(detail.status).toBe(200);
    const body = JSON.stringify(detail.body);
    expect(body).not.toContain('1101700203450');
    expect(detail.body.request.nationalId).toBe('1-xxxx-xxxxx-45-0');
    expect(detail.body.request.nationalIdMasked).toBe(true);
    // Not assigned to them: the phone is masked too, also inside the free text.
    expect(detail.body.request.phone).toBe('081-xxx-5678');
    expect(body).not.toContain('0891234567');
    expect(detail.body.transcript).toBeUndefined();
    expect(detail.body.citizen.lineUserId).toBeUndefined();
    expect((await vol.get(`/admin/api/requests/${own.reference}/identity`)).status).toBe(403);
  });

  it('shows staff the masked ID by default and the full one on reveal, each view audited', async () => {
    const s = await login(bot.app, staff.username);
    const detail = await s.get(`/admin/api/requests/${other.reference}`);
    expect(detail.body.request.nationalId).toBe('1-xxxx-xxxxx-45-0');
    expect(detail.body.request.phone).toBe('081-234-5678');
    expect(detail.body.transcript).toEqual([]);
    const reveal = await s.get(`/admin/api/requests/${other.reference}/identity`);
    expect(reveal.body).toMatchObject({ nationalId: '1101700203450', nationalIdMasked: false });
    const log = await AuditLog.find({ actor: staff.username, targetId: other.reference }).lean();
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['view_request', 'reveal_identity']));
    expect(log[0]).toMatchObject({ role: 'staff', actorId: staff.id });
    expect(log[0]!.at).toBeInstanceOf(Date);
    // The console refreshing the page is one view, not one per refresh.
    await s.get(`/admin/api/requests/${other.reference}`);
    expect(await AuditLog.countDocuments({ actor: staff.username, targetId: other.reference, action: 'view_request' })).toBe(1);
  });
});

describe('input safety', () => {
  it('rejects operator injection in bodies and queries', async () => {
    const s = await login(bot.app, admin.username);
    const r = await storeRequest();
    const body = await s.post(`/admin/api/requests/${r.reference}/status`, { status: { $ne: null } });
    expect(body.status).toBe(400);
    const nested = await s.post(`/admin/api/requests/${r.reference}/notes`, { text: 'x', extra: { $where: 'sleep(1000)' } });
    expect(nested.status).toBe(400);
    const query = await s.get('/admin/api/requests?status[$ne]=closed');
    expect(query.status).toBe(400);
    const unknown = await s.get('/admin/api/requests?village=x&__proto__=y');
    expect(unknown.status).toBe(400);
    const login2 = await request(bot.app)
      .post('/admin/api/login')
      .send({ username: { $ne: null }, password: { $ne: null } });
    expect(login2.status).toBe(400);
  });

  it('sends security headers, limits body size and refuses bad input', async () => {
    const s = await login(bot.app, admin.username);
    const res = await s.get('/admin/api/me');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const r = await storeRequest();
    const big = await s.post(`/admin/api/requests/${r.reference}/notes`, { text: 'ก'.repeat(70_000) });
    expect(big.status).toBe(413);
    const bad = await s.post(`/admin/api/requests/${r.reference}/status`, { status: 'done' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('status');
  });
});
