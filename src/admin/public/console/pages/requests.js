/*
 * "คำร้อง": the request search. Filters live in the URL (so a filtered list can be bookmarked or shared), 20 per
 * page, and the CSV export of the same filter for those allowed.
 */
import { h } from '../../shared/dom.js';
import { api, API } from '../api.js';
import { can, session } from '../state.js';
import { navigate } from '../router.js';
import { show } from '../ui.js';
import { requestList } from '../parts/lists.js';

export async function pageRequests() {
  const params = new URLSearchParams(location.search);
  const field = (name, labelText, control, wide) => h('div' + (wide ? '.wide' : ''), h('label', { for: 'f-' + name }, labelText), control);
  const sel = (name, options, value) => {
    const s = h('select#f-' + name, { name });
    s.append(h('option', { value: '' }, 'ทั้งหมด'));
    for (const [v, l] of options) s.append(h('option', { value: v, selected: v === value }, l));
    return s;
  };
  const q = h('input#f-q', { type: 'search', name: 'q', value: params.get('q') || '', placeholder: 'เลขคำร้อง ชื่อ รายละเอียด…' });
  const form = h(
    'form.filters',
    { role: 'search' },
    field('q', 'ค้นหา', q, true),
    field(
      'status',
      'สถานะ',
      sel(
        'status',
        session.meta.statuses.map((s) => [s.value, s.label]),
        params.get('status') || '',
      ),
    ),
    field(
      'state',
      'ความคืบหน้า',
      sel(
        'state',
        [
          ['open', 'ยังไม่เสร็จ'],
          ['done', 'เสร็จ/ปิดแล้ว'],
        ],
        params.get('state') || '',
      ),
    ),
    field(
      'category',
      'เรื่อง',
      sel(
        'category',
        session.meta.categories.map((c) => [c.value, c.label]),
        params.get('category') || '',
      ),
    ),
    field(
      'urgent',
      'ด่วน',
      sel(
        'urgent',
        [
          ['true', 'ด่วนเท่านั้น'],
          ['false', 'ไม่ด่วน'],
        ],
        params.get('urgent') || '',
      ),
    ),
    field(
      'urgency',
      'ความเร่งด่วนที่แจ้ง',
      sel(
        'urgency',
        session.meta.urgencies.map((u) => [u.value, u.label]),
        params.get('urgency') || '',
      ),
    ),
    field(
      'village',
      'หมู่บ้าน',
      sel(
        'village',
        session.meta.villages.map((v) => [v, v]),
        params.get('village') || '',
      ),
    ),
    field(
      'assignedTo',
      'ผู้รับผิดชอบ',
      sel(
        'assignedTo',
        [
          ['me', 'ของฉัน'],
          ['none', 'ยังไม่มอบหมาย'],
        ],
        params.get('assignedTo') || '',
      ),
    ),
    field('from', 'ตั้งแต่วันที่', h('input#f-from', { type: 'date', name: 'from', value: params.get('from') || '' })),
    field('to', 'ถึงวันที่', h('input#f-to', { type: 'date', name: 'to', value: params.get('to') || '' })),
    field(
      'sort',
      'เรียง',
      sel(
        'sort',
        [
          ['newest', 'ใหม่ก่อน'],
          ['urgent', 'ด่วนก่อน'],
          ['oldest', 'เก่าก่อน'],
        ],
        params.get('sort') || '',
      ),
    ),
    h('div.row.end', h('button.btn', { type: 'submit' }, 'ค้นหา'), h('button.btn.secondary', { type: 'reset' }, 'ล้าง')),
  );
  const search = (page) => {
    const p = new URLSearchParams();
    for (const el of form.elements) if (el.name && el.value) p.set(el.name, el.value);
    if (page > 1) p.set('page', String(page));
    navigate('/admin/requests' + (p.toString() ? '?' + p : ''));
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    search(1);
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    navigate('/admin/requests');
  });
  const query = new URLSearchParams(params);
  query.set('pageSize', '20');
  const r = await api('GET', '/requests?' + query);
  const pages = Math.max(1, Math.ceil(r.total / r.pageSize));
  const csvParams = new URLSearchParams(params);
  csvParams.delete('page');
  show(
    h(
      'div.spread',
      h('h1', 'คำร้อง'),
      can('requests:export') ? h('a.btn.secondary.small', { href: API + '/requests.csv?' + csvParams, download: '' }, 'ส่งออก CSV (Excel)') : null,
    ),
    h('details.card', { open: window.matchMedia('(min-width: 900px)').matches || params.toString() !== '' }, h('summary', 'ตัวกรอง'), form),
    h('p.muted.small', 'พบ ' + r.total + ' รายการ'),
    requestList(r.items, 'ไม่พบคำร้องตามเงื่อนไข'),
    pages > 1
      ? h(
          'div.pager',
          h('button.btn.secondary.small', { type: 'button', disabled: r.page <= 1, on: { click: () => search(r.page - 1) } }, '‹ ก่อนหน้า'),
          h('span', 'หน้า ' + r.page + ' / ' + pages),
          h('button.btn.secondary.small', { type: 'button', disabled: r.page >= pages, on: { click: () => search(r.page + 1) } }, 'ถัดไป ›'),
        )
      : null,
  );
}
