/**
 * Everything the centre holds about one citizen, as one ZIP a person can read (PDPA §30, the right of access):
 * `summary.html` (Thai, opens in any browser, no script), `data.json` (all of it, machine-readable), CSV files
 * for spreadsheets (requests, bookings, conversation, consents; UTF-8 with BOM) and the photos they sent under
 * `photos/`. Nothing is masked: it is the person's own data. Staff review it before handing it over (notes may
 * name other people). Built with fflate (zipSync, in memory: one person's data is small).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { Citizen } from '../../db/models/citizen';
import { HelpRequest } from '../../db/models/helpRequest';
import { Booking } from '../../db/models/booking';
import { Consent } from '../../db/models/consent';
import { StaffNote } from '../../db/models/staffNote';
import { StaffAlert } from '../../db/models/staffAlert';
import { MessageContent } from '../../db/models/messageContent';
import { formatThaiDateTime } from '../../domain/thai/dates';
import { formatNationalId } from '../../domain/thai/nationalId';
import { purposeText } from '../../../flows/booking';
import { t, type MessageKey } from '../../i18n';
import { transcriptOf, type TranscriptEntry } from '../chats';
import { label } from '../cases';
import { toCsv } from '../csv';
import { PDPA_TH } from '../alerts';
import { DANGER_TH } from '../dangerAlerts';

/** No export holds more messages than this (a conversation of years stays far below it). */
const MESSAGES_MAX = 100_000;

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

export interface CitizenExport {
  fileName: string;
  zip: Uint8Array;
  counts: { requests: number; bookings: number; messages: number; photos: number; consents: number };
}

/** Collects the citizen's data; undefined when nothing is held about them. */
export async function collectCitizenData(lineUserId: string) {
  const [citizen, requests, bookings, consents, photos, alerts] = await Promise.all([
    Citizen.findOne({ lineUserId }).lean(),
    HelpRequest.find({ lineUserId }).sort({ createdAt: 1 }).lean(),
    Booking.find({ lineUserId }).sort({ start: 1 }).lean(),
    Consent.find({ lineUserId }).sort({ at: 1 }).lean(),
    MessageContent.find({ lineUserId }).sort({ createdAt: 1 }).lean(),
    StaffAlert.find({ lineUserId }).sort({ createdAt: 1 }).lean(),
  ]);
  const transcript = await transcriptOf(lineUserId, MESSAGES_MAX);
  if (!citizen && !requests.length && !bookings.length && !transcript.length) return undefined;
  const notes = await StaffNote.find({ reference: { $in: requests.map((r) => r.reference) } })
    .sort({ at: 1 })
    .lean();
  return { citizen, requests, bookings, consents, photos, alerts, transcript, notes };
}

type Data = NonNullable<Awaited<ReturnType<typeof collectCitizenData>>>;

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const when = (d: Date | null | undefined) => (d ? formatThaiDateTime(d) : '');
const yes = (b: boolean | null | undefined) => (b ? 'ใช่' : 'ไม่');

/** Builds the archive; undefined when nothing is held about the citizen. */
export async function exportCitizen(lineUserId: string, now = new Date()): Promise<CitizenExport | undefined> {
  const data = await collectCitizenData(lineUserId);
  if (!data) return undefined;
  const photoFiles = new Map<string, string>();
  data.photos.forEach((p, i) =>
    photoFiles.set(p._id.toString(), `photos/${String(i + 1).padStart(3, '0')}-${p.lineMessageId}.${EXT[p.contentType ?? ''] ?? 'bin'}`),
  );
  const photoOf = (e: TranscriptEntry) => {
    const id = e.contentUrl?.split('/').pop();
    return id ? photoFiles.get(id) : undefined;
  };
  const files: Zippable = {
    'summary.html': strToU8(summaryHtml(data, photoFiles, photoOf, now)),
    'data.json': strToU8(JSON.stringify(jsonOf(data, photoFiles, photoOf), null, 2)),
    'requests.csv': strToU8(requestsCsv(data)),
    'bookings.csv': strToU8(bookingsCsv(data)),
    'conversation.csv': strToU8(
      toCsv(
        ['เวลา', 'จาก', 'ชนิด', 'ข้อความ', 'ไฟล์รูป'],
        data.transcript.map((e) => [when(e.at), fromTh(e), e.type, e.text ?? locationText(e), photoOf(e) ?? '']),
      ),
    ),
    'consents.csv': strToU8(
      toCsv(
        ['เวลา', 'เรื่อง', 'ยินยอม', 'ข้อมูลอ่อนไหว', 'ข้อความที่แสดง', 'ฉบับ', 'เลขคำร้อง'],
        data.consents.map((c) => [when(c.at), c.purpose, yes(c.given), yes(c.sensitive), consentText(c.textKey), c.textVersion, c.reference ?? '']),
      ),
    ),
  };
  for (const p of data.photos) {
    const raw = p.data as unknown;
    const buf = Buffer.isBuffer(raw) ? raw : Buffer.from((raw as { buffer: Uint8Array }).buffer);
    files[photoFiles.get(p._id.toString())!] = [new Uint8Array(buf), { level: 0 }];
  }
  const zip = zipSync(files, { level: 6, mtime: now });
  const day = now.toISOString().slice(0, 10);
  return {
    fileName: `citizen-data-${lineUserId.slice(-6)}-${day}.zip`,
    zip,
    counts: {
      requests: data.requests.length,
      bookings: data.bookings.length,
      messages: data.transcript.length,
      photos: data.photos.length,
      consents: data.consents.length,
    },
  };
}

const fromTh = (e: TranscriptEntry) =>
  e.from === 'citizen' ? 'คุณ' : e.from === 'staff' ? `เจ้าหน้าที่${e.staffName ? ` (${e.staffName})` : ''}` : 'บอท';
const locationText = (e: TranscriptEntry) =>
  e.location
    ? [e.location.title, e.location.address, e.location.latitude, e.location.longitude].filter((x) => x !== undefined && x !== null).join(' ')
    : '';
const consentText = (key: string) => {
  try {
    return t('th', key as MessageKey);
  } catch {
    return key;
  }
};

function jsonOf(d: Data, photoFiles: Map<string, string>, photoOf: (e: TranscriptEntry) => string | undefined) {
  const strip = <T extends object>(o: T) =>
    JSON.parse(JSON.stringify(o, (k, v) => (k === '__v' || k === 'submissionKey' || k === 'markAsReadToken' ? undefined : v)));
  return {
    exportedAt: new Date().toISOString(),
    profile: d.citizen ? strip(d.citizen) : null,
    requests: d.requests.map(strip),
    staffNotes: d.notes.map((n) => ({ reference: n.reference, at: n.at, by: n.byName, text: n.text })),
    bookings: d.bookings.map(strip),
    consents: d.consents.map(strip),
    conversation: d.transcript.map((e) => ({
      at: e.at,
      from: e.from,
      staffName: e.staffName,
      type: e.type,
      text: e.text,
      location: e.location,
      photo: photoOf(e),
      withdrawn: e.withdrawn,
    })),
    photos: d.photos.map((p) => ({
      file: photoFiles.get(p._id.toString()),
      lineMessageId: p.lineMessageId,
      contentType: p.contentType,
      size: p.size,
      receivedAt: (p as { createdAt?: Date }).createdAt,
    })),
    alertsToStaff: d.alerts.map((a) => ({
      kind: a.kind,
      at: a.createdAt,
      reference: a.reference,
      danger: a.danger,
      pdpa: a.pdpa,
      excerpt: a.excerpt,
    })),
  };
}

function requestsCsv(d: Data): string {
  return toCsv(
    [
      'เลขคำร้อง',
      'วันที่แจ้ง',
      'สถานะ',
      'เรื่อง',
      'ความเร่งด่วน',
      'หมู่บ้าน',
      'ผู้แจ้ง',
      'ผู้ต้องการความช่วยเหลือ',
      'ความสัมพันธ์',
      'อายุ',
      'โทรศัพท์',
      'เลขบัตรประชาชน',
      'รายละเอียด',
      'ตำแหน่ง',
    ],
    d.requests.map((r) => [
      r.reference,
      when(r.createdAt),
      label('status', r.status),
      label('help.category', r.category),
      label('help.urgency', r.urgency),
      r.outsideArea ? 'นอกพื้นที่' : (r.village ?? ''),
      r.requesterName ?? '',
      r.beneficiary?.name ?? '',
      r.beneficiary?.relation ? label('help.relation', r.beneficiary.relation) : r.beneficiary?.who === 'self' ? 'ตนเอง' : '',
      r.beneficiary?.age ?? '',
      r.phone ?? '',
      // Written 1-2345-67890-12-3, so a spreadsheet keeps it as text (not 1.23E+12).
      r.nationalId ? formatNationalId(r.nationalId) : '',
      r.details ?? '',
      r.location ? [r.location.address, r.location.latitude, r.location.longitude].filter((x) => x !== undefined && x !== null).join(' ') : '',
    ]),
  );
}

function bookingsCsv(d: Data): string {
  return toCsv(
    ['เลขนัดหมาย', 'วันที่', 'เวลา', 'เรื่อง', 'สถานะ', 'ผู้นัด', 'ผู้ที่มาติดต่อ', 'โทรศัพท์'],
    d.bookings.map((b) => [
      b.reference,
      b.date,
      b.time,
      purposeText(b.purpose, b.note, 'th'),
      BOOKING_TH[b.status ?? ''] ?? b.status,
      b.requesterName ?? '',
      b.beneficiary?.name ?? '',
      b.phone ?? '',
    ]),
  );
}

const BOOKING_TH: Record<string, string> = { booked: 'นัดไว้', cancelled: 'ยกเลิก', attended: 'มาตามนัด', no_show: 'ไม่ได้มา' };

function summaryHtml(d: Data, photoFiles: Map<string, string>, photoOf: (e: TranscriptEntry) => string | undefined, now: Date): string {
  const row = (k: string, v: unknown) =>
    v === undefined || v === null || v === '' ? '' : `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`;
  const c = d.citizen;
  const parts: string[] = [];
  parts.push(`<h1>ข้อมูลของคุณที่ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อนเก็บไว้</h1>`);
  parts.push(`<p>จัดทำเมื่อ ${esc(when(now))} ตามคำขอดูข้อมูลส่วนบุคคล (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 มาตรา 30)</p>`);
  parts.push(
    `<p>ไฟล์ในชุดนี้: summary.html (หน้านี้), data.json (ข้อมูลทั้งหมด), requests.csv, bookings.csv, conversation.csv, consents.csv และรูปในโฟลเดอร์ photos</p>`,
  );
  parts.push(
    `<h2>ข้อมูลจาก LINE</h2><table>${row('ชื่อใน LINE', c?.displayName)}${row('ภาษา', c?.language)}${row('เป็นเพื่อนกับบัญชีศูนย์ฯ', c ? yes(c.following) : '')}${row('เพิ่มเพื่อนเมื่อ', when(c?.followedAt))}${row('ติดต่อครั้งแรก', when((c as { createdAt?: Date } | null)?.createdAt))}${row('ข้อความล่าสุด', when(c?.lastMessageAt))}</table>`,
  );
  parts.push(`<h2>คำร้องขอความช่วยเหลือ (${d.requests.length})</h2>`);
  for (const r of d.requests) {
    const notes = d.notes.filter((n) => n.reference === r.reference);
    parts.push(
      `<h3>${esc(r.reference)}</h3><table>${row('วันที่แจ้ง', when(r.createdAt))}${row('สถานะ', label('status', r.status))}${row('เรื่อง', label('help.category', r.category))}${row('ความเร่งด่วน', label('help.urgency', r.urgency))}${row('พบคำบ่งชี้อันตราย', r.danger ? (DANGER_TH[r.danger] ?? r.danger) : '')}${row('ผู้แจ้ง', r.requesterName)}${row('ผู้ต้องการความช่วยเหลือ', r.beneficiary?.name)}${row('ความสัมพันธ์', r.beneficiary?.relation ? label('help.relation', r.beneficiary.relation) : r.beneficiary?.who === 'self' ? 'ตนเอง' : '')}${row('อายุ', r.beneficiary?.age)}${row('หมู่บ้าน', r.outsideArea ? 'นอกพื้นที่' : r.village)}${row('โทรศัพท์', r.phone)}${row('เลขบัตรประชาชน', r.nationalId)}${row('รายละเอียด', r.details)}${row('ตำแหน่ง', r.location ? [r.location.title, r.location.address, r.location.latitude, r.location.longitude].filter((x) => x !== undefined && x !== null).join(' ') : '')}${row('ความยินยอม', r.consent ? `${r.consent.given ? 'ยินยอม' : 'ไม่ยินยอม'}${r.consent.sensitive ? ' (รวมข้อมูลอ่อนไหว)' : ''} เมื่อ ${when(r.consent.at)}` : '')}</table>`,
    );
    const history = (r.statusHistory ?? []).map(
      (h) => `<li>${esc(when(h.at))} · ${esc(label('status', h.status))}${h.note ? ` · ${esc(h.note)}` : ''}</li>`,
    );
    if (history.length) parts.push(`<p>ความคืบหน้า</p><ul>${history.join('')}</ul>`);
    if (notes.length)
      parts.push(`<p>บันทึกของเจ้าหน้าที่</p><ul>${notes.map((n) => `<li>${esc(when(n.at))} · ${esc(n.byName)}: ${esc(n.text)}</li>`).join('')}</ul>`);
  }
  parts.push(`<h2>นัดหมาย (${d.bookings.length})</h2>`);
  if (d.bookings.length) {
    parts.push(
      `<table><tr><th scope="col">เลขนัดหมาย</th><th scope="col">วันเวลา</th><th scope="col">เรื่อง</th><th scope="col">สถานะ</th><th scope="col">ผู้ที่มาติดต่อ</th><th scope="col">โทรศัพท์</th></tr>${d.bookings
        .map(
          (b) =>
            `<tr><td>${esc(b.reference)}</td><td>${esc(`${b.date} ${b.time}`)}</td><td>${esc(purposeText(b.purpose, b.note, 'th'))}</td><td>${esc(BOOKING_TH[b.status ?? ''] ?? b.status)}</td><td>${esc(b.beneficiary?.name ?? b.requesterName ?? '')}</td><td>${esc(b.phone ?? '')}</td></tr>`,
        )
        .join('')}</table>`,
    );
  }
  parts.push(`<h2>ความยินยอม (${d.consents.length})</h2>`);
  if (d.consents.length)
    parts.push(
      `<ul>${d.consents.map((x) => `<li>${esc(when(x.at))} · ${x.given ? 'ยินยอม' : 'ไม่ยินยอม / ถอนความยินยอม'}${x.sensitive ? ' (ข้อมูลอ่อนไหว)' : ''}${x.reference ? ` · ${esc(x.reference)}` : ''}<br><small>${esc(consentText(x.textKey))}</small></li>`).join('')}</ul>`,
    );
  parts.push(`<h2>รูปที่ส่งมา (${photoFiles.size})</h2>`);
  if (photoFiles.size)
    parts.push(
      `<p>${[...photoFiles.values()].map((f) => `<a href="${esc(f)}"><img src="${esc(f)}" alt="รูปที่ส่งมา ${esc(f)}" width="160"></a>`).join(' ')}</p>`,
    );
  if (d.alerts.length)
    parts.push(
      `<h2>เรื่องที่แจ้งเจ้าหน้าที่ (${d.alerts.length})</h2><ul>${d.alerts.map((a) => `<li>${esc(when(a.createdAt))} · ${esc(alertTh(a))}</li>`).join('')}</ul>`,
    );
  parts.push(
    `<h2>ข้อความที่คุยกัน (${d.transcript.length})</h2><table><tr><th scope="col">เวลา</th><th scope="col">จาก</th><th scope="col">ข้อความ</th></tr>${d.transcript
      .map((e) => {
        const photo = photoOf(e);
        const body = photo ? `<a href="${esc(photo)}">[รูป]</a>` : esc(e.text ?? locationText(e) ?? `[${e.type}]`);
        return `<tr><td>${esc(when(e.at))}</td><td>${esc(fromTh(e))}</td><td>${body}</td></tr>`;
      })
      .join('')}</table>`,
  );
  return `<!doctype html><html lang="th"><head><meta charset="utf-8"><title>ข้อมูลของคุณ</title><meta name="viewport" content="width=device-width, initial-scale=1"><style>body{font-family:sans-serif;line-height:1.6;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}td{white-space:pre-wrap}</style></head><body>${parts.join('\n')}</body></html>\n`;
}

const ALERT_TH: Record<string, string> = {
  new_request: 'คำร้องใหม่',
  handoff: 'ขอคุยกับเจ้าหน้าที่',
  booking: 'นัดหมาย',
  danger: 'ข้อความที่อาจมีอันตราย',
  pdpa_request: 'คำขอเรื่องข้อมูลส่วนบุคคล',
  request_waiting: 'คำร้องที่ยังรอการติดต่อกลับ',
};
function alertTh(a: { kind: string; reference?: string | null; danger?: string | null; pdpa?: string | null }): string {
  return [ALERT_TH[a.kind] ?? a.kind, a.reference, a.danger ? DANGER_TH[a.danger] : undefined, a.pdpa ? PDPA_TH[a.pdpa] : undefined]
    .filter(Boolean)
    .join(' · ');
}
