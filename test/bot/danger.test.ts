/**
 * A person at risk is always met, end to end through the signed webhook: a suicide hint typed at every step of
 * every flow (each step reached by its normal answers) brings the self-harm card, leaves the step's answer
 * unchanged, and "ทำเรื่องเดิมต่อ" asks the same step again; each leaves a console alert open until a staff
 * member acknowledges it (admin API). Also: the caregiver at risk recorded on the request, no false alarm on
 * "ไม่ถึงกับด่วนมาก", the gentle question when unsure, the hotline card, and "staff were told" only when true.
 */
import { DateTime } from 'luxon';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { Citizen, lineLimitProblems } from '../helpers/chat';
import { login, makeStaff } from '../admin/helpers';
import { flows } from '../../flows';
import { everyStep, textsOf, ctx as exploreCtx } from '../robustness/driver';
import { Session } from '../../src/db/models/session';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { StaffUser } from '../../src/db/models/staffUser';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { AuditLog } from '../../src/db/models/auditLog';
import { isBusinessDay, nextBusinessDays } from '../../src/domain/calendar/businessDays';
import { toBangkok } from '../../src/domain/bangkokTime';

const plus = (iso: string, days: number) => toBangkok(iso).plus({ days }).toISODate()!;
const DAY = nextBusinessDays(new Date(), 40, { includeStart: false }).find((d) => isBusinessDay(plus(d, 1)))!;
const OFFICE_OPEN = DateTime.fromISO(`${DAY}T10:40`, { zone: 'Asia/Bangkok' }).toJSDate();
const NIGHT = DateTime.fromISO(`${DAY}T21:15`, { zone: 'Asia/Bangkok' }).toJSDate();

const HINT = 'เหนื่อยมากครับ ดูแลพ่อคนเดียวมาสองปี ไม่อยากอยู่แล้ว';
const SELF_HARM_CARD = 'คุณไม่ได้อยู่คนเดียวนะคะ';
const RESUME = 'ทำเรื่องเดิมต่อ';

let db: TestDb;
let bot: TestBot;
let line: NockLine;
let clock = OFFICE_OPEN;
let n = 0;

beforeAll(async () => {
  db = await connectTestDb();
  line = nockLine({ profile: { displayName: 'สมชาย', language: 'th' } });
  bot = startTestBot({ INBOX_SETTLE_MS: '0' }, undefined, { now: () => clock });
});
afterAll(async () => {
  await bot.stop();
  line.done();
  await db.close();
});
beforeEach(async () => {
  clock = OFFICE_OPEN;
  await StaffUser.deleteMany({});
});

const citizen = () => new Citizen(`U-danger-${++n}-${Date.now()}`, bot, line);
const flowOf = async (c: Citizen) =>
  (await Session.findOne({ lineUserId: c.userId }).lean())?.flow as { flow: string; step: string; data: object; history: string[] } | null;

/**
 * The normal answer at each step where tapping the first chip is not one, per flow: a chip label to tap, ">text"
 * to type, "@date" for the date picker's first day. Any other step is answered with its first chip.
 */
const ANSWERS: Record<string, Record<string, string>> = {
  requestHelp: {
    who: 'ญาติ/คนในครอบครัว',
    relation: 'พ่อ',
    name: '>สมบูรณ์ ใจดี',
    age: '>78',
    contactable: 'ติดต่อได้',
    category: 'ผู้สูงอายุ',
    urgency: 'ไม่เร่งด่วน',
    details: '>พ่ออยู่บ้านคนเดียว',
    photos: 'ข้าม',
    location: 'ข้าม',
    village: 'บ้านหลวง',
    phone: '>0812345678',
    nationalId: 'ข้าม',
    consent: 'ยินยอม',
    summary: 'ยืนยัน',
  },
  eligibility: { benefitPick: 'ไม่แน่ใจ', who: 'ญาติ/คนในครอบครัว', relation: 'แม่', situation: 'มีความพิการ', age: '>72' },
  booking: { purpose: 'ปรึกษาปัญหา', note: '>ปรึกษาเรื่องเบี้ย', who: 'ตัวเอง', name: '>สมชาย', date: '@date', phone: '>0812345678', summary: 'ยืนยัน' },
};
/** How each flow starts. */
const START: Record<string, string> = { requestHelp: 'ขอความช่วยเหลือ', eligibility: 'ตรวจสอบสิทธิ์', booking: 'นัดหมายเข้าพบ' };

async function give(c: Citizen, a: string | undefined) {
  if (a === undefined) {
    const first = c.chips().find((l) => l !== 'ย้อนกลับ' && l !== 'ยกเลิก');
    if (!first) throw new Error(`no chip to answer with; bot said: ${c.text()}`);
    return c.tap(first);
  }
  if (a.startsWith('>')) return c.say(a.slice(1));
  if (a === '@date') {
    const picker = c.datePicker();
    if (!picker) throw new Error(`no date picker; bot said: ${c.text()}`);
    return c.pickDate(picker.label, picker.min!);
  }
  return c.tap(a);
}

describe('a suicide hint typed at every step of every flow', () => {
  it.each(Object.keys(flows))(
    '%s: the self-harm card, the answer unchanged, ทำเรื่องเดิมต่อ asks the same step, an open alert each time',
    async (flowId) => {
      const c = citizen();
      await c.say(START[flowId]!);
      const visited: string[] = [];
      for (let i = 0; i < 30; i++) {
        const before = await flowOf(c);
        if (!before || before.flow !== flowId || before.step === 'result') break;
        const question = c.last[c.last.length - 1];
        const step = before.step;
        if (!visited.includes(step)) {
          visited.push(step);
          await c.say(HINT);
          expect({ step, text: c.text() }).toEqual({ step, text: expect.stringContaining(SELF_HARM_CARD) });
          expect(JSON.stringify(c.last)).toContain('tel:1323');
          expect(c.chips()).toEqual(['ติดต่อเจ้าหน้าที่', RESUME, 'โทร 1323']);
          expect(c.text()).not.toContain('ได้รับแจ้งแล้ว'); // no console user, no staff group: no such promise
          expect(await flowOf(c)).toEqual(before);
          await c.tap(RESUME);
          expect({ step, again: c.last[c.last.length - 1]?.text ?? c.last[c.last.length - 1]?.altText }).toEqual({
            step,
            again: question?.text ?? question?.altText,
          });
          expect(await flowOf(c)).toEqual(before);
        }
        await give(c, ANSWERS[flowId]![step]);
      }
      // eslint-disable-next-line no-console -- the figure the README quotes
      console.log(`${flowId}: hint typed at ${visited.length} steps: ${visited.join(', ')}`);
      // The path's steps are the flow's steps in order (a step this path has no reason to ask is skipped by the flow).
      expect(visited.length).toBeGreaterThanOrEqual(5);
      expect(visited.every((s) => flows[flowId]!.order.includes(s) || flowId === 'eligibility')).toBe(true);
      const open = await StaffAlert.find({ kind: 'danger', lineUserId: c.userId, acknowledgedAt: null }).lean();
      expect(open).toHaveLength(visited.length);
      expect(open.every((a) => a.danger === 'self_harm' && a.atRisk === 'speaker' && a.excerpt === HINT)).toBe(true);
    },
    60_000,
  );
});

describe('a suicide hint at every step the flows can reach (the state each step waits in, seeded as the session)', () => {
  // The walk above goes through the webhook along one path of answers; this covers the steps it does not reach
  // (booking's note and home visit, each benefit's questions): the registry is explored for a state at every step,
  // stored as the citizen's session, and the hint typed through the signed webhook.
  const steps = everyStep();
  it('reaches every step of every flow', () => {
    for (const id of Object.keys(flows))
      expect(
        steps
          .filter((s) => s.flow === id)
          .map((s) => s.step)
          .sort(),
      ).toEqual(expect.arrayContaining([...flows[id]!.order].sort()));
  });
  it.each(steps.map((s) => [`${s.flow}.${s.step}`, s] as const))(
    '%s: the card, the state unchanged, ทำเรื่องเดิมต่อ asks it again',
    async (_name, { state }) => {
      const c = citizen();
      await Session.updateOne({ lineUserId: c.userId }, { $set: { flow: state, touchedAt: clock } }, { upsert: true });
      const before = await flowOf(c);
      await c.say(HINT);
      expect(c.text()).toContain(SELF_HARM_CARD);
      expect(c.chips()).toEqual(['ติดต่อเจ้าหน้าที่', RESUME, 'โทร 1323']);
      expect(await flowOf(c)).toEqual(before);
      await c.tap(RESUME);
      const question = textsOf(flows[state.flow]!.askAgain(state, { ...exploreCtx, now: clock })).at(-1)!;
      expect(c.text()).toContain(question.split('\n')[0]);
      expect(await flowOf(c)).toEqual(before);
      expect(await StaffAlert.countDocuments({ kind: 'danger', lineUserId: c.userId, acknowledgedAt: null })).toBe(1);
    },
  );
});

describe('the person at risk and the console', () => {
  it('a caregiver at risk mid-form: the card, the name untouched, then the request says the speaker was at risk; the alert is open until acknowledged', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ญาติ/คนในครอบครัว');
    await c.tap('พ่อ');
    expect(c.text()).toContain('ชื่อ');
    await c.say(HINT);
    expect(c.text()).toContain(SELF_HARM_CARD);
    expect(c.text()).not.toContain('อายุเท่าไร');
    await c.tap(RESUME);
    await c.say('สมบูรณ์ ใจดี');
    for (const a of ['>78', 'ติดต่อได้', 'ผู้สูงอายุ', 'ไม่เร่งด่วน', '>พ่อติดเตียง', 'ข้าม', 'ข้าม', 'บ้านหลวง', '>0812345678', 'ข้าม', 'ยินยอม']) await give(c, a);
    expect(c.text()).toContain('พ่อ (สมบูรณ์ ใจดี)');
    expect(c.text()).not.toContain('ไม่อยากอยู่แล้ว');
    await c.tap('ยืนยัน');
    // Urgent, but no console account and no staff group yet: no claim that staff were told; the 24-hour number.
    expect(c.text()).toContain('เรื่องนี้เป็นเรื่องด่วน');
    expect(c.text()).not.toMatch(/ได้รับแจ้ง|แจ้งเจ้าหน้าที่/);
    expect(c.text()).toContain('โทร 1300 ได้ตลอด 24 ชั่วโมง');
    const reference = c.text().match(/CS-\d{4}-\d{5}/)![0];
    const r = await HelpRequest.findOne({ reference }).lean();
    expect(r).toMatchObject({
      beneficiary: { who: 'relative', relation: 'father', name: 'สมบูรณ์ ใจดี' },
      danger: 'self_harm',
      atRisk: 'speaker',
      urgent: true,
    });

    // Staff see the alert in the open list and acknowledge it: it leaves the list, who and when are kept, audited.
    const staff = await makeStaff('staff', { displayName: 'สมศรี ใจงาม' });
    const s = await login(bot.app, staff.username);
    // The menu's counter is not an audited read of personal data; the list is.
    expect((await s.get('/admin/api/alerts/count').expect(200)).body.open).toBeGreaterThanOrEqual(1);
    expect(await AuditLog.exists({ action: 'list_alerts', actorId: staff.id })).toBeFalsy();
    const list = await s.get('/admin/api/alerts').expect(200);
    expect(await AuditLog.exists({ action: 'list_alerts', actorId: staff.id })).toBeTruthy();
    const mine = list.body.alerts.find((a: { lineUserId: string }) => a.lineUserId === c.userId);
    expect(mine).toMatchObject({ kind: 'self_harm', atRisk: 'speaker', excerpt: HINT, displayName: 'สมชาย', reference });
    await s.post(`/admin/api/alerts/${mine.id}/ack`).expect(200);
    const after = await s.get('/admin/api/alerts').expect(200);
    expect(after.body.alerts.some((a: { id: string }) => a.id === mine.id)).toBe(false);
    expect(await StaffAlert.findById(mine.id).lean()).toMatchObject({ acknowledgedBy: { id: staff.id, name: 'สมศรี ใจงาม' } });
    expect(await AuditLog.exists({ action: 'ack_alert', targetId: mine.id, actorId: staff.id })).toBeTruthy();
    await s.post(`/admin/api/alerts/${mine.id}/ack`).expect(409);
  });

  it('outside a flow: the card with ติดต่อเจ้าหน้าที่ / เมนู, and no form starts by itself', async () => {
    const c = citizen();
    await c.say('ไม่อยากอยู่แล้ว');
    expect(c.text()).toContain(SELF_HARM_CARD);
    expect(c.chips()).toEqual(['ติดต่อเจ้าหน้าที่', 'เมนู', 'โทร 1323']);
    expect(await flowOf(c)).toBeNull();
    expect(c.text()).not.toContain('ผู้ที่ต้องการความช่วยเหลือคือใคร');
  });

  it('each kind has its own card: violence 191 and 1300, medical 1669', async () => {
    const c = citizen();
    await c.say('ผัวตีทุกวัน');
    expect(c.text()).toContain('ความปลอดภัยของคุณสำคัญที่สุด');
    expect(JSON.stringify(c.last)).toContain('tel:191');
    expect(JSON.stringify(c.last)).toContain('tel:1300');
    expect(c.chips()).toContain('โทร 191');
    await c.say('แม่หมดสติ ไม่หายใจ');
    expect(c.text()).toContain('โทร 1669 ทันที');
    expect(c.chips()).toContain('โทร 1669');
    expect(JSON.stringify(c.last)).not.toContain('tel:1323');
  });

  it('when the one at risk is the person written about, the card speaks to the one writing: stay close, 1323 for advice', async () => {
    const c = citizen();
    await c.say('แม่บอกว่าไม่อยากอยู่แล้ว เป็นภาระลูก');
    expect(c.text()).toContain('อยู่ใกล้ ๆ เขาไว้นะคะ');
    expect(c.text()).toContain('อย่าปล่อยให้เขาอยู่คนเดียว');
    expect(c.text()).not.toContain(SELF_HARM_CARD);
    expect(JSON.stringify(c.last)).toContain('tel:1323');
    expect(c.chips()).toContain('โทร 1323');
    await c.say('ผัวตีลูกทุกวัน');
    expect(c.text()).toContain('ความปลอดภัยของทุกคนสำคัญที่สุด');
    expect(JSON.stringify(c.last)).toContain('tel:191');
  });

  it('no false alarm: "ไม่ถึงกับด่วนมาก" is neither danger nor urgent', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    for (const a of ['ตัวเอง', '>สมหญิง ดีใจ', '>66', 'ผู้สูงอายุ']) await give(c, a);
    await c.tap('ภายในสัปดาห์นี้');
    await c.say('ไม่ถึงกับด่วนมากค่ะ แต่อยากให้มาดูภายในอาทิตย์นี้');
    expect(c.text()).not.toContain('โทร');
    for (const a of ['ข้าม', 'ข้าม', 'บ้านหลวง', '>0812345678', 'ข้าม', 'ยินยอม', 'ยืนยัน']) await give(c, a);
    expect(c.text()).not.toContain('เรื่องนี้เป็นเรื่องด่วน');
    const reference = c.text().match(/CS-\d{4}-\d{5}/)![0];
    const r = await HelpRequest.findOne({ reference }).lean();
    expect(r).toMatchObject({ urgency: 'soon', urgent: false, details: 'ไม่ถึงกับด่วนมากค่ะ แต่อยากให้มาดูภายในอาทิตย์นี้' });
    expect(r?.danger).toBeUndefined();
    expect(await StaffAlert.countDocuments({ kind: 'danger', lineUserId: c.userId })).toBe(0);
  });

  it('unsure: one gentle question; ไม่ปลอดภัย brings the card and an alert, ปลอดภัยดี goes back to the step without one', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ตัวเอง');
    await c.say('เบื่อชีวิตมาก');
    expect(c.text()).toContain('ตอนนี้คุณปลอดภัยไหมคะ');
    expect(c.chips()).toEqual(['ปลอดภัยดี', 'ไม่ปลอดภัย', 'ติดต่อเจ้าหน้าที่']);
    expect(await StaffAlert.countDocuments({ kind: 'danger', lineUserId: c.userId })).toBe(0);
    await c.tap('ปลอดภัยดี');
    expect(c.text()).toContain('ดีใจที่คุณปลอดภัย');
    expect(c.text()).toContain('ชื่อ');
    expect(await StaffAlert.countDocuments({ kind: 'danger', lineUserId: c.userId })).toBe(0);
    await c.say('หมดหวังแล้วค่ะ');
    await c.tap('ไม่ปลอดภัย');
    expect(c.text()).toContain(SELF_HARM_CARD);
    expect(await StaffAlert.countDocuments({ kind: 'danger', lineUserId: c.userId, danger: 'self_harm' })).toBe(1);
    expect((await flowOf(c))?.step).toBe('name');
  });

  it('asking for a hotline gets the number card, no alarm', async () => {
    const c = citizen();
    await c.say('เบอร์สายด่วนซึมเศร้าเบอร์อะไร');
    expect(c.text()).toContain('1323');
    expect(c.text()).not.toContain(SELF_HARM_CARD);
    expect(await StaffAlert.countDocuments({ kind: 'danger', lineUserId: c.userId })).toBe(0);
  });

  it('says staff were told only when true: a console user in office hours; at night when they will see it and the 24-hour number', async () => {
    await makeStaff('staff');
    const c = citizen();
    await c.say('อยากตาย');
    expect(c.text()).toContain('เจ้าหน้าที่ศูนย์ฯ ได้รับแจ้งแล้ว');
    clock = NIGHT;
    await c.say('I want to die');
    // Written in English: answered in English from now on (the same facts as the Thai card).
    expect(c.text()).toContain('The office is closed now; staff will see this');
    expect(c.text()).toContain('call 1323 any time, 24 hours a day');
    await StaffUser.deleteMany({});
    await c.say('ภาษาไทย');
    await c.say('ไม่อยากมีชีวิตอยู่แล้ว');
    expect(c.text()).toContain('1323');
    expect(c.text()).not.toMatch(/แจ้งเจ้าหน้าที่|ได้รับแจ้ง/);
  });

  it('an urgent request says staff were told only when someone will see it: now in office hours, when at night', async () => {
    await makeStaff('staff');
    const file = async (c: Citizen) => {
      await c.say('ขอความช่วยเหลือ');
      for (const a of [
        'ตัวเอง',
        '>สมหญิง ดีใจ',
        '>66',
        'ผู้สูงอายุ',
        'ด่วนมาก',
        '>หกล้มลุกไม่ได้',
        'ข้าม',
        'ข้าม',
        'บ้านหลวง',
        '>0812345678',
        'ข้าม',
        'ยินยอม',
        'ยืนยัน',
      ])
        await give(c, a);
    };
    const day = citizen();
    await file(day);
    expect(day.text()).toContain('เรื่องนี้เป็นเรื่องด่วน เจ้าหน้าที่ได้รับแจ้งแล้วค่ะ');
    clock = NIGHT;
    const night = citizen();
    await file(night);
    expect(night.text()).toContain('นอกเวลาทำการ เจ้าหน้าที่จะเห็นเรื่องนี้');
    expect(night.text()).not.toContain('ได้รับแจ้งแล้ว');
  });

  it('every reply of this file fits LINE (messages, chips, labels, call chips)', () => {
    expect(lineLimitProblems(line.calls)).toEqual([]);
  });
});
