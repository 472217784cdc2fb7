import { parseAgeOrBirthYear } from '../../../src/domain/thai/ageParsing';

const NOW = '2026-12-02T10:00:00+07:00'; // พ.ศ. 2569

describe('parseAgeOrBirthYear', () => {
  it.each([
    ['75', 75],
    ['อายุ๗๕', 75],
    ['ยายอายุ๗๕ ได้เบี้ยเท่าไหร่', 75],
    ['75 ปี', 75],
    ['เจ็ดสิบห้า', 75],
    ['อายุแปดสิบค่ะ', 80],
    ['0', 0],
    ['6 เดือน', 0],
    ['120', 120],
    // A guess, as a neighbour or grandchild gives it: the round figure.
    ['น่าจะแปดสิบกว่า', 80],
    ['ประมาณเจ็ดสิบ', 70],
    ['เกือบเก้าสิบแล้ว', 90],
    ['แปดสิบปลายๆ', 80],
    ['ปีนี้เจ็ดสิบสอง', 72],
  ])('%s → age %d', (text, age) => {
    expect(parseAgeOrBirthYear(text, NOW)).toEqual({ ok: true, age, fromBirthYear: false });
  });

  it('reads a Buddhist-era birth year', () => {
    expect(parseAgeOrBirthYear('2494', NOW)).toEqual({ ok: true, age: 75, birthYearBE: 2494, fromBirthYear: true });
    expect(parseAgeOrBirthYear('เกิด พ.ศ. ๒๔๙๔', NOW)).toEqual({ ok: true, age: 75, birthYearBE: 2494, fromBirthYear: true });
  });

  it('reads a Gregorian birth year', () => {
    expect(parseAgeOrBirthYear('1951', NOW)).toEqual({ ok: true, age: 75, birthYearBE: 2494, fromBirthYear: true });
  });

  it('does not read number words inside other words', () => {
    expect(parseAgeOrBirthYear('ห้ามเข้า', NOW)).toEqual({ ok: false, reason: 'none' }); // ห้า+ม = forbid
    expect(parseAgeOrBirthYear('แม่หกล้ม', NOW)).toEqual({ ok: false, reason: 'none' }); // หกล้ม = fell
    expect(parseAgeOrBirthYear('สามีไม่อยู่', NOW)).toEqual({ ok: false, reason: 'none' }); // สามี = husband
    expect(parseAgeOrBirthYear('อายุเจ็ดสิบห้าปีค่ะ', NOW)).toEqual({ ok: true, age: 75, fromBirthYear: false });
  });

  it('rejects nonsense', () => {
    expect(parseAgeOrBirthYear('121', NOW)).toEqual({ ok: false, reason: 'implausible' });
    expect(parseAgeOrBirthYear('500', NOW)).toEqual({ ok: false, reason: 'implausible' });
    expect(parseAgeOrBirthYear('2400', NOW)).toEqual({ ok: false, reason: 'implausible' });
    expect(parseAgeOrBirthYear('2570', NOW)).toEqual({ ok: false, reason: 'future' });
    expect(parseAgeOrBirthYear('2030', NOW)).toEqual({ ok: false, reason: 'future' });
    expect(parseAgeOrBirthYear('ไม่ทราบ', NOW)).toEqual({ ok: false, reason: 'none' });
  });
});
