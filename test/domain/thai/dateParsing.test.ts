import { parseThaiDate } from '../../../src/domain/thai/dateParsing';

// Wednesday 2 December 2569 (2026), 10:00 Bangkok.
const WED = '2026-12-02T10:00:00+07:00';
// Sunday 29 November 2569.
const SUN = '2026-11-29T09:00:00+07:00';
// Friday 4 December 2569.
const FRI = '2026-12-04T09:00:00+07:00';

function dateOf(text: string, now = WED): string | undefined {
  const r = parseThaiDate(text, now);
  return r.ok ? r.date : undefined;
}

describe('parseThaiDate: relative days', () => {
  it.each([
    ['วันนี้', '2026-12-02'],
    ['พรุ่งนี้', '2026-12-03'],
    ['พรุ่งนี้ไปได้ไหมคะ', '2026-12-03'],
    ['มะรืน', '2026-12-04'],
    ['มะรืนนี้', '2026-12-04'],
    ['เมื่อวาน', '2026-12-01'],
    ['อีก ๓ วัน', '2026-12-05'],
    ['today', '2026-12-02'],
    ['Tomorrow please', '2026-12-03'],
    ['day after tomorrow', '2026-12-04'],
  ])('%s → %s', (text, date) => {
    expect(dateOf(text)).toBe(date);
  });
});

describe('parseThaiDate: weekdays and weeks', () => {
  it('reads a bare weekday as the next one strictly after today (DESIGN §8 booking example)', () => {
    const r = parseThaiDate('อยากไปติดต่อที่อบต.วันจันทร์ได้ไหม', WED);
    expect(r).toEqual({ ok: true, date: '2026-12-07', matched: 'วันจันทร์', precision: 'day' });
    expect(dateOf('วันพุธ')).toBe('2026-12-09'); // today is Wednesday: not today
    expect(dateOf('วันศุกร์')).toBe('2026-12-04');
    expect(dateOf('พฤหัส')).toBe('2026-12-03');
    expect(dateOf('วันอาทิตย์')).toBe('2026-12-06');
  });

  it('reads "นี้" as on or after today', () => {
    expect(dateOf('วันพุธนี้')).toBe('2026-12-02');
    expect(dateOf('ศุกร์นี้')).toBe('2026-12-04');
  });

  it('reads "หน้า" as that weekday in next Monday–Sunday week', () => {
    expect(dateOf('วันจันทร์หน้า')).toBe('2026-12-07');
    expect(dateOf('จันทร์หน้า')).toBe('2026-12-07');
    expect(dateOf('ศุกร์หน้า')).toBe('2026-12-11');
    expect(dateOf('วันอาทิตย์หน้า')).toBe('2026-12-13');
    expect(dateOf('จันทร์หน้า', FRI)).toBe('2026-12-07');
    expect(dateOf('วันจันทร์หน้า', SUN)).toBe('2026-11-30'); // documented: on Sunday next week starts tomorrow
  });

  it('reads "อาทิตย์หน้า" (without วัน) as next week, not Sunday', () => {
    expect(parseThaiDate('อาทิตย์หน้าว่างไหม', WED)).toEqual({
      ok: true,
      date: '2026-12-07',
      matched: 'อาทิตย์หน้า',
      precision: 'week',
    });
    expect(parseThaiDate('สัปดาห์หน้า', WED)).toMatchObject({ date: '2026-12-07', precision: 'week' });
    expect(parseThaiDate('next week', WED)).toMatchObject({ date: '2026-12-07', precision: 'week' });
    expect(parseThaiDate('สัปดาห์นี้', WED)).toMatchObject({ date: '2026-12-02', precision: 'week' });
  });

  it('reads past weeks and weekdays', () => {
    expect(parseThaiDate('เรื่องที่แจ้งไปอาทิตย์ที่แล้ว', WED)).toMatchObject({ date: '2026-11-23', precision: 'week' });
    expect(parseThaiDate('last week', WED)).toMatchObject({ date: '2026-11-23', precision: 'week' });
    expect(dateOf('วันจันทร์ที่แล้ว')).toBe('2026-11-30');
    expect(dateOf('วันพุธที่แล้ว')).toBe('2026-11-25'); // today is Wednesday: a week ago
    expect(dateOf('last friday')).toBe('2026-11-27');
  });

  it('reads English weekdays', () => {
    expect(dateOf('monday')).toBe('2026-12-07');
    expect(dateOf('Next Monday')).toBe('2026-12-07');
    expect(dateOf('next friday')).toBe('2026-12-11');
    expect(dateOf('this wednesday')).toBe('2026-12-02');
    expect(dateOf('on Fri')).toBe('2026-12-04');
  });
});

describe('parseThaiDate: written dates', () => {
  it.each([
    ['15 ธ.ค.', '2026-12-15'],
    ['15 ธค', '2026-12-15'],
    ['15 ธันวาคม', '2026-12-15'],
    ['15 ธันวา', '2026-12-15'],
    ['วันที่ 15 ธันวาคม', '2026-12-15'],
    ['15 ธ.ค. 2569', '2026-12-15'],
    ['15 ธ.ค. 69', '2026-12-15'],
    ['15 ธ.ค. พ.ศ. 2569', '2026-12-15'],
    ['๑๕ ธ.ค. ๒๕๖๙', '2026-12-15'],
    ['15/12/2569', '2026-12-15'],
    ['15/12/2026', '2026-12-15'],
    ['15/12/69', '2026-12-15'],
    ['15-12-2569', '2026-12-15'],
    ['15.12.2569', '2026-12-15'],
    ['15/12', '2026-12-15'],
    ['๑๕/๑๒', '2026-12-15'],
    ['2026-12-15', '2026-12-15'],
    ['2569-12-15', '2026-12-15'],
    ['15 Dec', '2026-12-15'],
    ['Dec 15', '2026-12-15'],
    ['December 15, 2026', '2026-12-15'],
    ['15th of December', '2026-12-15'],
  ])('%s → %s', (text, date) => {
    expect(dateOf(text)).toBe(date);
  });

  it('moves a day and month without year to the next occurrence', () => {
    expect(dateOf('1 ม.ค.')).toBe('2027-01-01');
    expect(dateOf('1/12')).toBe('2027-12-01'); // 1 Dec already passed on 2 Dec
    expect(dateOf('2/12')).toBe('2026-12-02'); // today counts
    expect(dateOf('29 ก.พ.')).toBe('2028-02-29'); // next leap year
  });

  it('reports the matched fragment of the original text', () => {
    expect(parseThaiDate('ขอนัด ๑๕ ธ.ค. ๖๙ ค่ะ', WED)).toEqual({
      ok: true,
      date: '2026-12-15',
      matched: '๑๕ ธ.ค. ๖๙',
      precision: 'day',
    });
  });

  it('does not read an hour after the month as a year', () => {
    expect(parseThaiDate('15 ธ.ค. 10 โมง', WED)).toMatchObject({ ok: true, date: '2026-12-15', matched: '15 ธ.ค.' });
  });

  it('prefers an explicit date over a weekday in the same message', () => {
    expect(dateOf('วันจันทร์ที่ 14 ธ.ค.')).toBe('2026-12-14');
  });
});

describe('parseThaiDate: day of month alone', () => {
  it('finds the next 8th (DESIGN §8 example)', () => {
    expect(parseThaiDate('นัดวันที่ ๘ ได้ไหมคะ ช่วงบ่าย', WED)).toEqual({
      ok: true,
      date: '2026-12-08',
      matched: 'วันที่ ๘',
      precision: 'day',
    });
  });

  it('counts today and rolls into later months', () => {
    expect(dateOf('วันที่ 2')).toBe('2026-12-02');
    expect(dateOf('วันที่ 1')).toBe('2027-01-01');
    expect(dateOf('วันที่ 31', SUN)).toBe('2026-12-31'); // November has no 31st
    expect(dateOf('วันที่ 30', SUN)).toBe('2026-11-30');
    expect(dateOf('the 8th')).toBe('2026-12-08');
  });
});

describe('parseThaiDate: failures', () => {
  it.each(['31/02/2569', '30 ก.พ.', '31/04', 'วันที่ 32', '15/13/2569', '2026-02-30', '15/12/1700'])('%s is invalid', (text) => {
    expect(parseThaiDate(text, WED)).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each(['สวัสดีครับ', 'ขอเบอร์เจ้าหน้าที่', '081-234-5678', '10.30 น.', 'ลูกพิการ ทำบัตรคนพิการยังไง', ''])('%p has no date', (text) => {
    expect(parseThaiDate(text, WED)).toEqual({ ok: false, reason: 'none' });
  });
});
