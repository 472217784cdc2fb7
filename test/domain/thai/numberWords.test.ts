import { parseThaiNumberWords } from '../../../src/domain/thai/numberWords';

describe('parseThaiNumberWords', () => {
  it.each([
    ['ศูนย์', 0],
    ['ห้า', 5],
    ['สิบ', 10],
    ['สิบเอ็ด', 11],
    ['สิบสอง', 12],
    ['ยี่สิบ', 20],
    ['ยี่สิบเอ็ด', 21],
    ['เจ็ดสิบห้า', 75],
    ['แปดสิบ', 80],
    ['เก้าสิบเอ็ด', 91],
    ['ร้อยสอง', 102],
    ['หนึ่งร้อยสิบ', 110],
    ['สองพันห้าร้อยสิบสอง', 2512],
    ['สองพันสี่ร้อยเก้าสิบสี่', 2494],
  ])('%s = %d', (words, value) => {
    expect(parseThaiNumberWords(words)).toBe(value);
  });

  it.each(['', 'สิบสิบ', 'เอ็ด', 'ยี่', 'ห้าห้า', 'สิบร้อย', 'หนึ่งสิบ', 'ห้าม', 'ศูนย์ห้า'])('rejects %p', (words) => {
    expect(parseThaiNumberWords(words)).toBeNull();
  });
});
