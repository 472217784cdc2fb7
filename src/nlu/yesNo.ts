/**
 * Yes, no or not sure, as people answer a yes/no question in a chat: "ไม่ได้รับค่ะ", "ไม่เคยได้รับ",
 * "บ่ได้รับเจ้า" (Northern), "บ่เคยได้สักบาท", "เคยได้", "ได้อยู่ค่ะ", "ยังไม่มี", "yes", "nope", "not sure".
 *
 * Read in this order: a "not sure" phrase anywhere; then a negation (ไม่, ยังไม่, no, never…) anywhere —
 * a Thai answer that denies starts with or contains it; then an affirmative word (ใช่, มี, ได้, เคย, เป็น…),
 * or a message of polite particles only ("ค่ะ", "เจ้า"), which says yes. Anything else is undefined.
 */
import { normaliseText } from './normalise';

export type YesNo = 'yes' | 'no' | 'unsure';

const UNSURE = /(ไม่แน่ใจ|ไม่รู้|ไม่ทราบ|ไม่แน่|จำไม่ได้|ไม่ได้ถาม|ไม่ได้ดู|อาจจะ|มั้ง|ไม่ชัวร์|notsure|unsure|dontknow|donotknow|idk|maybe|perhaps|notcertain)/;
/** Negative phrases that do not deny the question ("no problem"). */
const NOT_A_DENIAL = /(ไม่มีปัญหา|ไม่เป็นไร|ไม่ผิด|noproblem)/g;
const NO_THAI = /(ไม่|ยังไม่|มิได้|หามิได้|เปล่า)/;
const NO_LATIN = /\b(no|nope|nah|not|never|none|nothing|negative)\b/;
const YES_THAI = /(ใช่|มี|ได้|เคย|เป็น|ถูก|แม่น|อยู่|รับ|ยินยอม|ตกลง|โอเค|จ้ะ|จ้า|ค่ะ|ครับ|เจ้า|อือ|อื้อ|ฮื้อ|เออ|แน่นอน)/;
const YES_LATIN = /\b(yes|yeah|yep|yup|ya|y|sure|ok|okay|correct|right|of course|i do|i have|indeed|true)\b/;
const PARTICLES_ONLY = /^(ค่ะ|คะ|ครับ|คับ|จ้ะ|จ้า|เจ้า|ฮะ|นะ|ค่า|จ้าา)+$/;

/** What a typed answer to a yes/no question says, or undefined when it says neither. */
export function parseYesNo(text: string): YesNo | undefined {
  const norm = normaliseText(text).trim();
  if (!norm) return undefined;
  const latin = norm.replace(/[’']/g, '').replace(/[^a-z\s]/g, ' ');
  const compact = norm.replace(/[\s.,!?'"’()\-…~]+/g, '');
  if (UNSURE.test(compact)) return 'unsure';
  const denial = compact.replace(NOT_A_DENIAL, '');
  if (NO_THAI.test(denial) || NO_LATIN.test(latin.replace(/no problem/g, ''))) return 'no';
  if (PARTICLES_ONLY.test(compact) || YES_THAI.test(compact) || YES_LATIN.test(latin)) return 'yes';
  return undefined;
}
