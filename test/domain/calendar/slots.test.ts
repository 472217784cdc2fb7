import { bookableDates, slotsFor } from '../../../src/domain/calendar/slots';
import { isBusinessDay } from '../../../src/domain/calendar/businessDays';
import { DEFAULT_DATA_FILES, getCentre, replaceDomainData, resetDomainData } from '../../../src/domain/data';

const at = (isoLocal: string) => `${isoLocal}:00+07:00`;

afterEach(() => resetDomainData());

describe('slotsFor', () => {
  it('offers all six slots on a future business day', () => {
    const slots = slotsFor('2026-12-08', at('2026-12-02T10:00'));
    expect(slots.map((s) => s.time)).toEqual(['09:00', '10:00', '11:00', '13:00', '14:00', '15:00']);
    expect(slots[0]).toEqual({
      date: '2026-12-08',
      time: '09:00',
      start: '2026-12-08T09:00:00+07:00',
      end: '2026-12-08T10:00:00+07:00',
      part: 'morning',
      capacity: 2,
      remaining: 2,
    });
    expect(slots.filter((s) => s.part === 'afternoon').map((s) => s.time)).toEqual(['13:00', '14:00', '15:00']);
  });

  it("drops today's slots that start within the lead time", () => {
    expect(slotsFor('2026-12-08', at('2026-12-08T10:45')).map((s) => s.time)).toEqual(['13:00', '14:00', '15:00']);
    expect(slotsFor('2026-12-08', at('2026-12-08T10:20')).map((s) => s.time)).toEqual(['11:00', '13:00', '14:00', '15:00']);
    expect(slotsFor('2026-12-08', at('2026-12-08T16:00'))).toEqual([]);
  });

  it('offers nothing on weekends, holidays, past days or beyond the horizon', () => {
    const now = at('2026-12-02T10:00');
    expect(slotsFor('2026-12-05', now)).toEqual([]); // Saturday
    expect(slotsFor('2026-12-07', now)).toEqual([]); // substitution holiday
    expect(slotsFor('2026-12-10', now)).toEqual([]); // Constitution Day
    expect(slotsFor('2026-12-01', now)).toEqual([]); // yesterday
    expect(slotsFor('2027-03-01', now)).toEqual([]); // > 60 days ahead
  });

  it('subtracts bookings and hides full slots unless asked', () => {
    const booked = (date: string, time: string) => (date === '2026-12-08' && time === '09:00' ? 2 : time === '10:00' ? 1 : 0);
    const now = at('2026-12-02T10:00');
    const slots = slotsFor('2026-12-08', now, { booked });
    expect(slots.map((s) => [s.time, s.remaining])).toEqual([
      ['10:00', 1],
      ['11:00', 2],
      ['13:00', 2],
      ['14:00', 2],
      ['15:00', 2],
    ]);
    expect(slotsFor('2026-12-08', now, { booked, includeFull: true })[0]).toMatchObject({ time: '09:00', remaining: 0 });
  });
});

describe('bookableDates', () => {
  it('skips a finished Friday, the weekend and the Monday holiday', () => {
    expect(bookableDates(at('2026-12-04T16:00'), 3)).toEqual(['2026-12-08', '2026-12-09', '2026-12-11']);
  });

  it('includes today while slots remain', () => {
    expect(bookableDates(at('2026-12-08T10:00'), 2)).toEqual(['2026-12-08', '2026-12-09']);
  });
});

describe('editable data', () => {
  it('rejects a slot inside the lunch break and keeps the old data', () => {
    const edited = structuredClone(DEFAULT_DATA_FILES.centre) as { booking: { slots: { time: string; capacity: number }[] } };
    edited.booking.slots.splice(3, 0, { time: '12:00', capacity: 2 });
    expect(() => replaceDomainData({ centre: edited })).toThrow(/overlaps the 12:00 break/);
    expect(getCentre().booking.slots).toHaveLength(6);
  });

  it('applies valid edits, e.g. Saturday opening', () => {
    const edited = structuredClone(DEFAULT_DATA_FILES.centre) as { officeHours: { weekdays: number[] } };
    edited.officeHours.weekdays = [1, 2, 3, 4, 5, 6];
    replaceDomainData({ centre: edited });
    expect(isBusinessDay('2026-12-05')).toBe(true);
    resetDomainData();
    expect(isBusinessDay('2026-12-05')).toBe(false);
  });

  it('exposes centre facts and villages as data', () => {
    const c = getCentre();
    expect(c.phone).toEqual({ value: '054263234', display: '0-5426-3234', verified: false });
    expect(c.villages.confirmed).toBe(false);
    expect(c.villages.list.map((v) => v.th)).toEqual(expect.arrayContaining(['บ้านหลวง', 'บ้านป่าเหมี้ยง', 'บ้านแจ้ซ้อนเหนือ']));
    expect(c.hotlines.map((h) => h.number)).toEqual(['1300', '1323', '1479', '1669', '191']);
    expect(Object.isFrozen(c.booking.slots)).toBe(true);
  });
});
