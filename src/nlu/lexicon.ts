/**
 * The keyword tables of the free-text understanding module: pure data, one place, meant to be read and
 * extended by someone who knows how people in แจ้ซ้อน write. The matcher ({@link ./match}) and the scoring
 * ({@link ./index}) explain how the tables are used.
 *
 * Writing keywords
 * - Write the standard Central Thai form, lowercase. Thai digits, particles, repeated letters, Northern
 *   words (บ่ → ไม่, ป้อ → พ่อ, ฮู้ → รู้) and the typos in `normalise.ts` are already rewritten before
 *   matching, so "บ่เข้าใจ" is covered by "ไม่เข้าใจ". Spaces inside a keyword are ignored ("talk to staff").
 * - A plain string must start and end on word boundaries of the segmenter; how it is cut inside does not
 *   matter ("แอดมิน" → แอ|ดมิน still matches). So "ตาย" does not fire in "ตายาย" (ตา|ยาย), "ok" not in
 *   "book", "ที่อยู่" not in "เจ้าหน้าที่อยู่ไหม". Danger words (`dangerLexicon.ts`) are the exception: there, Thai keywords of
 *   4+ characters match anywhere (a missed cry for help costs more than a false alarm).
 *   Why: on the test table, boundary matching was right more often than substring matching (which fired
 *   "ตี" inside "ติดเตียง" and "ที่อยู่" inside "เจ้าหน้าที่อยู่"); see test/nlu/policy.test.ts.
 * - `'~แพมเพิส'`: match anywhere, for loanwords and phrases the segmenter cuts across their edges.
 * - `'#ซ้อม'`: force word-boundary matching (in the danger table).
 * - `'=กลับ'`: counts only when it is the whole message (after particles are removed).
 * - `{ text, unlessNext, unlessPrev }`: no match when the text right after / before starts / ends with
 *   one of the listed strings ("ตี" but not "ตีสอง" = 2 a.m., "แม่" but not "แม่น้ำ").
 *
 * - The global words (ยกเลิก, เมนู, เริ่มใหม่, ย้อนกลับ, ทำต่อ) are written once, in `src/vocabulary/words.ts`, and
 *   counted here as their intent when they are the whole message; the lists below add what else says it.
 *
 * When two keywords of the same table overlap and one contains the other, only the longer one counts
 * ("ไม่ใช่" hides "ใช่", "ไม่แน่ใจ" hides "แน่ใจ", "ยกเลิกนัด" hides "นัด").
 */
import { GLOBAL_WORDS, type Global } from '../vocabulary';
import type { BenefitMention, Category, Intent, RelationMention, TimeOfDay, Who } from './types';

export interface KeywordSpec {
  readonly text: string;
  readonly mode?: 'word' | 'sub';
  readonly alone?: boolean;
  readonly unlessNext?: readonly string[];
  readonly unlessPrev?: readonly string[];
}
export type Keyword = string | KeywordSpec;

/** Evidence for one intent, by strength. Weights are defined in `index.ts` ({@link WEIGHTS}). */
export interface IntentKeywords {
  /** Only when the message is exactly this. */
  readonly alone?: readonly Keyword[];
  /** Says the intent on its own ("ยกเลิก", "ติดตามเรื่อง"). */
  readonly strong?: readonly Keyword[];
  /** Usually means the intent, but weaker than a strong keyword of another intent. */
  readonly medium?: readonly Keyword[];
  /** Supports the intent; never enough alone. */
  readonly weak?: readonly Keyword[];
}

/** The global words of the shared vocabulary, each counted as its intent when it is the whole message. */
const globalWords = (g: Global): Keyword[] => GLOBAL_WORDS[g].map((w) => `=${w}`);

export const INTENT_KEYWORDS: Readonly<Record<Intent, IntentKeywords>> = {
  request_help: {
    strong: [
      'ช่วยเหลือ', 'ขอความช่วยเหลือ', 'ต้องการความช่วยเหลือ', 'เดือดร้อน', 'แจ้งเรื่อง', 'แจ้งเหตุ', 'ร้องทุกข์',
      'ขอความช่วย', 'ช่วยหน่อย', 'ช่วยที', 'ไม่มีที่อยู่', 'ไม่มีที่พัก', 'ไม่มีบ้านอยู่', 'ขอรับการช่วยเหลือ',
      'help', 'need help', 'assistance', 'support',
    ],
    medium: [
      { text: 'ช่วย', unlessNext: ['บอก', 'ดู', 'อธิบาย', 'ตอบ', 'เช็ค', 'ตรวจ'] }, 'ลำบาก', 'ร้องเรียน',
      { text: 'ขอเงิน', unlessNext: ['เด็ก', 'อุดหนุน', 'คนแก่', 'ผู้สูงอายุ', 'คนพิการ', 'ผู้พิการ', 'เบี้ย'] }, 'ขอรถเข็น',
      '~ขอแพมเพิส', 'ขอผ้าอ้อม', 'ไม่ไหวแล้ว', 'ไม่มีใครเลี้ยง', 'ไม่มีคนเลี้ยง', 'ไม่มีใครดูแล', 'ไม่มีคนดูแล',
      'ไม่รู้จะทำยังไง', 'ไม่รู้จะพึ่งใคร', 'ไม่มีที่พึ่ง', 'อยู่คนเดียว', 'อยู่บ้านคนเดียว', 'ถูกทิ้ง',
      'ไม่ไปโรงเรียน', 'ไม่ยอมไปโรงเรียน', 'ออกจากโรงเรียน', 'ติดเกม', 'ติดยา',
    ],
    weak: ['ขอ', 'ต้องการ', 'แย่', 'ทุกข์'],
  },
  check_eligibility: {
    strong: [
      'มีสิทธิ์', 'มีสิทธิ', 'ได้สิทธิ', 'ตรวจสอบสิทธิ', 'เช็คสิทธิ', 'เช็กสิทธิ', 'เข้าเกณฑ์', 'คุณสมบัติ',
      'ได้เบี้ย', 'ได้รับเบี้ย', 'ได้กี่บาท', 'ลงทะเบียนรับ', 'ขึ้นทะเบียน', 'ทำบัตร',
      'eligible', 'eligibility', 'entitled', 'qualify',
    ],
    medium: [
      'สิทธิ', 'ลงทะเบียน', 'สมัคร', 'กี่บาท', 'เดือนละเท่าไหร่', { text: 'ได้เงิน', unlessNext: ['แล้ว'] },
      { text: 'ได้รับเงิน', unlessNext: ['แล้ว'] }, 'ใช้เอกสาร', 'เอกสารอะไร', 'allowance',
    ],
    weak: ['เอกสาร', 'หลักฐาน', 'สอบถาม', 'อยากทราบ', 'อยากรู้', 'ถามหน่อย', 'ถามเรื่อง'],
  },
  book_visit: {
    strong: [
      'นัดหมาย', 'ขอนัด', 'จองคิว', 'จองวัน', 'ไปติดต่อ', 'เข้าไปติดต่อ', 'ไปพบ', 'เข้าพบ', 'ไปหาเจ้าหน้าที่',
      'ไปที่อบต', 'ไปอบต', 'ไปที่ศูนย์', 'ไปศูนย์', 'เยี่ยมบ้าน', 'มาเยี่ยม', 'มาที่บ้าน', 'ลงเยี่ยม',
      'book', 'booking', 'appointment', 'schedule', 'visit',
    ],
    medium: [{ text: 'นัด', mode: 'sub' }, 'จอง', 'คิว', 'ว่างวันไหน', 'วันไหนว่าง', 'ว่างไหม', 'เข้าไป', 'ไปได้ไหม'],
    weak: ['ไปหา', 'ติดต่อ'],
  },
  track: {
    strong: [
      'ติดตาม', 'ตามเรื่อง', 'เรื่องที่แจ้ง', 'ที่แจ้งไป', 'ที่ยื่นไป', 'เรื่องที่ยื่น', 'ถึงไหนแล้ว', 'คืบหน้า',
      'สถานะ', 'ผลการพิจารณา', 'ได้เรื่องยัง', 'ได้เรื่องหรือยัง', 'เรื่องเงียบ', 'ยังไม่ได้เงิน', 'ยังไม่ได้รับเงิน',
      'เงินยังไม่เข้า', 'เงินเข้ายัง', 'เงินเข้าหรือยัง', 'เลขที่เรื่อง', 'เลขอ้างอิง', 'เมื่อไหร่จะได้',
      'track', 'status', 'follow up', 'my request', 'my case',
    ],
    medium: ['ยังไม่ได้รับ', 'ผลเป็นยังไง', 'เป็นยังไงบ้าง', 'ไปถึงไหน', 'อนุมัติ', 'รอนาน'],
    weak: ['ตรวจสอบ', 'เช็ค', 'เช็ก', 'แจ้งไป', 'ยื่นไป', 'เมื่อวาน'],
  },
  talk_to_staff: {
    strong: [
      'คุยกับคน', 'คนจริง', 'ขอคุยกับ', 'ติดต่อเจ้าหน้าที่', 'คุยกับเจ้าหน้าที่', 'ขอเบอร์', 'เบอร์เจ้าหน้าที่',
      'โทรหาเจ้าหน้าที่', 'แอดมิน', 'พนักงาน', 'ขอสาย', 'โทรกลับ', 'ขอพูดกับ', 'คุยกับพี่',
      'admin', 'staff', 'human', 'agent', 'operator', 'real person', 'talk to someone', 'speak to someone', 'speak to', 'speak with', 'call me',
    ],
    medium: ['เจ้าหน้าที่', 'เบอร์โทร', 'โทรหา', 'ขอคุย', 'ปลัด', 'นายก', 'talk to'],
    weak: ['โทร', 'เบอร์'],
  },
  centre_info: {
    strong: [
      'ที่อยู่', 'อยู่ที่ไหน', 'อยู่ตรงไหน', 'อยู่ไหน', 'แผนที่', 'เปิดกี่โมง', 'ปิดกี่โมง', 'เปิดวันไหน',
      'เปิดวันเสาร์', 'เวลาทำการ', 'เวลาเปิด', 'เวลาราชการ', 'เบอร์ศูนย์', 'เบอร์อบต', 'เบอร์โทรศูนย์',
      'เบอร์โทรอบต', 'เปิดไหม', 'เปิดหรือเปล่า', 'เปิดทุกวัน', 'หยุดวันไหน', 'ไปทางไหน', 'ไปยังไง', 'เดินทางไป', 'เกี่ยวกับศูนย์',
      'address', 'opening hours', 'office hours', 'open', 'location', 'where is',
    ],
    medium: ['เปิด', 'ปิด', 'วันหยุด', 'ศูนย์ช่วยเหลือสังคม', 'ที่ไหน', 'hours'],
    weak: ['ศูนย์', 'อบต', 'กี่โมง'],
  },
  menu: {
    strong: ['เมนู', '~กลับสู่บอท', '~กลับไปที่บอท', 'หน้าหลัก', 'มีบริการอะไร', 'บริการอะไรบ้าง', 'menu', 'main menu'],
    alone: [...globalWords('menu'), '=home', '=start', '=บริการ', '=หน้าแรก'],
  },
  cancel: {
    strong: [
      'ยกเลิก', 'เลิกทำ', 'ไม่เอาแล้ว', 'พอแล้ว', 'ไม่ทำแล้ว', 'ไม่ต้องแล้ว', 'ไม่สนใจแล้ว', 'ช่างมัน', 'ยกเลิกนัด',
      'ไม่ต้องการแล้ว', 'หยุดก่อน', 'พอก่อน', 'ไว้ก่อน', 'ไว้ค่อยคุย', 'ไว้วันหลัง', 'ไว้ทีหลัง', 'cancel', 'stop', 'quit', 'exit', 'never mind', 'nevermind',
    ],
    alone: [...globalWords('cancel'), '=เลิก', '=พอ', '=หยุด', '=ไม่ต้อง', '=ไม่ทำ'],
  },
  restart: {
    strong: ['เริ่มใหม่', 'เริ่มต้นใหม่', 'ทำใหม่', 'เอาใหม่', 'เริ่มใหม่หมด', 'restart', 'start over', 'start again', 'reset'],
    alone: [...globalWords('restart'), '=เริ่ม', '=เริ่มต้น'],
  },
  back: {
    strong: ['ย้อนกลับ', 'ถอยกลับ', 'ก่อนหน้า', 'ข้อที่แล้ว', 'go back', 'previous'],
    alone: [...globalWords('back'), '=กลับไป', '=ถอย'],
  },
  resume: {
    strong: ['ทำต่อ', 'ไปต่อ', 'ดำเนินการต่อ', 'ต่อจากเดิม', 'ทำต่อจากเดิม', 'ต่อจากที่ค้าง', 'continue', 'resume'],
    alone: [...globalWords('resume'), '=ต่อเลย'],
  },
  confirm: {
    strong: [
      'ตกลง', 'โอเค', 'ถูกต้อง', 'ใช่เลย', 'ยืนยัน', 'ได้เลย', 'จัดไป', 'เห็นด้วย', 'ถูกแล้ว', 'ใช่แล้ว',
      'รับทราบ', 'ทราบแล้ว', 'เข้าใจแล้ว',
      'ok', 'okay', 'yes', 'yep', 'yeah', 'sure', 'correct', 'confirm',
    ],
    medium: [{ text: 'ใช่', unlessNext: ['ไหม', 'หรือเปล่า', 'รึเปล่า', 'มั้ย'] }],
    alone: ['=ได้', '=เอา', '=ถูก', '=อืม', '=อือ', '=อื้อ', '=y', '=ดีเลย', '=ไม่มีปัญหา'],
  },
  deny: {
    strong: [
      'ไม่ใช่', 'ไม่ถูก', 'ไม่ถูกต้อง', 'แก้ไข', 'ไม่ตกลง', 'ไม่โอเค', 'ไม่ยืนยัน', 'ผิดแล้ว', 'ยังไม่ถูก', 'ขอแก้',
      'no', 'nope', 'wrong', 'incorrect', 'not correct', 'edit',
    ],
    medium: ['#ผิด'],
    alone: ['=ไม่', '=ไม่ได้', '=ไม่เอา', '=เปล่า', '=แก้', '=n'],
  },
  lost: {
    strong: [
      'ไม่เข้าใจ', 'งง', 'ไม่รู้เรื่อง', 'ใช้ยังไง', 'ใช้ไม่เป็น', 'ทำไม่เป็น', 'อ่านไม่ออก', 'ไม่รู้จะทำยังไง',
      'ไม่รู้จะกดอะไร', 'กดยังไง', 'หมายความว่า', 'หมายถึงอะไร', 'ทำยังไงต่อ', 'ไม่รู้ต้องทำอะไร',
      'confused', 'dont understand', 'do not understand', 'what do you mean', 'huh',
    ],
    medium: ['ทำยังไง', 'ต้องทำไง', 'เข้าใจยาก', 'ไม่ชัด'],
    alone: ['=อะไร', '=หา', '=ห้ะ', '=what', '=ไงนะ', '=ยังไง'],
  },
  greeting: {
    medium: ['สวัสดี', 'หวัดดี', 'ฮัลโหล', 'ฮาโหล', 'เฮลโหล', 'ทักทาย', 'hello', 'hi', 'hey', 'good morning', 'sawasdee'],
    alone: ['=ดี'],
  },
  thanks: {
    strong: ['ขอบคุณที่ช่วยเหลือ', 'ขอบคุณที่ช่วย', 'ขอบคุณสำหรับ', 'ขอบใจที่ช่วย'],
    medium: ['ขอบคุณ', 'ขอบใจ', 'ขอบพระคุณ', 'แต๊งกิ้ว', 'แต๊งกิว', 'thank', 'thanks', 'thx', 'thank you'],
    alone: ['=ty', '=ขอบคุณหลาย'],
  },
  unsure: {
    strong: [
      'ไม่แน่ใจ', 'ไม่รู้', 'ไม่ทราบ', 'ไม่ชัวร์', 'ยังไม่รู้', 'ไม่แน่', 'ตอบไม่ถูก', 'จำไม่ได้',
      'not sure', 'dont know', 'do not know', 'unsure', 'idk', 'dunno',
    ],
    medium: ['อาจจะ', '~มั้ง', 'maybe', 'perhaps'],
  },
};

/** Words that make a message a question; they support eligibility when a benefit is named. */
export const QUESTION_KEYWORDS: readonly Keyword[] = [
  'ไหม', 'หรือเปล่า', 'รึเปล่า', 'หรือไม่', 'เท่าไหร่', 'กี่บาท', 'ยังไง', 'อย่างไร', 'บ้าง', 'หรือยัง', 'ได้ไหม',
  'how', 'what', 'can i', 'how much', 'do i',
];

/** Who the message is about. A relation word (below) makes it "relative". */
export const WHO_KEYWORDS: Readonly<Record<Exclude<Who, 'relative'>, readonly Keyword[]>> = {
  self: [
    'ผม', 'ฉัน', 'ดิฉัน', 'ดีฉัน', { text: 'หนู', unlessNext: ['ตัว'] }, 'เรา', 'กู', 'ข้า', 'ตัวเอง', 'ตนเอง',
    'ตัวผม', 'เค้าเอง', 'i', 'me', 'my', 'myself', 'im',
  ],
  other: [
    'เพื่อนบ้าน', 'ข้างบ้าน', 'บ้านข้างๆ', 'คนในหมู่บ้าน', 'คนแถวบ้าน', 'ในหมู่บ้าน', 'คนรู้จัก', 'ชาวบ้าน',
    'คนอื่น', 'เพื่อน', 'คนนึง', 'คนหนึ่ง', 'neighbour', 'neighbor', 'friend', 'someone',
  ],
};

/** Relation words, normalised to a key. Longer entries win ("แม่ยาย" over "แม่", "ตายาย" over "ตา"). */
export const RELATION_KEYWORDS: Readonly<Record<RelationMention, readonly Keyword[]>> = {
  mother: [
    {
      text: 'แม่',
      unlessNext: [
        'น้ำ', 'บ้าน', 'ค้า', 'ครัว', 'เมาะ', 'ทะ', 'พระ', 'ชี', 'ทัพ', 'แบบ', 'ไก่', 'เหล็ก', 'กุญแจ', 'ฮ่องสอน',
        'ริม', 'แตง', 'สาย', 'พิมพ์', 'พริก', 'ลาน', 'งาน', 'หม้าย', 'หยัว', 'โจ้', 'ปุ๋ม',
      ],
    },
    'มารดา', 'คุณแม่', 'แม่เลี้ยง', 'หม่าม๊า', 'mother', 'mom', 'mum', 'mama',
  ],
  father: [
    { text: 'พ่อ', unlessNext: ['ค้า', 'บ้าน', 'ครัว', 'หลวง', 'หม้าย', 'พระ', 'มด', 'ขุน', 'เมือง', 'ตา'] },
    'บิดา', 'คุณพ่อ', 'พ่อเลี้ยง', 'ป้อ', 'father', 'dad', 'papa',
  ],
  parent: ['พ่อแม่', 'บุพการี', 'parents', 'parent'],
  grandmother: ['ยาย', 'ย่า', 'คุณยาย', 'คุณย่า', 'แม่อุ๊ย', 'แม่เฒ่า', 'grandmother', 'grandma', 'granny'],
  grandfather: [
    { text: 'ตา', unlessNext: ['บอด', 'มัว', 'เจ็บ', 'ต้อ', 'แดง', 'ฝ้า', 'ลาย', 'ข่าย', 'ราง', 'ชั่ง', 'ดี'] },
    'ปู่', 'คุณตา', 'คุณปู่', 'พ่ออุ๊ย', 'พ่อเฒ่า', 'grandfather', 'grandpa',
  ],
  grandparent: ['ตายาย', 'ปู่ย่า', 'ปู่ย่าตายาย', 'อุ๊ย', 'grandparents', 'grandparent'],
  child: [
    {
      text: 'ลูก',
      unlessNext: ['ค้า', 'จ้าง', 'บอล', 'หนี้', 'ความ', 'ศิษย์', 'น้อง', 'ไม้', 'กุญแจ', 'ชิ้น', 'พี่', 'เกด', 'อม', 'ข่าง', 'โป่ง', 'เต๋า', 'ปัด', 'บาศก์', 'หมู', 'ไก่'],
    },
    'บุตร', 'ลูกชาย', 'ลูกสาว', 'ลูกๆ', 'child', 'children', 'son', 'daughter', 'kid', 'kids', 'baby',
  ],
  spouse: ['สามี', 'ภรรยา', 'ภริยา', 'ผัว', 'เมีย', 'แฟน', 'husband', 'wife'],
  sibling: [
    { text: 'พี่', unlessNext: ['เลี้ยง'] }, 'น้อง', 'พี่ชาย', 'พี่สาว', 'น้องชาย', 'น้องสาว', 'พี่น้อง',
    'brother', 'sister',
  ],
  grandchild: ['หลาน', 'หลานชาย', 'หลานสาว', 'grandson', 'granddaughter', 'grandchild'],
  relative: [
    'ญาติ', 'ลุง', 'ป้า', { text: 'น้า', unlessNext: ['ที่'] }, 'คุณอา', 'ลูกพี่ลูกน้อง', 'ลูกหลาน', 'แม่ยาย',
    'พ่อตา', 'แม่สามี', 'พ่อสามี', 'ลูกเขย', 'ลูกสะใภ้', 'uncle', 'aunt', 'auntie', 'relative', 'cousin',
  ],
};

/** The kind of hardship. When several are named, the first in {@link CATEGORY_PRIORITY} wins. */
export const CATEGORY_KEYWORDS: Readonly<Record<Category, readonly Keyword[]>> = {
  violence: ['ความรุนแรง', 'ถูกทอดทิ้ง', 'ทอดทิ้ง', 'ด่าทอ', 'ข่มขู่', 'ทารุณ', 'violence', 'abuse'],
  bedridden: [
    'ติดเตียง', 'อัมพาต', 'อัมพฤกษ์', 'ลุกไม่ได้', 'ลุกไม่ขึ้น', 'นอนอย่างเดียว', 'ไม่มีคนดูแล', 'ไม่มีคนเฝ้า',
    'ไม่มีใครดูแล', 'หาคนดูแล', 'ผ้าอ้อมผู้ใหญ่', '~แพมเพิส', 'เส้นเลือดในสมอง', 'สโตรก', 'stroke', 'bedridden',
    'caregiver',
  ],
  disability: [
    'พิการ', 'ตาบอด', 'หูหนวก', 'หูตึง', 'เป็นใบ้', 'ขาขาด', 'แขนขาด', 'เดินไม่ได้', '~ออทิสติก', 'ดาวน์ซินโดรม',
    'บกพร่อง', 'วีลแชร์', 'รถเข็น', 'ไม้เท้า', 'มองไม่เห็น', 'disabled', 'disability', 'wheelchair', 'blind', 'deaf',
  ],
  housing: [
    'บ้านพัง', 'บ้านจะพัง', 'บ้านทรุด', 'บ้านผุ', 'ผุพัง', 'ทรุดโทรม', 'บ้านเก่ามาก', 'หลังคารั่ว', 'หลังคาพัง', 'ซ่อมบ้าน', 'ปรับปรุงบ้าน', 'ปรับสภาพบ้าน', 'ไม่มีที่อยู่',
    'ไม่มีบ้าน', 'ไร้บ้าน', 'ไฟไหม้บ้าน', 'บ้านไฟไหม้', 'บ้านถูกไฟไหม้', 'น้ำท่วม', 'ไม่มีที่พัก', 'ถูกไล่ที่',
    'โดนไล่ออกจากบ้าน', 'ไม่มีที่นอน', 'homeless', 'house repair', 'housing',
  ],
  low_income: [
    'ไม่มีเงิน', 'ไม่มีตัง', 'ไม่มีตังค์', 'ไม่มีสตางค์', 'ยากจน', 'คนจน', 'จนมาก', 'รายได้น้อย', 'ไม่มีรายได้', 'ตกงาน', 'ไม่มีงานทำ',
    'ไม่มีข้าวกิน', 'ไม่มีจะกิน', 'เป็นหนี้', 'หนี้สิน', 'ค่าเทอม', 'ค่าเล่าเรียน', 'เงินไม่พอ', 'ขัดสน',
    'หาเงินไม่ได้', 'poor', 'no money', 'cant afford', 'low income', 'unemployed',
  ],
  child: [
    'เด็ก', '~ทารก', 'ลูกเล็ก', 'ลูกอ่อน', 'เด็กแรกเกิด', 'นักเรียน', 'กำพร้า', 'ลูกไม่ไปโรงเรียน', 'ตั้งครรภ์', 'ตั้งท้อง',
    'ท้องไม่พร้อม', 'คลอด', 'ไม่ไปโรงเรียน', 'ไม่ยอมไปโรงเรียน', 'ออกจากโรงเรียน', 'ติดเกม', 'ติดยา', 'orphan', 'newborn',
    'pregnant',
  ],
  elderly: [
    'ผู้สูงอายุ', 'สูงอายุ', 'คนแก่', 'คนชรา', 'ชรา', 'ผู้เฒ่า', 'แก่แล้ว', 'อายุมาก', 'ติดบ้าน', 'elderly', 'old age',
    'old person', 'senior',
  ],
  other: ['ป่วย', 'ไม่สบาย', 'ติดเหล้า', 'ติดยา', 'จิตเวช', 'ซึมเศร้า', 'เสียชีวิต', 'งานศพ', 'ค่ารักษา', 'sick', 'ill'],
};

/** Most specific need first: violence, then bedridden/caregiving … the population groups last. */
export const CATEGORY_PRIORITY: readonly Category[] = [
  'violence', 'bedridden', 'disability', 'housing', 'low_income', 'child', 'elderly', 'other',
];

/**
 * Benefits. `allowance` is the generic "เบี้ย"/"เบี้ยยังชีพ": it becomes `disability` when a disability is
 * named and `old_age` otherwise (the common meaning in the village).
 */
export const BENEFIT_KEYWORDS: Readonly<Record<BenefitMention | 'allowance', readonly Keyword[]>> = {
  welfare_card: [
    'บัตรสวัสดิการแห่งรัฐ', 'บัตรสวัสดิการ', 'บัตรคนจน', 'บัตรประชารัฐ', 'บัตรลุงตู่', 'บัตรสวัสดิ์', 'welfare card',
  ],
  newborn: [
    'เงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด', 'เงินอุดหนุนเด็ก', 'เงินเด็กแรกเกิด', 'อุดหนุนเด็กแรกเกิด', 'เงินเลี้ยงดูเด็ก',
    'เด็กแรกเกิด', 'เงินอุดหนุนบุตร', '~ดร.01', 'คลอดลูก', 'เพิ่งคลอด', 'newborn', 'child support', 'child grant',
  ],
  emergency: [
    'เงินสงเคราะห์', 'สงเคราะห์', 'เงินช่วยเหลือฉุกเฉิน', 'เงินฉุกเฉิน', 'ช่วยเหลือเฉพาะหน้า', 'ผู้ประสบปัญหาทางสังคม',
    'เงินช่วยเหลือ', 'emergency grant', 'emergency fund', 'emergency money',
  ],
  disability: [
    'เบี้ยความพิการ', 'เบี้ยคนพิการ', 'เบี้ยผู้พิการ', 'เบี้ยพิการ', 'บัตรคนพิการ', 'บัตรผู้พิการ', 'บัตรพิการ',
    'เงินคนพิการ', 'เงินผู้พิการ', 'disability allowance', 'disability card',
  ],
  old_age: [
    'เบี้ยยังชีพผู้สูงอายุ', 'เบี้ยผู้สูงอายุ', 'เบี้ยคนแก่', 'เบี้ยคนชรา', 'เงินคนแก่', 'เงินผู้สูงอายุ', 'เบี้ยสูงอายุ',
    'เงินเดือนคนแก่', 'old age allowance', 'old-age allowance', 'elderly allowance', 'pension',
  ],
  allowance: ['เบี้ยยังชีพ', 'เบี้ย', 'allowance'],
};

export const BENEFIT_PRIORITY: readonly (BenefitMention | 'allowance')[] = [
  'welfare_card', 'newborn', 'disability', 'old_age', 'emergency', 'allowance',
];

/** Weekday names → luxon weekday (1 = Monday). "อาทิตย์หน้า" is "next week", not Sunday. */
export const WEEKDAY_KEYWORDS: Readonly<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', readonly Keyword[]>> = {
  '1': ['จันทร์', 'monday', 'mon'],
  '2': ['อังคาร', 'tuesday', 'tue', 'tues'],
  '3': ['พุธ', 'wednesday', 'wed'],
  '4': ['พฤหัส', 'พฤหัสบดี', 'พฤหัด', 'พะหัด', 'thursday', 'thu', 'thurs'],
  '5': ['ศุกร์', 'ศุก', 'friday', 'fri'],
  '6': ['เสาร์', 'saturday', 'sat'],
  '7': [
    'วันอาทิตย์', 'วันอาทิด',
    { text: 'อาทิตย์', unlessNext: ['หน้า', 'นี้', 'ที่แล้ว', 'ก่อน', 'ละ', 'ต่อไป'] }, 'sunday', 'sun',
  ],
};

export const TIME_OF_DAY_KEYWORDS: Readonly<Record<TimeOfDay, readonly Keyword[]>> = {
  morning: ['เช้า', 'ก่อนเที่ยง', 'morning'],
  afternoon: ['บ่าย', 'หลังเที่ยง', 'เย็น', 'afternoon'],
};

/** Urgency words (danger words also make a message urgent). */
export const URGENT_KEYWORDS: readonly Keyword[] = [
  'ด่วน', 'เร่งด่วน', 'ฉุกเฉิน', 'รีบ', 'ด่วนที่สุด', 'โดยเร็ว', 'ไม่ไหวแล้ว', 'urgent', 'asap', 'emergency',
];
