/**
 * Yes, no or not sure, as people answer a yes/no question in a chat: "ไม่ได้รับค่ะ", "ไม่เคยได้รับ",
 * "บ่ได้รับเจ้า" (Northern), "บ่เคยได้สักบาท", "เคยได้", "ได้อยู่ค่ะ", "ยังไม่มี", "yes", "nope", "not sure".
 *
 * Read in this order: a "not sure" phrase anywhere; a question back ("ได้ไหมคะ") says nothing; then a
 * negation (ไม่, ยังไม่, no, never…) anywhere — a Thai answer that denies starts with or contains it; then an
 * affirmative verb (ใช่, มี, ได้, เคย, เป็น…), which says yes. Words that say yes only on their own — a polite
 * particle ("ครับ", "เจ้า"), "อือ", "อยู่", "รับ" — say it only when the message has nothing else: "อยู่ค่ะ" is a
 * yes, "อยู่หมู่ 3 ครับ" (where someone lives) is no answer to the question. Anything else is undefined.
 */
import { normaliseText, segment } from './normalise';

export type YesNo = 'yes' | 'no' | 'unsure';

const UNSURE = /(ไม่แน่ใจ|ไม่รู้|ไม่ทราบ|ไม่แน่|จำไม่ได้|ไม่ได้ถาม|ไม่ได้ดู|อาจจะ|มั้ง|ไม่ชัวร์|notsure|unsure|dontknow|donotknow|idk|maybe|perhaps|notcertain)/;
/** A question particle ending the message (before any polite particle). */
const QUESTION = /(ไหม|มั้ย|มั๊ย|ไม๊|หรือเปล่า|รึเปล่า|หรือป่าว|รึป่าว|หรือไม่|รึไม่|เหรอ|หรอ)(ค่ะ|คะ|ครับ|คับ|จ๊ะ|จ้ะ|นะ|ฮะ)*$/;
/** Negative phrases that do not deny the question ("no problem"). */
const NOT_A_DENIAL = /(ไม่มีปัญหา|ไม่เป็นไร|ไม่ผิด|noproblem)/g;
const NO_THAI = /(ไม่|ยังไม่|มิได้|หามิได้|เปล่า)/;
const NO_LATIN = /\b(no|nope|nah|not|never|none|nothing|negative)\b/;
/** Affirmative verbs: a yes where they stand as words ("แม่ได้รับอยู่แล้วค่ะ"; not the มี of "เหมี้ยง"), except in these. */
const YES_THAI = new Set(['ใช่', 'มี', 'ได้', 'เคย', 'เป็น', 'ถูก', 'แม่น', 'ยินยอม', 'ตกลง', 'โอเค', 'แน่นอน', 'รับทราบ', 'ทราบ']);
const NOT_A_YES = /(รายได้|ได้ยิน|มีนาคม)/g;
const YES_LATIN = /\b(yes|yeah|yep|yup|ya|y|sure|ok|okay|correct|right|of course|i do|i have|indeed|true)\b/;
/** A message of particles and short yes-words only ("ค่ะ", "อยู่ค่ะ", "อือ", "จ้าา"). */
const YES_WORDS_ONLY = /^(ค่ะ|คะ|ครับผม|ครับ|คับ|จ้ะ|จ้า+|เจ้า|ฮะ|นะ|ค่า|อยู่|รับ|อือ|อื้อ|ฮื้อ|เออ)+$/;

/** What a typed answer to a yes/no question says, or undefined when it says neither. */
export function parseYesNo(text: string): YesNo | undefined {
  const norm = normaliseText(text).trim();
  if (!norm) return undefined;
  const latin = norm.replace(/[’']/g, '').replace(/[^a-z\s]/g, ' ');
  const compact = norm.replace(/[\s.,!?'"’()\-…~ๆ]+/g, '');
  if (UNSURE.test(compact)) return 'unsure';
  // A question back ("ภายในวันนี้ได้ไหม", "ต้องใช้บัตรหรือเปล่า") answers nothing.
  if (QUESTION.test(compact) || /[?？]\s*$/.test(norm)) return undefined;
  const denial = compact.replace(NOT_A_DENIAL, '');
  if (NO_THAI.test(denial) || NO_LATIN.test(latin.replace(/no problem/g, ''))) return 'no';
  if (YES_WORDS_ONLY.test(compact) || YES_LATIN.test(latin)) return 'yes';
  if (segment(compact.replace(NOT_A_YES, ' ')).some((words) => words.some((w) => YES_THAI.has(w)))) return 'yes';
  return undefined;
}
