/*
 * On the alert page: what citizens asked about their own data in the chat (see it, erase it, withdraw consent),
 * oldest first with the date it must be answered by (30 days), a link to their chat page (where the data is
 * downloaded or erased) and "ดำเนินการแล้ว" once done.
 */
import { h, clear } from '../../shared/dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { link, actionButton } from '../ui.js';

export function pdpaRequestList() {
  const list = h('div');
  const load = async () => {
    const r = await api('GET', '/pdpa/requests');
    clear(list);
    if (!r.requests.length) list.append(h('p.empty', 'ไม่มีคำขอที่ค้างอยู่'));
    else
      list.append(
        h(
          'ul.items',
          r.requests.map((x) => item(x, load)),
        ),
      );
  };
  const node = h(
    'section.mt',
    h('h2', 'คำขอเรื่องข้อมูลส่วนบุคคล (PDPA)'),
    h('p.muted.small', 'ผู้ติดต่อขอดูข้อมูล ขอลบข้อมูล หรือถอนความยินยอมทางแชท ติดต่อกลับเพื่อยืนยันตัวตน แล้วดาวน์โหลดหรือลบข้อมูลที่หน้าแชทของผู้ติดต่อ ต้องดำเนินการภายใน 30 วัน'),
    list,
  );
  return { node, load };
}

function item(x, reload) {
  const done = actionButton(
    'ดำเนินการแล้ว',
    async () => {
      await api('POST', '/pdpa/requests/' + encodeURIComponent(x.id) + '/done');
      await reload();
    },
    'บันทึกว่าดำเนินการแล้ว',
  );
  return h(
    'li.item',
    h('div.spread', h('strong', x.displayName || 'ผู้ติดต่อ'), h('span.badge', x.kindLabel)),
    h('div.meta', 'ขอเมื่อ ' + dateTime(x.at) + ' · ตอบภายใน ' + dateTime(x.dueBy)),
    h(
      'div.row',
      x.citizenKnown ? link('/admin/chats/' + encodeURIComponent(x.lineUserId), 'เปิดหน้าผู้ติดต่อ') : h('span.small.muted', 'ข้อมูลถูกลบแล้ว'),
      done,
    ),
  );
}
