/**
 * The monthly report the centre sends to the provincial office: for one Bangkok calendar month, the requests
 * filed (by category, village, status and urgency), how fast staff first contacted the citizen, the bookings of
 * that month and whether people came, and the danger alerts with how fast staff acknowledged them.
 *
 * Counts come from MongoDB aggregations ($facet/$group through mongoose); the time figures are computed here
 * from the per-item durations the database returns (median and 90th percentile, as Excel's PERCENTILE.INC, so a
 * spreadsheet of the same durations gives the same numbers).
 *
 * "First staff contact" of a request = the earliest of (a) a message from a staff member to the citizen in the
 * conversation record (a reply, or the message a status change sends), not a failed one, at or after the filing,
 * and (b) the first status change away from "received" (ได้รับเรื่องแล้ว). Only what the database holds counts:
 * a phone call that staff made without recording anything is not seen.
 */
import { DateTime } from 'luxon';
import { HelpRequest, REQUEST_STATUSES } from '../db/models/helpRequest';
import { Booking, BOOKING_STATUSES } from '../db/models/booking';
import { StaffAlert } from '../db/models/staffAlert';
import { ConversationMessage } from '../db/models/conversationMessage';
import { ZONE } from '../domain/bangkokTime';
import { THAI_MONTHS } from '../domain/thai/calendarNames';
import { getCentre } from '../domain/data';
import { CATEGORIES, URGENCIES } from '../vocabulary/categories';
import { label } from './cases';
import { BOOKING_STATUS_TH } from './bookings';
import { DANGER_TH } from './dangerAlerts';

/** A month as `YYYY-MM`. */
export type Month = string;

export interface Count {
  key: string;
  label: string;
  n: number;
}

export interface Durations {
  /** How many items have the time measured. */
  measured: number;
  /** Median and 90th percentile in minutes (null when nothing was measured). */
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface MonthlyReport {
  month: Month;
  /** e.g. "ตุลาคม 2569". */
  monthLabel: string;
  /** The month's first instant and the next month's first instant (Bangkok). */
  from: Date;
  to: Date;
  /** True while the month is not over yet. */
  partial: boolean;
  generatedAt: Date;
  centreName: string;
  requests: {
    total: number;
    urgent: number;
    byCategory: Count[];
    byVillage: Count[];
    byStatus: Count[];
    byUrgency: Count[];
  };
  firstContact: Durations & {
    /** Requests of the month not contacted yet (by the definition above). */
    notYet: number;
    /** Which came first for the measured ones: a staff message or a status change. */
    byMessage: number;
    byStatusChange: number;
  };
  bookings: {
    total: number;
    byStatus: Count[];
    attended: number;
    noShow: number;
    /** attended / (attended + no-show), in percent with one decimal; null when neither. */
    attendanceRate: number | null;
  };
  dangerAlerts: Durations & {
    total: number;
    acknowledged: number;
    open: number;
    byKind: Count[];
  };
}

export const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The Bangkok month before the one `now` is in, as `YYYY-MM` (the report's default). */
export function previousMonth(now: Date = new Date()): Month {
  return DateTime.fromJSDate(now, { zone: ZONE }).minus({ months: 1 }).toFormat('yyyy-MM');
}

/** The Bangkok month `now` is in. */
export function currentMonth(now: Date = new Date()): Month {
  return DateTime.fromJSDate(now, { zone: ZONE }).toFormat('yyyy-MM');
}

/** "ตุลาคม 2569": the Thai month name and the Buddhist-era year. */
export function thaiMonthLabel(month: Month): string {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  return `${THAI_MONTHS[Number(m[2]) - 1]} ${Number(m[1]) + 543}`;
}

/** The instants bounding a Bangkok month: [from, to). */
export function monthRange(month: Month): { from: Date; to: Date } {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const start = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone: ZONE });
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

/**
 * The p-th percentile (0…1) of `values` with linear interpolation between closest ranks — the method of Excel's
 * PERCENTILE.INC and numpy's default: rank (n − 1)·p. Null for no values.
 */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

function durations(minutes: number[]): Durations {
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return { measured: minutes.length, medianMinutes: round(percentile(minutes, 0.5)), p90Minutes: round(percentile(minutes, 0.9)) };
}

/** Fixed keys first (in their order, zeros kept), then any other key met in the data, then "none". */
function counts(rows: { _id: string | null; n: number }[], keys: readonly string[], labelOf: (k: string) => string, noneLabel = 'ไม่ระบุ'): Count[] {
  const found = new Map(rows.map((r) => [r._id ?? '', r.n]));
  const out: Count[] = keys.map((k) => ({ key: k, label: labelOf(k), n: found.get(k) ?? 0 }));
  for (const [k, n] of found) {
    if (keys.includes(k) || k === '') continue;
    out.push({ key: k, label: labelOf(k), n });
  }
  if (found.has('')) out.push({ key: '', label: noneLabel, n: found.get('')! });
  return out;
}

const OUTSIDE_AREA = 'outside_area';
const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;

async function requestFigures(from: Date, to: Date): Promise<Pick<MonthlyReport, 'requests' | 'firstContact'>> {
  const match = { createdAt: { $gte: from, $lt: to } };
  type G = { _id: string | null; n: number }[];
  const [facets] = await HelpRequest.aggregate<{ total: { n: number }[]; urgent: { n: number }[]; category: G; village: G; status: G; urgency: G }>([
    { $match: match },
    {
      $facet: {
        total: [{ $count: 'n' }],
        urgent: [{ $match: { urgent: true } }, { $count: 'n' }],
        category: [{ $group: { _id: '$category', n: { $sum: 1 } } }],
        village: [{ $group: { _id: { $cond: [{ $eq: ['$outsideArea', true] }, OUTSIDE_AREA, { $ifNull: ['$village', null] }] }, n: { $sum: 1 } } }],
        status: [{ $group: { _id: '$status', n: { $sum: 1 } } }],
        urgency: [{ $group: { _id: '$urgency', n: { $sum: 1 } } }],
      },
    },
  ]);
  const villages = getCentre().villages.list.map((v) => v.th);

  // First staff contact: the first status change out of "received" (from the request), and the first staff
  // message to the citizen at or after the filing (from the conversation record).
  const filed = await HelpRequest.aggregate<{ lineUserId: string; createdAt: Date; statusAt: Date | null }>([
    { $match: match },
    {
      $project: {
        _id: 0,
        lineUserId: 1,
        createdAt: 1,
        statusAt: {
          $min: {
            $map: {
              input: { $filter: { input: { $ifNull: ['$statusHistory', []] }, as: 'h', cond: { $ne: ['$$h.status', 'received'] } } },
              as: 'h',
              in: '$$h.at',
            },
          },
        },
      },
    },
  ]);
  const staffMessages = filed.length
    ? await ConversationMessage.aggregate<{ _id: string; ats: Date[] }>([
        {
          $match: {
            lineUserId: { $in: [...new Set(filed.map((r) => r.lineUserId))] },
            direction: 'out',
            sender: { $nin: [null, 'bot'] },
            deliveryStatus: { $ne: 'failed' },
            at: { $gte: from },
          },
        },
        { $group: { _id: '$lineUserId', ats: { $push: '$at' } } },
      ])
    : [];
  const messagesOf = new Map(staffMessages.map((m) => [m._id, m.ats.map((a) => new Date(a).getTime()).sort((a, b) => a - b)]));
  const minutes: number[] = [];
  let byMessage = 0;
  let byStatusChange = 0;
  for (const r of filed) {
    const filedAt = new Date(r.createdAt).getTime();
    const message = messagesOf.get(r.lineUserId)?.find((t) => t >= filedAt);
    const status = r.statusAt ? new Date(r.statusAt).getTime() : undefined;
    if (message === undefined && status === undefined) continue;
    const first = Math.min(message ?? Infinity, status ?? Infinity);
    if (message !== undefined && message === first) byMessage++;
    else byStatusChange++;
    minutes.push(minutesBetween(new Date(filedAt), new Date(first)));
  }

  return {
    requests: {
      total: facets?.total[0]?.n ?? 0,
      urgent: facets?.urgent[0]?.n ?? 0,
      byCategory: counts(facets?.category ?? [], CATEGORIES, (k) => label('help.category', k)),
      byVillage: counts(facets?.village ?? [], [...villages, OUTSIDE_AREA], (k) => (k === OUTSIDE_AREA ? 'นอกพื้นที่' : k)),
      byStatus: counts(facets?.status ?? [], REQUEST_STATUSES, (k) => label('status', k)),
      byUrgency: counts(facets?.urgency ?? [], URGENCIES, (k) => label('help.urgency', k)),
    },
    firstContact: { ...durations(minutes), notYet: filed.length - minutes.length, byMessage, byStatusChange },
  };
}

async function bookingFigures(month: Month): Promise<MonthlyReport['bookings']> {
  // A booking belongs to the month of its appointment date (`YYYY-MM-DD`, Bangkok), compared as text.
  const next = DateTime.fromFormat(month, 'yyyy-MM', { zone: ZONE }).plus({ months: 1 }).toFormat('yyyy-MM');
  const rows = await Booking.aggregate<{ _id: string; n: number }>([
    { $match: { date: { $gte: `${month}-01`, $lt: `${next}-01` } } },
    { $group: { _id: '$status', n: { $sum: 1 } } },
  ]);
  const byStatus = counts(rows, BOOKING_STATUSES, (k) => (k === 'booked' ? 'ยังไม่บันทึกผล' : ((BOOKING_STATUS_TH as Record<string, string>)[k] ?? k)));
  const n = (k: string) => byStatus.find((c) => c.key === k)?.n ?? 0;
  const attended = n('attended');
  const noShow = n('no_show');
  return {
    total: byStatus.reduce((s, c) => s + c.n, 0),
    byStatus,
    attended,
    noShow,
    attendanceRate: attended + noShow ? Math.round((attended / (attended + noShow)) * 1000) / 10 : null,
  };
}

async function alertFigures(from: Date, to: Date): Promise<MonthlyReport['dangerAlerts']> {
  const match = { kind: 'danger', createdAt: { $gte: from, $lt: to } };
  const [byKind, acks] = await Promise.all([
    StaffAlert.aggregate<{ _id: string | null; n: number }>([{ $match: match }, { $group: { _id: '$danger', n: { $sum: 1 } } }]),
    StaffAlert.aggregate<{ minutes: number }>([
      { $match: { ...match, acknowledgedAt: { $ne: null } } },
      { $project: { _id: 0, minutes: { $divide: [{ $subtract: ['$acknowledgedAt', '$createdAt'] }, 60_000] } } },
    ]),
  ]);
  const kinds = counts(byKind, Object.keys(DANGER_TH), (k) => DANGER_TH[k] ?? k);
  const total = kinds.reduce((s, c) => s + c.n, 0);
  return { total, acknowledged: acks.length, open: total - acks.length, byKind: kinds, ...durations(acks.map((a) => a.minutes)) };
}

/** The whole report of one month. */
export async function monthlyReport(month: Month, now: Date = new Date()): Promise<MonthlyReport> {
  const { from, to } = monthRange(month);
  const [req, bookings, dangerAlerts] = await Promise.all([requestFigures(from, to), bookingFigures(month), alertFigures(from, to)]);
  return {
    month,
    monthLabel: thaiMonthLabel(month),
    from,
    to,
    partial: now < to,
    generatedAt: now,
    centreName: getCentre().name.th,
    ...req,
    bookings,
    dangerAlerts,
  };
}

/** "1 ชม. 5 นาที", "2 วัน 3 ชม.", "12 นาที" — a duration in minutes as staff read it; "—" for none. */
export function thaiDuration(minutes: number | null): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m} นาที`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} ชม.${m % 60 ? ` ${m % 60} นาที` : ''}`;
  const hours = Math.round(m / 60);
  return `${Math.floor(hours / 24)} วัน${hours % 24 ? ` ${hours % 24} ชม.` : ''}`;
}

/** The report's tables as one CSV sheet: a title row per section, then its rows (what the page shows). */
export function reportRows(r: MonthlyReport): unknown[][] {
  const rows: unknown[][] = [];
  const section = (title: string, header: string[], body: unknown[][]) => {
    rows.push([title], header, ...body, []);
  };
  const table = (title: string, list: Count[]) =>
    section(
      title,
      ['รายการ', 'จำนวน'],
      list.map((c) => [c.label, c.n]),
    );
  rows.push([`รายงานประจำเดือน ${r.monthLabel}`], [r.centreName], []);
  section(
    'สรุป',
    ['รายการ', 'จำนวน'],
    [
      ['คำร้องทั้งหมด', r.requests.total],
      ['คำร้องด่วน', r.requests.urgent],
      ['นัดหมายทั้งหมด', r.bookings.total],
      ['แจ้งเตือนอันตราย', r.dangerAlerts.total],
    ],
  );
  table('คำร้องตามเรื่อง', r.requests.byCategory);
  table('คำร้องตามหมู่บ้าน', r.requests.byVillage);
  table('คำร้องตามสถานะ (ปัจจุบัน)', r.requests.byStatus);
  table('คำร้องตามความเร่งด่วนที่แจ้ง', r.requests.byUrgency);
  const fc = r.firstContact;
  section(
    'เวลาตั้งแต่ยื่นคำร้องถึงการติดต่อครั้งแรกของเจ้าหน้าที่',
    ['รายการ', 'ค่า'],
    [
      ['คำร้องที่ติดต่อแล้ว', fc.measured],
      ['คำร้องที่ยังไม่ได้ติดต่อ', fc.notYet],
      ['ค่ามัธยฐาน (นาที)', fc.medianMinutes ?? ''],
      ['เปอร์เซ็นไทล์ที่ 90 (นาที)', fc.p90Minutes ?? ''],
    ],
  );
  table('นัดหมายตามผล', r.bookings.byStatus);
  section(
    'การมาตามนัด',
    ['รายการ', 'ค่า'],
    [
      ['มาตามนัด', r.bookings.attended],
      ['ไม่มาตามนัด', r.bookings.noShow],
      ['อัตราการมาตามนัด (%)', r.bookings.attendanceRate ?? ''],
    ],
  );
  table('แจ้งเตือนอันตรายตามประเภท', r.dangerAlerts.byKind);
  const da = r.dangerAlerts;
  section(
    'การรับทราบแจ้งเตือนอันตราย',
    ['รายการ', 'ค่า'],
    [
      ['รับทราบแล้ว', da.acknowledged],
      ['ยังไม่รับทราบ', da.open],
      ['ค่ามัธยฐานของเวลาถึงการรับทราบ (นาที)', da.medianMinutes ?? ''],
      ['เปอร์เซ็นไทล์ที่ 90 (นาที)', da.p90Minutes ?? ''],
    ],
  );
  return rows;
}
