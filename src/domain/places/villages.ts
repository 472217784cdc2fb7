/**
 * A village of ตำบลแจ้ซ้อน as people say it: by its หมู่ number ("หมู่ 2", "ม.4", "Moo 2", "หมู่ที่ ๕",
 * "หมู่สาม"), by its name or part of it, misspelled ("ป่าเหมียง"), or both ("บ้านป่าเหมียง หมู่ 5 ค่ะ").
 * The list is editable data (centre.json, checked against public sources; see its note): a number or a
 * name that is not in it is still a village of the subdistrict, kept for staff to confirm.
 */
import type { Village } from '../data';
import { parseThaiNumberWords, THAI_NUMBER_WORDS_PATTERN } from '../thai/numberWords';
import { cleanPlaceText, containsName, placeKey, villageKey } from './text';

/** No subdistrict has this many หมู่: a larger number is not a หมู่ number. */
export const MAX_MOO = 40;

const MOO_NUMBER = new RegExp(
  `(?:หมู่(?:บ้าน)?(?:ที่)?|(?<![ก-๙])ม\\.|\\bmoo\\b\\.?|\\bmu\\b\\.?|\\bm\\.|\\bvillage(?:\\s+no\\.?)?)\\s*(\\d{1,2}|${THAI_NUMBER_WORDS_PATTERN})(?![\\d])`,
);

/** The หมู่ number in a text, if it names one. */
export function mooNumberIn(text: string): number | undefined {
  const m = MOO_NUMBER.exec(cleanPlaceText(text));
  if (!m) return undefined;
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : parseThaiNumberWords(m[1]!);
  return n !== null && n >= 1 && n <= MAX_MOO ? n : undefined;
}

/**
 * The listed villages a text names (by name or part of it; a Thai name also with one typo), best first: named
 * exactly before named with a typo, then the longer name.
 */
export function villagesNamedIn(text: string, villages: readonly Village[]): Village[] {
  const t = placeKey(text);
  const scored = villages.map((v) => {
    const thai = villageKey(v.th);
    const latin = villageKey(v.en);
    const exact = (thai.length >= 3 && t.includes(thai)) || (latin.length >= 4 && t.includes(latin));
    const near = !exact && thai.length >= 3 && containsName(t, thai);
    return { v, score: exact ? 2 : near ? 1 : 0, length: thai.length };
  });
  return scored
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || b.length - a.length)
    .map((x) => x.v);
}

/**
 * A name that looks like a village ("บ้านสันติสุข", "หมู่บ้านใหม่"), for one that is not listed; not "บ้าน" as home
 * ("อยู่บ้านคนเดียว", "ไม่อยากอยู่บ้านนี้แล้ว", "บ้านเช่า").
 */
const VILLAGE_NAME =
  /(?:หมู่บ้าน|บ้าน)\s*(?!คน|นี้|นั้น|โน้น|เรา|ฉัน|ผม|หนู|เขา|เค้า|ตัวเอง|เอง|เลย|ด้วย|ของ|ใคร|ไหน|เช่า|พัก|ก็|ที่|ไม่|ญาติ|เพื่อน|อยู่|แล้ว|เปล่า|กับ|และ)([ก-๙][ก-๙\s]{1,30}?)(?=\s*(?:หมู่|ม\.|ต\.|ตำบล|อ\.|อำเภอ|ค่ะ|คะ|ครับ|คับ|จ้า|เจ้า|นะ|$|\d))/;

/**
 * In a sentence, "บ้าน…" names a village when called หมู่บ้าน… or followed by a หมู่ or ตำบล ("บ้านสันติสุข หมู่ 9");
 * the name then ends at the first space ("อยู่หมู่บ้านสันติสุข ขอความช่วยเหลือ").
 */
function calledVillage(match: RegExpExecArray, text: string): string | undefined {
  const after = text.slice(match.index + match[0].length);
  const called = match[0].startsWith('หมู่บ้าน') || /^\s*(?:หมู่|ม\.|ต\.|ตำบล)/.test(after);
  return called ? match[1]?.trim().split(/\s+/)[0] : undefined;
}

/** A village answer: what is stored and shown to staff, and whether staff must confirm it (not in the list). */
export interface VillageAnswer {
  village: string;
  /** How the village is shown on a button or in the summary ("หมู่ 7 บ้านป่าเหมี้ยง"). */
  label: string;
  toConfirm: boolean;
}

export type VillageReading =
  /** One village: a listed one (stored by its name, as staff filter by it), or one to confirm. */
  | { kind: 'found'; answer: VillageAnswer }
  /** The number and the name point at different villages: ask once which one. */
  | { kind: 'conflict'; choices: [VillageAnswer, VillageAnswer] }
  | { kind: 'none' };

const listedAnswer = (v: Village): VillageAnswer => ({ village: v.th, label: villageLabel({ moo: v.moo, name: v.th }), toConfirm: false });
const unlistedAnswer = (moo: number | undefined, name?: string): VillageAnswer => {
  const label = villageLabel({ moo, name });
  return { village: label, label, toConfirm: true };
};

/**
 * Reads a village of the subdistrict from free text. `inSentence`: the text is a message about something else
 * (an opening message), where "บ้าน" is mostly a house ("บ้านพังเพราะพายุ", "อยู่บ้านยาย"): a village that is not
 * listed counts there only when called หมู่บ้าน….
 */
export function readVillage(text: string, villages: readonly Village[], opts: { inSentence?: boolean } = {}): VillageReading {
  const moo = mooNumberIn(text);
  const named = villagesNamedIn(text, villages)[0];
  const numbered = moo === undefined ? undefined : villages.find((v) => v.moo === moo);
  if (named) {
    if (moo === undefined || named.moo === moo || named.moo === null) return { kind: 'found', answer: listedAnswer(named) };
    return { kind: 'conflict', choices: [listedAnswer(named), numbered ? listedAnswer(numbered) : unlistedAnswer(moo)] };
  }
  const cleaned = cleanPlaceText(text);
  const match = VILLAGE_NAME.exec(cleaned);
  const name = match && (opts.inSentence ? calledVillage(match, cleaned) : match[1]?.trim());
  const unlistedName = name && placeKey(name).length >= 2 ? `บ้าน${name.replace(/\s+/g, '')}` : undefined;
  if (numbered) {
    if (!unlistedName) return { kind: 'found', answer: listedAnswer(numbered) };
    return { kind: 'conflict', choices: [listedAnswer(numbered), unlistedAnswer(undefined, unlistedName)] };
  }
  if (moo !== undefined || unlistedName) return { kind: 'found', answer: unlistedAnswer(moo, unlistedName) };
  return { kind: 'none' };
}

/** How a village is written for staff and in the summary: "หมู่ 7 บ้านป่าเหมี้ยง", "หมู่ 2", "บ้านสันติสุข". */
export function villageLabel(v: { moo?: number | null; name?: string }): string {
  return [v.moo ? `หมู่ ${v.moo}` : '', v.name ?? ''].filter(Boolean).join(' ');
}
