/*
 * "นัดหมาย": the bookings of a week (Monday to Sunday), opening on the week of the next day the centre is open
 * (not on a closed Sunday); previous/next week, a date picker to jump to any week, seats taken per slot each
 * day, the actions on each booking for those allowed, and the week's CSV. `?date=` (any day of the week) is
 * kept in the URL, so a week can be bookmarked and old links to a day still open its week.
 */
import { h } from '../../shared/dom.js';
import { api, API } from '../api.js';
import { dateOnly, todayIso } from '../format.js';
import { can } from '../state.js';
import { navigate } from '../router.js';
import { show } from '../ui.js';
import { bookingRows } from '../parts/bookingTable.js';

const noon = (iso) => iso + 'T12:00:00+07:00';
const goTo = (date) => navigate('/admin/bookings?date=' + date);

function dayCard(day, today, onChange) {
  const title = h(
    'h2',
    { id: 'day-' + day.date + '-title' },
    dateOnly(noon(day.date)),
    day.date === today ? h('span.badge.in_progress.ml', 'วันนี้') : null,
  );
  // A day without bookings takes one line: closed (and why), or every seat free.
  if (!day.bookings.length)
    return h(
      'section.card.day-closed',
      { id: 'day-' + day.date, 'aria-labelledby': title.id },
      title,
      h('p.small.muted', day.closed || 'ยังไม่มีนัด · ว่างทุกช่วงเวลา'),
    );
  return h(
    'section.card',
    { id: 'day-' + day.date, 'aria-labelledby': title.id },
    h('div.spread', title, h('span.small.muted', day.bookings.filter((b) => b.status === 'booked').length + ' นัดรอเข้าพบ')),
    day.closed ? h('p.error', day.closed) : null,
    day.slots.length
      ? h(
          'ul.slots',
          { 'aria-label': 'ที่นั่งต่อช่วงเวลา' },
          day.slots.map((x) =>
            h(
              'li' + (x.taken >= x.capacity ? '.full' : ''),
              x.time + ' น. ',
              h('b', x.taken + '/' + x.capacity),
              x.taken >= x.capacity ? ' เต็ม' : '',
            ),
          ),
        )
      : null,
    bookingRows(day.bookings, onChange),
  );
}

export async function pageBookings() {
  const params = new URLSearchParams(location.search);
  const asked = params.get('date');
  const w = await api('GET', '/bookings/week' + (asked ? '?date=' + encodeURIComponent(asked) : ''));
  const today = todayIso();
  const picker = h('input#booking-date', { type: 'date', value: w.date, 'aria-label': 'ไปยังสัปดาห์ของวันที่' });
  picker.addEventListener('change', () => picker.value && goTo(picker.value));
  const button = (label, date, current) =>
    h('button.btn.secondary.small', { type: 'button', disabled: !!current, on: { click: () => goTo(date) } }, label);
  const inThisWeek = today >= w.start && today <= w.end;
  const reload = can('bookings:update') ? () => pageBookings() : null;
  const total = w.days.reduce((n, d) => n + d.bookings.length, 0);
  show(
    h(
      'div.spread',
      h('h1', 'นัดหมาย · สัปดาห์ ' + dateOnly(noon(w.start)) + ' – ' + dateOnly(noon(w.end))),
      can('bookings:export')
        ? h('a.btn.secondary.small', { href: API + '/bookings.csv?from=' + w.start + '&to=' + w.end, download: '' }, 'ส่งออก CSV สัปดาห์นี้')
        : null,
    ),
    h(
      'nav.row.mb',
      { 'aria-label': 'เลือกสัปดาห์' },
      button('‹ สัปดาห์ก่อน', w.prev),
      h('div.narrow', picker),
      button('สัปดาห์ถัดไป ›', w.next),
      button('สัปดาห์นี้', today, inThisWeek),
    ),
    h('p.muted.small', total ? 'ทั้งสัปดาห์ ' + total + ' นัด' : 'สัปดาห์นี้ยังไม่มีนัดหมาย'),
    h(
      'div.week',
      w.days.map((d) => dayCard(d, today, reload)),
    ),
  );
}
