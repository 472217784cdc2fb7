/**
 * Saving a confirmed help request (once, with a readable reference number), recording the consent answer,
 * alerting staff; and the citizen's view of their requests for ติดตามคำร้อง.
 */
import type { Card, FlowState, Say } from '../engine/types';
import { t, type Locale } from '../i18n';
import { categoryLabelOf, isCategory, isRelation, isUrgency, isWho, statusLabel } from '../vocabulary';
import { formatThaiDate } from '../domain/thai/dates';
import { formatPhone } from '../domain/thai/phone';
import { OUTSIDE, SENSITIVE, requestHelpFlow, summaryCard, type HelpRequestData } from '../../flows/requestHelp';
import { isStateOf } from '../engine/registry';
import { FlowStateError } from '../errors';
import { menuChoices, withMenu } from './says';
import { bookingTrackSays } from './bookings';
import { staffReach } from './danger';
import type { ActionCitizen as Citizen, ActionResult } from './actionTypes';
import type { BotStores, RequestView } from './stores/types';
import { ownWordsOf } from './ownWords';

export type { RequestView } from './stores/types';

/** A danger met this long before a request is filed belongs to it (alerts carry the real clock of their creation). */
const DANGER_BELONGS_MS = 24 * 3600_000;

/** Version of the consent texts in locales/ (help.consent.ask / askSensitive); bump when they change. */
export const CONSENT_TEXT_VERSION = 3;
const PREFIX = 'CS';

/** Stores the consent answer and, if given, the request; returns what to tell the citizen. */
export async function submitHelpRequest(state: FlowState, who: Citizen, stores: BotStores): Promise<ActionResult> {
  if (!isStateOf(requestHelpFlow, state)) throw new FlowStateError(`requestHelp action given ${state.flow}`);
  const d = state.data;
  const key = state.key ?? `${who.lineUserId}:${who.now.getTime()}`;
  const sensitive = !!d.category && SENSITIVE.includes(d.category);
  await stores.consents.recordOnce({
    lineUserId: who.lineUserId,
    purpose: 'help_request',
    given: d.consent === 'yes',
    sensitive,
    textKey: sensitive ? 'help.consent.askSensitive' : 'help.consent.ask',
    textVersion: CONSENT_TEXT_VERSION,
    at: who.now,
    submissionKey: key,
  });
  if (d.consent !== 'yes') return { says: [withMenu('help.declined', who.locale)] };

  const request = (await stores.requests.findBySubmissionKey(key)) ?? (await createRequest(stores, d, key, who, sensitive, state.unconfirmed));
  await stores.consents.setReference(key, 'help_request', request.reference);
  await stores.alerts.raise({
    kind: 'new_request',
    lineUserId: who.lineUserId,
    urgent: !!request.urgent,
    reference: request.reference,
    danger: request.danger ?? undefined,
    source: `request:${request.reference}`,
  });
  const says: Say[] = [submittedCard(request, who.locale)];
  // No phone given: staff answer in this LINE chat (the console's reply box).
  says.push({
    kind: 'text',
    text: request.phone
      ? { key: 'help.submitted.text', params: { reference: request.reference, phone: formatPhone(request.phone) } }
      : { key: 'help.submitted.textNoPhone', params: { reference: request.reference } },
  });
  if (request.urgent) says.push(await urgentNotice(stores, who));
  return { says: withMenuOnLast(says, who.locale), reference: request.reference };
}

/** Said under an urgent request: that staff were told only when someone will see it, and when, else the 24-hour number. */
async function urgentNotice(stores: BotStores, who: Citizen): Promise<Say> {
  const reach = await staffReach(stores.staff, who.now, who.locale, who.staffGroupId);
  if (reach.kind === 'now') return { kind: 'text', text: { key: 'help.submitted.urgentNow' } };
  if (reach.kind === 'later') return { kind: 'text', text: { key: 'help.submitted.urgentLater', params: { when: reach.when } } };
  return { kind: 'text', text: { key: 'help.submitted.urgentNone' } };
}

function withMenuOnLast(says: Say[], locale: Locale): Say[] {
  return says.map((s, i) => (i === says.length - 1 ? { ...s, choices: menuChoices(locale) } : s));
}

async function createRequest(
  stores: BotStores,
  d: HelpRequestData,
  key: string,
  who: Citizen,
  sensitive: boolean,
  ownWords: Record<string, string> = {},
): Promise<RequestView> {
  const reference = await stores.references.next(PREFIX, who.now);
  // Only a confirmed danger (a stored danger alert: sure, or "ไม่ปลอดภัย") makes a request urgent; the flow's data never does.
  const since = new Date(Date.now() - DANGER_BELONGS_MS);
  const met = await stores.alerts.latestDanger(who.lineUserId, since);
  const urgent = d.urgency === 'now' || !!met;
  const request = await stores.requests.insertOnce({
    reference,
    submissionKey: key,
    lineUserId: who.lineUserId,
    requesterName: who.displayName,
    beneficiary: {
      who: d.who ?? 'self',
      relation: d.who === 'relative' ? d.relation : undefined,
      name: d.name,
      age: d.age ?? undefined,
      contactable: d.contactable === undefined ? undefined : d.contactable === 'yes',
    },
    category: d.category ?? 'other',
    urgency: d.urgency ?? 'normal',
    urgent,
    danger: met?.danger ?? undefined,
    atRisk: isAtRisk(met?.atRisk) ? met.atRisk : undefined,
    details: d.details,
    photoMessageIds: d.photos ?? [],
    location: d.location ?? undefined,
    village: d.village === OUTSIDE ? undefined : d.village,
    villageToConfirm: d.village !== OUTSIDE && !!d.villageToConfirm,
    ownWords: ownWordsOf(ownWords),
    outsideArea: d.village === OUTSIDE,
    outsidePlace: d.village === OUTSIDE && d.outsideArea ? outsidePlaceText(d.outsideArea) : undefined,
    phone: d.phone,
    nationalId: d.nationalId || undefined,
    consent: {
      given: true,
      sensitive,
      textKey: sensitive ? 'help.consent.askSensitive' : 'help.consent.ask',
      textVersion: CONSENT_TEXT_VERSION,
      at: who.now,
    },
    status: 'received',
    statusHistory: [{ status: 'received', at: who.now, by: 'citizen' }],
  });
  if (met && request.reference === reference) await stores.alerts.attachDangerTo(who.lineUserId, since, reference);
  return request;
}

/** "ต.แม่วะ อ.เถิน จ.ลำปาง" for staff. */
function outsidePlaceText(a: NonNullable<HelpRequestData['outsideArea']>): string {
  return [a.subdistrict && `ต.${a.subdistrict.th}`, a.district && `อ.${a.district.th}`, `จ.${a.province.th}`].filter(Boolean).join(' ');
}

const isAtRisk = (v: unknown): v is 'speaker' | 'subject' | 'unknown' => v === 'speaker' || v === 'subject' || v === 'unknown';

function submittedCard(r: RequestView, locale: Locale): Say {
  const card: Card = {
    title: { key: 'help.submitted.title' },
    tone: r.urgent ? 'urgent' : 'success',
    rows: [
      { label: { key: 'help.submitted.reference' }, value: { literal: r.reference } },
      { label: { key: 'help.summary.category' }, value: { key: categoryLabelOf(r.category) } },
      { label: { key: 'help.submitted.status' }, value: { key: statusLabel(r.status) } },
      { label: { key: 'help.submitted.date' }, value: { literal: formatThaiDate(r.createdAt ?? new Date(), { locale }) } },
    ],
  };
  return { kind: 'card', card, altText: { key: 'help.submitted.title' } };
}

/** ติดตามคำร้อง: the list as chips, or the offer to file one. */
export async function trackSays(stores: BotStores, lineUserId: string, locale: Locale, now: Date): Promise<Say[]> {
  const list = await stores.requests.listOwn(lineUserId, 10);
  // Upcoming bookings (issue 6): at most one card, shown first; the request cards make room for it.
  const bookings = await bookingTrackSays(stores, lineUserId, locale, now);
  if (list.length === 0) {
    return [...bookings, { kind: 'text', text: { key: bookings.length > 0 ? 'bot.menuPrompt' : 'track.none' }, choices: menuChoices(locale) }];
  }
  const shown = 3 - bookings.length;
  const cards = list.slice(0, shown).map((r) => requestListCard(r, locale));
  return [
    { kind: 'text', text: { key: 'track.listIntro', params: { count: list.length } } },
    ...bookings,
    ...cards,
    {
      kind: 'text',
      text: { key: 'bot.menuPrompt' },
      choices: [...list.slice(shown, shown + 5).map((r) => ({ kind: 'say' as const, label: { literal: r.reference } })), ...menuChoices(locale)],
    },
  ];
}

/**
 * One request under ติดตามคำร้อง: where it stands (status, latest note) and "ดูรายละเอียด", which sends the
 * reference as if typed — the bot answers with {@link requestCard}.
 */
function requestListCard(r: RequestView, locale: Locale): Say {
  const lastNote = [...(r.statusHistory ?? [])].reverse().find((h) => h.note)?.note;
  const rows: Card['rows'] = [
    { label: { key: 'help.submitted.status' }, value: { key: statusLabel(r.status) } },
    { label: { key: 'help.summary.category' }, value: { key: categoryLabelOf(r.category) } },
    { label: { key: 'track.sentOn' }, value: { literal: formatThaiDate(r.createdAt ?? new Date(), { locale }) } },
  ];
  if (r.updatedAt) rows.push({ label: { key: 'track.updatedOn' }, value: { literal: formatThaiDate(r.updatedAt, { locale }) } });
  if (lastNote) rows.push({ label: { key: 'track.note' }, value: { literal: lastNote } });
  return {
    kind: 'card',
    altText: { key: 'track.detailTitle', params: { reference: r.reference } },
    card: {
      title: { key: 'track.detailTitle', params: { reference: r.reference } },
      tone: r.urgent ? 'urgent' : 'normal',
      rows,
      buttons: [{ kind: 'say', label: { key: 'track.detailsButton' }, text: r.reference }],
    },
  };
}

/**
 * One request in detail (the citizen typed or tapped its reference): its status, each step so far with the
 * staff's notes, and what was filed — the rows of the summary the citizen confirmed (ID and phone as shown then).
 */
export function requestCard(r: RequestView, locale: Locale): Say {
  const history = (r.statusHistory ?? [])
    .flatMap((h) => (h.status && h.at ? [{ ...h, at: h.at }] : []))
    .slice(-5)
    .map((h) => `${formatThaiDate(h.at, { locale, style: 'short' })} ${t(locale, statusLabel(h.status))}${h.note ? `\n“${h.note}”` : ''}`);
  const b = r.beneficiary ?? {};
  const filed = summaryCard({
    who: isWho(b.who) ? b.who : 'self',
    relation: isRelation(b.relation) ? b.relation : undefined,
    name: b.name ?? undefined,
    age: b.age ?? undefined,
    category: isCategory(r.category) ? r.category : 'other',
    urgency: isUrgency(r.urgency) ? r.urgency : undefined,
    details: r.details ?? undefined,
    photos: r.photoMessageIds?.length ? r.photoMessageIds : undefined,
    location:
      r.location?.latitude || r.location?.address
        ? { latitude: r.location.latitude ?? undefined, longitude: r.location.longitude ?? undefined, address: r.location.address ?? undefined }
        : undefined,
    village: r.outsideArea ? OUTSIDE : (r.village ?? undefined),
    phone: r.phone ?? undefined,
    nationalId: r.nationalId && /^\d{13}$/.test(r.nationalId) ? r.nationalId : undefined,
  });
  const rows: Card['rows'] = [
    { label: { key: 'help.submitted.status' }, value: { key: statusLabel(r.status) } },
    { label: { key: 'track.sentOn' }, value: { literal: formatThaiDate(r.createdAt ?? new Date(), { locale }) } },
  ];
  if (history.length > 0) rows.push({ label: { key: 'track.history' }, value: { literal: history.join('\n') } });
  if (filed.kind === 'card') rows.push(...filed.card.rows);
  if (typeof b.contactable === 'boolean')
    rows.push({ label: { key: 'track.contact' }, value: { key: b.contactable ? 'track.contactDirect' : 'track.contactThroughMe' } });
  return {
    kind: 'card',
    altText: { key: 'track.detailTitle', params: { reference: r.reference } },
    card: { title: { key: 'track.detailTitle', params: { reference: r.reference } }, tone: r.urgent ? 'urgent' : 'normal', rows },
  };
}
