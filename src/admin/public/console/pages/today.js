/*
 * "วันนี้": the first page after login. Counts by status, open urgent requests, today's new requests, chats
 * waiting for staff and today's bookings, each linking to where the work is done.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { dateOnly } from '../format.js';
import { can, session } from '../state.js';
import { show, link, heading } from '../ui.js';
import { setAlertCount, setChatCount } from '../nav.js';
import { requestList, chatList } from '../parts/lists.js';
import { bookingRows } from '../parts/bookingTable.js';

export async function pageToday() {
  const t = await api('GET', '/today');
  const stats = h('div.stats');
  const urgent = h(
    'a.stat.urgent',
    { href: '/admin/requests?urgent=true&state=open', dataset: { link: '' } },
    h('b', t.urgentOpen.length),
    'ด่วน ยังไม่เสร็จ',
  );
  stats.append(urgent);
  for (const s of session.meta.statuses) {
    if (s.value === 'closed') continue;
    stats.append(h('a.stat', { href: '/admin/requests?status=' + s.value, dataset: { link: '' } }, h('b', t.counts[s.value] || 0), s.label));
  }
  if (t.chats) setChatCount(t.chats.length);
  if (can('chats:read'))
    api('GET', '/alerts/count')
      .then((r) => setAlertCount(r.open))
      .catch(() => undefined);
  show(
    h('div.spread', h('h1', 'วันนี้ · ' + dateOnly(new Date())), link('/admin/requests', 'ดูคำร้องทั้งหมด')),
    stats,
    h(
      'div.grid.halves',
      h(
        'div',
        h('section.card', heading('h2', '🔴', 'ด่วน ยังไม่เสร็จ'), requestList(t.urgentOpen, 'ไม่มีเรื่องด่วนค้าง')),
        h('section.card', h('h2', 'คำร้องใหม่วันนี้'), requestList(t.newToday, 'วันนี้ยังไม่มีคำร้องใหม่')),
      ),
      h(
        'div',
        t.chats ? h('section.card', heading('h2', '💬', 'รอคุยกับเจ้าหน้าที่'), chatList(t.chats)) : null,
        t.bookings
          ? h('section.card', h('div.spread', heading('h2', '📅', 'นัดหมายวันนี้'), link('/admin/bookings', 'จัดการนัดหมาย')), bookingRows(t.bookings))
          : null,
      ),
    ),
  );
}
