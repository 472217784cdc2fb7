/*
 * The bookings of a day as a table (time, who, what, state), with the actions on a booked one when the page
 * allows them: attended, no-show, move to another day/time, cancel (the citizen is told in LINE).
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { session } from '../state.js';
import { statusBadge, toast, fail, DELIVERY_TH } from '../ui.js';

/** `onChange` (optional) runs after an action succeeded; without it the table has no actions. */
export function bookingRows(bookings, onChange) {
  if (!bookings || !bookings.length) return h('p.empty', 'ไม่มีนัดหมาย');
  const table = h(
    'table.table.stack',
    h(
      'thead',
      h('tr', h('th', 'เวลา'), h('th', 'ผู้นัด'), h('th', 'เรื่อง'), h('th', 'สถานะ'), onChange ? h('th', h('span.sr-only', 'การดำเนินการ')) : null),
    ),
  );
  const body = h('tbody');
  for (const b of bookings) {
    body.append(
      h(
        'tr',
        h('td.time', h('strong', b.time)),
        h('td.who', b.name || b.requesterName || '-', h('div.small.muted', [b.phone, b.reference].filter(Boolean).join(' · '))),
        h(
          'td.what',
          b.purposeLabel || b.purpose || '',
          (b.ownWords || []).map((w) => h('div.small', w.stepLabel + ' (ผู้นัดพิมพ์เอง: ตรวจสอบ) “' + w.words + '”')),
        ),
        h('td.state', statusBadge(b.status === 'booked' ? 'received' : b.status === 'attended' ? 'resolved' : 'closed', b.statusLabel || b.status)),
        onChange ? h('td.actions', bookingActions(b, onChange)) : null,
      ),
    );
  }
  table.append(body);
  return h('div.scroll', table);
}

function bookingActions(b, onChange) {
  if (b.status !== 'booked') return h('span.muted.small', '');
  const act = (action, extra) => async (e) => {
    e.target.disabled = true;
    try {
      const r = await api('POST', '/bookings/' + encodeURIComponent(b.reference) + '/' + action, extra || {});
      toast(r.delivery ? 'บันทึกแล้ว · ' + (DELIVERY_TH[r.delivery] || '') : 'บันทึกแล้ว');
      onChange();
    } catch (err) {
      fail(err);
      e.target.disabled = false;
    }
  };
  const date = h('input', { type: 'date', value: b.date, 'aria-label': 'วันใหม่' });
  const time = h(
    'select',
    { 'aria-label': 'เวลาใหม่' },
    (session.meta.slotTimes || [b.time]).map((t) => h('option', { value: t, selected: t === b.time }, t + ' น.')),
  );
  const moveBox = h(
    'div.row',
    { hidden: true },
    date,
    time,
    h('button.btn.small', { type: 'button', on: { click: (e) => act('reschedule', { date: date.value, time: time.value })(e) } }, 'ยืนยันเลื่อน'),
  );
  return h(
    'div',
    h(
      'div.row',
      h('button.btn.small', { type: 'button', on: { click: act('attended') } }, 'มาตามนัด'),
      h('button.btn.small.secondary', { type: 'button', on: { click: act('no-show') } }, 'ไม่มา'),
      h('button.btn.small.secondary', { type: 'button', on: { click: () => (moveBox.hidden = !moveBox.hidden) } }, 'เลื่อนนัด'),
      h(
        'button.btn.small.danger',
        {
          type: 'button',
          on: {
            click: (e) => {
              if (confirm('ยกเลิกนัดนี้และแจ้งผู้นัดทาง LINE?')) act('cancel')(e);
            },
          },
        },
        'ยกเลิก',
      ),
    ),
    moveBox,
  );
}
