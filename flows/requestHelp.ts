/**
 * ขอความช่วยเหลือ — a citizen asks the centre for help, for themselves, a relative (an elderly parent, say)
 * or someone else in the community. Typed data walked by the engine; every sentence is in locales/.
 */
import type { Flow, Label, Params, Say } from '../src/engine/types';
import { age, choice, confirm, location, nationalId, personName, phone, photos, text, type Option } from '../src/engine/steps';
import { formatPhone } from '../src/domain/thai/phone';
import { maskNationalId } from '../src/domain/thai/nationalId';
import type { MessageKey } from '../src/i18n';
import { LINE_LIMITS } from '../src/domain/lineLimits';
import {
  CATEGORIES,
  SENSITIVE_CATEGORIES,
  categoryLabel,
  isCategory,
  relationLabel,
  urgencyLabel,
  type Category,
  type Relation,
  type Urgency,
  type Who,
} from '../src/vocabulary';
import { RELATION_OPTIONS, WHO_OPTIONS, namedRelation, prefillPerson, relationFromText, textOf, whoFromText } from './common';
import { OUTSIDE, locationReadingPlace, placePatch, villageStep, villageSummary, type PlaceData } from './places';

export type { Urgency, Who };

export interface HelpRequestData extends PlaceData {
  who?: Who;
  relation?: Relation;
  name?: string;
  age?: number | null;
  contactable?: 'yes' | 'no';
  category?: Category;
  urgency?: Urgency;
  details?: string;
  photos?: string[];
  phone?: string;
  /** '' when the citizen skipped it. */
  nationalId?: string;
  consent?: 'yes' | 'no';
  /** Set when danger words were seen during the conversation. */
  danger?: string;
}

export { OUTSIDE };

/** Categories whose details are health or disability data (PDPA §26): consent must say so. */
export const SENSITIVE = SENSITIVE_CATEGORIES;

const opt = <V extends string>(value: V, key: MessageKey, words?: readonly string[], means?: Option['means']): Option<V> => ({
  value,
  label: { key },
  words,
  means,
});
const isThirdParty = (d: HelpRequestData) => d.who === 'relative' || d.who === 'other';

/** Someone else, in the questions about them: "คุณแม่" for a mother named as such, else "ผู้ที่ขอรับความช่วยเหลือ". */
function person(d: HelpRequestData): Params {
  return { person: { key: `help.person.${namedRelation(d) ?? 'other'}` } };
}

/** Whose national ID is asked for: the citizen's own ("ของคุณ") or the person's. */
function whose(d: HelpRequestData): Params {
  return { whose: { key: isThirdParty(d) ? `help.whose.${namedRelation(d) ?? 'other'}` : 'help.whose.self' } };
}

export const requestHelpFlow: Flow<HelpRequestData> = {
  id: 'requestHelp',
  version: 2,
  order: [
    'who',
    'relation',
    'name',
    'age',
    'contactable',
    'category',
    'urgency',
    'details',
    'photos',
    'location',
    'village',
    'phone',
    'nationalId',
    'consent',
    'summary',
  ],
  prefill(slots) {
    const d: HelpRequestData = prefillPerson(slots);
    if (isCategory(slots.category)) d.category = slots.category;
    if (slots.urgent) d.urgency = 'now';
    const phone = textOf(slots.phone);
    if (phone) d.phone = phone;
    // Where they live, when the opening message said it ("อยู่ตำบลแม่วะ อำเภอเถิน", "บ้านป่าเหมี้ยง").
    const place = slots.place;
    if (isPlaceSlot(place)) for (const [k, v] of Object.entries(placePatch(place))) if (v !== undefined) Object.assign(d, { [k]: v });
    return d;
  },
  editable: [
    { step: 'who', label: 'help.edit.who' },
    { step: 'name', label: 'help.edit.name' },
    { step: 'age', label: 'help.edit.age' },
    { step: 'category', label: 'help.edit.category' },
    { step: 'urgency', label: 'help.edit.urgency' },
    { step: 'details', label: 'help.edit.details' },
    { step: 'village', label: 'help.edit.village' },
    { step: 'phone', label: 'help.edit.phone' },
    { step: 'nationalId', label: 'help.edit.nationalId' },
  ],
  steps: {
    who: choice({
      field: 'who',
      prompt: 'help.who.ask',
      options: WHO_OPTIONS,
      fromText: whoFromText,
      clears: ['relation', 'name', 'age', 'contactable'],
    }),
    relation: choice({
      field: 'relation',
      prompt: 'help.relation.ask',
      skip: (d) => d.who !== 'relative',
      options: RELATION_OPTIONS,
      fromText: relationFromText,
      freeTextForStaff: 'relative',
    }),
    name: personName({
      field: 'name',
      prompt: (d) => [{ kind: 'text', text: isThirdParty(d) ? { key: 'help.name.askOther', params: person(d) } : { key: 'help.name.askSelf' } }],
      unknown: (d) => (isThirdParty(d) ? 'common.dontKnowName' : undefined),
      // "ตัวเอง" when the opening words were read as being about someone else ("ไม่มีข้าวกิน ลูกหิว").
      itIsMe: (d) => (isThirdParty(d) ? { who: 'self', relation: undefined, contactable: undefined } : undefined),
    }),
    age: age({
      field: 'age',
      prompt: (d) => [{ kind: 'text', text: isThirdParty(d) ? { key: 'help.age.askOther', params: person(d) } : { key: 'help.age.askSelf' } }],
      unknown: true,
    }),
    contactable: choice({
      field: 'contactable',
      prompt: (d) => [{ kind: 'text', text: { key: 'help.contactable.ask', params: person(d) } }],
      skip: (d) => !isThirdParty(d),
      options: [
        opt('yes', 'help.contactable.yes', ['ได้', 'ติดต่อได้', 'yes'], 'confirm'),
        opt('no', 'help.contactable.no', ['ไม่ได้', 'ติดต่อไม่ได้', 'no'], 'deny'),
      ],
    }),
    category: choice({
      field: 'category',
      prompt: 'help.category.ask',
      options: CATEGORIES.map((c) => opt(c, categoryLabel(c))),
      fromText: (u) => u.slots.category,
      freeTextForStaff: 'other',
    }),
    urgency: choice({
      field: 'urgency',
      prompt: 'help.urgency.ask',
      options: [
        opt('now', 'help.urgency.now', ['ด่วน', 'ด่วนมาก', 'ด่วนที่สุด', 'วันนี้', 'เดี๋ยวนี้', 'ตอนนี้เลย', 'urgent', 'now']),
        opt('soon', 'help.urgency.soon', ['สัปดาห์นี้', 'อาทิตย์นี้', 'เร็วๆนี้', 'ในสัปดาห์นี้', 'this week', 'soon']),
        opt('normal', 'help.urgency.normal', ['ไม่ด่วน', 'ไม่รีบ', 'ไม่ต้องรีบ', 'ไม่เร่งด่วน', 'รอได้', 'not urgent', 'no rush']),
      ],
    }),
    details: text({ field: 'details', prompt: 'help.details.ask', min: 5, max: LINE_LIMITS.textMessageMax }),
    photos: photos({ field: 'photos', prompt: 'help.photos.ask' }),
    location: locationReadingPlace(location({ field: 'location', prompt: 'help.location.ask' })),
    village: villageStep({ key: 'help.village.ask' }),
    // Someone with no phone of their own (a grandchild's LINE) is answered in this chat.
    phone: phone({ field: 'phone', prompt: 'help.phone.ask', none: 'help.phone.none' }),
    nationalId: nationalId({ field: 'nationalId', prompt: (d) => [{ kind: 'text', text: { key: 'help.nationalId.ask', params: whose(d) } }] }),
    consent: choice({
      field: 'consent',
      prompt: (d) => [
        { kind: 'text', text: { key: d.category && SENSITIVE_CATEGORIES.includes(d.category) ? 'help.consent.askSensitive' : 'help.consent.ask' } },
      ],
      options: [
        opt('yes', 'help.consent.yes', ['ยินยอม', 'ยอมรับ', 'agree'], 'confirm'),
        opt('no', 'help.consent.no', ['ไม่ยินยอม', 'ไม่ยอม', 'disagree'], 'deny'),
      ],
      next: (d) => (d.consent === 'yes' ? 'summary' : 'submit'),
    }),
    summary: confirm({ summary: (d) => [summaryCard(d)] }),
  },
};

/** The card the citizen checks before confirming (and the same rows staff see). */
export function summaryCard(d: HelpRequestData): Say {
  const rows: { label: Label; value: Label }[] = [];
  const whoValue: Label =
    d.who === 'relative' && d.relation
      ? { key: 'help.summary.whoRelative', params: { relation: { key: relationLabel(d.relation) }, name: d.name ?? '' } }
      : { key: d.who === 'other' ? 'help.summary.whoOther' : 'help.summary.whoSelf', params: { name: d.name ?? '' } };
  rows.push({ label: { key: 'help.summary.who' }, value: whoValue });
  if (d.age !== undefined)
    rows.push({
      label: { key: 'help.summary.age' },
      value: d.age === null ? { key: 'common.notGiven' } : { key: 'help.summary.ageValue', params: { age: d.age } },
    });
  if (d.category) rows.push({ label: { key: 'help.summary.category' }, value: { key: categoryLabel(d.category) } });
  if (d.urgency) rows.push({ label: { key: 'help.summary.urgency' }, value: { key: urgencyLabel(d.urgency) } });
  if (d.details) rows.push({ label: { key: 'help.summary.details' }, value: { literal: d.details } });
  if (d.photos && d.photos.length > 0)
    rows.push({ label: { key: 'help.summary.photos' }, value: { key: 'help.summary.photoCount', params: { count: d.photos.length } } });
  if (d.location)
    rows.push({
      label: { key: 'help.summary.location' },
      value: d.location.address ? { literal: d.location.address } : { key: 'help.summary.locationShared' },
    });
  if (d.village) rows.push({ label: { key: 'help.summary.village' }, value: villageSummary(d) });
  if (d.phone) rows.push({ label: { key: 'help.summary.phone' }, value: { literal: formatPhone(d.phone) } });
  else if (d.phone === '') rows.push({ label: { key: 'help.summary.phone' }, value: { key: 'help.summary.noPhone' } });
  if (d.nationalId) rows.push({ label: { key: 'help.summary.nationalId' }, value: { literal: maskNationalId(d.nationalId) } });
  return {
    kind: 'card',
    altText: { key: 'help.summary.title' },
    card: {
      title: { key: 'help.summary.title' },
      subtitle: { key: 'help.summary.subtitle' },
      tone: d.urgency === 'now' || d.danger ? 'urgent' : 'normal',
      rows,
    },
  };
}

/** A place reading carried in a prefill (the NLU's `place` slot), if it is one. */
function isPlaceSlot(v: unknown): v is Parameters<typeof placePatch>[0] {
  return typeof v === 'object' && v !== null && 'kind' in v && (v.kind === 'found' || v.kind === 'outside');
}
