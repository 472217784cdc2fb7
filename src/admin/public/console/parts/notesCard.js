/*
 * The request page's "บันทึกภายใน" card: staff's internal notes (the citizen never sees them) and the box to add
 * one, kept through refreshes.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { can } from '../state.js';
import { toast, fail } from '../ui.js';
import { livePart } from '../livePart.js';

/** Internal notes (the citizen never sees them) and the box to add one. */
export function notesCard(ref, refresh) {
  const list = livePart((notes) =>
    notes.length
      ? h(
          'ul.notes',
          notes.map((n) => h('li', n.text, h('div.small.muted', n.byName + ' · ' + dateTime(n.at)))),
        )
      : h('p.empty', 'ยังไม่มีบันทึก'),
  );
  const noteText = h('textarea#note-text', { rows: 2, maxlength: 2000, placeholder: 'บันทึกภายใน (ผู้ร้องไม่เห็น)' });
  const add = async (e) => {
    e.preventDefault();
    const text = noteText.value.trim();
    if (!text) return;
    try {
      await api('POST', '/requests/' + encodeURIComponent(ref) + '/notes', { text });
      toast('บันทึกแล้ว');
      if (noteText.value.trim() === text) noteText.value = '';
      await refresh();
    } catch (err) {
      fail(err);
    }
  };
  const node = h(
    'section.card',
    h('h2', 'บันทึกภายใน'),
    list.node,
    can('requests:note')
      ? h('form', { on: { submit: add } }, noteText, h('div.row.mt', h('button.btn.secondary.small', { type: 'submit' }, 'เพิ่มบันทึก')))
      : null,
  );
  return { node, update: (notes) => list.update(notes) };
}
