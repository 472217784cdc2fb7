/**
 * Thai number words ("เจ็ดสิบห้า" = 75, "สองพันห้าร้อยสิบสอง" = 2512), for people who spell numbers
 * out. Covers 0–9,999, which is enough for ages, hours and years.
 */

const DIGIT_WORDS: Readonly<Record<string, number>> = {
  ศูนย์: 0,
  หนึ่ง: 1,
  เอ็ด: 1,
  สอง: 2,
  ยี่: 2,
  สาม: 3,
  สี่: 4,
  ห้า: 5,
  หก: 6,
  เจ็ด: 7,
  แปด: 8,
  เก้า: 9,
};
const UNIT_WORDS: Readonly<Record<string, number>> = { สิบ: 10, ร้อย: 100, พัน: 1000 };

/** Source of a regex that matches one run of Thai number words (longest words first). */
export const THAI_NUMBER_WORDS_PATTERN = '(?:ศูนย์|หนึ่ง|เอ็ด|สอง|ยี่|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ร้อย|พัน)+';

const TOKEN = /ศูนย์|หนึ่ง|เอ็ด|สอง|ยี่|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ร้อย|พัน/gy;

/**
 * Value of a string made only of Thai number words, or `null` when it is not one well-formed number
 * ("สิบสิบ", "เอ็ด" alone). "สิบ" alone is 10, "ร้อย" alone is 100, "ยี่สิบเอ็ด" is 21.
 */
export function parseThaiNumberWords(words: string): number | null {
  TOKEN.lastIndex = 0;
  const tokens: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(words)) !== null) tokens.push(m[0]);
  if (tokens.length === 0 || tokens.join('') !== words) return null;

  let total = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  for (const [i, t] of tokens.entries()) {
    const unit = UNIT_WORDS[t];
    if (unit !== undefined) {
      if (unit >= lastUnit) return null;
      if (pending === 0) return null;
      if (t === 'สิบ' && pending === 1 && tokens[i - 1] === 'หนึ่ง') return null; // หนึ่งสิบ is not Thai
      total += (pending ?? 1) * unit;
      pending = null;
      lastUnit = unit;
      continue;
    }
    if (pending !== null) return null; // two digit words in a row
    const d = DIGIT_WORDS[t]!;
    if (t === 'ยี่' && tokens[i + 1] !== 'สิบ') return null;
    if (t === 'เอ็ด' && (i === 0 || lastUnit === Infinity)) return null;
    if (t === 'ศูนย์' && tokens.length > 1) return null;
    pending = d;
  }
  if (pending !== null) {
    if (lastUnit === 1) return null;
    total += pending;
  }
  return total;
}
