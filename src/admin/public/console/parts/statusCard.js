/*
 * The request page's "สถานะ" card: the status, the next steps with a note to the citizen and "แจ้งผู้ร้องทาง LINE",
 * and the history. The note box is kept through refreshes; it empties once its note went with a status.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { can } from '../state.js';
import { statusBadge, toast, fail, DELIVERY_TH } from '../ui.js';
import { livePart } from '../livePart.js';

/** Status, the next steps (with a note to the citizen and "แจ้งผู้ร้องทาง LINE") and the history. */
export function statusCard(ref, refresh) {
  const editable = can('requests:update');
  const note = h('textarea#status-note', { rows: 2, maxlength: 500, placeholder: 'เช่น นัดเยี่ยมบ้านวันพฤหัสบดี ช่วงเช้า' });
  const notify = h('input#status-notify', { type: 'checkbox', checked: true });
  const badge = livePart((x) => h('p', statusBadge(x.status, x.statusLabel)));
  const buttons = livePart((next) =>
    h(
      'div.status-buttons',
      next.map((s) =>
        h(
          'button.btn' + (s.status === 'closed' ? '.secondary' : ''),
          {
            type: 'button',
            dataset: { status: s.status },
            on: {
              click: async (e) => {
                e.target.disabled = true;
                try {
                  const res = await api('POST', '/requests/' + encodeURIComponent(ref) + '/status', {
                    status: s.status,
                    note: note.value.trim() || undefined,
                    notify: notify.checked,
                  });
                  toast('เปลี่ยนสถานะเป็น "' + s.label + '" แล้ว' + (res.delivery ? ' · ' + DELIVERY_TH[res.delivery] : ''), res.delivery === 'failed');
                  note.value = '';
                  notify.checked = true;
                  await refresh();
                } catch (err) {
                  fail(err);
                  e.target.disabled = false;
                }
              },
            },
          },
          s.label,
        ),
      ),
    ),
  );
  const history = livePart((list) =>
    h(
      'ul.history',
      list
        .slice()
        .reverse()
        .map((x) =>
          h(
            'li',
            h('strong', x.statusLabel),
            ' · ',
            dateTime(x.at),
            x.byName ? ' · ' + x.byName : '',
            x.note ? h('div.muted', '“' + x.note + '”') : null,
          ),
        ),
    ),
  );
  const node = h(
    'section.card',
    h('h2', 'สถานะ'),
    badge.node,
    editable ? [h('label', { for: 'status-note' }, 'ข้อความถึงผู้ร้อง (ไม่บังคับ)'), note, h('label.check', notify, 'แจ้งผู้ร้องทาง LINE'), buttons.node] : null,
    h('h3', 'ประวัติ'),
    history.node,
  );
  return {
    node,
    update(r) {
      badge.update({ status: r.status, statusLabel: r.statusLabel });
      if (editable) buttons.update(r.nextStatuses);
      history.update(r.statusHistory);
    },
  };
}
