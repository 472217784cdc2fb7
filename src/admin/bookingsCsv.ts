/**
 * The bookings CSV (นัดหมาย → ส่งออก CSV): one row per booking in a date range, for the centre's own records and
 * for a spreadsheet of who comes when. Phone numbers are written grouped (081-234-5678), so spreadsheets keep
 * the leading zero.
 */
import { formatThaiDate } from '../domain/thai/dates';
import type { BookingItem } from './bookings';

export const BOOKINGS_CSV_HEADER = ['เลขนัด', 'วันที่', 'วันที่ (ค.ศ.)', 'เวลา', 'สถานะ', 'เรื่อง', 'ผู้เข้าพบ', 'ผู้นัด (LINE)', 'โทรศัพท์'];

export function bookingsCsvRows(bookings: BookingItem[]): string[][] {
  return bookings.map((b) => [
    b.reference,
    formatThaiDate(b.date, { locale: 'th' }),
    b.date,
    b.time,
    b.statusLabel,
    b.purposeLabel,
    b.name ?? '',
    b.requesterName ?? '',
    b.phone ?? '',
  ]);
}
