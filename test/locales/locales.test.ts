import th from '../../locales/th.json';
import en from '../../locales/en.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('Thai and English have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(th).sort());
  });

  it('each English string has the same placeholders as its Thai original', () => {
    const mismatched = Object.entries(th)
      .filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders((en as Record<string, string>)[k] ?? '')))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('no string is empty', () => {
    const empty = [...Object.entries(th), ...Object.entries(en)].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });
});

describe('labels of buttons fit LINE without being cut', () => {
  const graphemes = (s: string) => [...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(s)].length;
  // Keys rendered as quick-reply chips (≤ 20 characters on LINE).
  const chipKey = /^(menu\.|common\.|help\.(who|relation|category|urgency|contactable|consent|village|edit)\.(?!ask)|booking\.(purpose|who|button)\.|elig\.(benefit|who|choice)\.)/;
  it.each([['th', th], ['en', en]] as const)('%s: every chip label is at most 20 characters', (_locale, table) => {
    const tooLong = Object.entries(table as Record<string, string>)
      .filter(([k, v]) => chipKey.test(k) && !/(\.ask|Info)$/.test(k) && !v.includes('{') && graphemes(v) > 20)
      .map(([k, v]) => `${k}: ${v}`);
    expect(tooLong).toEqual([]);
  });
});
