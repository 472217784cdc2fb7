import { DateTime } from 'luxon';
import { formatSlotTime, formatThaiDate, formatThaiDateTime, formatThaiTime } from '../../../src/domain/thai/dates';
import { buddhistYearOf, fiscalYearBE, isIsoDate, toBangkok, toIsoDate } from '../../../src/domain/bangkokTime';

const TUE_15_DEC_10AM = DateTime.fromISO('2026-12-15T10:00', { zone: 'Asia/Bangkok' });

describe('formatThaiDate / formatThaiDateTime', () => {
  it('writes the long Thai form with weekday and Buddhist year', () => {
    expect(formatThaiDate(TUE_15_DEC_10AM, { weekday: true })).toBe('วันอังคารที่ 15 ธันวาคม 2569');
    expect(formatThaiDate(TUE_15_DEC_10AM)).toBe('15 ธันวาคม 2569');
  });

  it('writes the short Thai form', () => {
    expect(formatThaiDate(TUE_15_DEC_10AM, { style: 'short' })).toBe('15 ธ.ค. 69');
    expect(formatThaiDate('2027-01-05', { style: 'short', weekday: true })).toBe('อ. 5 ม.ค. 70');
  });

  it('writes date and time', () => {
    expect(formatThaiDateTime(TUE_15_DEC_10AM, { weekday: true })).toBe('วันอังคารที่ 15 ธันวาคม 2569 เวลา 10:00 น.');
    expect(formatThaiDateTime(TUE_15_DEC_10AM, { weekday: true, locale: 'en' })).toBe('Tuesday 15 December 2026, 10:00');
    expect(formatThaiTime('2026-12-15T09:05')).toBe('09:05 น.');
  });

  it('writes English with the Gregorian year', () => {
    expect(formatThaiDate(TUE_15_DEC_10AM, { locale: 'en', weekday: true })).toBe('Tuesday 15 December 2026');
    expect(formatThaiDate(TUE_15_DEC_10AM, { locale: 'en', style: 'short' })).toBe('15 Dec 2026');
    expect(formatThaiDate(TUE_15_DEC_10AM, { locale: 'en', style: 'short', weekday: true })).toBe('Tue 15 Dec 2026');
  });

  it('shows the Bangkok calendar day for an instant given in UTC', () => {
    // 17:30 UTC on 14 Dec is 00:30 on 15 Dec in Bangkok.
    expect(formatThaiDate(new Date('2026-12-14T17:30:00Z'), { weekday: true })).toBe('วันอังคารที่ 15 ธันวาคม 2569');
    expect(formatThaiDateTime('2026-12-14T17:30:00Z')).toBe('15 ธันวาคม 2569 เวลา 00:30 น.');
  });

  it('formats slot labels', () => {
    expect(formatSlotTime('09:00')).toBe('09:00 น.');
    expect(formatSlotTime('09:00', 'en')).toBe('09:00');
    expect(() => formatSlotTime('9')).toThrow(RangeError);
  });
});

describe('bangkokTime helpers', () => {
  it('converts inputs and years', () => {
    expect(toIsoDate(new Date('2026-12-31T18:00:00Z'))).toBe('2027-01-01');
    expect(buddhistYearOf('2026-12-31')).toBe(2569);
    expect(buddhistYearOf(new Date('2026-12-31T18:00:00Z'))).toBe(2570);
    expect(fiscalYearBE('2026-09-30')).toBe(2569);
    expect(fiscalYearBE('2026-10-01')).toBe(2570);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(() => toBangkok('not a date')).toThrow(RangeError);
    expect(toBangkok('2026-12-15').toISO()).toBe('2026-12-15T00:00:00.000+07:00');
  });
});
