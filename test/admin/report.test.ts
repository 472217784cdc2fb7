/**
 * The monthly report against the dev server over mongoose: every count the report gives equals a count taken
 * directly from the database for the same Bangkok month (boundaries included), the times to first staff contact
 * and to acknowledging a danger alert are the median and 90th percentile of the seeded durations, the CSV holds
 * the same tables, and only admin and staff may see it (audited).
 */
import request from 'supertest';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { Booking } from '../../src/db/models/booking';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { AuditLog } from '../../src/db/models/auditLog';
import { monthlyReport, percentile, previousMonth, thaiMonthLabel, thaiDuration, type Count } from '../../src/admin/report';
import { login, makeStaff, type LoggedIn, type Staff } from './helpers';
import { SEED_FROM, SEED_MONTH, SEED_TO, seedReportMonth } from './reportSeed';

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
  [admin, staff, volunteer] = await Promise.all([makeStaff('admin'), makeStaff('staff'), makeStaff('volunteer', { villages: ['บ้านหลวง'] })]);
  await seedReportMonth(staff.id);
});
afterAll(async () => {
  await bot.stop();
  line.done();
  await db.close();
});

const inMonth = { createdAt: { $gte: SEED_FROM, $lt: SEED_TO } };
const n = (list: Count[], key: string) => list.find((c) => c.key === key)?.n;

describe('percentile (as Excel PERCENTILE.INC)', () => {
  it('interpolates between ranks', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([40, 10, 30, 20, 100], 0.5)).toBe(30);
    expect(percentile([10, 20, 30, 40, 100], 0.9)).toBeCloseTo(76);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it('names the month and durations in Thai', () => {
    expect(thaiMonthLabel('2026-09')).toBe('กันยายน 2569');
    expect(thaiMonthLabel('2027-01')).toBe('มกราคม 2570');
    expect(previousMonth(new Date('2026-12-31T17:30:00Z'))).toBe('2026-12'); // 1 Jan 2027 00:30 in Bangkok
    expect(previousMonth(new Date('2027-01-01T12:00:00Z'))).toBe('2026-12');
    expect(thaiDuration(12)).toBe('12 นาที');
    expect(thaiDuration(75)).toBe('1 ชม. 15 นาที');
    expect(thaiDuration(60 * 26)).toBe('1 วัน 2 ชม.');
    expect(thaiDuration(null)).toBe('—');
  });
});

describe('the figures of a month', () => {
  it('counts requests by category, village, status and urgency as the database does', async () => {
    const r = await monthlyReport(SEED_MONTH, new Date('2026-11-29T00:00:00Z'));
    expect(r.monthLabel).toBe('กันยายน 2569');
    expect(r.partial).toBe(false);
    expect(r.from).toEqual(SEED_FROM);
    expect(r.centreName).toBe('ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อน');

    const total = await HelpRequest.countDocuments(inMonth);
    expect(total).toBe(6); // the first and last minute of the month in, the minute before and after out
    expect(r.requests.total).toBe(total);
    expect(r.requests.urgent).toBe(await HelpRequest.countDocuments({ ...inMonth, urgent: true }));

    for (const category of await HelpRequest.distinct('category')) {
      expect([category, n(r.requests.byCategory, category)]).toEqual([
        category,
        await HelpRequest.countDocuments({ ...inMonth, category } as object),
      ]);
    }
    expect(r.requests.byCategory.find((c) => c.key === 'elderly')).toEqual({ key: 'elderly', label: 'ผู้สูงอายุ', n: 2 });
    expect(n(r.requests.byCategory, 'housing')).toBe(0); // every category listed, zeros too
    expect(r.requests.byCategory.reduce((s, c) => s + c.n, 0)).toBe(total);

    for (const village of ['บ้านหลวง', 'บ้านป่าเหมี้ยง', 'บ้านแจ้ซ้อนเหนือ']) {
      expect([village, n(r.requests.byVillage, village)]).toEqual([
        village,
        await HelpRequest.countDocuments({ ...inMonth, village, outsideArea: { $ne: true } }),
      ]);
    }
    expect(r.requests.byVillage.find((c) => c.key === 'outside_area')).toEqual({
      key: 'outside_area',
      label: 'นอกพื้นที่',
      n: await HelpRequest.countDocuments({ ...inMonth, outsideArea: true }),
    });
    expect(r.requests.byVillage.find((c) => c.key === '')).toEqual({
      key: '',
      label: 'ไม่ระบุ',
      n: await HelpRequest.countDocuments({ ...inMonth, outsideArea: { $ne: true }, village: null }),
    });
    expect(r.requests.byVillage.reduce((s, c) => s + c.n, 0)).toBe(total);

    for (const c of r.requests.byStatus)
      expect([c.key, c.n]).toEqual([c.key, await HelpRequest.countDocuments({ ...inMonth, status: c.key } as object)]);
    expect(r.requests.byStatus.map((c) => c.label)).toEqual(['ได้รับเรื่องแล้ว', 'กำลังดำเนินการ', 'นัดเยี่ยมบ้านแล้ว', 'ช่วยเหลือเรียบร้อย', 'ปิดเรื่อง']);
    for (const c of r.requests.byUrgency)
      expect([c.key, c.n]).toEqual([c.key, await HelpRequest.countDocuments({ ...inMonth, urgency: c.key } as object)]);
    expect(n(r.requests.byUrgency, 'now')).toBe(2);
  });

  it('measures the first staff contact: a staff message or a status change, whichever came first', async () => {
    const r = await monthlyReport(SEED_MONTH, new Date('2026-11-29T00:00:00Z'));
    // 10 (reply before the status change), 20 (status only), 40 (bot and failed messages skipped),
    // 100 (a message before the filing skipped), 30 (reply); one request never contacted.
    expect(r.firstContact).toEqual({ measured: 5, notYet: 1, byMessage: 3, byStatusChange: 2, medianMinutes: 30, p90Minutes: 76 });
  });

  it('counts bookings by outcome and the attendance rate', async () => {
    const r = await monthlyReport(SEED_MONTH, new Date('2026-11-29T00:00:00Z'));
    const inMonthDates = { date: { $gte: '2026-09-01', $lte: '2026-09-30' } };
    expect(r.bookings.total).toBe(await Booking.countDocuments(inMonthDates));
    for (const c of r.bookings.byStatus)
      expect([c.key, c.n]).toEqual([c.key, await Booking.countDocuments({ ...inMonthDates, status: c.key } as object)]);
    expect(r.bookings).toMatchObject({ total: 6, attended: 3, noShow: 1, attendanceRate: 75 });
    expect(r.bookings.byStatus.map((c) => c.label)).toEqual(['ยังไม่บันทึกผล', 'ยกเลิกแล้ว', 'มาตามนัด', 'ไม่มาตามนัด']);
  });

  it('counts danger alerts by kind and how fast they were acknowledged', async () => {
    const r = await monthlyReport(SEED_MONTH, new Date('2026-11-29T00:00:00Z'));
    const danger = { ...inMonth, kind: 'danger' as const };
    expect(r.dangerAlerts.total).toBe(await StaffAlert.countDocuments(danger));
    expect(r.dangerAlerts.acknowledged).toBe(await StaffAlert.countDocuments({ ...danger, acknowledgedAt: { $ne: null } }));
    for (const c of r.dangerAlerts.byKind) expect([c.key, c.n]).toEqual([c.key, await StaffAlert.countDocuments({ ...danger, danger: c.key })]);
    // 5, 15, 60 minutes: median 15, p90 = 15 + 0.8 × 45 = 51.
    expect(r.dangerAlerts).toMatchObject({ total: 4, acknowledged: 3, open: 1, measured: 3, medianMinutes: 15, p90Minutes: 51 });
  });

  it('gives an empty month as zeros, without times', async () => {
    const r = await monthlyReport('2026-06', new Date('2026-11-29T00:00:00Z'));
    expect(r.requests.total).toBe(0);
    expect(r.requests.byCategory.every((c) => c.n === 0)).toBe(true);
    expect(r.firstContact).toEqual({ measured: 0, notYet: 0, byMessage: 0, byStatusChange: 0, medianMinutes: null, p90Minutes: null });
    expect(r.bookings.attendanceRate).toBeNull();
    expect(r.dangerAlerts.medianMinutes).toBeNull();
  });
});

describe('GET /admin/api/reports/monthly', () => {
  let s: LoggedIn;
  beforeAll(async () => {
    s = await login(bot.app, staff.username);
  });

  it('answers staff and admin with the month asked for, and audits the view', async () => {
    const res = await s.get(`/admin/api/reports/monthly?month=${SEED_MONTH}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: SEED_MONTH, monthLabel: 'กันยายน 2569', requests: { total: 6 }, bookings: { attended: 3, noShow: 1 } });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await AuditLog.countDocuments({ actorId: staff.id, action: 'view_report', targetKind: 'report', targetId: `monthly:${SEED_MONTH}` })).toBe(
      1,
    );
    const a = await login(bot.app, admin.username);
    expect((await a.get(`/admin/api/reports/monthly?month=${SEED_MONTH}`)).body.requests.total).toBe(6);
  });

  it('defaults to the previous Bangkok month', async () => {
    const res = await s.get('/admin/api/reports/monthly');
    expect(res.status).toBe(200);
    expect(res.body.month).toBe(previousMonth());
  });

  it('refuses a malformed or future month, and unknown keys', async () => {
    expect((await s.get('/admin/api/reports/monthly?month=2026-13')).body.error).toBe('invalid_input');
    expect((await s.get('/admin/api/reports/monthly?month=09-2026')).status).toBe(400);
    expect((await s.get('/admin/api/reports/monthly?month=2999-01')).body.error).toBe('future_month');
    expect((await s.get('/admin/api/reports/monthly?month=2026-09&village=x')).status).toBe(400);
  });

  it('is closed to volunteers and to anyone not logged in', async () => {
    const v = await login(bot.app, volunteer.username);
    expect(v.user.role).toBe('volunteer');
    const res = await v.get(`/admin/api/reports/monthly?month=${SEED_MONTH}`);
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('forbidden');
    expect((await v.get(`/admin/api/reports/monthly.csv?month=${SEED_MONTH}`)).status).toBe(403);
    const me = await v.get('/admin/api/me');
    expect(me.body.permissions).not.toContain('reports:read');
    expect((await s.get('/admin/api/me')).body.permissions).toContain('reports:read');
  });

  it('downloads the tables as CSV for Excel (audited as an export)', async () => {
    const res = await s
      .get(`/admin/api/reports/monthly.csv?month=${SEED_MONTH}`)
      .buffer(true)
      .parse((r, cb) => {
        let data = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (data += c));
        r.on('end', () => cb(null, data));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="report-${SEED_MONTH}.csv"`);
    const text = res.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('รายงานประจำเดือน กันยายน 2569');
    expect(lines[1]).toBe('ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อน');
    const after = (title: string) => lines.slice(lines.indexOf(title) + 2, lines.indexOf('', lines.indexOf(title)));
    expect(after('คำร้องตามเรื่อง')).toContain('ผู้สูงอายุ,2');
    expect(after('คำร้องตามเรื่อง')).toContain('ที่อยู่อาศัย,0');
    expect(after('คำร้องตามหมู่บ้าน')).toEqual(['บ้านหลวง,2', 'บ้านป่าเหมี้ยง,1', 'บ้านแจ้ซ้อนเหนือ,1', 'นอกพื้นที่,1', 'ไม่ระบุ,1']);
    expect(after('เวลาตั้งแต่ยื่นคำร้องถึงการติดต่อครั้งแรกของเจ้าหน้าที่')).toEqual([
      'คำร้องที่ติดต่อแล้ว,5',
      'คำร้องที่ยังไม่ได้ติดต่อ,1',
      'ค่ามัธยฐาน (นาที),30',
      'เปอร์เซ็นไทล์ที่ 90 (นาที),76',
    ]);
    expect(after('การมาตามนัด')).toEqual(['มาตามนัด,3', 'ไม่มาตามนัด,1', 'อัตราการมาตามนัด (%),75']);
    expect(after('การรับทราบแจ้งเตือนอันตราย')).toContain('ค่ามัธยฐานของเวลาถึงการรับทราบ (นาที),15');
    expect(await AuditLog.countDocuments({ actorId: staff.id, action: 'export_csv', targetKind: 'report', targetId: `monthly:${SEED_MONTH}` })).toBe(
      1,
    );
  });
});

describe('chart.js served by the app', () => {
  it('serves the pinned UMD file under the strict CSP, and nothing else of node_modules', async () => {
    const js = await request(bot.app).get('/admin/static/vendor/chart.umd.min.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.text.slice(0, 40)).toMatch(/Chart\.js v4\.6\.1/);
    expect(js.headers['content-security-policy']).toContain("script-src 'self'");
    expect(js.headers['content-security-policy']).not.toContain('unsafe');
    for (const other of [
      '/admin/static/vendor/chart.js',
      '/admin/static/vendor/../../../package.json',
      '/admin/static/vendor/%2e%2e/%2e%2e/package.json',
    ]) {
      const res = await request(bot.app).get(other);
      expect([other, res.headers['content-type']]).toEqual([other, expect.stringMatching(/^text\/html/)]);
    }
  });
});
