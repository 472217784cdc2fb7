/*
 * The request page's "ผู้รับผิดชอบ" card: a list of staff to choose from for those who may assign, the name for
 * the others.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { toast, fail, ROLE_TH } from '../ui.js';
import { livePart } from '../livePart.js';

/** Who is responsible: a list to choose from for those who may assign, the name for the others. */
export function assignCard(ref, staffList) {
  if (!staffList) {
    const part = livePart((name) => (name ? h('section.card', h('h2', 'ผู้รับผิดชอบ'), h('p', name)) : null));
    return {
      get node() {
        return part.node;
      },
      update: (r) => part.update(r.assignedToName || null),
    };
  }
  const s = h('select#assign', { 'aria-label': 'ผู้รับผิดชอบ' }, h('option', { value: '' }, '— ยังไม่มอบหมาย —'));
  for (const u of staffList) s.append(h('option', { value: u.id }, u.displayName + ' (' + (ROLE_TH[u.role] || u.role) + ')'));
  s.addEventListener('change', async () => {
    try {
      const x = await api('POST', '/requests/' + encodeURIComponent(ref) + '/assign', { staffId: s.value || null });
      toast(x.assignedToName ? 'มอบหมายให้ ' + x.assignedToName + ' แล้ว' : 'ยกเลิกการมอบหมายแล้ว');
    } catch (err) {
      fail(err);
    }
  });
  let shown;
  return {
    node: h('section.card', h('h2', 'ผู้รับผิดชอบ'), s),
    update(r) {
      // Follows changes made elsewhere, but never under the hand of someone choosing.
      const now = r.assignedTo || '';
      if (now !== shown && document.activeElement !== s) s.value = now;
      shown = now;
    },
  };
}
