/**
 * Help requests as staff work them: the filtered, paged list; a request's page (beneficiary data masked by
 * role); status changes that tell the citizen; assignment; internal notes.
 */
import mongoose, { isValidObjectId } from 'mongoose';
import { z } from 'zod';
import { HelpRequest, REQUEST_STATUSES, type RequestStatus } from '../db/models/helpRequest';
import { Citizen } from '../db/models/citizen';
import { StaffUser } from '../db/models/staffUser';
import { StaffNote } from '../db/models/staffNote';
import { Handoff } from '../db/models/handoff';
import { MessageContent } from '../db/models/messageContent';
import { isIsoDate, startOfBangkokDay } from '../domain/bangkokTime';
import { maskNationalId } from '../domain/thai/nationalId';
import { formatPhone, maskPhone } from '../domain/thai/phone';
import { parseReference } from '../domain/reference';
import { scrubNumbers } from '../log';
import { localeTables, t, type MessageKey } from '../i18n';
import { text as textMessage } from '../line/messages';
import type { Outbox } from '../outbox/outbox';
import { can, type StaffPrincipal } from './permissions';
import { conflict, forbidden, HttpError, notFound } from './httpError';
import { citizenTarget, sendToCitizen, type DeliveryState } from './notify';
import { CATEGORIES, URGENCIES } from '../vocabulary';
import { escapeRegExp } from '../domain/escapeRegExp';

/** The same ids the NLU and the request-help flow use (src/vocabulary). */
export { CATEGORIES, URGENCIES };
/** Requests not yet finished. */
export const OPEN_STATUSES: RequestStatus[] = ['received', 'in_progress', 'visit_scheduled'];

/** Which status may follow which (a finished request may be reopened to "in progress"). */
export const TRANSITIONS: Record<RequestStatus, RequestStatus[]> = {
  received: ['in_progress', 'visit_scheduled', 'resolved', 'closed'],
  in_progress: ['visit_scheduled', 'resolved', 'closed', 'received'],
  visit_scheduled: ['in_progress', 'resolved', 'closed'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

const isoDate = z.string().refine(isIsoDate, 'expected YYYY-MM-DD');
const statusList = z
  .string()
  .max(200)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(REQUEST_STATUSES)).max(REQUEST_STATUSES.length));

/** The list's query string: every key optional, unknown keys refused. */
export const listQuerySchema = z
  .object({
    status: statusList.optional(),
    /** `open` = received, in progress or visit scheduled. */
    state: z.enum(['open', 'done', 'all']).optional(),
    category: z.enum(CATEGORIES).optional(),
    urgency: z.enum(URGENCIES).optional(),
    urgent: z.enum(['true', 'false']).optional(),
    village: z.string().trim().min(1).max(100).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    q: z.string().trim().min(1).max(100).optional(),
    /** A staff id, `me` or `none`. */
    assignedTo: z
      .string()
      .regex(/^(me|none|[0-9a-f]{24})$/)
      .optional(),
    sort: z.enum(['newest', 'oldest', 'urgent']).default('newest'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuerySchema>;

/** What a volunteer may see: requests assigned to them, or from their villages. */
export function scopeFilter(staff: StaffPrincipal): Record<string, unknown> {
  if (can(staff.role, 'requests:readAll')) return {};
  return { $or: [{ assignedTo: staff.id }, ...(staff.villages.length ? [{ village: { $in: staff.villages } }] : [])] };
}

/** Builds the MongoDB filter of a list query. User values only ever appear as plain equality values. */
export function listFilter(q: ListQuery, staff: StaffPrincipal): Record<string, unknown> {
  // Values from the query are checked strings; sanitizeFilter still wraps anything operator-like, as a second lock.
  const eq: Record<string, unknown> = mongoose.sanitizeFilter({
    ...(q.category ? { category: q.category } : {}),
    ...(q.urgency ? { urgency: q.urgency } : {}),
    ...(q.village ? { village: q.village } : {}),
  });
  const and: Record<string, unknown>[] = [eq];
  if (q.status?.length) and.push({ status: { $in: q.status } });
  else if (q.state === 'open') and.push({ status: { $in: OPEN_STATUSES } });
  else if (q.state === 'done') and.push({ status: { $in: ['resolved', 'closed'] } });
  if (q.urgent) and.push({ urgent: q.urgent === 'true' });
  if (q.from || q.to) {
    const range: Record<string, Date> = {};
    if (q.from) range.$gte = startOfBangkokDay(q.from).toJSDate();
    if (q.to) range.$lt = startOfBangkokDay(q.to).plus({ days: 1 }).toJSDate();
    and.push({ createdAt: range });
  }
  if (q.assignedTo === 'none') and.push({ $or: [{ assignedTo: null }, { assignedTo: '' }] });
  else if (q.assignedTo) and.push({ assignedTo: q.assignedTo === 'me' ? staff.id : q.assignedTo });
  if (q.q) {
    const ref = parseReference(q.q);
    const rx = new RegExp(escapeRegExp(q.q), 'i');
    and.push({
      $or: [
        ...(ref.ok ? [{ reference: ref.text }] : []),
        { reference: rx },
        { 'beneficiary.name': rx },
        { requesterName: rx },
        { details: rx },
        { village: rx },
      ],
    });
  }
  const scope = scopeFilter(staff);
  if (Object.keys(scope).length) and.push(scope);
  const parts = and.filter((p) => Object.keys(p).length > 0);
  return parts.length ? { $and: parts } : {};
}

const SORTS = { newest: { createdAt: -1, _id: -1 }, oldest: { createdAt: 1, _id: 1 }, urgent: { urgent: -1, createdAt: -1, _id: -1 } } as const;

type RequestLean = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

async function findRequest(reference: string) {
  return HelpRequest.findOne({ reference }).lean();
}

async function staffNames(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids.filter((x): x is string => !!x && isValidObjectId(x)))];
  if (!valid.length) return new Map();
  const users = await StaffUser.find({ _id: { $in: valid } }, { displayName: 1 }).lean();
  return new Map(users.map((u) => [u._id.toString(), u.displayName]));
}

/** Thai label of a locale key, or the raw value when the key does not exist. */
export function label(prefix: 'status' | 'help.category' | 'help.urgency' | 'help.relation', value: string | null | undefined): string {
  if (!value) return '';
  return (localeTables.th as Record<string, string>)[`${prefix}.${value}`] ?? value;
}

export interface ListItem {
  reference: string;
  createdAt: Date;
  status: string;
  statusLabel: string;
  category: string;
  categoryLabel: string;
  urgency: string;
  urgent: boolean;
  danger?: string;
  village?: string;
  /** The village is not in the centre's list: to confirm. */
  villageToConfirm: boolean;
  outsideArea: boolean;
  outsidePlace?: string;
  beneficiaryName?: string;
  requesterName?: string;
  assignedTo?: string;
  assignedToName?: string;
  chatOpen: boolean;
}

export async function listRequests(
  q: ListQuery,
  staff: StaffPrincipal,
): Promise<{ items: ListItem[]; total: number; page: number; pageSize: number }> {
  const filter = listFilter(q, staff);
  const [rows, total] = await Promise.all([
    HelpRequest.find(filter)
      .sort(SORTS[q.sort])
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean(),
    HelpRequest.countDocuments(filter),
  ]);
  return { items: await toListItems(rows), total, page: q.page, pageSize: q.pageSize };
}

export async function toListItems(rows: RequestLean[]): Promise<ListItem[]> {
  const names = await staffNames(rows.map((r) => r.assignedTo));
  const open = new Set(
    (await Handoff.find({ status: 'open', lineUserId: { $in: [...new Set(rows.map((r) => r.lineUserId))] } }, { lineUserId: 1 }).lean()).map(
      (h) => h.lineUserId,
    ),
  );
  return rows.map((r) => ({
    reference: r.reference,
    createdAt: r.createdAt,
    status: r.status,
    statusLabel: label('status', r.status),
    category: r.category,
    categoryLabel: label('help.category', r.category),
    urgency: r.urgency,
    urgent: !!r.urgent,
    danger: r.danger ?? undefined,
    village: r.village ?? undefined,
    villageToConfirm: !!r.villageToConfirm,
    outsideArea: !!r.outsideArea,
    outsidePlace: r.outsidePlace ?? undefined,
    beneficiaryName: r.beneficiary?.name ?? undefined,
    requesterName: r.requesterName ?? undefined,
    assignedTo: r.assignedTo ?? undefined,
    assignedToName: r.assignedTo ? names.get(r.assignedTo) : undefined,
    chatOpen: open.has(r.lineUserId),
  }));
}

/** A request the person may see, or 404 / 403. */
export async function requestFor(reference: string, staff: StaffPrincipal): Promise<RequestLean> {
  const r = await findRequest(reference);
  if (!r) throw notFound('ไม่พบคำร้องนี้');
  if (!can(staff.role, 'requests:readAll')) {
    const mine = r.assignedTo === staff.id || (!!r.village && staff.villages.includes(r.village));
    if (!mine) throw forbidden('คำร้องนี้อยู่นอกพื้นที่ที่คุณรับผิดชอบ');
  }
  return r;
}

/** May this person read this request's phone number? */
export function mayReadPhone(r: RequestLean, staff: StaffPrincipal): boolean {
  return can(staff.role, 'pii:phone') || r.assignedTo === staff.id;
}

export interface Identity {
  nationalId?: string;
  nationalIdMasked: boolean;
  phone?: string;
  phoneMasked: boolean;
}

/** The beneficiary's ID and phone as this person may see them (masked unless the role allows, or not `reveal`). */
export function identityOf(r: RequestLean, staff: StaffPrincipal, reveal: boolean): Identity {
  const id = r.nationalId && /^\d{13}$/.test(r.nationalId) ? r.nationalId : undefined;
  const idAllowed = reveal && can(staff.role, 'pii:nationalId');
  const phone = r.phone && /^0\d{8,9}$/.test(r.phone) ? r.phone : undefined;
  const phoneAllowed = mayReadPhone(r, staff);
  return {
    nationalId: id ? (idAllowed ? id : maskNationalId(id)) : undefined,
    nationalIdMasked: !!id && !idAllowed,
    phone: phone ? (phoneAllowed ? formatPhone(phone) : maskPhone(phone)) : (r.phone ?? undefined),
    phoneMasked: !!phone && !phoneAllowed,
  };
}

/** The steps whose answer a stuck citizen may give in their own words, as staff read them. */
const OWN_WORDS_STEP: Record<string, string> = { relation: 'ความเกี่ยวข้องกับผู้แจ้ง', category: 'เรื่องที่ขอความช่วยเหลือ' };

/** A request's page: the request, the citizen, the open handoff, notes, other requests of the citizen. */
export async function requestDetail(r: RequestLean, staff: StaffPrincipal) {
  const [citizen, notes, handoff, others, photos] = await Promise.all([
    Citizen.findOne({ lineUserId: r.lineUserId }).lean(),
    StaffNote.find({ reference: r.reference }).sort({ at: 1 }).lean(),
    Handoff.findOne({ lineUserId: r.lineUserId, status: 'open' }).lean(),
    HelpRequest.find({ lineUserId: r.lineUserId, reference: { $ne: r.reference } }, { reference: 1, status: 1, category: 1, createdAt: 1 })
      .sort({ createdAt: -1 })
      .limit(10)
      .lean(),
    MessageContent.find({ lineMessageId: { $in: r.photoMessageIds ?? [] } }, { _id: 1, lineMessageId: 1 }).lean(),
  ]);
  const names = await staffNames([r.assignedTo, ...(r.statusHistory ?? []).map((h) => h.by)]);
  const piiText = (s: string | null | undefined) =>
    s ? (can(staff.role, 'pii:nationalId') && mayReadPhone(r, staff) ? s : scrubNumbers(s)) : undefined;
  return {
    request: {
      reference: r.reference,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      status: r.status,
      statusLabel: label('status', r.status),
      nextStatuses: TRANSITIONS[r.status].map((s) => ({ status: s, label: label('status', s) })),
      statusHistory: (r.statusHistory ?? []).map((h) => ({
        status: h.status,
        statusLabel: label('status', h.status),
        at: h.at,
        by: h.by,
        byName: h.by === 'citizen' ? 'ผู้ร้อง' : h.by ? (names.get(h.by) ?? h.by) : undefined,
        note: h.note ?? undefined,
      })),
      category: r.category,
      categoryLabel: label('help.category', r.category),
      urgency: r.urgency,
      urgencyLabel: label('help.urgency', r.urgency),
      urgent: !!r.urgent,
      danger: r.danger ?? undefined,
      details: piiText(r.details),
      village: r.village ?? undefined,
      /** What a stuck citizen typed in their own words where the step took a general value (to confirm). */
      ownWords: (r.ownWords ?? []).map((w) => ({
        step: w.step ?? '',
        stepLabel: OWN_WORDS_STEP[w.step ?? ''] ?? w.step ?? '',
        words: piiText(w.words) ?? '',
      })),
      outsideArea: !!r.outsideArea,
      location: r.location && (r.location.latitude || r.location.address) ? r.location : undefined,
      requesterName: r.requesterName ?? undefined,
      beneficiary: {
        who: r.beneficiary?.who,
        relation: r.beneficiary?.relation ?? undefined,
        relationLabel: r.beneficiary?.relation ? label('help.relation', r.beneficiary.relation) : undefined,
        name: r.beneficiary?.name ?? undefined,
        age: r.beneficiary?.age ?? undefined,
        contactable: r.beneficiary?.contactable ?? undefined,
      },
      ...identityOf(r, staff, false),
      canRevealNationalId: !!r.nationalId && can(staff.role, 'pii:nationalId'),
      consent: r.consent ? { given: r.consent.given, sensitive: !!r.consent.sensitive, at: r.consent.at } : undefined,
      assignedTo: r.assignedTo ?? undefined,
      assignedToName: r.assignedTo ? names.get(r.assignedTo) : undefined,
      /** Personal data removed (erasure or retention): only the public record is left. */
      anonymisedAt: r.anonymisedAt ?? undefined,
      photos: photos.map((p) => `/admin/api/content/${p._id.toString()}`),
    },
    citizen: {
      lineUserId: can(staff.role, 'chats:read') && !r.anonymisedAt ? r.lineUserId : undefined,
      displayName: citizen?.displayName ?? undefined,
      following: citizen?.following ?? true,
      language: citizen?.language ?? undefined,
    },
    chat: can(staff.role, 'chats:read') ? { open: !!handoff, openedAt: handoff?.openedAt } : undefined,
    notes: notes.map((n) => ({ id: n._id.toString(), text: n.text, byName: n.byName, at: n.at })),
    otherRequests: others.map((o) => ({
      reference: o.reference,
      status: o.status,
      statusLabel: label('status', o.status),
      categoryLabel: label('help.category', o.category),
      createdAt: o.createdAt,
    })),
  };
}

/**
 * Moves a request to a new status (checked against {@link TRANSITIONS}, atomically: two staff changing it at
 * once cannot both win) and tells the citizen in their language, with the note if given.
 */
export async function changeStatus(
  outbox: Outbox,
  staff: StaffPrincipal,
  reference: string,
  to: RequestStatus,
  note: string | undefined,
  notify: boolean,
): Promise<{ status: RequestStatus; delivery?: DeliveryState }> {
  const r = await requestFor(reference, staff);
  const from = r.status;
  if (from === to) throw conflict('same_status', 'คำร้องอยู่ในสถานะนี้แล้ว');
  if (!TRANSITIONS[from].includes(to))
    throw new HttpError(409, 'bad_transition', `เปลี่ยนจาก "${label('status', from)}" เป็น "${label('status', to)}" ไม่ได้`);
  const at = new Date();
  const entry = { status: to, at, by: staff.id, ...(note ? { note } : {}) };
  const updated = await HelpRequest.findOneAndUpdate(
    { _id: r._id, status: from },
    { $set: { status: to }, $push: { statusHistory: entry } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) throw conflict('changed_meanwhile', 'มีผู้อื่นเปลี่ยนสถานะคำร้องนี้ไปแล้ว กรุณาโหลดหน้าใหม่');
  if (!notify) return { status: to };
  let target;
  try {
    target = await citizenTarget(r.lineUserId);
  } catch {
    return { status: to };
  }
  const lines = [t(target.locale, `staffmsg.status.${to}` as MessageKey, { reference })];
  if (note) lines.push(t(target.locale, 'staffmsg.status.note', { note }));
  const source = `staff:status:${reference}:${(updated.statusHistory ?? []).length}`;
  const delivery = await sendToCitizen(outbox, r.lineUserId, source, [textMessage(lines.join('\n'))], staff.id);
  return { status: to, delivery };
}

/** Assigns a request to an active staff member or volunteer (or unassigns it with null). */
export async function assign(
  staff: StaffPrincipal,
  reference: string,
  to: string | null,
): Promise<{ assignedTo: string | null; assignedToName?: string }> {
  const r = await requestFor(reference, staff);
  let name: string | undefined;
  if (to) {
    const u = await StaffUser.findOne({ _id: to, active: true }, { displayName: 1 }).lean();
    if (!u) throw new HttpError(400, 'unknown_staff', 'ไม่พบเจ้าหน้าที่ที่เลือก');
    name = u.displayName;
  }
  await HelpRequest.updateOne({ _id: r._id }, to ? { $set: { assignedTo: to } } : { $unset: { assignedTo: 1 } });
  return { assignedTo: to, assignedToName: name };
}

export async function addNote(staff: StaffPrincipal, reference: string, text: string) {
  await requestFor(reference, staff);
  const n = await StaffNote.create({ reference, text, byId: staff.id, byName: staff.displayName, at: new Date() });
  return { id: n._id.toString(), text: n.text, byName: n.byName, at: n.at };
}
