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
