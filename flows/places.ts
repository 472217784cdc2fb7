/**
 * Where the person lives, for the request flow: the village step (หมู่ number, name, part of a name, typo,
 * a shared location; another ตำบล/อำเภอ/จังหวัด → the outside-area answer), the location step that fills the
 * village from a map pin's title or a typed address, and that answer. The reading itself is src/domain/places.
 */
import type { Incoming, Label, Place, Say, Step, StepContext } from '../src/engine/types';
import type { Option } from '../src/engine/steps';
import { resolveLabel } from '../src/engine/labels';
import { getCentre } from '../src/domain/data';
import {
  placeOfLocation,
  readPlace,
  villageLabel,
  type OutsideArea,
  type PlaceName,
  type PlaceReading,
  type VillageAnswer,
} from '../src/domain/places';

/** The value of the village answer for someone living outside ตำบลแจ้ซ้อน. */
export const OUTSIDE = 'outside';

/** The answers these steps fill. */
export interface PlaceData {
  location?: Place | null;
  /** A listed village's name, a หมู่ or name not in the list (then `villageToConfirm`), or {@link OUTSIDE}. */
  village?: string;
  /** The village is not in the centre's list: staff confirm it. */
  villageToConfirm?: boolean;
  /** Where someone outside the subdistrict lives, as they said it. */
  outsideArea?: OutsideArea;
}

/** What the village step keeps while it stays: the two villages it asked between. */
export interface VillagePending {
  choices?: VillageAnswer[];
}

/** The answers a place reading gives (empty when it names no village and no other area). */
export function placePatch(r: PlaceReading): Partial<PlaceData> {
  if (r.kind === 'outside') return { village: OUTSIDE, villageToConfirm: undefined, outsideArea: r };
  if (r.kind === 'found') return { village: r.answer.village, villageToConfirm: r.answer.toConfirm || undefined, outsideArea: undefined };
  return {};
}

const outsideOption = (): Option => ({ value: OUTSIDE, label: { key: 'help.village.outside' }, words: ['นอกตำบล', 'ต่างตำบล', 'ที่อื่น', 'outside'] });

function villageOptions(ctx: StepContext): Option[] {
  const list = getCentre().villages.list.map((v) => ({
    value: v.th,
    label: { literal: v.moo ? `${ctx.locale === 'th' ? 'หมู่' : 'Moo'} ${v.moo} ${v[ctx.locale]}` : v[ctx.locale] },
  }));
  return [...list, outsideOption()];
}

const CHOICE_PREFIX = 'choice:';

/** The village step: options for the listed villages, and free text read as a place. */
export function villageStep(prompt: Label): Step<PlaceData, unknown, VillagePending> {
  const take = (patch: Partial<PlaceData>) => ({ ok: true as const, patch });
  const fromPlace = (r: PlaceReading, pending: VillagePending | undefined, typed: string | undefined) => {
    if (r.kind === 'outside' || r.kind === 'found') return take(placePatch(r));
    if (r.kind === 'conflict' && !pending?.choices) return { ok: 'stay' as const, pending: { choices: r.choices } };
    // Asked once which one they meant: their own words are kept for staff to confirm (ask once, not twice).
    if (typed && pending?.choices) return take({ village: typed.slice(0, 100), villageToConfirm: true, outsideArea: undefined });
    // Nothing usable: the engine's no-dead-end rule takes over (numbered options, own words kept, staff).
    return { ok: false as const, reason: 'help.village.askAgain' as const };
  };
  return {
    field: 'village',
    ask(_d, ctx, pending) {
      if (pending?.choices) {
        const choices = pending.choices.map((c, i) => ({ kind: 'option' as const, label: { literal: c.label }, value: `${CHOICE_PREFIX}${i}` }));
        return [{ kind: 'text', text: { key: 'help.village.askWhich' }, choices: [...choices, { kind: 'option', ...outsideOption() }] }];
      }
      return [{ kind: 'text', text: prompt, choices: villageOptions(ctx).map((o) => ({ kind: 'option' as const, ...o })) }];
    },
    accept(input: Incoming, _d, _ctx, pending) {
      if (input.kind === 'option') {
        if (input.value === OUTSIDE) return take({ village: OUTSIDE, villageToConfirm: undefined, outsideArea: undefined });
        if (input.value.startsWith(CHOICE_PREFIX)) {
          const c = pending?.choices?.[Number(input.value.slice(CHOICE_PREFIX.length))];
          if (c) return take({ village: c.village, villageToConfirm: c.toConfirm || undefined, outsideArea: undefined });
        }
        const listed = getCentre().villages.list.find((v) => v.th === input.value);
        if (listed) return take({ village: listed.th, villageToConfirm: undefined, outsideArea: undefined });
        return { ok: false, reason: 'engine.retry.choice' };
      }
      if (input.kind === 'location') return fromPlace(placeOfLocation(input), pending, undefined);
      if (input.kind === 'text') return fromPlace(readPlace(input.text, { bare: true }), pending, input.text.trim());
      if (input.kind === 'media' && input.mediaType === 'sticker') return { ok: false, reason: 'engine.retry.sticker' };
      return { ok: false, reason: 'help.village.askAgain' };
    },
    after: (d) => (d.village === OUTSIDE ? outsideSays(d.outsideArea) : []),
    // Stuck twice: their own words ("แถวโรงเรียน") are kept as the village, for staff to confirm.
    freeTextForStaff: (text) => ({ village: text.trim().slice(0, 100), villageToConfirm: true, outsideArea: undefined }),
  };
}

/**
 * The location step, reading the village from what was shared: a map pin's title ("บ้านป่าเหมี้ยง") or a typed
 * address ("หมู่ 1 บ้านหลวง", "ต.แม่วะ อ.เถิน"). Skipped for someone already known to live outside.
 */
export function locationReadingPlace(step: Step<PlaceData>): Step<PlaceData> {
  return {
    ...step,
    skip: (d) => d.village === OUTSIDE || (step.skip?.(d) ?? false),
    accept(input, d, ctx) {
      const verdict = step.accept(input, d, ctx);
      if (verdict.ok !== true || !verdict.patch.location || d.village !== undefined) return verdict;
      return { ok: true, patch: { ...verdict.patch, ...placePatch(placeOfLocation(verdict.patch.location)) } };
    },
    after: (d) => (d.village === OUTSIDE ? outsideSays(d.outsideArea) : []),
  };
}

const both = (n: PlaceName) => ({ th: n.th, en: n.en });

/** The outside-area answer: their own อบต. or district office, พมจ. of their province, and 1300. */
export function outsideSays(area: OutsideArea | undefined): Say[] {
  if (!area) return [{ kind: 'text', text: { key: 'help.outside.infoUnknown' } }];
  const where: Label =
    area.subdistrict && area.district
      ? {
          key: 'help.outside.whereSubdistrict',
          params: { subdistrict: both(area.subdistrict), district: both(area.district), province: both(area.province) },
        }
      : area.district
        ? { key: 'help.outside.whereDistrict', params: { district: both(area.district), province: both(area.province) } }
        : { key: 'help.outside.whereProvince', params: { province: both(area.province) } };
  const local: Label = area.subdistrict
    ? { key: 'help.outside.localSubdistrict', params: { subdistrict: both(area.subdistrict) } }
    : area.district
      ? { key: 'help.outside.localDistrict', params: { district: both(area.district) } }
      : { key: 'help.outside.localProvince' };
  const home = getCentre().area.province;
  const office: Label =
    area.province.th === home
      ? { key: 'help.outside.officeLampang' }
      : { key: 'help.outside.officeProvince', params: { province: both(area.province) } };
  return [
    { kind: 'text', text: { key: 'help.outside.info', params: { where: labelParam(where), local: labelParam(local), office: labelParam(office) } } },
  ];
}

/** A nested sentence as a placeholder value: resolved in each language now (the params are data). */
function labelParam(label: Label): { th: string; en: string } {
  return { th: resolveIn(label, 'th'), en: resolveIn(label, 'en') };
}

const resolveIn = (label: Label, locale: 'th' | 'en') => resolveLabel(label, locale);

/** The village as the summary shows it: "นอกพื้นที่: ต.แม่วะ …", "หมู่ 2 (เจ้าหน้าที่จะตรวจสอบ)", or its name. */
export function villageSummary(d: PlaceData): Label {
  if (d.village === OUTSIDE) {
    if (!d.outsideArea) return { key: 'help.village.outside' };
    const names = [d.outsideArea.subdistrict, d.outsideArea.district, d.outsideArea.province].filter((n): n is PlaceName => !!n);
    return { key: 'help.village.outsideValue', params: { area: { th: names.map((n) => n.th).join(' '), en: names.map((n) => n.en).join(', ') } } };
  }
  if (d.villageToConfirm) return { key: 'help.village.toConfirm', params: { village: d.village ?? '' } };
  const listed = getCentre().villages.list.find((v) => v.th === d.village);
  return { literal: listed ? villageLabel({ moo: listed.moo, name: listed.th }) : (d.village ?? '') };
}

function isOutsideArea(v: unknown): v is OutsideArea {
  return typeof v === 'object' && v !== null && 'kind' in v && v.kind === 'outside' && 'province' in v;
}

/** Said before the first question when the opening message already placed the person outside the subdistrict. */
export function outsideOpening(data: object): Say[] {
  if (!('village' in data) || data.village !== OUTSIDE) return [];
  return outsideSays('outsideArea' in data && isOutsideArea(data.outsideArea) ? data.outsideArea : undefined);
}
