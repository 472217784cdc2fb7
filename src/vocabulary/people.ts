/**
 * Who a request or a check is about: oneself, a relative, someone else; and the relations. Free text names
 * finer relations ("ยาย", "ตา" → grandmother, grandfather) than the options offered, so both lists are here with
 * the mapping between them.
 */
import type { MessageKey } from '../i18n';

export const WHO = ['self', 'relative', 'other'] as const;
export type Who = (typeof WHO)[number];

export const isWho = (v: unknown): v is Who => WHO.some((w) => w === v);
export const whoLabel = (w: Who): MessageKey => `help.who.${w}`;

/** Words typed for each "who" option (besides its label). */
export const WHO_WORDS: Readonly<Record<Who, readonly string[]>> = {
  self: ['ตัวเอง', 'ตนเอง', 'ผม', 'ฉัน', 'หนู', 'myself', 'me'],
  relative: ['ญาติ', 'ครอบครัว', 'คนในบ้าน', 'family'],
  other: ['เพื่อนบ้าน', 'คนอื่น', 'คนในชุมชน', 'neighbour', 'someone else'],
};

/** The relations offered as options and stored with a request (`help.relation.<id>`). */
export const RELATIONS = ['mother', 'father', 'grandparent', 'spouse', 'child', 'sibling', 'grandchild', 'relative'] as const;
export type Relation = (typeof RELATIONS)[number];

export const isRelation = (v: unknown): v is Relation => RELATIONS.some((r) => r === v);
export const relationLabel = (r: Relation): MessageKey => `help.relation.${r}`;

/** Words typed for each relation option (besides its label). */
export const RELATION_WORDS: Readonly<Record<Relation, readonly string[]>> = {
  mother: ['แม่', 'คุณแม่', 'มารดา', 'แม่เลี้ยง', 'mom', 'mum', 'mother', 'my mom', 'my mother'],
  // ป้อ: Northern for father.
  father: ['พ่อ', 'คุณพ่อ', 'ป้อ', 'บิดา', 'พ่อเลี้ยง', 'dad', 'father', 'my dad', 'my father'],
  // อุ๊ย, แม่อุ๊ย, พ่ออุ๊ย: Northern for grandparents.
  grandparent: [
    'ยาย',
    'ตา',
    'ย่า',
    'ปู่',
    'คุณยาย',
    'คุณตา',
    'แม่อุ๊ย',
    'พ่ออุ๊ย',
    'อุ๊ย',
    'แม่เฒ่า',
    'พ่อเฒ่า',
    'grandmother',
    'grandfather',
    'grandma',
    'grandpa',
    'granny',
  ],
  spouse: ['สามี', 'ภรรยา', 'แฟน', 'ผัว', 'เมีย', 'husband', 'wife', 'partner'],
  child: ['ลูก', 'ลูกชาย', 'ลูกสาว', 'บุตร', 'son', 'daughter', 'child', 'kid'],
  // อ้าย, เอื้อย, ปี้: Northern for older brother, older sister, older sibling.
  sibling: ['พี่', 'น้อง', 'พี่ชาย', 'พี่สาว', 'น้องชาย', 'น้องสาว', 'อ้าย', 'เอื้อย', 'ปี้', 'brother', 'sister'],
  grandchild: ['หลาน', 'หลานชาย', 'หลานสาว', 'grandchild', 'grandson', 'granddaughter'],
  relative: ['ญาติ', 'ลุง', 'ป้า', 'น้า', 'อา', 'ลูกพี่ลูกน้อง', 'uncle', 'aunt', 'cousin', 'relative'],
};

/** Relations as free text names them (the NLU's `slots.relation`); finer than {@link RELATIONS}. */
export const RELATION_MENTIONS = [
  'mother',
  'father',
  'parent',
  'grandmother',
  'grandfather',
  'grandparent',
  'child',
  'spouse',
  'sibling',
  'grandchild',
  'relative',
] as const;
export type RelationMention = (typeof RELATION_MENTIONS)[number];

/** The relation option a mention stands for ("พ่อแม่" → mother, "ยาย" → grandparent). */
export const RELATION_OF_MENTION: Readonly<Record<RelationMention, Relation>> = {
  mother: 'mother',
  father: 'father',
  parent: 'mother',
  grandmother: 'grandparent',
  grandfather: 'grandparent',
  grandparent: 'grandparent',
  child: 'child',
  spouse: 'spouse',
  sibling: 'sibling',
  grandchild: 'grandchild',
  relative: 'relative',
};

/** The relation option for what free text named, if it named one we know. */
export function relationOfMention(mention: string | undefined): Relation | undefined {
  const m = RELATION_MENTIONS.find((x) => x === mention);
  return m === undefined ? undefined : RELATION_OF_MENTION[m];
}
