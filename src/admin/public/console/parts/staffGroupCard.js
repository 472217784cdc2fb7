/*
 * The staff LINE group card of the settings page: the paired group with "ยกเลิกการจับคู่", or "สร้างรหัสจับคู่"
 * showing a one-time code to type in the group; while the code waits, the card asks the server every 3 s and
 * confirms the pairing.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { dateTime, timeOnly } from '../format.js';
import { poll, stopPolling } from '../router.js';
import { toast, fail } from '../ui.js';

export function staffGroupCard(g, editable, code) {
  const card = h('section.card#staff-group', h('h2', 'กลุ่ม LINE เจ้าหน้าที่ (รับแจ้งเตือน)'));
  const redraw = async () => card.replaceWith(staffGroupCard(await api('GET', '/settings/staff-group'), editable));
  const act = (label, run, secondary) =>
    h('button.btn.small' + (secondary ? '.secondary' : ''), { type: 'button', on: { click: () => run().catch(fail) } }, label);
  if (g.configured) {
    card.append(h('p', 'กลุ่มปัจจุบัน: ' + g.group + ' (กำหนดด้วย STAFF_GROUP_ID)'));
    return card;
  }
  if (g.group) {
    card.append(
      h('p#staff-group-paired', 'จับคู่แล้วกับกลุ่ม ' + g.group),
      h('p.small.muted', 'เมื่อ ' + dateTime(g.pairedAt) + (g.pairedBy ? ' โดย ' + g.pairedBy : '')),
    );
  } else {
    card.append(h('p', 'ยังไม่ได้จับคู่กลุ่ม — แจ้งเตือนจะรอไว้ (ดูได้ในระบบนี้) จนกว่าจะจับคู่กลุ่ม LINE ของเจ้าหน้าที่'));
  }
  if (code && g.pendingUntil) {
    card.append(
      h('div.stat', h('b#pairing-code', code.slice(0, 3) + ' ' + code.slice(3)), 'รหัสจับคู่ (ใช้ได้ครั้งเดียว)'),
      h('p', 'เพิ่มบอทเข้ากลุ่ม LINE ของเจ้าหน้าที่ แล้วพิมพ์รหัสนี้ในกลุ่ม ภายในเวลา ' + timeOnly(g.pendingUntil) + ' น.'),
      editable
        ? h(
            'div.row',
            act(
              'ยกเลิกรหัส',
              async () => {
                await api('POST', '/settings/staff-group', { action: 'cancel_code' });
                await redraw();
              },
              true,
            ),
          )
        : null,
    );
    poll(async () => {
      const now = await api('GET', '/settings/staff-group');
      if (now.pendingUntil) return;
      stopPolling();
      if (now.group && now.group !== g.group) toast('จับคู่กลุ่ม ' + now.group + ' สำเร็จแล้ว');
      card.replaceWith(staffGroupCard(now, editable));
    }, 3000);
    return card;
  }
  if (editable) {
    card.append(
      h(
        'div.row',
        act('สร้างรหัสจับคู่', async () => {
          const r = await api('POST', '/settings/staff-group/code');
          card.replaceWith(staffGroupCard(r, editable, r.code));
        }),
        g.group
          ? act(
              'ยกเลิกการจับคู่',
              async () => {
                if (!confirm('ยกเลิกการจับคู่กลุ่ม ' + g.group + '? กลุ่มนี้จะไม่ได้รับแจ้งเตือนอีก จนกว่าจะจับคู่ใหม่')) return;
                await api('POST', '/settings/staff-group', { action: 'unpair' });
                toast('ยกเลิกการจับคู่แล้ว');
                await redraw();
              },
              true,
            )
          : null,
      ),
    );
  }
  return card;
}
