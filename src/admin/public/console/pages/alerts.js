/*
 * "แจ้งเตือนอันตราย": messages in which the bot found someone may be in danger (also without a request), newest
 * first, with who is at risk, links to the chat and request, and "รับทราบ" once someone takes care of it.
 */
import { h, clear } from '../../shared/dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { poll } from '../router.js';
import { show, link, actionButton } from '../ui.js';
import { setAlertCount } from '../nav.js';
import { can } from '../state.js';
import { pdpaRequestList } from '../parts/pdpaRequests.js';

const AT_RISK_NOTE = { speaker: 'ผู้ที่พิมพ์เองอาจมีอันตราย', subject: 'บุคคลที่ผู้พิมพ์เล่าถึงอาจมีอันตราย', unknown: 'ยังไม่ชัดว่าใครมีอันตราย' };

function alertItem(a, onAck) {
  const ack = actionButton(
    'รับทราบ',
    async () => {
      const r = await api('POST', '/alerts/' + encodeURIComponent(a.id) + '/ack');
      setAlertCount(r.open);
      await onAck();
    },
    'รับทราบแล้ว',
  );
  return h(
    'li.item.is-urgent.alert',
    h(
      'div.spread',
      h('strong', a.displayName || 'ผู้ติดต่อ'),
      h('span.row', h('span.badge.urgent', a.kindLabel), a.deliveredToGroup ? h('span.badge.chat', 'ส่งเข้ากลุ่มแล้ว') : null),
    ),
    a.excerpt ? h('blockquote.excerpt', a.excerpt) : null,
    a.lastMessage && a.lastMessage !== a.excerpt ? h('div.name', 'ข้อความล่าสุด: ' + a.lastMessage) : null,
    h(
      'div.meta',
      [dateTime(a.at), a.atRisk ? AT_RISK_NOTE[a.atRisk] : null, a.reference ? 'คำร้อง ' + a.reference : 'ยังไม่มีคำร้อง'].filter(Boolean).join(' · '),
    ),
    h(
      'div.row',
      link('/admin/chats/' + encodeURIComponent(a.lineUserId), 'เปิดแชท'),
      a.reference ? link('/admin/requests/' + encodeURIComponent(a.reference), 'เปิดคำร้อง') : null,
      a.acknowledgedAt ? h('span.small.muted', 'รับทราบโดย ' + (a.acknowledgedBy || '') + ' · ' + dateTime(a.acknowledgedAt)) : ack,
    ),
  );
}

export async function pageAlerts() {
  const list = h('div');
  const load = async () => {
    const r = await api('GET', '/alerts');
    setAlertCount(r.open);
    clear(list);
    if (!r.alerts.length) list.append(h('p.empty', 'ไม่มีแจ้งเตือนอันตรายที่ยังไม่ได้รับทราบ'));
    else
      list.append(
        h(
          'ul.items',
          r.alerts.map((a) => alertItem(a, load)),
        ),
      );
  };
  const pdpa = can('pdpa:export') ? pdpaRequestList() : null;
  await Promise.all([load(), pdpa && pdpa.load()]);
  show(
    h('h1', 'แจ้งเตือนอันตราย'),
    h(
      'p.muted.small',
      'ข้อความที่บอทพบว่าอาจมีคนตกอยู่ในอันตราย (ทำร้ายตัวเอง ความรุนแรง เจ็บป่วยฉุกเฉิน) รวมทั้งที่ยังไม่มีคำร้อง ติดต่อกลับโดยเร็ว แล้วกด "รับทราบ" เมื่อมีผู้ดูแลเรื่องนี้แล้ว',
    ),
    list,
    pdpa && pdpa.node,
  );
  poll(() => Promise.all([load(), pdpa && pdpa.load()]), 15000);
}
