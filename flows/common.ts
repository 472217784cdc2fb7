/**
 * What several flows ask alike: who it is for, their relation, and what free text already said about them.
 * Options and words come from the shared vocabulary (src/vocabulary/people.ts).
 */
import type { Option } from '../src/engine/steps';
import type { Prefill } from '../src/engine/types';
import type { Understanding } from '../src/nlu';
import {
  RELATIONS,
  RELATION_WORDS,
  WHO,
  WHO_WORDS,
  isWho,
  relationLabel,
  relationOfMention,
  whoLabel,
  type Relation,
  type Who,
} from '../src/vocabulary';

export const WHO_OPTIONS: readonly Option<Who>[] = WHO.map((w) => ({ value: w, label: { key: whoLabel(w) }, words: WHO_WORDS[w] }));
export const RELATION_OPTIONS: readonly Option<Relation>[] = RELATIONS.map((r) => ({
  value: r,
  label: { key: relationLabel(r) },
  words: RELATION_WORDS[r],
}));

/** Relations a question names by their own word ("คุณแม่อายุเท่าไรคะ"); "ปู่ ย่า ตา ยาย" or "พี่/น้อง" would not read. */
export const NAMED_RELATIONS = ['mother', 'father', 'child', 'grandchild'] as const;
export type NamedRelation = (typeof NAMED_RELATIONS)[number];

/** The relation questions can name the person by: a relative who is a mother, father, child or grandchild. */
export function namedRelation(d: { who?: Who; relation?: Relation }): NamedRelation | undefined {
  return d.who === 'relative' && d.relation ? NAMED_RELATIONS.find((r) => r === d.relation) : undefined;
}

/** Who free text is about: a named relation makes it a relative. */
export const whoFromText = (u: Understanding): Who | undefined => (u.slots.relation ? 'relative' : u.slots.who);
/** The relation option for the relation free text named. */
export const relationFromText = (u: Understanding): Relation | undefined => relationOfMention(u.slots.relation);

/** A string answer carried in a prefill, if it is one. */
export const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** A number carried in a prefill, if it is one. */
export const numberOf = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Who, relation and age from what free text understood or another flow carried over. */
export function prefillPerson(slots: Prefill): { who?: Who; relation?: Relation; age?: number } {
  const out: { who?: Who; relation?: Relation; age?: number } = {};
  const relation = relationOfMention(textOf(slots.relation));
  if (relation) {
    out.who = 'relative';
    out.relation = relation;
  } else if (isWho(slots.who)) out.who = slots.who;
  const age = numberOf(slots.age);
  if (age !== undefined) out.age = age;
  return out;
}
