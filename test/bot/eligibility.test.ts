/**
 * ตรวจสอบสิทธิ์ end to end through the signed webhook: every benefit's outcomes from the rule data, the old-age
 * amount at each band boundary, "ไม่แน่ใจ", a relative, carrying answers on, and the "Done when".
 * The bot's clock is a business day at 10:40 (Bangkok) picked from the calendar data, so nothing rots.
 */
import { DateTime } from 'luxon';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { Citizen, lineLimitProblems } from '../helpers/chat';
import { Session } from '../../src/db/models/session';
import { Booking } from '../../src/db/models/booking';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { nextBusinessDays } from '../../src/domain/calendar/businessDays';
import { bookableDates, slotsFor } from '../../src/domain/calendar/slots';
import { buddhistYearOf } from '../../src/domain/bangkokTime';
import { formatThaiDate, formatThaiDateTime } from '../../src/domain/thai/dates';

const DAY = nextBusinessDays(new Date(), 1, { includeStart: false })[0];
const NOW = DateTime.fromISO(`${DAY}T10:40`, { zone: 'Asia/Bangkok' }).toJSDate();

let db: TestDb;
let bot: TestBot;
let line: NockLine;
let n = 0;
/** LINE calls of a bot stopped mid-file (the English test starts its own), for the limits check. */
const earlierCalls: NockLine['calls'] = [];

// One bot for the file (each test is a new citizen): starting one per test costs more than the turns.
beforeAll(async () => {
  db = await connectTestDb();
  line = nockLine({ profile: { displayName: 'สมใจ', language: 'th' } });
  bot = startTestBot({ INBOX_SETTLE_MS: '0' }, undefined, { now: () => NOW });
});
afterAll(async () => {
  await bot.stop();
  line.done();
  await db.close();
});

const citizen = () => new Citizen(`U-elig-${++n}-${Date.now()}`, bot, line);

async function stepOf(c: Citizen): Promise<string | undefined> {
  const s = await Session.findOne({ lineUserId: c.userId }).lean();
  return (s?.flow as { flow: string; step: string } | null)?.step;
}

/**
 * Answers whatever the flow asks until the result, from a table step → answer (a chip label to tap, or
 * ">text" to type). Fails on a question not in the table, so a case also proves only the needed questions
 * are asked. Returns the steps asked, in order.
 */
async function answerUntilResult(c: Citizen, answers: Record<string, string>): Promise<string[]> {
  const asked: string[] = [];
  for (let i = 0; i < 15; i++) {
    const step = await stepOf(c);
    if (step === 'result') return asked;
    const a = step === undefined ? undefined : answers[step];
    if (a === undefined) throw new Error(`unexpected question "${step}" after ${JSON.stringify(asked)}; bot said: ${c.text()}`);
    asked.push(step!);
    if (a.startsWith('>')) await c.say(a.slice(1));
    else await c.tap(a);
  }
  throw new Error('no result after 15 answers');
}

const ELIGIBLE = 'น่าจะมีสิทธิ์';
const NOT_ELIGIBLE = 'ยังไม่เข้าเกณฑ์';
const STAFF = 'เจ้าหน้าที่ต้องตรวจสอบเพิ่ม';
const ALL_YES_OLD = { thai_nationality: 'ใช่', registered_in_area: 'ใช่', receives_state_pension: 'ไม่ใช่', in_state_care_home: 'ไม่ใช่' };

describe('the issue\'s "Done when": a 72-year-old mother', () => {
  it('learns in a few turns she likely gets 700 baht a month, what to bring, books her the next open weekday, and sees it under ติดตามคำร้อง', async () => {
    const c = citizen();
    await c.say('แม่อายุ 72 ได้เบี้ยยังชีพไหม');
    // Benefit, who (her mother) and age came from the sentence: only the four remaining rule questions are asked,
    // about "คุณแม่" (the mother named), not "the person claiming".
    expect(c.text()).toContain('คุณแม่มีสัญชาติไทยไหมคะ');
    expect(await answerUntilResult(c, ALL_YES_OLD)).toEqual([
      'thai_nationality',
      'registered_in_area',
      'receives_state_pension',
      'in_state_care_home',
    ]);
    const result = c.text();
    expect(result).toContain('เบี้ยยังชีพผู้สูงอายุ');
    expect(result).toContain(ELIGIBLE);
    expect(result).toContain('700 บาทต่อเดือน');
    for (const doc of ['บัตรประจำตัวประชาชน', 'ทะเบียนบ้าน', 'สมุดบัญชีเงินฝากธนาคาร']) expect(result).toContain(doc);
    expect(result).toContain('องค์การบริหารส่วนตำบลแจ้ซ้อน');
    expect(c.chips()).toEqual(expect.arrayContaining(['นัดวันไปยื่นเรื่อง', 'ส่งคำร้องขอช่วยเหลือ', 'ตรวจสิทธิ์อื่น', 'กลับเมนูหลัก']));

    await c.tap('นัดวันไปยื่นเรื่อง');
    // Purpose and whom came over from the check; the visitor's name is asked once the time is chosen.
    const next = bookableDates(NOW, 1)[0];
    const chip = formatThaiDate(next, { style: 'short', weekday: true });
    expect(c.chips()[0]).toBe(chip);
    await c.tap(chip);
    const first = slotsFor(next, NOW)[0];
    await c.tap(`${first.time} น.`);
    expect(c.text()).toContain('ขอชื่อ-นามสกุลของผู้ที่จะมาพบเจ้าหน้าที่');
    await c.say('นางบัวคำ ใจดี ค่ะ');
    await c.say('๐๘๑ ๒๓๔ ๕๖๗๘');
    await c.tap('ยืนยัน');
    const when = formatThaiDateTime(`${next}T${first.time}`, { weekday: true });
    expect(when).toMatch(/^วัน.+ที่ \d{1,2} .+ 25\d\d เวลา \d\d:\d\d น\.$/);
    expect(c.text()).toContain(when);
    const reference = c.text().match(new RegExp(`NB-${buddhistYearOf(NOW)}-\\d{5}`))![0];

    const saved = await Booking.findOne({ reference }).lean();
    expect(saved).toMatchObject({
      lineUserId: c.userId,
      purpose: 'register_old_age',
      beneficiary: { who: 'relative', relation: 'mother', name: 'นางบัวคำ ใจดี', age: 72 },
      eligibility: { benefit: 'old_age_allowance', outcome: 'eligible' },
      date: next,
      time: first.time,
      phone: '0812345678',
      status: 'booked',
    });
    expect(await StaffAlert.countDocuments({ kind: 'booking', reference })).toBe(1);

    await c.tap('ติดตามคำร้อง');
    expect(c.text()).toContain(reference);
    expect(c.text()).toContain(when);
    expect(c.text()).toContain('[เลื่อนนัด]');
  });
});

describe('outcomes of every benefit, from the rule data', () => {
  it('from the menu: pick the benefit, whom, age', async () => {
    const c = citizen();
    await c.say('ตรวจสอบสิทธิ์');
    expect(c.text()).toContain('ต้องการตรวจสอบสิทธิ์เรื่องไหนคะ');
    await c.tap('เบี้ยยังชีพผู้สูงอายุ');
    expect(c.text()).toContain('ตรวจสอบสิทธิ์ให้ใครคะ');
    await c.tap('ตัวเอง');
    expect(await answerUntilResult(c, { age: '>เกิด พ.ศ. 2490', ...ALL_YES_OLD })).toEqual([
      'age',
      'thai_nationality',
      'registered_in_area',
      'receives_state_pension',
      'in_state_care_home',
    ]);
    expect(c.text()).toContain(ELIGIBLE);
  });

  const cases: {
    name: string;
    open: string;
    answers: Record<string, string>;
    outcome: string;
    says: string[];
    notAsked?: string[];
    notSaid?: string[];
  }[] = [
    { name: 'old-age: eligible', open: 'ผมอายุ 65 ได้เบี้ยยังชีพไหม', answers: { ...ALL_YES_OLD }, outcome: ELIGIBLE, says: ['600 บาทต่อเดือน'] },
    {
      name: 'old-age: not eligible (state pension), stops asking',
      open: 'ผมอายุ 65 ได้เบี้ยยังชีพไหม',
      answers: { ...ALL_YES_OLD, receives_state_pension: 'ใช่' },
      outcome: NOT_ELIGIBLE,
      says: ['ได้รับบำนาญ'],
      notAsked: ['in_state_care_home'],
    },
    {
      name: 'old-age: staff check (house registration not sure)',
      open: 'ผมอายุ 65 ได้เบี้ยยังชีพไหม',
      answers: { ...ALL_YES_OLD, registered_in_area: 'ไม่แน่ใจ' },
      outcome: STAFF,
      says: ['ข้อที่ยังไม่แน่ใจ: ทะเบียนบ้าน', '600 บาทต่อเดือน'],
    },
    {
      name: 'disability: eligible, adult',
      open: 'ผมได้เบี้ยความพิการไหม',
      answers: { has_disability_card: 'ใช่', thai_nationality: 'ใช่', registered_in_area: 'ใช่', in_state_care_home: 'ไม่ใช่', age: '>40' },
      outcome: ELIGIBLE,
      says: ['800 บาทต่อเดือน', 'บัตรประจำตัวคนพิการ'],
    },
    {
      name: 'disability: eligible, a child of 17',
      open: 'ลูกพิการ ได้เบี้ยความพิการไหม',
      answers: { has_disability_card: 'ใช่', thai_nationality: 'ใช่', registered_in_area: 'ใช่', in_state_care_home: 'ไม่ใช่', age: '>17' },
      outcome: ELIGIBLE,
      says: ['1,000 บาทต่อเดือน'],
    },
    {
      name: 'disability: not eligible without a card, and how to get one',
      open: 'ลูกพิการ ทำบัตรคนพิการยังไง',
      answers: { has_disability_card: '>ยังไม่มีค่ะ' },
      outcome: NOT_ELIGIBLE,
      says: ['ต้องมีบัตรประจำตัวคนพิการ', 'วิธีทำบัตรประจำตัวคนพิการค่ะ', 'เอกสารรับรองความพิการจากแพทย์', 'อายุต่ำกว่า 15 ปี ใช้สูติบัตร', 'พมจ.ลำปาง', '1479'],
    },
    {
      name: 'disability: eligible with a card: no word of how to get one',
      open: 'ผมได้เบี้ยความพิการไหม',
      answers: { has_disability_card: 'ใช่', thai_nationality: 'ใช่', registered_in_area: 'ใช่', in_state_care_home: 'ไม่ใช่', age: '>40' },
      outcome: ELIGIBLE,
      says: ['800 บาทต่อเดือน'],
      notSaid: ['วิธีทำบัตร'],
    },
    {
      name: 'disability: staff check (nationality typed "ไม่แน่ใจค่ะ")',
      open: 'ผมได้เบี้ยความพิการไหม',
      answers: { has_disability_card: 'ใช่', thai_nationality: '>ไม่แน่ใจค่ะ', registered_in_area: '>ใช่ค่ะ', in_state_care_home: '>บ่ใช่', age: '>40' },
      outcome: STAFF,
      says: ['สัญชาติ'],
    },
    {
      name: 'newborn: eligible',
      open: 'ได้เงินเด็กแรกเกิดไหม',
      answers: { child_thai_nationality: 'ใช่', child_age: '>6 เดือน', household_income_year: '>12 หมื่น', household_members: '>๔' },
      outcome: ELIGIBLE,
      says: ['600 บาทต่อเดือน', 'ดร.01'],
    },
    {
      name: 'newborn: not eligible, child too old',
      open: 'ได้เงินเด็กแรกเกิดไหม',
      answers: { child_thai_nationality: 'ใช่', child_age: '>7' },
      outcome: NOT_ELIGIBLE,
      says: ['เด็กอายุเกิน 6 ปีแล้ว'],
    },
    {
      name: 'newborn: not eligible, household income over the limit',
      open: 'ได้เงินเด็กแรกเกิดไหม',
      answers: { child_thai_nationality: 'ใช่', child_age: '>1', household_income_year: '>600,000 บาท', household_members: '>3' },
      outcome: NOT_ELIGIBLE,
      says: ['เกิน 100,000 บาทต่อคนต่อปี'],
    },
    {
      name: 'newborn: staff check (income not sure)',
      open: 'ได้เงินเด็กแรกเกิดไหม',
      answers: { child_thai_nationality: 'ใช่', child_age: '>2', household_income_year: 'ไม่แน่ใจ', household_members: '>3' },
      outcome: STAFF,
      says: ['รายได้ครัวเรือน'],
    },
    {
      name: 'emergency: eligible, up to 3,000 a time',
      open: 'ผมได้เงินสงเคราะห์ฉุกเฉินไหม',
      answers: { in_hardship: 'ใช่', age: '>45' },
      outcome: ELIGIBLE,
      says: ['สูงสุด 3,000 บาทต่อครั้ง', 'ประเมินความเดือดร้อน'],
    },
    {
      name: 'emergency: not eligible, an older person helped 3 times this year',
      open: 'ผมได้เงินสงเคราะห์ฉุกเฉินไหม',
      answers: { in_hardship: 'ใช่', age: '>70', times_helped_this_year: '>3 ครั้ง' },
      outcome: NOT_ELIGIBLE,
      says: ['ครบ 3 ครั้ง'],
    },
    {
      name: 'emergency: staff check (hardship not sure)',
      open: 'ผมได้เงินสงเคราะห์ฉุกเฉินไหม',
      answers: { in_hardship: 'ไม่แน่ใจ', age: '>45' },
      outcome: STAFF,
      says: ['ความเดือดร้อน'],
    },
    {
      name: 'welfare card: eligible',
      open: 'ผมได้บัตรสวัสดิการแห่งรัฐไหม',
      answers: {
        thai_nationality: 'ใช่',
        age: '>40',
        personal_income_year: '>5 หมื่น',
        household_income_year: '>150000',
        household_members: '>3',
        financial_assets: '>20000',
      },
      outcome: ELIGIBLE,
      says: ['บัตรประจำตัวประชาชน'],
    },
    {
      name: 'welfare card: not eligible, assets over the limit',
      open: 'ผมได้บัตรสวัสดิการแห่งรัฐไหม',
      answers: {
        thai_nationality: 'ใช่',
        age: '>40',
        personal_income_year: '>ไม่มี',
        household_income_year: '>100000',
        household_members: '>2',
        financial_assets: '>2 แสน',
      },
      outcome: NOT_ELIGIBLE,
      says: ['เงินฝากและทรัพย์สินทางการเงินเกินเกณฑ์'],
    },
    {
      name: 'welfare card: staff check (income not sure)',
      open: 'ผมได้บัตรสวัสดิการแห่งรัฐไหม',
      answers: {
        thai_nationality: 'ใช่',
        age: '>40',
        personal_income_year: 'ไม่แน่ใจ',
        household_income_year: '>100000',
        household_members: '>2',
        financial_assets: '>0',
      },
      outcome: STAFF,
      says: ['รายได้'],
    },
  ];

  it.each(cases)('$name', async ({ open, answers, outcome, says, notAsked, notSaid }) => {
    const c = citizen();
    // The question typed in one sentence picks the benefit (and whom and age, where said).
    await c.say(open);
    const asked = await answerUntilResult(c, answers);
    for (const q of notAsked ?? []) expect(asked).not.toContain(q);
    const text = c.text();
    expect(text).toContain(outcome);
    for (const s of says) expect(text).toContain(s);
    for (const s of notSaid ?? []) expect(text).not.toContain(s);
    for (const other of [ELIGIBLE, NOT_ELIGIBLE, STAFF].filter((o) => o !== outcome)) expect(text).not.toContain(other);
  });
});

describe('old-age allowance amount by age band (boundaries from the data)', () => {
  it.each([
    [60, '600'],
    [69, '600'],
    [70, '700'],
    [79, '700'],
    [80, '800'],
    [89, '800'],
    [90, '1,000'],
  ])('age %i → %s baht a month', async (age, baht) => {
    const c = citizen();
    await c.say(`ผมอายุ ${age} ได้เบี้ยยังชีพไหมครับ`);
    await answerUntilResult(c, { who: 'ตัวเอง', ...ALL_YES_OLD });
    expect(c.text()).toContain(ELIGIBLE);
    expect(c.text()).toContain(`${baht} บาทต่อเดือน`);
  });

  it('age 59: not yet, but can register in advance (documents and place still shown)', async () => {
    const c = citizen();
    await c.say('อายุ ๕๙ ได้เบี้ยคนแก่ไหม');
    expect(await answerUntilResult(c, { who: 'ตัวเอง' })).toEqual(['who']);
    expect(c.text()).toContain(NOT_ELIGIBLE);
    expect(c.text()).toContain('อายุยังไม่ถึง 60 ปี');
    expect(c.text()).toContain('ลงทะเบียนล่วงหน้าได้');
    expect(c.text()).toContain('สมุดบัญชีเงินฝากธนาคาร');
    expect(c.text()).not.toContain('บาทต่อเดือน');
  });
});

describe('"ไม่แน่ใจ", for a relative, and carrying answers on', () => {
  it('not sure which benefit: a couple of screening questions suggest one, then only its questions', async () => {
    const c = citizen();
    await c.say('ตรวจสอบสิทธิ์');
    await c.tap('ไม่แน่ใจ');
    await c.tap('ตัวเอง');
    expect(c.text()).toContain('คุณอายุเท่าไรคะ');
    await c.say('๖๘ ปี');
    expect(c.text()).toContain('ข้อไหนตรงกับคุณมากที่สุดคะ');
    await c.tap('มีความพิการ');
    expect(c.text()).toContain('แนะนำให้ตรวจสอบ: เบี้ยยังชีพผู้สูงอายุ, เบี้ยความพิการ');
    expect(c.chips().slice(0, 2)).toEqual(['เบี้ยยังชีพผู้สูงอายุ', 'เบี้ยความพิการ']);
    await c.tap('เบี้ยความพิการ');
    // Age is known from the screening: not asked again.
    const asked = await answerUntilResult(c, {
      has_disability_card: 'ใช่',
      thai_nationality: 'ใช่',
      registered_in_area: 'ใช่',
      in_state_care_home: 'ไม่ใช่',
    });
    expect(asked).not.toContain('age');
    expect(c.text()).toContain('800 บาทต่อเดือน');
  });

  it('a child named in the first sentence is asked about as "ลูก", a father as "คุณพ่อ"', async () => {
    const c = citizen();
    await c.say('ลูกพิการ ได้เบี้ยไหมคะ');
    expect(c.text()).toContain('ลูกมีบัตรประจำตัวคนพิการแล้วไหมคะ');
    const d = citizen();
    await d.say('พ่ออายุ 81 ได้เบี้ยยังชีพไหม');
    expect(d.text()).toContain('คุณพ่อมีสัญชาติไทยไหมคะ');
  });

  it('a grandmother of ๗๕ from one sentence: straight to the remaining questions, about "ผู้ที่จะขอรับสิทธิ์"; then another benefit reuses the answers', async () => {
    const c = citizen();
    await c.say('ยายอายุ๗๕ ได้เบี้ยเท่าไหร่');
    expect(c.text()).toContain('ผู้ที่จะขอรับสิทธิ์มีสัญชาติไทยไหมคะ');
    const session = await Session.findOne({ lineUserId: c.userId }).lean();
    expect((session!.flow as any).data).toMatchObject({ who: 'relative', relation: 'grandparent', age: 75, benefitPick: 'old_age_allowance' });
    await answerUntilResult(c, ALL_YES_OLD);
    expect(c.text()).toContain('700 บาทต่อเดือน');

    await c.tap('ตรวจสิทธิ์อื่น');
    expect(c.text()).toContain('ต้องการตรวจสอบสิทธิ์เรื่องไหนคะ');
    await c.tap('บัตรสวัสดิการแห่งรัฐ');
    // Nationality and age are carried over: the first question is income.
    const asked = await answerUntilResult(c, {
      personal_income_year: '>ไม่มีรายได้',
      household_income_year: '>ห้าหมื่น',
      household_members: '>2',
      financial_assets: 'ไม่แน่ใจ',
    });
    expect(asked[0]).toBe('personal_income_year');
    expect(asked).not.toContain('thai_nationality');
    expect(c.text()).toContain(STAFF);
  });

  it('files a request from the result with whom, age and category carried over', async () => {
    const c = citizen();
    await c.say('พ่ออายุ 81 ได้เบี้ยยังชีพไหม');
    await answerUntilResult(c, { ...ALL_YES_OLD, receives_state_pension: 'ใช่' });
    expect(c.text()).toContain(NOT_ELIGIBLE);
    await c.tap('ส่งคำร้องขอช่วยเหลือ');
    expect(c.text()).toContain('ขอทราบชื่อ-นามสกุลของคุณพ่อค่ะ');
    const session = await Session.findOne({ lineUserId: c.userId }).lean();
    expect(session!.flow).toMatchObject({ flow: 'requestHelp', data: { who: 'relative', relation: 'father', age: 81, category: 'elderly' } });
  });

  it('goes back a question, and ends with the menu', async () => {
    const c = citizen();
    await c.say('แม่อายุ 72 ได้เบี้ยยังชีพไหม');
    await c.tap('ใช่');
    await c.tap('ย้อนกลับ');
    expect(c.text()).toContain('คุณแม่มีสัญชาติไทยไหมคะ');
    await answerUntilResult(c, ALL_YES_OLD);
    await c.tap('กลับเมนูหลัก');
    expect(c.chips()).toContain('ตรวจสอบสิทธิ์');
    expect((await Session.findOne({ lineUserId: c.userId }).lean())!.flow).toBeNull();
  });

  it('speaks English to an English-speaking visitor', async () => {
    earlierCalls.push(...line.calls);
    line.done();
    await bot.stop();
    line = nockLine({ profile: { displayName: 'Visitor', language: 'en' } });
    bot = startTestBot({ INBOX_SETTLE_MS: '0' }, undefined, { now: () => NOW });
    const c = citizen();
    await c.say('Check eligibility');
    expect(c.text()).toContain('Which benefit would you like to check?');
    await c.tap('Old-age allowance');
    await c.tap('A relative');
    await c.tap('Mother');
    await c.say('72');
    expect(c.text()).toContain('Do they have Thai nationality?');
    await answerUntilResult(c, { thai_nationality: 'Yes', registered_in_area: 'Yes', receives_state_pension: 'No', in_state_care_home: 'No' });
    expect(c.text()).toContain('700 baht a month');
    expect(c.text()).toContain('Likely eligible');
  });
});

describe('LINE limits', () => {
  it('every reply and push of this file fits (messages, chips, labels, postback data, bubbles)', () => {
    const calls = [...earlierCalls, ...line.calls];
    expect(calls.length).toBeGreaterThan(50);
    expect(lineLimitProblems(calls)).toEqual([]);
  });
});
