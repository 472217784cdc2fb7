import { matchOption } from '../../src/engine/matchOption';

const option = (value: string, literal: string, words?: string[]) => ({ kind: 'option' as const, value, label: { literal }, words });

describe('typed text read as one of the options offered', () => {
  it('a typo of a label still picks it, a negative label too ("ไม่เร่งดวน")', () => {
    const urgency = [option('now', 'ด่วนมาก'), option('soon', 'ภายในสัปดาห์นี้'), option('normal', 'ไม่เร่งด่วน')];
    expect(matchOption('ไม่เร่งดวน', urgency)).toBe('normal');
    expect(matchOption('ด่วนมากก', urgency)).toBe('now');
  });

  it('a bare "no" is no typo of a longer label: "ไม่ได้ค่ะ" to a day offered is not "เดินทางมาไม่ได้"', () => {
    const days = [option('2026-12-15', 'อ. 15 ธ.ค. 69'), option('home', 'เดินทางมาไม่ได้', ['มาไม่ได้', 'ไปไม่ได้'])];
    expect(matchOption('ไม่ได้ค่ะ', days)).toBeUndefined();
    expect(matchOption('มาไม่ได้ค่ะ', days)).toBe('home');
  });
});
