import { isInPartOfDay, parseTimeOfDay } from '../../../src/domain/thai/timeParsing';

function valueOf(text: string) {
  const r = parseTimeOfDay(text);
  return r.ok ? r.value : r.reason;
}

describe('parseTimeOfDay', () => {
  it.each([
    ['ช่วงบ่าย', 'afternoon'],
    ['ตอนบ่ายค่ะ', 'afternoon'],
    ['ตอนเช้า', 'morning'],
    ['พรุ่งนี้เช้า', 'morning'],
    ['morning', 'morning'],
    ['Afternoon', 'afternoon'],
  ])('%s → %s', (text, expected) => {
    expect(valueOf(text)).toBe(expected);
  });

  it.each([
    ['10 โมง', 10, 0],
    ['สิบโมง', 10, 0],
    ['๑๐ โมงเช้า', 10, 0],
    ['8 โมงเช้า', 8, 0],
    ['สองโมงเช้า', 8, 0],
    ['บ่ายสอง', 14, 0],
    ['บ่ายสองโมง', 14, 0],
    ['บ่าย 2 โมงครึ่ง', 14, 30],
    ['บ่ายโมง', 13, 0],
    ['บ่ายสาม', 15, 0],
    ['2 โมง', 14, 0],
    ['สี่โมงเย็น', 16, 0],
    ['เที่ยง', 12, 0],
    ['เที่ยงครึ่ง', 12, 30],
    ['10:30', 10, 30],
    ['10.30', 10, 30],
    ['๑๐.๓๐ น.', 10, 30],
    ['14 นาฬิกา', 14, 0],
    ['9 โมง 15 นาที', 9, 15],
    ['2 pm', 14, 0],
    ['9am', 9, 0],
    ['12 pm', 12, 0],
    ['12am', 0, 0],
    ['10:30 am', 10, 30],
    ['1:15 pm', 13, 15],
    ['noon', 12, 0],
    ['สองทุ่ม', 20, 0],
  ])('%s → %d:%d', (text, hour, minute) => {
    expect(valueOf(text)).toEqual({ hour, minute });
  });

  it('prefers a clock time to a part of the day', () => {
    expect(parseTimeOfDay('ช่วงบ่าย 2 โมง')).toEqual({ ok: true, value: { hour: 14, minute: 0 }, matched: 'บ่าย 2 โมง' });
  });

  it('reads the DESIGN §8 booking message', () => {
    expect(parseTimeOfDay('นัดวันที่ ๘ ได้ไหมคะ ช่วงบ่าย')).toEqual({ ok: true, value: 'afternoon', matched: 'ช่วงบ่าย' });
  });

  it('does not read a dotted date as a time', () => {
    expect(valueOf('15.12.2569')).toBe('none');
  });

  it.each(['25:00', '10:75', '13 pm', 'บ่าย 9'])('%s is invalid', (text) => {
    expect(valueOf(text)).toBe('invalid');
  });

  it.each(['ขอบคุณค่ะ', 'วันจันทร์', ''])('%p has no time', (text) => {
    expect(valueOf(text)).toBe('none');
  });

  it('places clock times in parts of the day', () => {
    expect(isInPartOfDay({ hour: 11, minute: 59 }, 'morning')).toBe(true);
    expect(isInPartOfDay({ hour: 12, minute: 0 }, 'morning')).toBe(false);
    expect(isInPartOfDay({ hour: 13, minute: 0 }, 'afternoon')).toBe(true);
  });
});
