/**
 * Pairing the staff LINE group through the signed webhook and the staff API: a group that adds the bot gets a
 * polite answer and nothing else; a code shown in the console and typed in the group pairs it (alerts go there);
 * wrong, expired, used-up and spent codes are refused; the bot leaving unpairs; STAFF_GROUP_ID pins the group;
 * every pairing and unpairing is audited.
 */
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { textEvent } from '../helpers/line';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { AuditLog } from '../../src/db/models/auditLog';
import { Setting, getSetting, putSetting } from '../../src/db/models/setting';
import { PAIRING_CODE_SETTING } from '../../src/admin/groupPairing';
import { login, makeStaff, storeRequest, type LoggedIn, type Staff } from './helpers';

const GROUP = `C${'a1'.repeat(16)}`;
const OTHER = `C${'b2'.repeat(16)}`;

let db: TestDb;
let bot: TestBot;
let line: NockLine;
let admin: Staff;
let staff: Staff;
let a: LoggedIn;
let seq = 0;

const replyTo = (token: string): string[] => (line.replies().find((c) => c.body.replyToken === token)?.body.messages ?? []).map((m: any) => m.text);
const pushedTo = (to: string): string[] =>
  line
    .pushes()
    .filter((c) => c.body.to === to && c.status === 200)
    .flatMap((c) => c.body.messages.map((m: any) => m.text));

/** One event in a group, posted through the signed webhook; resolves with the bot's answer in that group. */
async function inGroup(groupId: string, event: Record<string, unknown>): Promise<string[]> {
  const replyToken = `group-reply-${++seq}-${'0'.repeat(20)}`;
  await bot.post({ ...event, replyToken, source: { type: 'group', groupId, userId: 'U' + 'c3'.repeat(16) } });
  await bot.settle();
  return replyTo(replyToken);
}
const join = (groupId: string) =>
  inGroup(groupId, {
    type: 'join',
    timestamp: Date.now(),
    webhookEventId: `01JOIN${++seq}${Date.now()}`,
    mode: 'active',
    deliveryContext: { isRedelivery: false },
  });
const say = (groupId: string, text: string, extra: Record<string, unknown> = {}) => {
  const e = textEvent('U' + 'c3'.repeat(16), text);
  return inGroup(groupId, { ...e, message: { ...e.message, ...extra } });
};
async function leave(groupId: string): Promise<void> {
  await bot.post({
    type: 'leave',
    timestamp: Date.now(),
    webhookEventId: `01LEAVE${++seq}${Date.now()}`,
    mode: 'active',
    deliveryContext: { isRedelivery: false },
    source: { type: 'group', groupId },
  });
  await bot.settle();
}
/** An alert waiting for the staff group. */
async function waitingAlert(): Promise<string> {
  await StaffAlert.updateMany({}, { $set: { deliveredAt: new Date() } });
  const r = await storeRequest();
  await StaffAlert.create({ kind: 'new_request', lineUserId: r.lineUserId, reference: r.reference, source: `request:${r.reference}` });
  return r.reference as string;
}
const pairedGroup = async () => (await getSetting<string>('staffGroupId'))?.value;

beforeAll(async () => {
  db = await connectTestDb();
  [admin, staff] = await Promise.all([makeStaff('admin'), makeStaff('staff')]);
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  line = nockLine();
  bot = startTestBot({ PUBLIC_BASE_URL: 'http://bot.chaeson.test' });
  a = await login(bot.app, admin.username);
});
afterEach(async () => {
  await bot.stop();
  line.done();
  await Setting.deleteMany({});
});

describe('a group that adds the bot without pairing', () => {
  it('gets one polite answer, no alerts, no commands; a mention gets the same answer, other talk nothing', async () => {
    const reference = await waitingAlert();
    const answer = await join(OTHER);
    expect(answer).toHaveLength(1);
    expect(answer[0]).toContain('จับคู่แล้วเท่านั้นค่ะ');
    expect(answer[0]).toContain('สร้างรหัสจับคู่');
    expect(await pairedGroup()).toBeUndefined();
    await bot.staff.alerts.sweep();
    expect(line.pushes().filter((c) => c.body.to === OTHER)).toEqual([]);
    expect(await StaffAlert.countDocuments({ reference, deliveredAt: null })).toBe(1);
    // Commands of the staff group do nothing there; plain talk is ignored; a mention of the bot is answered.
    expect(await say(OTHER, '/id')).toEqual([]);
    expect(await say(OTHER, `ปิด ${reference}`)).toEqual([]);
    expect(await say(OTHER, 'สวัสดีทุกคน')).toEqual([]);
    const mentioned = await say(OTHER, '@ศูนย์ฯ แจ้ซ้อน ช่วยหน่อย', {
      mention: { mentionees: [{ index: 0, length: 13, type: 'user', userId: 'U' + 'd4'.repeat(16), isSelf: true }] },
    });
    expect(mentioned).toEqual([answer[0]]);
    const otherMention = await say(OTHER, '@สมชาย มาประชุม', {
      mention: { mentionees: [{ index: 0, length: 6, type: 'user', userId: 'U' + 'e5'.repeat(16) }] },
    });
    expect(otherMention).toEqual([]);
    expect(line.pushes().filter((c) => c.body.to === OTHER)).toEqual([]);
  });
});

describe('pairing with a code from the console', () => {
  it('pairs the group where the code is typed; waiting alerts go there; the console confirms; audited', async () => {
    const since = new Date();
    const reference = await waitingAlert();
    await join(GROUP);
    // Only an admin can show a code.
    const asStaff = await login(bot.app, staff.username);
    expect((await asStaff.post('/admin/api/settings/staff-group/code')).status).toBe(403);
    const shown = await a.post('/admin/api/settings/staff-group/code');
    expect(shown.status).toBe(200);
    expect(shown.body.code).toMatch(/^\d{6}$/);
    const ttl = new Date(shown.body.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    expect((await a.get('/admin/api/settings/staff-group')).body).toEqual({ configured: false, pendingUntil: shown.body.expiresAt });
    // Stored hashed: the code itself is nowhere in the database.
    expect(JSON.stringify(await Setting.find().lean())).not.toContain(shown.body.code);

    // Typed in the group, in Thai digits and split as people read it aloud.
    const thai = shown.body.code.replace(/\d/g, (d: string) => '๐๑๒๓๔๕๖๗๘๙'[Number(d)]);
    const answer = await say(GROUP, `${thai.slice(0, 3)} ${thai.slice(3)}`);
    expect(answer[0]).toContain('จับคู่สำเร็จค่ะ');
    expect(answer[0]).toContain('ปิด <รหัส>');
    expect(await pairedGroup()).toBe(GROUP);
    await bot.staff.alerts.sweep();
    expect(pushedTo(GROUP).some((t) => t.includes(reference) && t.includes('http://bot.chaeson.test/admin/requests/'))).toBe(true);

    const view = (await a.get('/admin/api/settings/staff-group')).body;
    expect(view).toMatchObject({ configured: false, group: 'C…a1a1a1', pairedBy: admin.username });
    expect(view.pendingUntil).toBeUndefined();
    expect(new Date(view.pairedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Now a staff group: its commands work.
    expect((await say(GROUP, '/id'))[0]).toContain(GROUP);
    // Six digits in the staff group with no code pending are just talk.
    expect(await say(GROUP, '123456')).toEqual([]);

    // The code was for one use: typed again in another group it is refused, and that group gets nothing.
    expect(await say(OTHER, shown.body.code)).toEqual(['รหัสไม่ถูกต้อง หรือหมดอายุแล้วค่ะ\nกรุณาขอรหัสใหม่จากผู้ดูแลระบบนะคะ']);
    expect(await pairedGroup()).toBe(GROUP);

    const audit = await AuditLog.find({ action: { $in: ['create_pairing_code', 'pair_staff_group'] }, at: { $gte: since } })
      .sort({ at: 1 })
      .lean();
    expect(audit.map((x) => [x.action, x.actor])).toEqual([
      ['create_pairing_code', admin.username],
      ['pair_staff_group', admin.username],
    ]);
    expect(audit[1]!.detail).toMatchObject({ group: 'C…a1a1a1' });
  });

  it('refuses a wrong code, an expired code, and a code after five wrong tries, politely', async () => {
    const refused = 'รหัสไม่ถูกต้อง หรือหมดอายุแล้วค่ะ\nกรุณาขอรหัสใหม่จากผู้ดูแลระบบนะคะ';
    // No code shown at all.
    expect(await say(OTHER, '123456')).toEqual([refused]);
    // A wrong code.
    const { code } = (await a.post('/admin/api/settings/staff-group/code')).body;
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await say(OTHER, `รหัส ${wrong}`)).toEqual([refused]);
    expect(await pairedGroup()).toBeUndefined();
    // An expired code.
    await Setting.updateOne({ _id: PAIRING_CODE_SETTING }, { $set: { 'value.expiresAt': new Date(Date.now() - 1000) } });
    expect(await say(OTHER, code)).toEqual([refused]);
    expect(await pairedGroup()).toBeUndefined();
    expect((await a.get('/admin/api/settings/staff-group')).body).toEqual({ configured: false });
    // Five wrong tries use a code up: guessing a million codes is not an option.
    const fresh = (await a.post('/admin/api/settings/staff-group/code')).body.code as string;
    const wrongs = ['000000', '111111', '222222', '333333', '444444', '555555', '666666'].filter((c) => c !== fresh).slice(0, 5);
    for (const w of wrongs) expect(await say(OTHER, w)).toEqual([refused]);
    expect(await say(GROUP, fresh)).toEqual([refused]);
    expect(await pairedGroup()).toBeUndefined();
    // An admin may cancel a code shown by mistake.
    const third = (await a.post('/admin/api/settings/staff-group/code')).body.code as string;
    expect((await a.post('/admin/api/settings/staff-group', { action: 'cancel_code' })).body).toEqual({ configured: false });
    expect(await say(GROUP, third)).toEqual([refused]);
    expect(await pairedGroup()).toBeUndefined();
  });
});

describe('unpairing', () => {
  async function pair(groupId: string) {
    const { code } = (await a.post('/admin/api/settings/staff-group/code')).body;
    expect((await say(groupId, code))[0]).toContain('จับคู่สำเร็จ');
  }

  it('happens when the bot leaves or is removed from the group: alerts wait again; audited', async () => {
    await pair(GROUP);
    await leave(OTHER); // leaving another group changes nothing
    expect(await pairedGroup()).toBe(GROUP);
    await leave(GROUP);
    expect(await pairedGroup()).toBeUndefined();
    const reference = await waitingAlert();
    await bot.staff.alerts.sweep();
    expect(pushedTo(GROUP).some((t) => t.includes(reference))).toBe(false);
    expect(await StaffAlert.countDocuments({ reference, deliveredAt: null })).toBe(1);
    // Added back, the group is not the staff group until paired again.
    expect((await join(GROUP))[0]).toContain('จับคู่แล้วเท่านั้น');
    expect(await pairedGroup()).toBeUndefined();
    const entry = await AuditLog.findOne({ action: 'unpair_staff_group' }).sort({ at: -1 }).lean();
    expect(entry).toMatchObject({ actor: 'line', detail: { group: 'C…a1a1a1', reason: 'bot_left_group' } });
  });

  it('happens from the console (ยกเลิกการจับคู่); a new code moves the alerts to another group', async () => {
    const since = new Date();
    await pair(GROUP);
    await pair(OTHER);
    expect(await pairedGroup()).toBe(OTHER);
    expect(await say(GROUP, '/id')).toEqual([]);
    const r = await a.post('/admin/api/settings/staff-group', { action: 'unpair' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ configured: false });
    expect(await pairedGroup()).toBeUndefined();
    expect((await a.post('/admin/api/settings/staff-group', { action: 'unpair' })).status).toBe(409);
    const entries = await AuditLog.find({ action: { $in: ['pair_staff_group', 'unpair_staff_group'] }, at: { $gte: since } })
      .sort({ at: 1 })
      .lean();
    expect(entries.map((x) => [x.action, x.actor, (x.detail as any).group])).toEqual([
      ['pair_staff_group', admin.username, 'C…a1a1a1'],
      ['pair_staff_group', admin.username, 'C…b2b2b2'],
      ['unpair_staff_group', admin.username, 'C…b2b2b2'],
    ]);
  });
});

describe('STAFF_GROUP_ID', () => {
  it('pins the group: no pairing, other groups get a polite answer; a group stored by an old join is forgotten', async () => {
    await bot.stop();
    bot = startTestBot({ STAFF_GROUP_ID: GROUP });
    a = await login(bot.app, admin.username);
    expect((await a.post('/admin/api/settings/staff-group/code')).status).toBe(409);
    expect((await a.get('/admin/api/settings/staff-group')).body).toEqual({ configured: true, group: 'C…a1a1a1' });
    expect((await join(OTHER))[0]).toBe('บอทนี้ส่งแจ้งเตือนเฉพาะกลุ่มเจ้าหน้าที่ที่กำหนดไว้เท่านั้นค่ะ');
    expect(await say(OTHER, '123456')).toEqual([]);
    expect((await join(GROUP))[0]).toContain('กลุ่มนี้เป็นกลุ่มเจ้าหน้าที่');
    await leave(GROUP);
    expect((await say(GROUP, '/id'))[0]).toContain(GROUP);

    // Before pairing existed, the last group the bot joined was stored as the staff group: not trusted any more.
    await bot.stop();
    await putSetting('staffGroupId', OTHER, 'join');
    bot = startTestBot({});
    a = await login(bot.app, admin.username);
    const reference = await waitingAlert();
    await bot.staff.alerts.sweep();
    expect(pushedTo(OTHER).some((t) => t.includes(reference))).toBe(false);
    expect(await say(OTHER, '/id')).toEqual([]);
    expect((await a.get('/admin/api/settings/staff-group')).body).toEqual({ configured: false });
  });
});
