/*
 * "ตั้งค่า": booking slots and their capacity, holidays from today on (past ones are kept as they are), and the
 * staff LINE group card. Read-only for those who may not change settings.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { todayIso } from '../format.js';
import { can } from '../state.js';
import { show, toast } from '../ui.js';
import { staffGroupCard } from '../parts/staffGroupCard.js';
import { retentionCard } from '../parts/retentionCard.js';

export async function pageSettings() {
  const [s, g, retention] = await Promise.all([
    api('GET', '/settings/calendar'),
    api('GET', '/settings/staff-group'),
    api('GET', '/settings/retention'),
  ]);
  const editable = can('settings:write');
  const groupCard = staffGroupCard(g, editable);
  const slotsBody = h('tbody');
  const addSlotRow = (slot) => {
    const tr = h(
      'tr',
      h(
        'td',
        h('input', {
          type: 'text',
          inputmode: 'numeric',
          pattern: '([01][0-9]|2[0-3]):[0-5][0-9]',
          placeholder: '09:00',
          maxlength: 5,
          value: slot.time,
          disabled: !editable,
          'aria-label': 'เวลา (ชั่วโมง:นาที)',
          dataset: { f: 'time' },
        }),
      ),
      h(
        'td',
        h('input', {
          type: 'number',
          min: 0,
          max: 100,
          value: slot.capacity,
          disabled: !editable,
          'aria-label': 'จำนวนที่รับ',
          dataset: { f: 'capacity' },
        }),
      ),
      h('td', editable ? h('button.btn.small.secondary', { type: 'button', on: { click: () => tr.remove() } }, 'ลบ') : null),
    );
    slotsBody.append(tr);
  };
  s.booking.slots.forEach(addSlotRow);
  const holBody = h('tbody');
  const addHolidayRow = (x) => {
    const tr = h(
      'tr',
      h('td', h('input', { type: 'date', value: x.date, disabled: !editable, 'aria-label': 'วันที่', dataset: { f: 'date' } })),
      h('td', h('input', { type: 'text', value: x.th, disabled: !editable, 'aria-label': 'ชื่อวันหยุด', dataset: { f: 'th' } })),
      h('td', editable ? h('button.btn.small.secondary', { type: 'button', on: { click: () => tr.remove() } }, 'ลบ') : null),
    );
    tr.dataset.en = x.en || '';
    holBody.append(tr);
  };
  const today = todayIso();
  const past = s.holidays.filter((x) => x.date < today);
  s.holidays.filter((x) => x.date >= today).forEach(addHolidayRow);
  const err = h('div.error', { hidden: true });
  const save = async () => {
    err.hidden = true;
    const slots = [...slotsBody.children].map((tr) => ({
      time: tr.querySelector('[data-f=time]').value,
      capacity: Number(tr.querySelector('[data-f=capacity]').value),
    }));
    slots.sort((a, b) => a.time.localeCompare(b.time));
    const holidays = past.concat(
      [...holBody.children].map((tr) => ({
        date: tr.querySelector('[data-f=date]').value,
        th: tr.querySelector('[data-f=th]').value.trim(),
        en: tr.dataset.en || undefined,
      })),
    );
    try {
      await api('PUT', '/settings/calendar', {
        booking: { slots },
        holidays: holidays.map((x) => ({ date: x.date, th: x.th, ...(x.en ? { en: x.en } : {}) })),
      });
      toast('บันทึกการตั้งค่าแล้ว');
      await pageSettings();
    } catch (e) {
      err.textContent = e.message + (e.body && e.body.details ? ': ' + e.body.details.map((x) => x.path + ' ' + x.message).join('; ') : '');
      err.hidden = false;
    }
  };
  show(
    h('h1', 'ตั้งค่า'),
    editable ? null : h('p.muted.small', 'ดูได้อย่างเดียว (แก้ไขได้เฉพาะผู้ดูแลระบบ)'),
    h(
      'div.grid.halves',
      h(
        'section.card',
        h('h2', 'ช่วงเวลานัดและจำนวนที่รับ'),
        h(
          'p.small.muted',
          'เวลาทำการ ' +
            s.officeHours.open +
            '–' +
            s.officeHours.close +
            ' น. · ช่วงละ ' +
            s.booking.slotMinutes +
            ' นาที · นัดล่วงหน้าได้ ' +
            s.booking.maxDaysAhead +
            ' วัน',
        ),
        h(
          'div.scroll',
          h('table.table', h('thead', h('tr', h('th', 'เวลาเริ่ม'), h('th', 'รับได้ (คน)'), h('th', h('span.sr-only', 'ลบช่วงเวลา')))), slotsBody),
        ),
        editable
          ? h('button.btn.small.secondary', { type: 'button', on: { click: () => addSlotRow({ time: '', capacity: 2 }) } }, '+ เพิ่มช่วงเวลา')
          : null,
      ),
      h(
        'section.card',
        h('h2', 'วันหยุด (ตั้งแต่วันนี้)'),
        h('div.scroll', h('table.table', h('thead', h('tr', h('th', 'วันที่'), h('th', 'ชื่อวันหยุด'), h('th', h('span.sr-only', 'ลบวันหยุด')))), holBody)),
        editable ? h('button.btn.small.secondary', { type: 'button', on: { click: () => addHolidayRow({ date: '', th: '' }) } }, '+ เพิ่มวันหยุด') : null,
      ),
    ),
    err,
    editable ? h('button.btn.mb', { type: 'button', on: { click: save } }, 'บันทึกการตั้งค่า') : null,
    groupCard,
    retentionCard(retention),
  );
}
