import { analyse, understand, type Understanding } from '../../src/nlu';
import {
  ALL_CASES,
  COMMAND_CASES,
  DANGER_CASES,
  DESIGN_CASES,
  ENGLISH_CASES,
  FIELD_CASES_1,
  FIELD_CASES_2,
  FIELD_CASES_3,
  FIELD_CASES_4,
  GIBBERISH_CASES,
  REQUEST_CASES,
  type Case,
} from './cases';

/** Checks intent, danger (null unless stated) and every stated slot; returns a readable mismatch list. */
function mismatches(u: Understanding, [, intent, expect = {}]: Case): string[] {
  const { danger = null, ...slots } = expect;
  const out: string[] = [];
  if (u.intent !== intent) out.push(`intent: got ${u.intent}, want ${intent}`);
  if (u.danger !== danger) out.push(`danger: got ${u.danger}, want ${danger}`);
  for (const [k, v] of Object.entries(slots)) {
    const got = (u.slots as Record<string, unknown>)[k];
    if (got !== v) out.push(`${k}: got ${String(got)}, want ${String(v)}`);
  }
  return out;
}

const groups: ReadonlyArray<readonly [string, readonly Case[]]> = [
  ['DESIGN §8', DESIGN_CASES],
  ['commands', COMMAND_CASES],
  ['requests', REQUEST_CASES],
  ['danger and false alarms', DANGER_CASES],
  ['English', ENGLISH_CASES],
  ['gibberish', GIBBERISH_CASES],
  ['field batch 1', FIELD_CASES_1],
  ['field batch 2', FIELD_CASES_2],
  ['field batch 3', FIELD_CASES_3],
  ['field batch 4', FIELD_CASES_4],
];

describe.each(groups)('understand: %s', (_name, cases) => {
  it.each(cases.map((c) => [c[0], c] as const))('%s', (text, c) => {
    const u = understand(text);
    expect({ text, tokens: u.tokens.join('|'), problems: mismatches(u, c) }).toEqual({ text, tokens: u.tokens.join('|'), problems: [] });
  });
});

describe('the case table', () => {
  it('has at least 80 messages, all distinct', () => {
    expect(ALL_CASES.length).toBeGreaterThanOrEqual(80);
    const texts = ALL_CASES.map((c) => c[0]);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('every intent and every danger kind appears in it', () => {
    const intents = new Set(ALL_CASES.map((c) => c[1]));
    for (const i of [
      'request_help',
      'check_eligibility',
      'book_visit',
      'track',
      'talk_to_staff',
      'centre_info',
      'menu',
      'cancel',
      'restart',
      'back',
      'resume',
      'confirm',
      'deny',
      'lost',
      'greeting',
      'thanks',
      'unsure',
      null,
    ] as const) {
      expect(intents).toContain(i);
    }
    const dangers = new Set(ALL_CASES.map((c) => c[2]?.danger ?? null));
    for (const d of ['violence', 'self_harm', 'medical', null] as const) expect(dangers).toContain(d);
  });
});

describe('normalisation', () => {
  it('reads Thai digits, mixed digits and number words as the same age', () => {
    expect(understand('ยายอายุ๗๕').slots.age).toBe(75);
    expect(understand('ยายอายุ7๕').slots.age).toBe(75);
    expect(understand('ยายอายุเจ็ดสิบห้า').slots.age).toBe(75);
    expect(understand('ยาย 75 ปี').slots.age).toBe(75);
    expect(understand('หลาน 5 ขวบ').slots.age).toBe(5);
    expect(understand('ลูกอายุ 6 เดือน').slots.age).toBe(0);
    expect(understand('aged 82').slots.age).toBe(82);
  });

  it('does not take durations, money or counts for an age', () => {
    expect(understand('ติดเตียงมา 3 ปี').slots.age).toBeUndefined();
    expect(understand('แม่ได้ 600 บาท').slots.age).toBeUndefined();
    expect(understand('ลูก 2 คน').slots.age).toBeUndefined();
  });

  it('collapses repeated letters and drops particles from the tokens', () => {
    expect(understand('ค่าาาา ขอบคุณมากค่ะะะ').tokens).toEqual(['ขอบคุณ', 'มาก']);
    expect(understand('โอเคคคค').intent).toBe('confirm');
    expect(understand('helloooo').intent).toBe('greeting');
  });

  it('keeps particles that are really words', () => {
    expect(understand('ไม่มีเงินจ่ายค่าเทอม').tokens).toContain('ค่า');
    expect(understand('ขอเบอร์เจ้าหน้าที่').tokens.join('')).toContain('เจ้าหน้าที่');
    expect(understand('ขอเบอร์เจ้า หน้าที่').intent).toBe('talk_to_staff');
    expect(understand('น้าป่วยหนัก').slots.relation).toBe('relative');
  });

  it('strips zero-width characters and full-width Latin', () => {
    expect(understand('ยก\u200bเลิก').intent).toBe('cancel');
    expect(understand('ＭＥＮＵ').intent).toBe('menu');
  });

  it('reads Northern words as their Central Thai meaning', () => {
    expect(understand('บ่มีเงิน').slots.category).toBe('low_income');
    expect(understand('บ่ฮู้').intent).toBe('unsure');
    expect(understand('ป้อป่วย').slots.relation).toBe('father');
    // … but leaves Central words that start with บ่ alone
    expect(understand('ยายบ่นปวดบ่า').intent).toBeNull();
    expect(understand('บ่ายโมง').slots.timeOfDay).toBe('afternoon');
  });
});

describe('references', () => {
  it.each(['cs-2569-00042', 'CS-2569-00042', 'CS256900042', 'cs 2569 00042', 'Cs-๒๕๖๙-๐๐๐๔๒', 'cs-2569-42', 'แห-2569-00042', 'เลขที่ 2569-00042 ค่ะ'])(
    '%s → CS-2569-00042',
    (text) => {
      const u = understand(text);
      expect(u.slots.reference).toBe('CS-2569-00042');
      expect(u.intent).toBe('track');
      expect(u.slots.age).toBeUndefined();
      expect(u.slots.dayOfMonth).toBeUndefined();
    },
  );

  it('does not see a reference in a phone number or a year', () => {
    expect(understand('081-234-5678').slots.reference).toBeUndefined();
    expect(understand('ปี 2569').slots.reference).toBeUndefined();
  });
});

describe('slots', () => {
  it('weekday follows luxon (1 = Monday … 7 = Sunday); "อาทิตย์หน้า" is next week, not Sunday', () => {
    const days = ['จันทร์', 'อังคาร', 'พุธ', 'พฤหัส', 'ศุกร์', 'เสาร์', 'อาทิตย์'];
    days.forEach((d, i) => expect(understand(`นัดวัน${d}`).slots.weekday).toBe(i + 1));
    expect(understand('นัดอาทิตย์หน้า').slots.weekday).toBeUndefined();
    expect(understand('นัดวันอาทิตย์หน้า').slots.weekday).toBe(7);
  });

  it('morning/afternoon from parts of the day and clock times; night hours are not bookings', () => {
    expect(understand('ตอนเช้า').slots.timeOfDay).toBe('morning');
    expect(understand('9 โมง').slots.timeOfDay).toBe('morning');
    expect(understand('13.30').slots.timeOfDay).toBe('afternoon');
    expect(understand('บ่ายสอง').slots.timeOfDay).toBe('afternoon');
    expect(understand('ตีสอง').slots.timeOfDay).toBeUndefined();
  });

  it('the clock time said, in office-ish hours only', () => {
    expect(understand('นัดวันที่ ๑๕ ธันวา บ่ายสองโมง').slots).toMatchObject({ clock: '14:00', timeOfDay: 'afternoon' });
    expect(understand('สิบโมงเช้าได้ไหม').slots.clock).toBe('10:00');
    expect(understand('ตีสองแล้วยังไม่ได้นอน').slots.clock).toBeUndefined();
    expect(understand('ช่วงบ่าย').slots.clock).toBeUndefined();
  });

  it('day of month from วันที่, month names and weekday + ที่', () => {
    expect(understand('วันที่ ๘').slots.dayOfMonth).toBe(8);
    expect(understand('วันที่แปด').slots.dayOfMonth).toBe(8);
    expect(understand('15 ธ.ค.').slots.dayOfMonth).toBe(15);
    expect(understand('จันทร์ที่ 12').slots.dayOfMonth).toBe(12);
    expect(understand('วันที่ 32').slots.dayOfMonth).toBeUndefined();
  });

  it('who: someone else > a relative > oneself; "พี่คะ" opening a message is an address, not a sibling', () => {
    expect(understand('ผมตกงาน').slots).toMatchObject({ who: 'self' });
    expect(understand('แม่ผมป่วย').slots).toMatchObject({ who: 'relative', relation: 'mother' });
    expect(understand('ยายข้างบ้านป่วย').slots.who).toBe('other');
    expect(understand('ยายข้างบ้านป่วย').slots.relation).toBeUndefined();
    expect(understand('พี่คะ ขอถามเรื่องเบี้ยหน่อย').slots.relation).toBeUndefined();
    expect(understand('พี่สาวพิการ').slots.relation).toBe('sibling');
  });

  it('the generic เบี้ย is the disability allowance when a disability is named, else old age', () => {
    expect(understand('ได้เบี้ยไหม').slots.benefit).toBe('old_age');
    expect(understand('ลูกพิการได้เบี้ยไหม').slots.benefit).toBe('disability');
  });

  it('urgent is present only when true', () => {
    expect(understand('ด่วนค่ะ แม่ไม่สบาย').slots.urgent).toBe(true);
    expect('urgent' in understand('แม่ไม่สบาย').slots).toBe(false);
  });

  it('"บ้าน" in a sentence is a house, not a village: only a listed village, a หมู่ or "หมู่บ้าน…" is a place', () => {
    for (const text of ['บ้านพังเพราะพายุ', 'ซ่อมบ้านให้หน่อย', 'แม่ไปอยู่บ้านลูกสาว', 'อยู่บ้านยาย', 'ยายนอนอยู่บ้านคนเดียว', 'ขอบ้านมั่นคง'])
      expect([text, understand(text).slots.place]).toEqual([text, undefined]);
    const village = (text: string) => {
      const place = understand(text).slots.place;
      return place?.kind === 'found' ? place.answer.village : place?.kind;
    };
    expect(village('อยู่บ้านป่าเหมียง')).toBe('บ้านป่าเหมี้ยง');
    expect(village('อยู่หมู่บ้านสันติสุข ขอความช่วยเหลือ')).toBe('บ้านสันติสุข');
    expect(village('บ้านสันติสุข หมู่ 9 ค่ะ')).toBe('หมู่ 9 บ้านสันติสุข');
    expect(village('บ้านผมอยู่หมู่ 3')).toBe('หมู่ 3');
  });

  it('danger makes a message urgent and is reported whatever the intent', () => {
    const u = understand('ยกเลิก ผัวตีอีกแล้ว');
    expect(u.danger).toBe('violence');
    expect(u.slots.urgent).toBe(true);
  });
});

describe('scoring', () => {
  it('a longer keyword silences the one inside it', () => {
    expect(understand('ไม่ใช่').intent).toBe('deny');
    expect(understand('ไม่แน่ใจ').intent).toBe('unsure');
    expect(understand('ไม่รู้เรื่องเลย').intent).toBe('lost');
    expect(understand('ยกเลิกนัด').intent).toBe('cancel');
  });

  it('a substantive request beats a greeting or thanks in the same message', () => {
    expect(understand('สวัสดีค่ะ อยากสอบถามเรื่องเบี้ยคนแก่').intent).toBe('check_eligibility');
    expect(understand('ขอบคุณค่ะ แล้วเปิดกี่โมง').intent).toBe('centre_info');
  });

  it('exposes the scores for debugging', () => {
    const { scores, understanding } = analyse('ขอเบอร์เจ้าหน้าที่');
    expect(understanding.intent).toBe('talk_to_staff');
    expect(scores.talk_to_staff).toBeGreaterThan(0);
  });

  it('is pure: same text, same answer, no shared state between calls', () => {
    const a = understand('ยายอายุ๗๕ ได้เบี้ยเท่าไหร่');
    understand('ผัวตีทุกวัน');
    expect(understand('ยายอายุ๗๕ ได้เบี้ยเท่าไหร่')).toEqual(a);
  });

  it('copes with empty, whitespace and very long input', () => {
    expect(understand('')).toEqual({ intent: null, danger: null, dangerSignal: null, hotline: null, slots: {}, tokens: [] });
    expect(understand('   \n ').intent).toBeNull();
    const long = 'แม่ติดเตียง '.repeat(800);
    expect(understand(long).slots.category).toBe('bedridden');
  });
});
