/*
 * One request: who needs help and what (national ID revealed on demand, for those allowed), its status with the
 * next steps and the note to the citizen, who is responsible, internal notes, other requests of the same person,
 * and the conversation with a reply box.
 *
 * The page is built once per visit; every refresh of its data (after an action, and every 10 s) goes through
 * `update`, which rebuilds only the parts whose data changed. The boxes staff type in (reply, note to the
 * citizen, internal note) are never rebuilt, so a half-typed text survives a refresh.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { can } from '../state.js';
import { poll } from '../router.js';
import { show, link, statusBadge } from '../ui.js';
import { livePart, latestOnly } from '../livePart.js';
import { infoCard } from '../parts/requestFacts.js';
import { statusCard } from '../parts/statusCard.js';
import { assignCard } from '../parts/assignCard.js';
import { notesCard } from '../parts/notesCard.js';
import { conversationCard } from '../parts/conversationCard.js';
import { pdpaCard } from '../parts/pdpaCard.js';

export async function pageRequest(ref) {
  const path = '/requests/' + encodeURIComponent(ref);
  const first = await api('GET', path);
  const staffList = can('requests:update') && can('users:list') ? (await api('GET', '/staff')).staff : null;
  const refresh = latestOnly(
    () => api('GET', path),
    (d) => update(d),
  );

  const header = livePart((x) =>
    h(
      'div.spread',
      h('h1', 'คำร้อง ' + x.reference),
      h(
        'span.row',
        x.urgent ? h('span.badge.urgent', 'ด่วน') : null,
        x.danger ? h('span.badge.danger', 'พบคำบ่งชี้อันตราย') : null,
        statusBadge(x.status, x.statusLabel),
      ),
    ),
  );
  const info = infoCard(ref);
  const status = statusCard(ref, refresh);
  const assign = assignCard(ref, staffList);
  const notes = notesCard(ref, refresh);
  const chat = first.transcript ? conversationCard(ref, refresh) : null;
  const others = livePart((list) =>
    list.length
      ? h(
          'section.card',
          h('h2', 'คำร้องอื่นของผู้ร้อง'),
          h(
            'ul.history',
            list.map((o) =>
              h('li', link('/admin/requests/' + encodeURIComponent(o.reference), o.reference), ' · ', o.categoryLabel, ' · ', o.statusLabel),
            ),
          ),
        )
      : null,
  );

  function update(d) {
    const r = d.request;
    header.update({ reference: r.reference, urgent: r.urgent, danger: r.danger, status: r.status, statusLabel: r.statusLabel });
    info.update(d);
    status.update(r);
    assign.update(r);
    notes.update(d.notes);
    if (chat) chat.update(d);
    others.update(d.otherRequests);
  }
  update(first);

  show(
    header.node,
    h('p.small', link('/admin/requests', '‹ รายการคำร้อง')),
    h(
      'div.grid.two',
      h('div', info.node, chat && chat.node),
      h('div', status.node, assign.node, notes.node, others.node, pdpaCard(first.citizen && first.citizen.lineUserId)),
    ),
  );
  if (chat) poll(refresh, 10000);
}
