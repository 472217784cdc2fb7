/**
 * A month of work stored as the bot and the console store it, for the monthly-report tests: requests of
 * September 2026 (Bangkok; including the first and last minute of the month) and just outside it, staff and bot
 * messages (a failed one, one before the filing), status changes, bookings of every outcome, danger alerts
 * acknowledged after known times. The times to first contact are 10, 20, 30, 40 and 100 minutes (one request
 * not contacted); the alert acknowledgements 5, 15 and 60 minutes (one open).
 */
import { DateTime } from 'luxon';
import { Booking } from '../../src/db/models/booking';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { storeRequest } from './helpers';

export const SEED_MONTH = '2026-09';
export const SEED_FROM = new Date('2026-08-31T17:00:00Z');
export const SEED_TO = new Date('2026-09-30T17:00:00Z');

const bkk = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Bangkok' }).toJSDate();
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

let n = 0;
const user = () => `U${String(++n).padStart(5, '0')}${'c'.repeat(27)}`;

async function request(createdAt: Date, fields: Record<string, unknown>, changes: { status: string; after: number }[] = []) {
  const lineUserId = user();
  const history = [
    { status: 'received', at: createdAt, by: 'citizen' },
    ...changes.map((c) => ({ status: c.status, at: plus(createdAt, c.after), by: 'staff-id' })),
  ];
  const r = await storeRequest({ lineUserId, createdAt, statusHistory: history, status: changes.at(-1)?.status ?? 'received', ...fields });
  return { ...r, createdAt, lineUserId };
}

async function message(lineUserId: string, at: Date, sender: string, deliveryStatus: 'sent' | 'failed' = 'sent') {
  await ConversationMessage.create({ lineUserId, direction: 'out', type: 'text', text: 'สวัสดีค่ะ', at, sender, deliveryStatus });
}

export async function seedReportMonth(staffId: string): Promise<void> {
  // Outside the month: the last minute of August and the first of October.
  await request(bkk('2026-08-31T23:59'), { category: 'elderly', village: 'บ้านหลวง' });
  await request(bkk('2026-10-01T00:00'), { category: 'elderly', village: 'บ้านหลวง' });

  // 1. The first minute of the month; never contacted.
  await request(bkk('2026-09-01T00:00'), { category: 'elderly', village: 'บ้านหลวง', urgency: 'normal' });
  // 2. A staff reply after 10 minutes, then a status change after 30: contacted after 10.
  const r2 = await request(bkk('2026-09-03T09:00'), { category: 'disability', village: 'บ้านป่าเหมี้ยง', urgency: 'soon' }, [
    { status: 'in_progress', after: 30 },
  ]);
  await message(r2.lineUserId, plus(r2.createdAt, 10), staffId);
  // 3. Only a status change, after 20 minutes.
  await request(bkk('2026-09-10T14:00'), { category: 'elderly', village: 'บ้านหลวง', urgency: 'now', urgent: true }, [
    { status: 'in_progress', after: 20 },
    { status: 'resolved', after: 600 },
  ]);
  // 4. The bot's answer and a failed staff message do not count; a staff reply after 40 minutes does.
  const r4 = await request(bkk('2026-09-15T20:00'), { category: 'violence', village: undefined, outsideArea: true, urgency: 'now', urgent: true }, [
    { status: 'in_progress', after: 90 },
  ]);
  await message(r4.lineUserId, plus(r4.createdAt, 1), 'bot');
  await message(r4.lineUserId, plus(r4.createdAt, 2), staffId, 'failed');
  await message(r4.lineUserId, plus(r4.createdAt, 40), staffId);
  // 5. A staff message before the filing does not count; the status change after 100 minutes does.
  const r5 = await request(bkk('2026-09-20T08:00'), { category: 'other', village: undefined, urgency: 'normal' }, [{ status: 'closed', after: 100 }]);
  await message(r5.lineUserId, plus(r5.createdAt, -60), staffId);
  // 6. The last minute of the month; a staff reply after 30 minutes (in October).
  const r6 = await request(bkk('2026-09-30T23:59'), { category: 'child', village: 'บ้านแจ้ซ้อนเหนือ', urgency: 'normal' }, [
    { status: 'visit_scheduled', after: 120 },
  ]);
  await message(r6.lineUserId, plus(r6.createdAt, 30), staffId);

  // Bookings: of September 3 attended, 1 no-show, 1 cancelled, 1 not marked; two outside the month.
  const bookings: [string, 'booked' | 'cancelled' | 'attended' | 'no_show'][] = [
    ['2026-09-01', 'attended'],
    ['2026-09-08', 'attended'],
    ['2026-09-30', 'attended'],
    ['2026-09-15', 'no_show'],
    ['2026-09-16', 'cancelled'],
    ['2026-09-29', 'booked'],
    ['2026-08-31', 'no_show'],
    ['2026-10-01', 'attended'],
  ];
  for (const [i, [date, status]] of bookings.entries()) {
    await Booking.create({
      reference: `BK-2569-${String(80000 + i)}`,
      submissionKey: `report-seed-${i}`,
      lineUserId: user(),
      purpose: 'consult',
      date,
      time: '09:00',
      start: bkk(`${date}T09:00`),
      seat: 1,
      status,
    });
  }

  // Danger alerts: acknowledged after 5, 15 and 60 minutes, one open; a new-request alert and an October one.
  const alert = async (source: string, at: Date, danger: string, ackAfter?: number, kind: 'danger' | 'new_request' = 'danger') =>
    StaffAlert.create({
      kind,
      lineUserId: user(),
      danger,
      source,
      createdAt: at,
      ...(ackAfter !== undefined ? { acknowledgedAt: plus(at, ackAfter), acknowledgedBy: { id: staffId, name: 'สมศรี' } } : {}),
    });
  await alert('seed:1', bkk('2026-09-02T22:00'), 'self_harm', 5);
  await alert('seed:2', bkk('2026-09-12T10:00'), 'violence', 15);
  await alert('seed:3', bkk('2026-09-25T03:00'), 'self_harm', 60);
  await alert('seed:4', bkk('2026-09-28T18:00'), 'medical');
  await alert('seed:5', bkk('2026-09-28T18:00'), '', undefined, 'new_request');
  await alert('seed:6', bkk('2026-10-01T00:30'), 'violence', 5);
}
