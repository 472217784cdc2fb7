import { paydayOf, paydays } from '../../../src/domain/calendar/payday';

describe('the allowance payday: the 10th, or the working day before it', () => {
  it.each([
    ['a Tuesday the 10th', '2026-11-03', '2026-11-10'],
    ['a Saturday the 10th: Friday the 9th', '2026-10-20', '2026-10-09'],
    ['the 10th a public holiday (Constitution Day): Wednesday the 9th', '2026-12-01', '2026-12-09'],
  ])('%s', (_name, day, payday) => {
    expect(paydayOf(`${day}T12:00:00+07:00`)).toBe(payday);
  });

  it("before or on this month's payday it is the next; after it, next month's, with this month's as paid", () => {
    expect(paydays('2026-11-10T08:00:00+07:00')).toEqual({ next: '2026-11-10' });
    expect(paydays('2026-11-30T10:00:00+07:00')).toEqual({ next: '2026-12-09', paid: '2026-11-10' });
    // Bangkok's date decides: 17:30 UTC on the 10th is already the 11th in Bangkok.
    expect(paydays('2026-11-10T17:30:00Z')).toEqual({ next: '2026-12-09', paid: '2026-11-10' });
  });
});
