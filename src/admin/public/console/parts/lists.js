/*
 * Lists of requests and of open chats as the today page, the request search and the chats page show them: each
 * item a link with its badges (urgent, danger, waiting for staff, status) and who/what/when.
 */
import { h } from '../../shared/dom.js';
import { dateTime } from '../format.js';
import { link, statusBadge } from '../ui.js';

function requestItem(r) {
  return h(
    'li',
    link(
      '/admin/requests/' + encodeURIComponent(r.reference),
      h(
        'div.spread',
        h('span.ref', r.reference),
        h(
          'span.row',
          r.urgent ? h('span.badge.urgent', 'ด่วน') : null,
          r.danger ? h('span.badge.danger', 'อันตราย') : null,
          r.chatOpen ? h('span.badge.chat', 'รอคุย') : null,
          statusBadge(r.status, r.statusLabel),
        ),
      ),
      h('div.name', (r.beneficiaryName || r.requesterName || 'ไม่ระบุชื่อ') + ' · ' + r.categoryLabel),
      h(
        'div.meta',
        [
          dateTime(r.createdAt),
          r.outsideArea
            ? 'นอกพื้นที่' + (r.outsidePlace ? ' (' + r.outsidePlace + ')' : '')
            : r.village && r.villageToConfirm
              ? r.village + ' (ตรวจสอบหมู่บ้าน)'
              : r.village,
          r.assignedToName ? 'ผู้รับผิดชอบ: ' + r.assignedToName : null,
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    ),
  );
}

export function requestList(items, emptyText) {
  if (!items || !items.length) return h('p.empty', emptyText || 'ไม่มีรายการ');
  const ul = h('ul.items');
  for (const r of items) {
    const li = requestItem(r);
    li.firstChild.classList.add('item');
    if (r.urgent) li.firstChild.classList.add('is-urgent');
    ul.append(li);
  }
  return ul;
}

export function chatList(chats) {
  if (!chats || !chats.length) return h('p.empty', 'ไม่มีผู้รอคุยกับเจ้าหน้าที่');
  const ul = h('ul.items');
  for (const c of chats) {
    ul.append(
      h(
        'li',
        link(
          '/admin/chats/' + encodeURIComponent(c.lineUserId),
          h(
            'div.spread',
            h('strong', c.displayName || 'ผู้ติดต่อ'),
            h('span.row', c.unread ? h('span.badge.urgent', c.unread + ' ใหม่') : null, h('span.badge.chat', 'รอคุย')),
          ),
          h('div.name', c.lastText || ''),
          h(
            'div.meta',
            ['ขอคุยเมื่อ ' + dateTime(c.openedAt), c.references.length ? 'คำร้อง ' + c.references.join(', ') : null].filter(Boolean).join(' · '),
          ),
        ),
      ),
    );
    ul.lastChild.firstChild.classList.add('item');
  }
  return ul;
}
