import { formatPhone, maskPhone, parsePhone, telUri, toE164 } from '../../../src/domain/thai/phone';

describe('parsePhone', () => {
  it('treats the DESIGN §8 spellings as one number', () => {
    const expected = { ok: true, value: '0812345678', kind: 'mobile' };
    for (const typed of [
      '๐๘๑ ๒๓๔ ๕๖๗๘',
      '081-234-5678',
      '+66812345678',
      '66812345678',
      '0812345678',
      '+66 81 234 5678',
      '(081) 234 5678',
      '+66 0812345678',
    ]) {
      expect(parsePhone(typed)).toEqual(expected);
    }
  });

  it('accepts 06 and 09 mobiles', () => {
    expect(parsePhone('0612345678')).toEqual({ ok: true, value: '0612345678', kind: 'mobile' });
    expect(parsePhone('099-999-9999')).toEqual({ ok: true, value: '0999999999', kind: 'mobile' });
  });

  it('accepts landlines', () => {
    expect(parsePhone('054-263234')).toEqual({ ok: true, value: '054263234', kind: 'landline' });
    expect(parsePhone('054263234')).toEqual({ ok: true, value: '054263234', kind: 'landline' });
    expect(parsePhone('0-5426-3234')).toEqual({ ok: true, value: '054263234', kind: 'landline' });
    expect(parsePhone('+6654263234')).toEqual({ ok: true, value: '054263234', kind: 'landline' });
    expect(parsePhone('02-123-4567')).toEqual({ ok: true, value: '021234567', kind: 'landline' });
  });

  it('rejects wrong lengths', () => {
    expect(parsePhone('081234567')).toEqual({ ok: false, reason: 'length' });
    expect(parsePhone('08123456789')).toEqual({ ok: false, reason: 'length' });
    expect(parsePhone('0542632345')).toEqual({ ok: false, reason: 'length' });
  });

  it('rejects impossible prefixes, other countries and hotlines', () => {
    expect(parsePhone('0112345678')).toEqual({ ok: false, reason: 'prefix' });
    expect(parsePhone('+14155552671')).toEqual({ ok: false, reason: 'prefix' });
    expect(parsePhone('1300')).toEqual({ ok: false, reason: 'prefix' });
  });

  it('rejects text', () => {
    expect(parsePhone('ไม่มีเบอร์')).toEqual({ ok: false, reason: 'format' });
    expect(parsePhone('')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('phone display', () => {
  it('formats', () => {
    expect(formatPhone('0812345678')).toBe('081-234-5678');
    expect(formatPhone('054263234')).toBe('054-263234');
    expect(formatPhone('021234567')).toBe('02-123-4567');
  });

  it('masks the middle digits', () => {
    expect(maskPhone('0812345678')).toBe('081-xxx-5678');
    expect(maskPhone('054263234')).toBe('054-xxx234');
    expect(maskPhone('021234567')).toBe('02-xxx-x567');
  });

  it('builds tel: URIs and E.164', () => {
    expect(telUri('0812345678')).toBe('tel:0812345678');
    expect(telUri('081-234-5678')).toBe('tel:0812345678');
    expect(telUri('1300')).toBe('tel:1300');
    expect(toE164('0812345678')).toBe('+66812345678');
    expect(() => telUri('12')).toThrow(RangeError);
    expect(() => formatPhone('12345')).toThrow(RangeError);
  });
});
