import {
  hasHolidayData,
  holidayName,
  isBusinessDay,
  isHoliday,
  isHolidayDataProvisional,
  nextBusinessDays,
} from '../../../src/domain/calendar/businessDays';
import { getHolidays } from '../../../src/domain/data';

/** DESIGN §5, written out independently of holidays.json. */
const DESIGN_2569 = [
  '01-01',
  '01-02',
  '03-03',
  '04-06',
  '04-13',
  '04-14',
  '04-15',
  '05-04',
  '05-13',
  '06-01',
  '06-03',
  '07-28',
  '07-29',
  '07-30',
  '08-12',
  '10-13',
  '10-23',
  '12-07',
  '12-10',
  '12-31',
].map((d) => `2026-${d}`);
const DESIGN_2570 = [
  '01-01',
  '02-22',
  '04-06',
  '04-13',
  '04-14',
  '04-15',
  '05-04',
  '05-20',
  '06-03',
  '07-19',
  '07-20',
  '07-28',
  '08-12',
  '10-13',
  '10-25',
  '12-06',
  '12-10',
  '12-31',
].map((d) => `2027-${d}`);

describe('holidays.json', () => {
  it('lists exactly the DESIGN §5 days for 2569 and 2570', () => {
    const dates = getHolidays()
      .holidays.map((h) => h.date)
      .sort();
    expect(dates).toEqual([...DESIGN_2569, ...DESIGN_2570].sort());
  });

  it('carries a source and checked date per year, 2570 provisional', () => {
    for (const y of getHolidays().years) {
      expect(y.source.length).toBeGreaterThan(10);
      expect(y.checked).toBe('2026-11-29');
    }
    expect(isHolidayDataProvisional('2027-05-20')).toBe(true);
    expect(isHolidayDataProvisional('2026-12-10')).toBe(false);
  });
});

describe('holidays', () => {
  it('knows the December 2569 holidays by name', () => {
    expect(isHoliday('2026-12-07')).toBe(true);
    expect(holidayName('2026-12-07')).toBe('วันหยุดชดเชยวันพ่อแห่งชาติ');
    expect(holidayName('2026-12-07', 'en')).toBe("National Father's Day (substitution)");
    expect(holidayName('2026-12-10')).toBe('วันรัฐธรรมนูญ');
    expect(isHoliday('2026-12-08')).toBe(false);
    expect(holidayName('2026-12-08')).toBeNull();
  });

  it('uses the Bangkok date of an instant', () => {
    // 18:00 UTC on 9 Dec is 01:00 on 10 Dec (Constitution Day) in Bangkok.
    expect(isHoliday(new Date('2026-12-09T18:00:00Z'))).toBe(true);
  });

  it('knows which years have data', () => {
    expect(hasHolidayData('2026-06-01')).toBe(true);
    expect(hasHolidayData('2027-12-31')).toBe(true);
    expect(hasHolidayData('2028-01-03')).toBe(false);
  });
});

describe('business days', () => {
  it('excludes weekends and holidays', () => {
    expect(isBusinessDay('2026-12-05')).toBe(false); // Saturday
    expect(isBusinessDay('2026-12-06')).toBe(false); // Sunday
    expect(isBusinessDay('2026-12-07')).toBe(false); // Monday, substitution holiday
    expect(isBusinessDay('2026-12-08')).toBe(true);
    expect(isBusinessDay('2026-04-14')).toBe(false); // Songkran
  });

  it('lists the next business days, from a Friday over a long weekend', () => {
    expect(nextBusinessDays('2026-12-04', 3)).toEqual(['2026-12-04', '2026-12-08', '2026-12-09']);
    expect(nextBusinessDays('2026-12-04', 3, { includeStart: false })).toEqual(['2026-12-08', '2026-12-09', '2026-12-11']);
    expect(nextBusinessDays('2026-12-30', 2)).toEqual(['2026-12-30', '2027-01-04']);
    expect(nextBusinessDays('2026-12-30', 0)).toEqual([]);
    expect(() => nextBusinessDays('2026-12-30', -1)).toThrow(RangeError);
  });
});
