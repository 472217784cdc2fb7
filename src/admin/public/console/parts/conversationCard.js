/*
 * The request page's "บทสนทนา" card: whether staff are chatting (with ปิดการคุย), the transcript, and the reply box,
 * which is created once and kept through refreshes.
 */
import { h } from '../../shared/dom.js';
import { can } from '../state.js';
import { link } from '../ui.js';
import { livePart } from '../livePart.js';
import { transcriptView } from './transcript.js';
import { replyBox } from './replyBox.js';
import { closeChatButton } from './closeChatButton.js';

/** The conversation: whether staff are chatting (and "ปิดการคุย"), the transcript, the reply box. */
export function conversationCard(ref, refresh) {
  let reply = null;
  const head = livePart((x) =>
    x.open
      ? h('span.row', h('span.badge.chat', 'เจ้าหน้าที่กำลังคุย · บอทหยุดตอบ'), closeChatButton(x.lineUserId, refresh))
      : h('span.small.muted', 'บอทตอบอัตโนมัติ'),
  );
  const transcript = livePart((entries) => transcriptView(entries));
  const answer = livePart((how) => {
    if (how === 'blocked') return h('p.error', 'ผู้ร้องบล็อกบัญชี LINE ของศูนย์ฯ แล้ว กรุณาโทรติดต่อ');
    if (how !== 'reply') return null;
    reply = reply || replyBox('/requests/' + encodeURIComponent(ref) + '/reply', refresh);
    return reply;
  });
  const chatLink = livePart((lineUserId) =>
    lineUserId ? h('p.small', link('/admin/chats/' + encodeURIComponent(lineUserId), 'เปิดหน้าแชทของผู้ร้อง')) : null,
  );
  const node = h('section.card', h('div.spread', h('h2', 'บทสนทนา'), head.node), h('div', transcript.node), answer.node, chatLink.node);
  return {
    node,
    update(d) {
      head.update({ open: !!(d.chat && d.chat.open), lineUserId: d.citizen.lineUserId });
      transcript.update(d.transcript || []);
      answer.update(can('chats:reply') && d.citizen.following !== false ? 'reply' : d.citizen.following === false ? 'blocked' : null);
      chatLink.update(d.citizen.lineUserId || null);
    },
  };
}
