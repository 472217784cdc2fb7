import { isWithinOfficeHours, officeStatus } from '../../../src/domain/calendar/officeHours';

const at = (isoLocal: string) => `${isoLocal}:00+07:00`;

describe('isWithinOfficeHours', () => {
  it.each([
    ['2026-12-08T08:29', false],
    ['2026-12-08T08:30', true],
    ['2026-12-08T11:59', true],
    ['2026-12-08T12:00', false],
    ['2026-12-08T12:59', false],
    ['2026-12-08T13:00', true],
    ['2026-12-08T16:29', true],
    ['2026-12-08T16:30', false],
    ['2026-12-05T10:00', false], // Saturday
    ['2026-12-10T10:00', false], // Constitution Day
  ])('%s → %s', (local, expected) => {
    expect(isWithinOfficeHours(at(local))).toBe(expected);
  });

  it('reads instants on the Bangkok clock', () => {
    expect(isWithinOfficeHours(new Date('2026-12-08T03:00:00Z'))).toBe(true); // 10:00 Bangkok
    expect(isWithinOfficeHours(new Date('2026-12-08T10:00:00Z'))).toBe(false); // 17:00 Bangkok
  });
});

describe('officeStatus', () => {
  it('is open during hours', () => {
    expect(officeStatus(at('2026-12-08T10:00'))).toEqual({ open: true, state: 'open' });
  });

  it('gives the end of lunch', () => {
    expect(officeStatus(at('2026-12-08T12:15'))).toEqual({ open: false, state: 'break', nextOpen: '2026-12-08T13:00:00+07:00' });
  });

  it('gives the same morning before opening', () => {
    expect(officeStatus(at('2026-12-08T07:00'))).toEqual({ open: false, state: 'before_hours', nextOpen: '2026-12-08T08:30:00+07:00' });
  });

  it('skips the weekend and the Monday holiday after Friday evening', () => {
    expect(officeStatus(at('2026-12-04T17:00'))).toEqual({ open: false, state: 'after_hours', nextOpen: '2026-12-08T08:30:00+07:00' });
    expect(officeStatus(at('2026-12-06T09:00'))).toEqual({ open: false, state: 'closed_weekday', nextOpen: '2026-12-08T08:30:00+07:00' });
    expect(officeStatus(at('2026-12-10T09:00'))).toEqual({ open: false, state: 'holiday', nextOpen: '2026-12-11T08:30:00+07:00' });
  });
});
