/**
 * The words of the danger classifier (`danger.ts`): pure data, meant to be read and extended by someone who knows
 * how people in แจ้ซ้อน write. Keywords follow the rules of `lexicon.ts` (normalised Central Thai; Northern "บ่",
 * "ต๋าย", typos are rewritten before matching; Thai keywords of 4+ characters match anywhere).
 *
 * - {@link DANGER_KEYWORDS}: words that, said about now, mean a person is at risk (each kind has its own card).
 * - {@link UNSURE_KEYWORDS}: despair or a cry that may or may not be danger: the bot asks one gentle question.
 * - The context patterns (matched on the compact text, i.e. words joined without spaces) take a danger word back
 *   (negation, long past, news/fiction, bereavement, asking for a number) or soften it to "unsure".
 * Urgency words ("ด่วน", "ด่วนมาก", "urgent") are never here: urgency is not danger.
 */
import type { Keyword } from './lexicon';
import type { Danger } from './types';

const HOURS_AND_NUMBERS = ['หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'ครึ่ง', '1', '2', '3', '4', '5', '6'];

/** Danger words by kind. When several kinds are named, {@link DANGER_PRIORITY} decides. */
export const DANGER_KEYWORDS: Readonly<Record<Danger, readonly Keyword[]>> = {
  violence: [
    {
      text: 'ตี',
      unlessNext: [
        ...HOURS_AND_NUMBERS,
        'กลอง',
        'ฆ้อง',
        'ระนาด',
        'กลับ',
        'ความ',
        'ตรา',
        'ราคา',
        'พิมพ์',
        'แผ่',
        'ตั๋ว',
        'เช็ค',
        'สนิท',
        'ซี้',
        'เนียน',
        'มึน',
        'กิน',
        'เส้น',
        'ไข่',
        'แปลง',
        'เหล็ก',
        'มีด',
        'บอล',
        'ลูกบอล',
        'กอล์ฟ',
        'แบด',
        'ปิงปอง',
        'เทนนิส',
        'หน้าเศร้า',
        'หน้าซื่อ',
        'หน้ามึน',
        'โพย',
        'ปีก',
        'วง',
        'ค่า',
        'ทะเบียน',
        'ฝีปาก',
        'ยุง',
        'แมลงวัน',
        'ก้น',
        'ลังกา',
        'นึง',
        'กันเล่น',
        'เล่น',
        'ตัวออก',
        'ห่าง',
        'ราคาสูง',
        'เรื่อง',
      ],
      unlessPrev: ['ตอน', 'เวลา', 'ช่วง', 'ไม้', 'ราคา'],
    },
    'ทุบตี',
    { text: 'ทำร้าย', unlessNext: ['จิตใจ', 'ความรู้สึก', 'สุขภาพ'] },
    'ถูกทำร้าย',
    'โดนทำร้าย',
    'ข่มขืน',
    'ล่วงละเมิด',
    'ทารุณ',
    'กระทืบ',
    'ทำร้ายร่างกาย',
    { text: '#ซ้อม', unlessNext: ['ดนตรี', 'ร้อง', 'รำ', 'กีฬา', 'บอล', 'เต้น', 'ละคร', 'แข่ง', 'หนี', 'ใหญ่', 'เพลง', 'กลอง', 'วิ่ง'] },
    { text: '#ต่อย', unlessNext: ['มวย'], unlessPrev: ['ผึ้ง', 'แตน', 'ต่อ'] },
    { text: 'เตะ', unlessNext: ['บอล', 'ฟุตบอล', 'ตะกร้อ', 'ลูก'] },
    { text: 'ตบ', unlessNext: ['มือ', 'ยุง', 'บ่า', 'ไหล่', 'เบาๆ', 'ตา'] },
    { text: '#บีบคอ' },
    'ขู่ฆ่า',
    'ขู่จะฆ่า',
    { text: 'จะฆ่า', unlessNext: ['ไก่', 'หมู', 'ปลา', 'วัว', 'ควาย', 'เป็ด', 'แมลง', 'มด', 'ยุง', 'หนู', 'เวลา', 'ตัวตาย', 'ตัวเอง', 'เชื้อ', 'หญ้า'] },
    'เอามีดไล่',
    'ใช้มีด',
    'ถือมีดไล่',
    'ล่ามโซ่',
    'ขังไว้',
    ...['ยาย', 'ตา', 'แม่', 'พ่อ', 'ลูก', 'หลาน', 'เด็ก', 'เมีย', 'ผัว', 'ปู่', 'ย่า'].map((who) => `ขัง${who}`),
    'กักขัง',
    'ลวนลาม',
    'อนาจาร',
    // Sexual abuse as people say it ("พ่อเลี้ยงจับลูกสาวแก้ผ้า").
    'จับแก้ผ้า',
    ...['ลูก', 'ลูกสาว', 'ลูกชาย', 'หลาน', 'หลานสาว', 'เด็ก', 'หนู', 'น้อง'].map((who) => `จับ${who}แก้ผ้า`),
    'บังคับแก้ผ้า',
    'บังคับให้แก้ผ้า',
    { text: 'ให้แก้ผ้า', unlessNext: ['อาบน้ำ', 'เปลี่ยน'] },
    'แก้ผ้าให้ดู',
    'ถอดเสื้อผ้าให้ดู',
    'จับหน้าอก',
    'จับของลับ',
    'ลูบคลำ',
    'ล่วงเกิน',
    { text: 'ปล้ำ', unlessPrev: ['มวย', 'ปลุก'] },
    'molest',
    'molested',
    'ถูกตี',
    'โดนตี',
    'ความรุนแรงในครอบครัว',
    'ฟาดด้วยไม้',
    'เอาไม้ฟาด',
    'ตีหัว',
    { text: 'abuse', unlessPrev: ['drug', 'substance', 'alcohol'] },
    'abused',
    'abusing',
    'beat me',
    'beats me',
    'beating me',
    'hit me',
    'hits me',
    'hitting me',
    'hits my',
    'beats my',
    'rape',
    'raped',
    'domestic violence',
    'violence',
    'threatens to kill',
    'hurting me',
    'hurts me',
  ],
  self_harm: [
    { text: 'อยากตาย', unlessNext: ['าย', 'ยาย'] },
    'ฆ่าตัวตาย',
    { text: 'ไม่อยากอยู่แล้ว', unlessNext: ['ที่นี่', 'ที่นี้', 'บ้าน', 'ห้อง', 'หอ', 'ตรงนี้', 'คนเดียว', 'กับ'] },
    'ไม่อยากมีชีวิต',
    'กินยาตาย',
    'กินยาฆ่าแมลง',
    'กินยาเกินขนาด',
    'ผูกคอ',
    'แขวนคอ',
    'กระโดดตึก',
    'กระโดดน้ำตาย',
    'ทำร้ายตัวเอง',
    'กรีดข้อมือ',
    'กรีดแขน',
    'จบชีวิต',
    'ไม่อยากอยู่บนโลก',
    'ไม่อยากอยู่ต่อ',
    'อยู่ไปก็ไม่มีประโยชน์',
    'อยู่ไปทำไม',
    'ตายดีกว่า',
    'ตายๆไป',
    'ไม่อยากตื่นขึ้นมาอีก',
    // "Sleep and never wake up".
    'หลับไม่ต้องตื่น',
    'หลับไปไม่ต้องตื่น',
    'หลับไปเลยไม่ต้องตื่น',
    'หลับไม่ตื่นอีก',
    'ไม่ต้องตื่นขึ้นมาอีก',
    'ฆ่าตัวเอง',
    'ไม่อยากอยู่ในโลกนี้',
    'อยากหายไปจากโลก',
    'ตายไปซะ',
    'อยากไปให้พ้น',
    'suicide',
    'suicidal',
    'kill myself',
    'killing myself',
    'kill himself',
    'kill herself',
    'want to die',
    'wanna die',
    'want to end it',
    'end my life',
    'end it all',
    'hurt myself',
    'cut myself',
    'overdose',
  ],
  medical: [
    { text: 'เลือดออก', unlessNext: ['ตามไรฟัน', 'ไรฟัน', 'นิดหน่อย', 'ตามนัด'] },
    'เลือดไหล',
    'หมดสติ',
    'ไม่หายใจ',
    'หายใจไม่ออก',
    'หายใจไม่ทัน',
    'ล้มหัวฟาด',
    'หัวฟาด',
    'หัวแตก',
    'ไม่รู้สึกตัว',
    'ล้มลุกไม่ขึ้น',
    'ล้มแล้วลุกไม่ขึ้น',
    'ล้มแล้วลุกไม่ได้',
    'ชักเกร็ง',
    'ชักกระตุก',
    'ปากเบี้ยว',
    'ถูกรถชน',
    'โดนรถชน',
    'รถคว่ำ',
    { text: 'จมน้ำ', unlessPrev: ['บ้าน', 'นา', 'ไร่', 'สวน', 'รถ', 'ของ', 'ถนน', 'ทุ่ง', 'หมู่บ้าน', 'ข้าว'] },
    'เจ็บหน้าอก',
    'แน่นหน้าอก',
    'งูกัด',
    'ไม่ตอบสนอง',
    'ปลุกไม่ตื่น',
    'ตัวเขียว',
    'not breathing',
    'cant breathe',
    'can not breathe',
    'stopped breathing',
    'bleeding',
    'unconscious',
    'passed out',
    'chest pain',
    'heart attack',
    'ambulance',
    'having a seizure',
    'snake bite',
    'drowning',
  ],
};

/** When several danger kinds are named, the first here is reported (its card also lists 1669). */
export const DANGER_PRIORITY: readonly Danger[] = ['self_harm', 'violence', 'medical'];

/** Despair and cries that may be danger: one gentle question ("ตอนนี้คุณปลอดภัยไหมคะ"), never an alarm. */
export const UNSURE_KEYWORDS: Readonly<Record<Danger, readonly Keyword[]>> = {
  self_harm: [
    'เบื่อชีวิต',
    'หมดหวัง',
    'สิ้นหวัง',
    'ไม่มีทางออก',
    'อยากหายไป',
    'เป็นภาระ',
    'ไม่มีใครต้องการ',
    { text: 'ไม่อยากตื่น', unlessNext: ['เช้า', 'สาย', 'ไป', 'นอน', 'แต่', 'ตี', 'ขึ้นมาทำ'] },
    'ทนไม่ไหวแล้ว',
    'ไม่อยากสู้แล้ว',
    'อยู่ไม่ไหวแล้ว',
    'hopeless',
    'no reason to live',
    'give up on life',
  ],
  violence: ['ช่วยด้วย', 'กลัวเขาจะทำ', 'ไม่กล้ากลับบ้าน', 'ไม่ให้ออกจากบ้าน', 'ยึดโทรศัพท์', 'help me please', 'im scared of him', 'scared of her'],
  medical: [],
};

/** Keywords that name a topic rather than say something happens ("สายด่วนฆ่าตัวตาย", "domestic violence number"). */
export const TOPIC_WORDS: readonly string[] = [
  'ฆ่าตัวตาย',
  'suicide',
  'ความรุนแรงในครอบครัว',
  'domestic violence',
  'violence',
  'abuse',
  'ทำร้ายตัวเอง',
  'ambulance',
  'overdose',
];

/** The compact text right before a danger word ends with one of these: it is taken back ("ไม่ได้อยากตาย"). */
export const NEGATION_BEFORE =
  /(ไม่ได้|ไม่เคย|ไม่มีใคร|ไม่มีคน|ไม่ใช่|ไม่ค่อย|ไม่คิด|ไม่ได้คิด|ไม่เคยคิด|ไม่ได้ถูก|ไม่ได้โดน|ไม่เคยโดน|ไม่เคยถูก|ไม่มีการ|dont|donot|didnt|doesnt|never|not|noone|nobody|imnot)(ว่า|จะ|ให้|ถึง|คิด|เคย|ถูก|โดน|ได้|เลย|goingto|gonna|tryingto|wantto|thinkingof|planningto|to|i|he|she)?$/;
/** "ไม่ถึงกับ…": softened, not taken back, for self-harm (asked gently); taken back for the other kinds. */
export const SOFTENED_BEFORE = /(ไม่ถึงกับ|ไม่ถึงขั้น|ไม่ขนาด|ไม่ขนาดนั้น|notreally|notquite)(จะ|ว่า|ที่)?$/;
/** "เคย…" shortly before the danger word ("เคยโดนผัวตี"). */
export const EVER_BEFORE = /(เคย|usedto|once)/;
/** Words that put the event long ago. */
export const LONG_AGO =
  /(ตอนเด็ก|ตอนเป็นเด็ก|สมัยเด็ก|ตอนยังเด็ก|เมื่อก่อน|สมัยก่อน|แต่ก่อน|หลายปีก่อน|หลายปีที่แล้ว|ปีที่แล้ว|ปีก่อน|นานมาแล้ว|นานแล้ว|ตอนสาวๆ|ตอนหนุ่มๆ|ตอนเรียน|whenIwas|wheniwas|yearsago|longago|lastyear|ayearago|asakid|asachild)/;
/** Words that say it is now or again: a past marker does not take the danger back. */
export const NOW =
  /(ตอนนี้|เดี๋ยวนี้|ทุกวัน|ทุกคืน|อีกแล้ว|เมื่อคืน|เมื่อวาน|วันนี้|เมื่อกี้|ล่าสุด|ยังโดน|ยังถูก|ยังคิด|ยังอยาก|ยังตี|ยังทำ|กำลัง|อยู่เลย|rightnow|now|still|again|today|tonight)/;
/** It is over and the person is well: past danger, no alarm. */
export const RECOVERED = /(หายแล้ว|ดีขึ้นแล้ว|ดีขึ้นมาก|ไม่คิดแล้ว|เลิกคิดแล้ว|ผ่านมาได้|ผ่านมาแล้ว|ไม่เป็นแล้ว|เลิกแล้ว|betternow|imfinenow|overit)/;
/** News, fiction, songs, social media: someone is being talked about, not met. */
export const NEWS_OR_FICTION =
  /(ข่าว|ละคร|ซีรี่ส์|ซีรีส์|ซีรี่ย์|หนังเรื่อง|ดูหนัง|ในหนัง|นิยาย|เพลง|ในเกม|เฟซบุ๊ก|เฟสบุ๊ค|facebook|tiktok|ติ๊กต๊อก|ยูทูป|youtube|onthenews|inthenews|movie|film|song|novel|tvshow)/;
/** Someone already died (a funeral, a bereavement grant): the danger is over. */
export const BEREAVEMENT = /(งานศพ|ค่าทำศพ|ทำบุญ|เผาศพ|สวดศพ|เสียชีวิตไปแล้ว|ตายไปแล้ว|เสียไปแล้ว|เสียชีวิตเมื่อ|ตายเมื่อ|funeral|passedaway|diedlast)/;
/** A number or a service is asked for. */
export const ASKS_NUMBER = /(เบอร์|สายด่วน|hotline|number|โทรอะไร|โทรหาใคร|โทรไหน|โทรที่ไหน|ติดต่อที่ไหน|แจ้งที่ไหน|whotocall|whodoicall|whatnumber)/;
/** What a question about a hypothetical looks like ("ถ้า… ควรทำยังไง"). */
export const HYPOTHETICAL = /(ถ้า|หาก|สมมติ|^if|whatif)/;
export const QUESTION = /(อะไร|ไหน|ยังไง|อย่างไร|เท่าไหร่|ไหม|หรือเปล่า|ใคร|ขอ|ควร|what|which|how|should|who)/;

/** Topics of a hotline question ("เบอร์สายด่วนซึมเศร้าเบอร์อะไร"), by the kind whose card has the number. */
export const HOTLINE_TOPICS: Readonly<Record<Danger, RegExp>> = {
  self_harm: /(ซึมเศร้า|ฆ่าตัวตาย|สุขภาพจิต|จิตเวช|จิตแพทย์|เครียด|ปรึกษาปัญหา|1323|suicide|mentalhealth|depression)/,
  violence: /(ความรุนแรง|ถูกทำร้าย|ทำร้าย|ตำรวจ|แจ้งความ|ข่มขืน|ล่วงละเมิด|191|1300|police|domesticviolence|abuse)/,
  medical: /(รถพยาบาล|ฉุกเฉิน|กู้ภัย|กู้ชีพ|เจ็บป่วย|หมดสติ|1669|ambulance|medicalemergency)/,
};

/** A person named right before a danger word is the one at risk: the words allowed in between. */
export const SUBJECT_GAP =
  /^(ชอบ|เคย|เอาแต่|พูด|บอก|บ่น|ขู่|ว่า|ก็|จะ|เขา|เค้า|มัน|กำลัง|พยายาม|คิด|ถึง|บอกว่า|พูดว่า|says|said|say|that|he|she|is|was|tried|trying|to|keeps|saying|wants|threatens|threatened)*$/;

/** Typed answers to "ตอนนี้คุณปลอดภัยไหมคะ". */
export const SAFE_ANSWERS = ['ปลอดภัยดี', 'ปลอดภัย', 'ปลอดภัยแล้ว', 'ไม่เป็นไร', 'สบายดี', 'safe', 'im safe', 'i am safe', 'fine'];
export const UNSAFE_ANSWERS = ['ไม่ปลอดภัย', 'ไม่ค่อยปลอดภัย', 'ไม่ปลอดภัยเลย', 'ไม่', 'not safe', 'unsafe', 'no', 'help'];
