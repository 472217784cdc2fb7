/*
 * "นัดหมาย": the bookings of one day (date in the URL, previous/next day), seats taken per slot, and the actions
 * on each booking for those allowed.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { dateOnly, todayIso } from '../format.js';
import { can } from '../state.js';
import { navigate } from '../router.js';
import { show } from '../ui.js';
import { bookingRows } from '../parts/bookingTable.js';

export async function pageBookings() {
  const params = new URLSearchParams(location.search);
  const date = params.get('date') || todayIso();
  const r = await api('GET', '/bookings?date=' + encodeURIComponent(date));
  const picker = h('input#booking-date', { type: 'date', value: date, 'aria-label': 'วันที่' });
  picker.addEventListener('change', () => picker.value && navigate('/admin/bookings?date=' + picker.value));
  const shift = (days) => {
    const d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    navigate('/admin/bookings?date=' + d.toISOString().slice(0, 10));
  };
  show(
    h('h1', 'นัดหมาย · ' + dateOnly(date + 'T12:00:00+07:00')),
    h('div.row.mb', h('button.btn.secondary.small', { type: 'button', on: { click: () => shift(-1) } }, '‹ วันก่อน'), h('div.narrow', picker), h('button.btn.secondary.small', { type: 'button', on: { click: () => shift(1) } }, 'วันถัดไป ›')),
    r.closed ? h('p.error', r.closed) : null,
    r.slots.length ? h('div.stats', r.slots.map((x) => h('div.stat' + (x.taken >= x.capacity ? '.urgent' : ''), h('b', x.taken + '/' + x.capacity), x.time + ' น.'))) : null,
    h('section.card', bookingRows(r.bookings, can('bookings:update') ? () => pageBookings() : null)),
  );
}
