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
import { dateTime } from '../format.js';
import { can } from '../state.js';
import { poll } from '../router.js';
import { show, link, statusBadge, toast, fail, ROLE_TH, DELIVERY_TH } from '../ui.js';
import { livePart, latestOnly } from '../livePart.js';
import { transcriptView } from '../parts/transcript.js';
import { replyBox } from '../parts/replyBox.js';
import { closeChatButton } from '../parts/closeChatButton.js';

export async function pageRequest(ref) {
  const path = '/requests/' + encodeURIComponent(ref);
  const first = await api('GET', path);
  const staffList = can('requests:update') && can('users:list') ? (await api('GET', '/staff')).staff : null;
  const refresh = latestOnly(() => api('GET', path), (d) => update(d));

  const header = livePart((x) =>
    h('div.spread', h('h1', 'คำร้อง ' + x.reference), h('span.row', x.urgent ? h('span.badge.urgent', 'ด่วน') : null, x.danger ? h('span.badge.danger', 'พบคำบ่งชี้อันตราย') : null, statusBadge(x.status, x.statusLabel))),
  );
  const info = livePart((x) => infoCard(ref, x));
  const status = statusCard(ref, refresh);
  const assign = assignCard(ref, staffList);
  const notes = notesCard(ref, refresh);
  const chat = first.transcript ? chatCard(ref, refresh) : null;
  const others = livePart((list) =>
    list.length ? h('section.card', h('h2', 'คำร้องอื่นของผู้ร้อง'), h('ul.history', list.map((o) => h('li', link('/admin/requests/' + encodeURIComponent(o.reference), o.reference), ' · ', o.categoryLabel, ' · ', o.statusLabel)))) : null,
  );

  function update(d) {
    const r = d.request;
    header.update({ reference: r.reference, urgent: r.urgent, danger: r.danger, status: r.status, statusLabel: r.statusLabel });
    info.update({ ...pick(r, INFO_FIELDS), citizenName: d.citizen.displayName });
    status.update(r);
    assign.update(r);
    notes.update(d.notes);
    if (chat) chat.update(d);
    others.update(d.otherRequests);
  }
  update(first);

  show(header.node, h('p.small', link('/admin/requests', '‹ รายการคำร้อง')), h('div.grid.two', h('div', info.node, chat && chat.node), h('div', status.node, assign.node, notes.node, others.node)));
  if (chat) poll(refresh, 10000);
}

/** What the information card shows (its data slice: a status change does not rebuild it). */
const INFO_FIELDS = ['beneficiary', 'requesterName', 'phone', 'phoneMasked', 'nationalId', 'nationalIdMasked', 'canRevealNationalId', 'categoryLabel', 'urgencyLabel', 'outsideArea', 'village', 'location', 'details', 'consent', 'createdAt', 'photos'];
const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));

/** Who needs help and what: facts as the server gives them (masked unless the role may see them). */
function infoCard(ref, r) {
  const idValue = h('span#national-id', r.nationalId || '-');
  const facts = h('dl.facts');
  const fact = (k, v) => v !== undefined && v !== null && v !== '' && facts.append(h('dt', k), h('dd', v));
  const b = r.beneficiary || {};
  fact('ผู้ต้องการความช่วยเหลือ', [b.name || '-', b.who === 'self' ? '(ผู้แจ้งเอง)' : b.relationLabel ? '(' + b.relationLabel + 'ของผู้แจ้ง)' : ''].join(' '));
  fact('อายุ', b.age ? b.age + ' ปี' : undefined);
  fact('ผู้แจ้ง (LINE)', r.citizenName || r.requesterName);
  fact('โทรศัพท์', r.phone ? (r.phoneMasked ? r.phone + ' (ซ่อน)' : h('a', { href: 'tel:' + r.phone.replace(/\D/g, '') }, r.phone)) : '-');
  if (r.nationalId) {
    const reveal = async (e) => {
      try {
        const x = await api('GET', '/requests/' + encodeURIComponent(ref) + '/identity');
        idValue.textContent = x.nationalId;
        e.target.remove();
      } catch (err) {
        fail(err);
      }
    };
    fact('เลขบัตรประชาชน', h('span', idValue, r.canRevealNationalId && r.nationalIdMasked ? h('button.btn.small.secondary', { type: 'button', on: { click: reveal } }, 'แสดงเลขเต็ม') : null));
  }
  fact('เรื่อง', r.categoryLabel);
  fact('ความเร่งด่วน', r.urgencyLabel);
  fact('หมู่บ้าน', r.outsideArea ? 'นอกพื้นที่ตำบล' : r.village || '-');
  if (r.location && r.location.latitude)
    fact('ตำแหน่ง', h('a', { href: 'https://www.google.com/maps?q=' + r.location.latitude + ',' + r.location.longitude, target: '_blank', rel: 'noopener noreferrer' }, r.location.address || 'เปิดแผนที่'));
  else if (r.location) fact('ตำแหน่ง', r.location.address);
  fact('รายละเอียด', r.details);
  fact('ความยินยอม', r.consent ? (r.consent.given ? 'ยินยอม' + (r.consent.sensitive ? ' (ข้อมูลอ่อนไหว)' : '') + ' · ' + dateTime(r.consent.at) : 'ไม่ยินยอม') : undefined);
  fact('แจ้งเมื่อ', dateTime(r.createdAt));
  return h('section.card', h('h2', 'ข้อมูลผู้ร้อง'), facts, r.photos.length ? [h('h3', 'รูปภาพ'), h('div.photos', r.photos.map((u) => h('a', { href: u, target: '_blank' }, h('img', { src: u, alt: 'รูปประกอบคำร้อง' }))))] : null);
}

/** Status, the next steps (with a note to the citizen and "แจ้งผู้ร้องทาง LINE") and the history. */
function statusCard(ref, refresh) {
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
                  const res = await api('POST', '/requests/' + encodeURIComponent(ref) + '/status', { status: s.status, note: note.value.trim() || undefined, notify: notify.checked });
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
        .map((x) => h('li', h('strong', x.statusLabel), ' · ', dateTime(x.at), x.byName ? ' · ' + x.byName : '', x.note ? h('div.muted', '“' + x.note + '”') : null)),
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

/** Who is responsible: a list to choose from for those who may assign, the name for the others. */
function assignCard(ref, staffList) {
  if (!staffList) {
    const part = livePart((name) => (name ? h('section.card', h('h2', 'ผู้รับผิดชอบ'), h('p', name)) : null));
    return { node: part.node, update: (r) => part.update(r.assignedToName || null) };
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

/** Internal notes (the citizen never sees them) and the box to add one. */
function notesCard(ref, refresh) {
  const list = livePart((notes) => (notes.length ? h('ul.notes', notes.map((n) => h('li', n.text, h('div.small.muted', n.byName + ' · ' + dateTime(n.at))))) : h('p.empty', 'ยังไม่มีบันทึก')));
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
    can('requests:note') ? h('form', { on: { submit: add } }, noteText, h('div.row.mt', h('button.btn.secondary.small', { type: 'submit' }, 'เพิ่มบันทึก'))) : null,
  );
  return { node, update: (notes) => list.update(notes) };
}

/** The conversation: whether staff are chatting (and "ปิดการคุย"), the transcript, the reply box. */
function chatCard(ref, refresh) {
  let reply = null;
  const head = livePart((x) => (x.open ? h('span.row', h('span.badge.chat', 'เจ้าหน้าที่กำลังคุย · บอทหยุดตอบ'), closeChatButton(x.lineUserId, refresh)) : h('span.small.muted', 'บอทตอบอัตโนมัติ')));
  const transcript = livePart((entries) => transcriptView(entries));
  const answer = livePart((how) => {
    if (how === 'blocked') return h('p.error', 'ผู้ร้องบล็อกบัญชี LINE ของศูนย์ฯ แล้ว กรุณาโทรติดต่อ');
    if (how !== 'reply') return null;
    reply = reply || replyBox('/requests/' + encodeURIComponent(ref) + '/reply', refresh);
    return reply;
  });
  const chatLink = livePart((lineUserId) => (lineUserId ? h('p.small', link('/admin/chats/' + encodeURIComponent(lineUserId), 'เปิดหน้าแชทของผู้ร้อง')) : null));
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
