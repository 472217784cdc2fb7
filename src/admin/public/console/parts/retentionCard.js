/*
 * The settings page's "ระยะเวลาเก็บข้อมูล": the retention periods in force (data in src/domain/data/retention.json,
 * the ones the bot's notice promises), each with what is removed and its legal basis, and the last daily run.
 * Read-only: a period changes with the data file and the notice together.
 */
import { h } from '../../shared/dom.js';
import { dateTime } from '../format.js';

export function retentionCard(r) {
  const last = r.lastRun
    ? 'ทำงานล่าสุด ' +
      dateTime(r.lastRun.at) +
      ' · ลบข้อมูลส่วนตัวของคำร้อง ' +
      (r.lastRun.result.requests || 0) +
      ' · ข้อความ ' +
      (r.lastRun.result.messages || 0) +
      ' · รูป ' +
      (r.lastRun.result.photos || 0)
    : 'ยังไม่เคยทำงาน (ทำงานวันละครั้ง)';
  return h(
    'section.card.mt',
    h('h2', 'ระยะเวลาเก็บข้อมูล'),
    h(
      'p.small.muted',
      'ระบบลบข้อมูลตามระยะเวลานี้วันละครั้ง ตรงกับที่แจ้งผู้ติดต่อในประกาศเรื่องข้อมูลส่วนบุคคล แก้ไขได้ที่ไฟล์ ' + r.source + ' (พร้อมข้อความประกาศ) ข้อมูล ณ ' + r.checked,
    ),
    h(
      'div.scroll',
      h(
        'table.table',
        h(
          'thead',
          h('tr', h('th', { scope: 'col' }, 'ระยะเวลา'), h('th', { scope: 'col' }, 'ข้อมูลและสิ่งที่ลบ'), h('th', { scope: 'col' }, 'ฐานทางกฎหมาย')),
        ),
        h(
          'tbody',
          r.periods.map((p) => h('tr', h('td', p.period), h('td', p.th), h('td.small', p.basis))),
        ),
      ),
    ),
    h('p.small.muted', last),
  );
}
