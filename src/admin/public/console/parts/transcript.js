/*
 * A citizen's conversation as staff read it: days, who spoke (citizen, bot, which staff member), photos and
 * places, and replies LINE has not delivered yet; scrolled to the newest message.
 */
import { h } from '../../shared/dom.js';
import { dateOnly, timeOnly } from '../format.js';

export function transcriptView(entries) {
  // Focusable so keyboard users can scroll it in every browser (not only Chromium); named for screen readers.
  const box = h('div.transcript', { 'aria-label': 'บทสนทนา', role: 'log', tabindex: '0' });
  if (!entries.length) box.append(h('p.empty', 'ยังไม่มีข้อความ'));
  let day = '';
  for (const m of entries) {
    const d = dateOnly(m.at);
    if (d !== day) {
      day = d;
      box.append(h('div.day', d));
    }
    const who = m.from === 'staff' ? 'เจ้าหน้าที่ ' + (m.staffName || '') : m.from === 'bot' ? 'บอท' : '';
    const body = [];
    if (m.contentUrl) body.push(h('img', { src: m.contentUrl, alt: 'รูปที่ผู้ร้องส่ง', loading: 'lazy' }));
    else if (m.location) body.push('📍 ' + [m.location.title, m.location.address].filter(Boolean).join(' '));
    else body.push(m.text || '[' + m.type + ']');
    const meta = [timeOnly(m.at), who, m.deliveryStatus === 'failed' ? 'ส่งไม่สำเร็จ' : m.deliveryStatus === 'pending' ? 'กำลังส่ง' : null]
      .filter(Boolean)
      .join(' · ');
    box.append(h('div.msg.' + m.from, body, h('span.when', meta)));
  }
  requestAnimationFrame(() => (box.scrollTop = box.scrollHeight));
  return box;
}
