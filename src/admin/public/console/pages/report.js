/*
 * "รายงานประจำเดือน": the month's figures for the provincial office — requests by category, village, status and
 * urgency, time to the first staff contact, bookings attended / no-show, danger alerts and how fast they were
 * acknowledged. Each chart has its data table beside it; the tables download as CSV; printing gives an A4 report
 * in Thai with the centre's name and the month (no menu, no buttons). The month lives in the URL (?month=YYYY-MM);
 * the default is the previous month (Bangkok).
 */
import { h } from '../../shared/dom.js';
import { api, API } from '../api.js';
import { navigate } from '../router.js';
import { show } from '../ui.js';
import { dateTime, todayIso } from '../format.js';
import { chartWithTable, loadCharts } from '../parts/chartWithTable.js';

const MONTHS_TH = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const STATUS_COLORS = { received: '#9a6700', in_progress: '#1a5fb4', visit_scheduled: '#6b3fa0', resolved: '#0b6e4f', closed: '#5f6b76' };
const BOOKING_COLORS = { booked: '#9a6700', cancelled: '#5f6b76', attended: '#0b6e4f', no_show: '#c62828' };

// The charts on the page now. Printing resizes them to the A4 column (chart.js sizes a canvas to its box on
// screen; a print layout is narrower) and back afterwards; a new visit of the page destroys the old ones.
let drawn = [];
const PRINT_CHART_WIDTH = 330; // half of A4's 182 mm text width, in CSS pixels, less the gap
window.addEventListener('beforeprint', () => {
  for (const c of drawn) if (c.canvas && c.canvas.isConnected) c.resize(PRINT_CHART_WIDTH, c.canvas.parentNode.clientHeight);
});
window.addEventListener('afterprint', () => {
  for (const c of drawn) if (c.canvas && c.canvas.isConnected) c.resize();
});

/** YYYY-MM of the Bangkok month `back` months before the current one. */
function monthBack(back) {
  const [y, m] = todayIso().split('-').map(Number);
  const i = y * 12 + (m - 1) - back;
  return Math.floor(i / 12) + '-' + String((i % 12) + 1).padStart(2, '0');
}
const monthName = (ym) => MONTHS_TH[Number(ym.slice(5)) - 1] + ' ' + (Number(ym.slice(0, 4)) + 543);

/** "1 ชม. 5 นาที", "2 วัน 3 ชม.", "12 นาที"; "—" when nothing was measured. */
function duration(minutes) {
  if (minutes === null || minutes === undefined) return '—';
  const m = Math.round(minutes);
  if (m < 60) return m + ' นาที';
  if (m < 1440) return Math.floor(m / 60) + ' ชม.' + (m % 60 ? ' ' + (m % 60) + ' นาที' : '');
  const hrs = Math.round(m / 60);
  return Math.floor(hrs / 24) + ' วัน' + (hrs % 24 ? ' ' + (hrs % 24) + ' ชม.' : '');
}

function factsTable(id, title, rows) {
  return h(
    'table.table.report-table.facts-table#' + id,
    h('caption', title),
    h('thead', h('tr', h('th', { scope: 'col' }, 'รายการ'), h('th.num', { scope: 'col' }, 'ค่า'))),
    h(
      'tbody',
      rows.map(([label, value, key]) => h('tr', { dataset: { key: key || '' } }, h('th', { scope: 'row' }, label), h('td.num', String(value)))),
    ),
  );
}

let blockSeq = 0;
function block(title, ...children) {
  const id = 'report-block-' + ++blockSeq;
  return h('section.card.report-block', { attrs: { 'aria-labelledby': id } }, h('h2#' + id, title), children);
}

export async function pageReport() {
  const params = new URLSearchParams(location.search);
  const asked = /^\d{4}-(0[1-9]|1[0-2])$/.test(params.get('month') || '') ? params.get('month') : monthBack(1);
  const [r, Chart] = await Promise.all([api('GET', '/reports/monthly?month=' + asked), loadCharts()]);

  const choices = [];
  for (let back = 0; back < 36; back++) choices.push(monthBack(back));
  if (!choices.includes(r.month)) choices.push(r.month);
  const select = h(
    'select#report-month',
    { name: 'month', on: { change: (e) => navigate('/admin/reports?month=' + e.target.value) } },
    choices.map((m) => h('option', { value: m, selected: m === r.month }, monthName(m) + (m === monthBack(0) ? ' (เดือนนี้)' : ''))),
  );

  const charts = [];
  const pair = (rows, options) => {
    const c = chartWithTable(Chart, rows, options);
    charts.push(c);
    return c.el;
  };
  const req = r.requests;
  const fc = r.firstContact;
  const b = r.bookings;
  const da = r.dangerAlerts;

  show(
    h(
      'div.report',
      h(
        'header.report-head',
        h('p.report-centre', r.centreName),
        h('h1', 'รายงานประจำเดือน ' + r.monthLabel),
        h('p.muted.small', 'ข้อมูล ณ ' + dateTime(r.generatedAt) + ' น. · เวลาประเทศไทย' + (r.partial ? ' · เดือนนี้ยังไม่สิ้นสุด ตัวเลขยังเปลี่ยนได้' : '')),
      ),
      h(
        'div.report-tools.no-print',
        h('div', h('label', { for: 'report-month' }, 'เลือกเดือน'), select),
        h(
          'div.row',
          h('a.btn.secondary.small', { href: API + '/reports/monthly.csv?month=' + r.month, download: '' }, 'ดาวน์โหลด CSV (Excel)'),
          h('button.btn.small', { type: 'button', on: { click: () => window.print() } }, 'พิมพ์รายงาน'),
        ),
      ),
      h(
        'div.stats.report-stats',
        stat('คำร้องทั้งหมด', req.total),
        stat('คำร้องด่วน', req.urgent),
        stat('ติดต่อครั้งแรก (มัธยฐาน)', duration(fc.medianMinutes)),
        stat('มาตามนัด', b.attendanceRate === null ? '—' : b.attendanceRate + '%'),
        stat('แจ้งเตือนอันตราย', da.total),
      ),
      block('คำร้องตามเรื่อง', pair(req.byCategory, { title: 'คำร้องตามเรื่อง', labelHeader: 'เรื่อง' })),
      block('คำร้องตามหมู่บ้าน', pair(req.byVillage, { title: 'คำร้องตามหมู่บ้าน', labelHeader: 'หมู่บ้าน' })),
      block(
        'คำร้องตามสถานะ',
        h('p.muted.small', 'สถานะปัจจุบันของคำร้องที่ยื่นในเดือนนี้'),
        pair(req.byStatus, { title: 'คำร้องตามสถานะ', labelHeader: 'สถานะ', colors: req.byStatus.map((c) => STATUS_COLORS[c.key] || '#5f6b76') }),
      ),
      block(
        'คำร้องตามความเร่งด่วน',
        h('p.muted.small', 'ความเร่งด่วนตามที่ผู้ร้องแจ้ง'),
        pair(req.byUrgency, { title: 'คำร้องตามความเร่งด่วนที่แจ้ง', labelHeader: 'ความเร่งด่วน' }),
      ),
      block(
        'เวลาถึงการติดต่อครั้งแรก',
        h(
          'p.small.definition',
          'นับจากเวลาที่ยื่นคำร้อง ถึงการติดต่อครั้งแรกของเจ้าหน้าที่ คือสิ่งที่เกิดก่อนระหว่าง ' +
            '(1) ข้อความจากเจ้าหน้าที่ถึงผู้ร้องใน LINE (ไม่นับข้อความที่ส่งไม่สำเร็จ) และ ' +
            '(2) การเปลี่ยนสถานะคำร้องครั้งแรกจาก "ได้รับเรื่องแล้ว" · การโทรหรือเยี่ยมบ้านที่ไม่ได้บันทึกในระบบจะไม่ถูกนับ',
        ),
        factsTable('first-contact', 'เวลาตั้งแต่ยื่นคำร้องถึงการติดต่อครั้งแรก', [
          ['ค่ามัธยฐาน', duration(fc.medianMinutes), 'median'],
          ['เปอร์เซ็นไทล์ที่ 90 (9 ใน 10 เรื่องได้รับการติดต่อภายใน)', duration(fc.p90Minutes), 'p90'],
          ['คำร้องที่ติดต่อแล้ว', fc.measured, 'measured'],
          ['— ติดต่อครั้งแรกด้วยข้อความ', fc.byMessage, 'byMessage'],
          ['— ติดต่อครั้งแรกด้วยการเปลี่ยนสถานะ', fc.byStatusChange, 'byStatusChange'],
          ['คำร้องที่ยังไม่มีการติดต่อ', fc.notYet, 'notYet'],
        ]),
      ),
      block(
        'นัดหมายเข้าพบ',
        h('p.muted.small', 'นัดหมายที่มีวันนัดในเดือนนี้'),
        pair(b.byStatus, { title: 'นัดหมายตามผล', labelHeader: 'ผล', colors: b.byStatus.map((c) => BOOKING_COLORS[c.key] || '#5f6b76') }),
        factsTable('attendance', 'การมาตามนัด', [
          ['มาตามนัด', b.attended, 'attended'],
          ['ไม่มาตามนัด', b.noShow, 'noShow'],
          ['อัตราการมาตามนัด (จากที่บันทึกผลแล้ว)', b.attendanceRate === null ? '—' : b.attendanceRate + '%', 'rate'],
        ]),
      ),
      block(
        'แจ้งเตือนอันตราย',
        pair(da.byKind, { title: 'แจ้งเตือนอันตรายตามประเภท', labelHeader: 'ประเภท', colors: '#c62828' }),
        factsTable('alert-ack', 'การรับทราบแจ้งเตือนอันตราย', [
          ['รับทราบแล้ว', da.acknowledged, 'acknowledged'],
          ['ยังไม่รับทราบ', da.open, 'open'],
          ['เวลาถึงการรับทราบ: ค่ามัธยฐาน', duration(da.medianMinutes), 'median'],
          ['เวลาถึงการรับทราบ: เปอร์เซ็นไทล์ที่ 90', duration(da.p90Minutes), 'p90'],
        ]),
      ),
      h(
        'div.print-only.report-sign',
        h('p', 'ลงชื่อ ........................................ ผู้รายงาน'),
        h('p', '( ........................................ )'),
        h('p', 'ตำแหน่ง ........................................'),
        h('p', 'วันที่ ........ / ........ / ........'),
      ),
    ),
  );
  for (const c of drawn) c.destroy();
  drawn = charts.map((c) => c.draw());
}

function stat(label, value) {
  return h('div.stat', h('b', String(value)), h('span.small', label));
}
