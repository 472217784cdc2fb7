/**
 * A person's name as typed in a chat: "นางสมศรี ใจดี", "ลุงแก้ว", "แม่ชื่อบัวคำ ค่ะ", "Somsri Jaidee".
 * Titles and kinship words stay part of the name (staff see what people call each other); a lead-in
 * ("ชื่อ", "ดิฉันชื่อ", "my name is") and ending particles are dropped. A sentence, a question, markup, a
 * link or a phone number is not a name, nor is "ตัวเอง" (myself): the reason lets the step re-ask helpfully.
 */
export type NameRejection = 'markup' | 'sentence' | 'noLetters' | 'titleOnly' | 'digits' | 'self';
export type NameResult = { ok: true; value: string } | { ok: false; reason: NameRejection };

const LEAD_IN =
  /^(?:(?:ผม|ฉัน|ดิฉัน|หนู|เรา|เขา|เค้า|แม่|พ่อ|ยาย|ตา|ย่า|ปู่|ลูก|น้อง|พี่|ลุง|ป้า|คนไข้|ผู้ป่วย)?\s*(?:ชื่อว่า|ชื่อจริง|ชื่อ)\s*(?:คือ|ว่า)?\s*(?=\S)|my name is\s+|name\s*[:：]\s*|(?:his|her|their) name is\s+)/iu;
const PARTICLES = /(?:\s*(?:นะคะ|นะครับ|ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|จ้า|จ้ะ|เจ้า|นะ|ฮะ|jaa|ka|krub|khrap))+$/iu;
const MARKUP = /[<>{}[\]\\|`]|https?:|www\.|\.com\b|&[a-z]+;/i;
/** Words that make a message a sentence or a question rather than a name. */
const SENTENCE = /(ไม่|อยาก|ต้องการ|ช่วย|เพราะ|แล้ว|ทำไม|อะไร|ยังไง|อย่างไร|ไหม|มั้ย|เท่าไร|เท่าไหร่|กรุณา|ติดเตียง|ป่วย|เดือดร้อน|ที่ไหน|เมื่อไร|ได้รับ|โทร|เบอร์|\?)/u;
const ENGLISH_SENTENCE = /\b(is|are|am|was|please|help|want|need|can|could|would|what|how|why|where|don'?t|not|the)\b/i;
/** "Myself" instead of a name: the one writing is the person asked about ("ตัวเอง", "ผมเองครับ", "me"). */
const SELF = /^(?:เป็น|ของ|ก็)?(?:ตัวเอง|ตนเอง|ผมเอง|ฉันเอง|ดิฉันเอง|หนูเอง|เราเอง|ข้อยเอง|ผม|ฉัน|ดิฉัน|หนู|กระผม|ข้าพเจ้า|me|myself|it'?s me|for me)$/iu;
const TITLES =
  /^(นาย|นาง|นางสาว|น\.ส\.|ด\.ช\.|ด\.ญ\.|เด็กชาย|เด็กหญิง|คุณ|ลุง|ป้า|น้า|อา|ยาย|ตา|ปู่|ย่า|พ่อ|แม่|พี่|น้อง|หลาน|แม่อุ๊ย|พ่ออุ๊ย|อุ๊ย|ป้อ|mr\.?|mrs\.?|ms\.?|miss)$/iu;

/** Reads a name from typed text; see the module comment. */
export function parsePersonName(text: string): NameResult {
  const raw = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (MARKUP.test(raw)) return { ok: false, reason: 'markup' };
  if ((raw.match(/[0-9๐-๙]/g) ?? []).length >= 3) return { ok: false, reason: 'digits' };
  const name = raw
    .replace(PARTICLES, '')
    .replace(LEAD_IN, '')
    .replace(PARTICLES, '')
    .replace(/^[\s:：,.-]+|[\s,.!-]+$/g, '')
    .trim();
  if (SELF.test(name.replace(/\s+/g, ''))) return { ok: false, reason: 'self' };
  const letters = (name.match(/[\u0E01-\u0E2E\p{Script=Latin}]/gu) ?? []).length;
  if (letters < 2) return { ok: false, reason: 'noLetters' };
  if (name.length > 70 || name.split(' ').length > 5 || SENTENCE.test(name) || ENGLISH_SENTENCE.test(name)) return { ok: false, reason: 'sentence' };
  if (TITLES.test(name)) return { ok: false, reason: 'titleOnly' };
  return { ok: true, value: name };
}
