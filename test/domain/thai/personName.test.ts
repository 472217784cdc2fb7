import { parsePersonName } from '../../../src/domain/thai/personName';
import { findPhone } from '../../../src/domain/thai/phone';
import { parseThaiDate } from '../../../src/domain/thai/dateParsing';

describe('parsePersonName', () => {
  it.each([
    ['นางสมศรี ใจดี', 'นางสมศรี ใจดี'],
    ['ลุงแก้ว', 'ลุงแก้ว'],
    ['ชื่อบัวคำ ค่ะ', 'บัวคำ'],
    ['แม่ชื่อ ทองใบ นะคะ', 'ทองใบ'],
    ['My name is Somsri Jaidee', 'Somsri Jaidee'],
  ])('%s is the name %s', (text, name) => expect(parsePersonName(text)).toEqual({ ok: true, value: name }));

  it.each([
    ['<b>สมศรี</b>', 'markup'],
    ['https://example.com', 'markup'],
    ['แม่ไม่สบายมาหลายวันแล้วค่ะ ช่วยด้วย', 'sentence'],
    ['ต้องการความช่วยเหลือ', 'sentence'],
    ['I need help with my mother', 'sentence'],
    ['0812345678', 'digits'],
    ['😊😊', 'noLetters'],
    ['ยาย', 'titleOnly'],
    ['ตัวเอง', 'self'],
    ['ผมเองครับ', 'self'],
    ['ของตัวเองค่ะ', 'self'],
  ])('%s is refused (%s)', (text, reason) => expect(parsePersonName(text)).toEqual({ ok: false, reason }));
});

describe('findPhone', () => {
  it('finds a phone inside a sentence, Thai digits and separators included', () => {
    expect(findPhone('เบอร์ลูกสาวนะคะ 089 765 4321')).toMatchObject({ ok: true, value: '0897654321' });
    expect(findPhone('อายุ 72 โทร ๐๘๑-๒๓๔-๕๖๗๘ ได้ค่ะ')).toMatchObject({ ok: true, value: '0812345678' });
    expect(findPhone('เบอร์ 08123')).toEqual({ ok: false, reason: 'length' });
    expect(findPhone('ไม่มีเบอร์ค่ะ')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('"next Monday" at the end of a week', () => {
  it('on a Sunday gives tomorrow with the Monday after as the alternative; on a Monday it is plain', () => {
    const sunday = new Date('2026-12-06T03:00:00Z');
    expect(parseThaiDate('วันจันทร์หน้า', sunday)).toMatchObject({ ok: true, date: '2026-12-07', alternative: '2026-12-14' });
    const monday = new Date('2026-12-07T03:00:00Z');
    const r = parseThaiDate('วันจันทร์หน้า', monday);
    expect(r).toMatchObject({ ok: true, date: '2026-12-14' });
    expect(r.ok && r.alternative).toBeFalsy();
  });
});
