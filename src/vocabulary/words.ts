/**
 * Word lists shared by the router, the NLU and the step options. A word here is matched whole (after
 * normalising: Thai digits, particles, spaces), so "ยกเลิกค่ะ" is "ยกเลิก".
 */

/** What a global word does: it acts at any step of any flow when it is the whole message. */
export const GLOBALS = ['cancel', 'menu', 'restart', 'back', 'resume'] as const;
export type Global = (typeof GLOBALS)[number];

/**
 * Words that act at any step when they are the whole message. The NLU's lexicon counts each of them as its
 * intent when alone, so free text outside a flow reads them the same way.
 */
export const GLOBAL_WORDS: Readonly<Record<Global, readonly string[]>> = {
  cancel: ['ยกเลิก', 'เลิกทำ', 'ไม่เอาแล้ว', 'พอแล้ว', 'ไม่ทำแล้ว', 'ไม่อยากนัดแล้ว', 'ไม่นัดแล้ว', 'ไม่ต้องแล้ว', 'cancel', 'stop'],
  menu: ['เมนู', 'เมนูหลัก', 'กลับสู่บอท', 'กลับไปเมนู', 'menu', 'main menu'],
  restart: ['เริ่มใหม่', 'เริ่มต้นใหม่', 'restart', 'start over'],
  back: ['ย้อนกลับ', 'กลับ', 'ย้อน', 'back'],
  resume: ['ทำต่อ', 'ต่อ', 'continue'],
};

/**
 * Words that answer a step's own options (yes / no / not sure questions, the summary, optional questions).
 * Each option also has an intent (`means`) so what the NLU reads as confirm / deny / unsure picks it too.
 */
export const ANSWER_WORDS = {
  /** "Yes" to a yes/no question, Northern แม่น and เจ้า included. */
  yes: ['ใช่', 'มี', 'ได้', 'เป็น', 'ถูก', 'ถูกต้อง', 'แม่น', 'แม่นแล้ว', 'เจ้า', 'ค่ะ', 'ครับ', 'yes', 'y'],
  no: ['ไม่', 'ไม่ใช่', 'ไม่มี', 'ไม่ได้', 'ไม่เป็น', 'บ่', 'บ่ใช่', 'บ่มี', 'บ่ได้', 'no', 'n'],
  /** "Not sure" / "don't know": a yes/no question's third answer, and the chip of an age or amount. */
  unsure: ['ไม่แน่ใจ', 'ไม่รู้', 'ไม่ทราบ', 'บ่ฮู้', 'บ่รู้', 'ไม่แน่', 'จำไม่ได้', 'not sure', 'unsure', "don't know", 'dont know'],
  /** ยืนยัน at the summary. */
  confirm: ['ยืนยัน', 'ตกลง', 'โอเค', 'ok', 'ถูกต้อง', 'ใช่', 'ใช่เลย', 'ส่งเลย', 'yes'],
  /** แก้ไข at the summary. */
  edit: ['แก้', 'แก้ไข', 'เปลี่ยน', 'ไม่ถูก', 'ผิด'],
  /** Skipping an optional question. */
  skip: ['ข้าม', 'ข้ามไปก่อน', 'ไม่มี', 'ไม่ส่ง', 'ไม่สะดวก', 'ไม่ขอให้', 'ไม่ต้อง', 'skip', 'no'],
  /** Done sending photos. */
  done: ['เสร็จ', 'เสร็จแล้ว', 'ครบแล้ว', 'หมดแล้ว', 'พอแค่นี้', 'done'],
} as const satisfies Record<string, readonly string[]>;
