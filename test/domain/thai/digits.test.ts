import { hasThaiDigits, toArabicDigits, toThaiDigits } from '../../../src/domain/thai/digits';

describe('Thai digits', () => {
  it('maps every Thai digit to its Arabic value', () => {
    expect(toArabicDigits('๐๑๒๓๔๕๖๗๘๙')).toBe('0123456789');
  });

  it('keeps other characters and string length, so indices stay aligned', () => {
    const s = 'ยายอายุ๗๕ ได้เบี้ยเท่าไหร่';
    const out = toArabicDigits(s);
    expect(out).toBe('ยายอายุ75 ได้เบี้ยเท่าไหร่');
    expect(out.length).toBe(s.length);
  });

  it('handles mixed digits', () => {
    expect(toArabicDigits('๐๘1 234 ๕๖๗๘')).toBe('081 234 5678');
  });

  it('converts back to Thai digits', () => {
    expect(toThaiDigits('15 ธ.ค. 2569')).toBe('๑๕ ธ.ค. ๒๕๖๙');
    expect(toArabicDigits(toThaiDigits('0123456789'))).toBe('0123456789');
  });

  it('detects Thai digits', () => {
    expect(hasThaiDigits('นัดวันที่ ๘')).toBe(true);
    expect(hasThaiDigits('นัดวันที่ 8')).toBe(false);
  });
});
