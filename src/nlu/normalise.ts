/**
 * Text normalisation and word segmentation for the free-text understanding module.
 *
 * The pipeline, in order (each step is a small pure function so tests can pin it):
 * 1. {@link normaliseText}: Thai digits → Arabic ({@link toArabicDigits}), Unicode NFKC (full-width Latin,
 *    with SARA AM recomposed), lowercase, zero-width characters removed, repeated characters collapsed
 *    ("ค่าาาา" → "ค่า", "โอเคคค" → "โอเค"), then the table of typos and Northern/colloquial spellings
 *    ({@link SPELLING_FIXES}, {@link NORTHERN_FIXES}) rewritten to the standard form the lexicon uses.
 * 2. {@link segment}: digits are split from letters ("อายุ75" → "อายุ 75", because the segmenter glues them),
 *    punctuation and emoji become spaces, then every chunk is cut into words by
 *    `Intl.Segmenter('th', { granularity: 'word' })`.
 * 3. {@link stripParticles}: spoken particles (ครับ ค่ะ จ้า เจ้า นะ…) are dropped. Unambiguous ones go
 *    everywhere; the ones that are also words ("ค่า" in "ค่าเทอม", "เจ้า" in "เจ้าหน้าที่", "น้า" = aunt) only
 *    when they end a chunk. A message made only of polite particles ("ค่ะ", "เจ้า") is remembered, because
 *    on its own it means "yes".
 */
import { toArabicDigits } from '../domain/thai/digits';

const ZERO_WIDTH = /[\u00AD\u200B-\u200F\u2060\uFEFF]/g;

/**
 * Misspellings and chat spellings seen in real messages, rewritten before segmentation. Order matters
 * (earlier rules first). Each entry: [pattern, replacement].
 */
export const SPELLING_FIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/เเ/g, 'แ'], // two SARA E typed for SARA AE
  [/สวัสดีการ|สวัสดิ์การ|สวัสดิกร|สวัสดิการณ์|สวัดดิการ|สวัสดีกร/g, 'สวัสดิการ'],
  [/สวัดดี|สวัสดรี|สวัดี|สะหวัสดี|หวัสดี/g, 'สวัสดี'],
  [/ช่วยเหลอ|ช่วยเหือ|ชวยเหลือ|ช่วยเหรือ|ช่วยเลือ/g, 'ช่วยเหลือ'],
  [/เบี้?ยยังชี[บพ]|เบี้ยยังชิพ|เบี้ยยังชีพ/g, 'เบี้ยยังชีพ'],
  [/เบีย(?=ยังชีพ|คน|ผู้|พิการ|สูง)/g, 'เบี้ย'],
  [/อัมพาด|อำพาต|อัมพาส|อัมพาตร/g, 'อัมพาต'],
  [/ติดเตรียง|ติดเตียน|ติดเตี่ยง/g, 'ติดเตียง'],
  [/พิกาน|พิการณ์|พิการร์/g, 'พิการ'],
  [/จ\.?น\.?ท\.?/g, 'เจ้าหน้าที่'],
  [/เจ้าหน้าทึ่|เจ้าหน้าที(?![่ี])|(?<!เ)จ้าหน้าที่/g, 'เจ้าหน้าที่'],
  [/ขอบคุน|ขอบคุร|ขอบคุญ/g, 'ขอบคุณ'],
  [/ยกเลก|ยกลิก/g, 'ยกเลิก'],
  [/เมนุ|เมณู/g, 'เมนู'],
  [/ผูสูงอายุ|ผู้สูงอายู|ผู้สูงอยุ/g, 'ผู้สูงอายุ'],
  [/(?<!วิ|จ)จัย|(?<=เข้า)จาย/g, 'ใจ'], // chat spelling: เข้าจัย, เข้าจาย = เข้าใจ
  [/ม่าย/g, 'ไม่'],
  [/มั้ย|มั๊ย|ไม๊/g, 'ไหม'],
  [/เท่าไร่|เท่าไหร(?!่)|เท่าไร(?!่)/g, 'เท่าไหร่'],
  [/ยังงัย|ยังไงง|ยังงาย/g, 'ยังไง'],
  [/ช่าย/g, 'ใช่'],
  [/ป่าว/g, 'เปล่า'],
  [/(เอา|พอ|ใช่|ถูก|ได้|ทำ)(?:ละ|ล่ะ|แระ|แหละ)(?![ก-๙])/g, '$1แล้ว'], // colloquial แล้ว: ไม่เอาละ
  [/โอเคร|โอเช|โอเคย์|โอคี|โอเค้/g, 'โอเค'],
  [/แอดมิณ|แอ๊ดมิน|แอดมินท์/g, 'แอดมิน'],
  [/อ\.บ\.ต\.?/g, 'อบต'],
  [/พ\.ม\.จ\.?/g, 'พมจ'],
  [/ครับบ+|คร้าบ+|ครัชช*|ค้าบบ*/g, 'ครับ'],
  [/อยุ่|อยู้|อยู๋/g, 'อยู่'],
  [/ฆ่าตัวต(?:ย|าน|ัย|่าย)(?!า)/g, 'ฆ่าตัวตาย'],
  [/หมดสะติ|หมดสติ๊/g, 'หมดสติ'],
  [/หายจัยไม่ออก|หายใจม่ออก/g, 'หายใจไม่ออก'],
  [/\bi wan(?:na|a) die\b/g, 'i want to die'],
  [/\bkms\b/g, 'kill myself'],
  [/kill my ?self|kil myself|kill mysefl/g, 'kill myself'],
  [/คับบ+/g, 'คับ'],
];

/**
 * Northern Thai (คำเมือง) and Isan words rewritten to Central Thai, so the lexicon only needs one form.
 * "บ่" = ไม่ except where it starts a Central word (บ่อ well, บ่าย afternoon, บ่น, บ่ม, บ่ง, บ่วง); บ่มี and บ่มา are ไม่.
 */
export const NORTHERN_FIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/บ่(?!อ(?!ยาก)|า|น|ง|วง|ม(?![ีา]))/g, 'ไม่'],
  [/บ่า(?=ฮู้|รู้|เข้าใจ|เอา|ใช่|ใจ่|ได้|มี|แน่|ต้อง|อยาก|เป็น|ถูก|ไหว|ว่าง)/g, 'ไม่'],
  [/ฮู้/g, 'รู้'],
  [/ใจ่|ใจ้/g, 'ใช่'],
  [/ขอบใจ๋/g, 'ขอบใจ'],
  [/ยะ(?=จะใด|จะได(?!้)|ยังไง)/g, 'ทำ'],
  [/จะใด|จะได(?![้๋])/g, 'ยังไง'],
  [/อู้(?=กับ|ด้วย)/g, 'คุย'],
  [/ป้อ(?![งนม])/g, 'พ่อ'],
  [/ปี้(?=น้อง|ชาย|สาว|\s|$)/g, 'พี่'],
  [/กิ๋น/g, 'กิน'],
  [/ต๋าย/g, 'ตาย'], // อยากต๋าย = อยากตาย
  [/แม่นแล้ว|แม่นอยู่/g, 'ถูกต้อง'],
  [/ก่อ(?=\s*$|\s*\?)/g, 'ไหม'], // ได้ก่อ = ได้ไหม (question particle at the end)
  [/ผู้เดียว/g, 'คนเดียว'], // อยู่ผู้เดียว = อยู่คนเดียว
  [/ย่าง(?=\s*(?:ไม่|บ่))/g, 'เดิน'], // ย่างบ่ได้ = เดินไม่ได้ (not ไก่ย่าง)
  [/(?<=มา|ไป)เบิ่ง/g, 'ดู'], // บ่มาเบิ่ง = ไม่มาดู
];

/** Thai vowel signs, tone marks and leading vowels: never legitimately doubled. */
const DOUBLED_MARK = /([\u0E30-\u0E3A\u0E40-\u0E44\u0E46-\u0E4E])\1+/g;
/** Consonants and Latin letters: runs of three or more are emphasis ("โอเคคค", "hellooo"). */
const TRIPLED_LETTER = /([\u0E01-\u0E2Ea-z])\1{2,}/g;

/**
 * Step 1: character-level normalisation. Returns a string with Arabic digits, lowercase Latin, no
 * zero-width characters, repeated letters collapsed, common misspellings and Northern words rewritten.
 */
export function normaliseText(raw: string): string {
  let t = toArabicDigits(raw)
    .normalize('NFKC')
    .replace(/\u0E4D\u0E32/g, '\u0E33') // NFKC splits SARA AM; put it back
    .toLowerCase()
    .replace(ZERO_WIDTH, '')
    .replace(/เเ/g, 'แ') // two SARA E typed for SARA AE (before doubled marks are collapsed)
    .replace(/ง{3,}/g, 'งง') // "งงงง" is still "งง" (confused), not "ง"
    .replace(DOUBLED_MARK, '$1')
    .replace(TRIPLED_LETTER, '$1')
    .replace(/[’‘`]/g, "'");
  for (const [re, to] of SPELLING_FIXES) t = t.replace(re, to);
  for (const [re, to] of NORTHERN_FIXES) t = t.replace(re, to);
  return t;
}

let segmenter: Intl.Segmenter | undefined;
function thaiSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('th', { granularity: 'word' });
  return segmenter;
}

/**
 * Step 2: cut normalised text into chunks (split on whitespace and punctuation) and each chunk into
 * words. Digits are separated from letters first; "9.30" and "9:30" stay whole.
 */
export function segment(text: string): string[][] {
  const spaced = text
    .replace(/(\d)[.:](?=\d)/g, '$1\u0001') // protect times such as 9.30
    .replace(/(\d)(?=[^\d\s\u0001])/g, '$1 ')
    .replace(/([^\d\s\u0001])(?=\d)/g, '$1 ')
    .replace(/'/g, '') // don't → dont
    .replace(/[^\p{L}\p{M}\p{N}\s\u0001]/gu, ' ')
    .replace(/\u0001/g, ':');
  const chunks: string[][] = [];
  for (const raw of spaced.split(/\s+/)) {
    if (!raw) continue;
    const chunk = peelParticles(raw);
    const words = [...thaiSegmenter().segment(chunk)].filter((s) => s.isWordLike).map((s) => s.segment);
    if (words.length > 0) chunks.push(words);
  }
  return chunks;
}

/**
 * Chunk-final particles, longest first. The segmenter often glues a particle to the syllable before it
 * ("พี่สาวนะ" → พี่|สาวนะ, "อบตนะ" → อบ|ตนะ), which hides the word; they are split off before segmenting.
 */
const GLUED_PARTICLES = /(?<=[\u0E01-\u0E4E]{2})(?<![\u0E40-\u0E44])(นะครับ|นะคะ|นะคับ|ครับผม|ครับ|คับ|ค่ะ|คะ|จ้า|จ้ะ|จ๊ะ|นะ|น่ะ|อ่ะ|เด้อ|เน้อ|ค้าบ|งับ|ฮะ)$/;

function peelParticles(chunk: string): string {
  const tail: string[] = [];
  let rest = chunk;
  for (let m = GLUED_PARTICLES.exec(rest); m; m = GLUED_PARTICLES.exec(rest)) {
    tail.unshift(m[1]!);
    rest = rest.slice(0, m.index);
  }
  return [rest, ...tail].join(' ');
}

/** Particles that are never content words: removed wherever they appear. */
export const PARTICLES = new Set([
  'ครับ',
  'คับ',
  'ฮับ',
  'งับ',
  'ค่ะ',
  'คะ',
  'ค๊ะ',
  'คร่ะ',
  'ค้ะ',
  'คร้า',
  'ค้าบ',
  'จ้า',
  'จ้ะ',
  'จ๊ะ',
  'จ่ะ',
  'จ๋า',
  'ฮะ',
  'ฮ่ะ',
  'เน้อ',
  'เด้อ',
  'เนาะ',
  'น่ะ',
  'อ่ะ',
  'นะคะ',
  'นะครับ',
  'นะคับ',
  'ครับผม',
  'ค่ะๆ',
  'จ้าา',
]);
/** Particles that are also words ("ค่าเทอม", "เจ้าหน้าที่", "น้า" aunt): removed only when they end a chunk. */
export const TRAILING_PARTICLES = new Set(['ค่า', 'เจ้า', 'นะ', 'น้า', 'ค้า', 'ล่ะ', 'ละ', 'อะ', 'เด้', 'สิ', 'ซิ', 'เนอะ', 'จ้า']);
/** Particles that, typed alone, mean "yes" in speech ("ค่ะ", Northern "เจ้า"). */
export const YES_PARTICLES = new Set(['ครับ', 'คับ', 'ค่ะ', 'ค่า', 'จ้า', 'จ้ะ', 'เจ้า', 'ฮะ', 'ครับผม', 'ค้าบ', 'งับ', 'ฮับ']);
/** A trailing particle followed by these chunk starts is the first half of a word, not a particle. */
const COMPOUND_NEXT: Readonly<Record<string, readonly string[]>> = {
  เจ้า: ['หน้าที่'],
  ค่า: ['เทอม', 'ใช้จ่าย', 'รักษา', 'เช่า', 'น้ำ', 'ไฟ', 'รถ', 'อาหาร', 'ขนม', 'ยา'],
};

export interface Segmented {
  /** Words left after particles were removed. */
  tokens: string[];
  /** The message was only polite "yes" particles ("ค่ะ", "เจ้า"). */
  onlyYesParticles: boolean;
}

/** Step 3: remove particles (see module JSDoc for the rules). */
export function stripParticles(chunks: readonly (readonly string[])[]): Segmented {
  const tokens: string[] = [];
  let particles = 0;
  let yesParticles = 0;
  for (const [ci, chunk] of chunks.entries()) {
    const kept: string[] = [];
    for (const w of chunk) {
      if (PARTICLES.has(w)) {
        particles++;
        if (YES_PARTICLES.has(w)) yesParticles++;
      } else kept.push(w);
    }
    // Trailing ambiguous particles, possibly several ("นะ" + "ค่า").
    const nextStart = chunks[ci + 1]?.[0];
    let chunkEnd = true;
    while (kept.length > 0 && TRAILING_PARTICLES.has(kept[kept.length - 1]!)) {
      const w = kept[kept.length - 1]!;
      // "เจ้า หน้าที่" typed with a space: the chunk-final word starts a compound with the next chunk.
      if (chunkEnd && nextStart && COMPOUND_NEXT[w]?.some((n) => nextStart.startsWith(n))) break;
      chunkEnd = false;
      kept.pop();
      particles++;
      if (YES_PARTICLES.has(w)) yesParticles++;
    }
    tokens.push(...kept);
  }
  return { tokens, onlyYesParticles: tokens.length === 0 && particles > 0 && yesParticles === particles };
}
