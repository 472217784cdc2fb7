/**
 * Where a citizen lives, read from what they wrote or shared: a village of ตำบลแจ้ซ้อน (by หมู่ number, name,
 * part of a name, misspelling), or another ตำบล / อำเภอ / จังหวัด (routed to the outside-area answer). Used
 * by the request flow's location and village steps and by the router for an opening message.
 */
import { getCentre } from '../data';
import { readArea, type AreaReading } from './adminAreas';
import { readVillage, type VillageAnswer, type VillageReading } from './villages';
import { escapeRegExp } from '../escapeRegExp';

export { loadAdminAreas, adminAreasLoaded, readArea, type AreaReading, type PlaceName } from './adminAreas';
export { readVillage, mooNumberIn, villageLabel, MAX_MOO, type VillageAnswer, type VillageReading } from './villages';

/** Another subdistrict: the names to give in the outside-area answer. */
export type OutsideArea = Extract<AreaReading, { kind: 'outside' }>;

export type PlaceReading = VillageReading | OutsideArea;

/**
 * Reads a place from free text (or a shared location's title and address joined). `bare`: the text answers
 * "which village?", so a lone province or district name ("เชียงใหม่") counts as where they live. `inSentence`:
 * the text is a message about something else, where "บ้าน…" is mostly a house, not a village. A village of
 * the subdistrict wins over a bare name; another ตำบล / อำเภอ / จังหวัด named with its marker wins over a
 * village name (บ้านหลวง exists in many subdistricts).
 */
export function readPlace(text: string, opts: { bare?: boolean; inSentence?: boolean } = {}): PlaceReading {
  const centre = getCentre();
  const marked = readArea(text, centre.area);
  if (marked?.kind === 'outside') return marked;
  const village = readVillage(text, centre.villages.list, { inSentence: opts.inSentence });
  if (village.kind !== 'none' || !opts.bare || marked) return village;
  const bare = readArea(text, centre.area, { bare: true });
  return bare?.kind === 'outside' ? bare : village;
}

/**
 * The text without the area names it gives ("อยู่ตำบลแม่วะ อำเภอเถิน" → "อยู่ ") so their words are not read as
 * something else: แม่ in แม่วะ is no mother.
 */
export function withoutAreaNames(text: string, area: OutsideArea): string {
  const names = [area.subdistrict, area.district, area.province].flatMap((n) => (n ? [n.th, n.en] : []));
  const marker = '(?:ตำบล|ต\\.|อำเภอ|อ\\.|จังหวัด|จ\\.|tambon|amphoe)?\\s*';
  return names.reduce((t, name) => t.replace(new RegExp(`${marker}${escapeRegExp(name)}`, 'gi'), ' '), text);
}

/** The village answer a shared place gives, if it names one inside the subdistrict or an outside area. */
export function placeOfLocation(place: { title?: string; address?: string }): PlaceReading {
  const both = readPlace([place.title, place.address].filter(Boolean).join(' '));
  if (both.kind === 'outside' || !place.title) return both;
  // A pin's title names the place itself ("บ้านป่าเหมี้ยง"); the address around it may name another village.
  const title = readPlace(place.title);
  return title.kind === 'found' ? title : both;
}

export type { VillageAnswer as Village };
