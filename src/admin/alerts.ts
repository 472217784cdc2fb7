/**
 * Delivers the alerts the bot stores (new request, danger words, "talk to staff", new booking) to the staff
 * LINE group, each with a link to the console. Exactly once: each alert is pushed through the outbox under the
 * source `alert:<id>` (stored once, whoever tries), and only then marked delivered. With no staff group paired
 * yet, alerts wait (and still show in the console).
 */
import type { Outbox } from '../outbox/outbox';
import type { Logger } from '../log';
import type { LineMessage } from '../line/client';
import { StaffAlert, alertEvents, type StaffAlertLean } from '../db/models/staffAlert';
import { HelpRequest } from '../db/models/helpRequest';
import { Citizen } from '../db/models/citizen';
import { Booking } from '../db/models/booking';
import { purposeText, whenText } from '../../flows/booking';
import { pairedGroupId } from './groupPairing';
import { text } from '../line/messages';
import { label } from './cases';
import { AT_RISK_TH, DANGER_TH } from './dangerAlerts';
import { formatThaiDate } from '../domain/thai/dates';

/** The staff group: configured (STAFF_GROUP_ID) or paired with a code from the console (groupPairing.ts). */
export const staffGroupId = pairedGroupId;

/** The short code staff type to close a handoff from the group: the last 6 characters of the LINE user id. */
export const chatCode = (lineUserId: string) => lineUserId.slice(-6);

type AlertLean = Pick<StaffAlertLean, 'kind' | 'lineUserId' | 'urgent' | 'reference' | 'danger' | 'atRisk' | 'source' | 'pdpa'>;

/** What a citizen asked for about their own data (PDPA), as staff read it. */
export const PDPA_TH: Record<string, string> = { access: 'ขอดูข้อมูลของตน', erasure: 'ขอลบข้อมูลของตน', withdraw: 'ถอนความยินยอม' };

/** The group message of one alert (Thai; staff only). No phone number or national ID ever goes into it. */
export async function alertMessage(a: AlertLean, baseUrl: string): Promise<LineMessage> {
  const citizen = await Citizen.findOne({ lineUserId: a.lineUserId }, { displayName: 1 }).lean();
  const who = `${citizen?.displayName ?? 'ผู้ติดต่อ'} (รหัส ${chatCode(a.lineUserId)})`;
  const chatUrl = `${baseUrl}/admin/chats/${encodeURIComponent(a.lineUserId)}`;
  const lines: string[] = [];
  const urgentMark = a.urgent ? '🔴 ด่วน · ' : '';
  switch (a.kind) {
    case 'new_request': {
      const r = a.reference ? await HelpRequest.findOne({ reference: a.reference }).lean() : null;
      lines.push(`${urgentMark || '📋 '}คำร้องใหม่ ${a.reference ?? ''}`.trim());
      if (r) {
        lines.push(`เรื่อง: ${label('help.category', r.category)} · ${label('help.urgency', r.urgency)}`);
        lines.push(`หมู่บ้าน: ${r.outsideArea ? 'นอกพื้นที่' : (r.village ?? '-')}`);
        if (!r.phone) lines.push(`ไม่มีเบอร์โทร: ตอบทางแชท ${chatUrl}`);
      }
      lines.push(`ผู้แจ้ง: ${who}`);
      if (a.danger) lines.push(`⚠️ พบคำบ่งชี้อันตราย: ${DANGER_TH[a.danger] ?? a.danger}`);
      lines.push(`เปิดดู: ${baseUrl}/admin/requests/${a.reference ?? ''}`);
      break;
    }
    case 'danger':
      lines.push(`🚨 ด่วน · ข้อความที่อาจมีอันตราย${a.danger ? ` (${DANGER_TH[a.danger] ?? a.danger})` : ''}`);
      lines.push(`จาก: ${who}`);
      if (a.atRisk) lines.push(`ผู้ที่อาจมีอันตราย: ${AT_RISK_TH[a.atRisk] ?? a.atRisk}`);
      lines.push(`เปิดแชท: ${a.reference ? `${baseUrl}/admin/requests/${a.reference}` : chatUrl}`);
      lines.push(`รับทราบใน: ${baseUrl}/admin/alerts`);
      break;
    case 'handoff':
      lines.push(`${urgentMark}💬 ขอคุยกับเจ้าหน้าที่`);
      lines.push(`จาก: ${who}`);
      lines.push(`ตอบ: ${chatUrl}`);
      lines.push(`หรือตอบใน LINE OA Manager แล้วพิมพ์ "ปิด ${chatCode(a.lineUserId)}" ในกลุ่มนี้เมื่อเสร็จ`);
      break;
    case 'booking': {
      const b = a.reference ? await Booking.findOne({ reference: a.reference }, { date: 1, time: 1, purpose: 1, note: 1 }).lean() : null;
      const what = a.source?.startsWith('booking-cancelled:') ? 'ยกเลิกนัด' : a.source?.startsWith('booking-moved:') ? 'เลื่อนนัด' : 'นัดหมายใหม่';
      lines.push(`${urgentMark}📅 ${what}${a.reference ? ` ${a.reference}` : ''}`);
      if (b) lines.push(`${whenText(b.date, b.time, 'th')} · ${purposeText(b.purpose, b.note, 'th')}`);
      lines.push(`จาก: ${who}`);
      lines.push(`ดูนัดหมาย: ${baseUrl}/admin/bookings${b ? `?date=${b.date}` : ''}`);
      break;
    }
    case 'request_waiting': {
      const r = a.reference ? await HelpRequest.findOne({ reference: a.reference }, { category: 1, urgency: 1, createdAt: 1 }).lean() : null;
      lines.push(`${urgentMark}⏰ คำร้อง ${a.reference ?? ''} ยังรอการติดต่อกลับ`);
      if (r) {
        lines.push(`เรื่อง: ${label('help.category', r.category)} · ${label('help.urgency', r.urgency)}`);
        lines.push(`ส่งเมื่อ: ${formatThaiDate(r.createdAt, { locale: 'th' })}`);
      }
      lines.push('ผู้ร้องได้รับแจ้งว่าเจ้าหน้าที่จะติดต่อกลับภายใน 1-2 วันทำการ');
      lines.push(`ผู้แจ้ง: ${who}`);
      lines.push(`เปิดดู: ${baseUrl}/admin/requests/${a.reference ?? ''} (เปลี่ยนสถานะเมื่อติดต่อแล้ว)`);
      break;
    }
    case 'pdpa_request':
      lines.push(`🔒 คำขอเรื่องข้อมูลส่วนบุคคล: ${PDPA_TH[a.pdpa ?? ''] ?? a.pdpa ?? ''}`);
      lines.push(`จาก: ${who}`);
      lines.push('ต้องดำเนินการภายใน 30 วัน (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล)');
      lines.push(`ดูและดำเนินการ: ${baseUrl}/admin/alerts`);
      break;
    default:
      lines.push(`${urgentMark}แจ้งเตือน: ${a.kind}`);
      lines.push(`เปิดแชท: ${chatUrl}`);
  }
  return text(lines.join('\n'));
}

export interface AlertDispatcherOptions {
  outbox: Outbox;
  log: Logger;
  publicBaseUrl: string;
  configuredGroupId?: string;
  sweepMs: number;
}

export class AlertDispatcher {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private running?: Promise<number>;
  private again = false;
  private stopped = true;

  constructor(private readonly opts: AlertDispatcherOptions) {}

  /** Delivers every undelivered alert (oldest first); returns how many were delivered. One sweep at a time. */
  sweep(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.sweep().catch((err) => this.opts.log.error({ err }, 'alert sweep failed'));
      }
    });
    return this.running;
  }

  private async run(): Promise<number> {
    const groupId = await staffGroupId(this.opts.configuredGroupId);
    if (!groupId) return 0;
    const due = await StaffAlert.find({ deliveredAt: null }).sort({ createdAt: 1, _id: 1 }).limit(50).lean();
    let n = 0;
    for (const a of due) {
      const message = await alertMessage(a, this.opts.publicBaseUrl);
      await this.opts.outbox.send({ to: groupId, source: `alert:${a._id.toString()}`, messages: [message], sender: 'bot' });
      const r = await StaffAlert.updateOne({ _id: a._id, deliveredAt: null }, { $set: { deliveredAt: new Date() } });
      n += r.modifiedCount;
    }
    if (n) this.opts.log.info({ delivered: n }, 'staff alerts delivered to the staff group');
    return n;
  }

  /** Asks for a sweep soon (after the bot stored an alert). */
  kick(): void {
    if (this.stopped) return;
    void this.sweep().catch((err) => this.opts.log.error({ err }, 'alert sweep failed'));
  }

  private readonly onRaised = () => this.kick();

  start(): void {
    this.stopped = false;
    // Alerts stored in this process are delivered at once; those of other instances on the next tick.
    alertEvents.on('raised', this.onRaised);
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.sweep();
      } catch (err) {
        this.opts.log.error({ err }, 'alert sweep failed');
      }
      if (!this.stopped) this.timer = setTimeout(() => (this.ticking = tick()), this.opts.sweepMs);
    };
    this.ticking = tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    alertEvents.off('raised', this.onRaised);
    clearTimeout(this.timer);
    await this.ticking;
    await this.running?.catch(() => undefined);
  }
}
