/*
 * One citizen's chat: the transcript, the reply box, "ปิดการคุย" while staff are chatting, and the citizen's
 * requests. Built once per visit; a refresh (after an action, and every 8 s) rebuilds only the parts whose data
 * changed, so a half-typed reply survives it.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { can } from '../state.js';
import { poll } from '../router.js';
import { show, link } from '../ui.js';
import { livePart, latestOnly } from '../livePart.js';
import { transcriptView } from '../parts/transcript.js';
import { replyBox } from '../parts/replyBox.js';
import { closeChatButton } from '../parts/closeChatButton.js';
import { pdpaCard } from '../parts/pdpaCard.js';

export async function pageChat(userId) {
  const path = '/chats/' + encodeURIComponent(userId);
  const first = await api('GET', path);
  const refresh = latestOnly(
    () => api('GET', path),
    (d) => update(d),
  );
  let reply = null;

  const header = livePart((x) =>
    h(
      'div.spread',
      h('h1', 'แชทกับ ' + (x.name || 'ผู้ติดต่อ')),
      x.open
        ? h('span.row', h('span.badge.chat', 'เจ้าหน้าที่กำลังคุย · บอทหยุดตอบ'), closeChatButton(userId, refresh))
        : h('span.small.muted', 'บอทตอบอัตโนมัติ'),
    ),
  );
  const transcript = livePart((entries) => transcriptView(entries));
  const answer = livePart((canReply) => (canReply ? (reply = reply || replyBox(path + '/reply', refresh)) : null));
  const requests = livePart((list) =>
    list.length
      ? h(
          'ul.history',
          list.map((o) =>
            h(
              'li',
              link('/admin/requests/' + encodeURIComponent(o.reference), o.reference),
              ' · ',
              o.categoryLabel,
              ' · ',
              o.statusLabel,
              o.urgent ? ' · ด่วน' : '',
            ),
          ),
        )
      : h('p.empty', 'ยังไม่มีคำร้อง'),
  );

  function update(d) {
    header.update({ name: d.citizen.displayName, open: d.chat.open });
    transcript.update(d.transcript);
    answer.update(can('chats:reply') && d.citizen.following !== false);
    requests.update(d.requests);
  }
  update(first);

  show(
    header.node,
    h('p.small', link('/admin/chats', '‹ แชททั้งหมด')),
    h(
      'div.grid.two',
      h('section.card', h('div', transcript.node), answer.node),
      h('div', h('section.card', h('h2', 'คำร้องของผู้ติดต่อ'), requests.node), pdpaCard(userId)),
    ),
  );
  poll(refresh, 8000);
}
