import {
  findNationalId,
  formatNationalId,
  isValidNationalId,
  maskNationalId,
  nationalIdCheckDigit,
  parseNationalId,
} from '../../../src/domain/thai/nationalId';

// 1-2345-67890-12-?: Σ = 1·13+2·12+3·11+4·10+5·9+6·8+7·7+8·6+9·5+0·4+1·3+2·2 = 352; 352 mod 11 = 0; (11−0) mod 10 = 1.
const VALID = '1234567890121';
// 3-1012-00123-45-?: Σ = 39+12+0+10+18+0+0+6+10+12+12+10 = 129; 129 mod 11 = 8; 11−8 = 3.
const VALID2 = '3101200123453';

describe('national ID', () => {
  it('computes the check digit by the DESIGN §6 formula', () => {
    expect(nationalIdCheckDigit('123456789012')).toBe(1);
    expect(nationalIdCheckDigit('310120012345')).toBe(3);
    // 1-0000-00000-05-?: Σ = 13 + 10 = 23 ≡ 1 (mod 11) → (11 − 1) mod 10 = 0, the "10 wraps to 0" case.
    expect(nationalIdCheckDigit('100000000005')).toBe(0);
  });

  it('accepts plain, dashed, spaced and Thai-digit forms', () => {
    for (const typed of [VALID, '1-2345-67890-12-1', '1 2345 67890 12 1', '๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑', ' 1234567890121 ']) {
      expect(parseNationalId(typed)).toEqual({ ok: true, value: VALID });
    }
    expect(parseNationalId('3 1012 00123 45 3')).toEqual({ ok: true, value: VALID2 });
  });

  it('rejects a wrong check digit', () => {
    expect(parseNationalId('1234567890122')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects the wrong number of digits', () => {
    expect(parseNationalId('123456789012')).toEqual({ ok: false, reason: 'length' });
    expect(parseNationalId('12345678901211')).toEqual({ ok: false, reason: 'length' });
  });

  it('rejects words and letters', () => {
    expect(parseNationalId('ไม่ทราบ')).toEqual({ ok: false, reason: 'format' });
    expect(parseNationalId('12345678901a1')).toEqual({ ok: false, reason: 'format' });
    expect(parseNationalId('')).toEqual({ ok: false, reason: 'format' });
  });

  it('validates, formats and masks', () => {
    expect(isValidNationalId(VALID)).toBe(true);
    expect(isValidNationalId('1-2345-67890-12-1')).toBe(false);
    expect(formatNationalId(VALID)).toBe('1-2345-67890-12-1');
    expect(maskNationalId(VALID)).toBe('1-xxxx-xxxxx-12-1');
    expect(() => maskNationalId('123')).toThrow(RangeError);
  });

  it('finds an ID inside a message', () => {
    expect(findNationalId('เลขบัตร ๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑ ค่ะ')).toEqual({ ok: true, value: VALID });
    expect(findNationalId('บัตร 1234567890122 ครับ')).toEqual({ ok: false, reason: 'checksum' });
    expect(findNationalId('โทร 081-234-5678')).toEqual({ ok: false, reason: 'format' });
  });
});
