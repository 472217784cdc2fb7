/*
 * A chart and its data beside it: a bar chart drawn by chart.js on a <canvas> (for sighted readers at a glance)
 * and the same numbers as a table with a caption (for screen readers, printing, and anyone who wants the exact
 * figures). The canvas is an image whose label names the table that holds its data.
 *
 * chart.js is served from the app (/admin/static/vendor/, pinned in package.json; no CDN) and loaded only by the
 * pages that draw charts. Its UMD build, imported as a module, sets globalThis.Chart.
 */
import { h } from '../../shared/dom.js';

let chartLib;
/** Loads chart.js once and sets the console's look (font, no animation: the figures are there at once). */
export async function loadCharts() {
  if (!chartLib) {
    chartLib = import('../../vendor/chart.umd.min.js').then(() => {
      const Chart = globalThis.Chart;
      Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
      Chart.defaults.font.size = 13;
      Chart.defaults.color = '#1d2328';
      Chart.defaults.animation = false;
      return Chart;
    });
  }
  return chartLib;
}

let seq = 0;

/**
 * rows: [{ label, n }]; options: { title, unit ('รายการ'), colors (one per row, or one for all), horizontal }.
 * Returns the pair's element; the chart is drawn once the element is in the page (call draw()).
 */
export function chartWithTable(Chart, rows, options) {
  const id = 'chart-' + ++seq;
  const total = rows.reduce((s, r) => s + r.n, 0);
  const table = h(
    'table.table.report-table#' + id + '-table',
    h('caption', options.title),
    h(
      'thead',
      h(
        'tr',
        h('th', { scope: 'col' }, options.labelHeader || 'รายการ'),
        h('th.num', { scope: 'col' }, 'จำนวน'),
        h('th.num', { scope: 'col' }, 'ร้อยละ'),
      ),
    ),
    h(
      'tbody',
      rows.map((r) =>
        h('tr', { dataset: { key: r.key } }, h('th', { scope: 'row' }, r.label), h('td.num', String(r.n)), h('td.num', percent(r.n, total))),
      ),
    ),
    h('tfoot', h('tr', h('th', { scope: 'row' }, 'รวม'), h('td.num', String(total)), h('td.num', total ? '100' : '—'))),
  );
  const canvas = h('canvas', { role: 'img', attrs: { 'aria-label': 'แผนภูมิแท่ง: ' + options.title + ' (ตัวเลขอยู่ในตารางข้างกัน)' } });
  const box = h('div.chart-box', canvas);
  box.style.height = Math.max(160, 48 + rows.length * 34) + 'px';
  const el = h('div.chart-pair', h('figure.chart', { attrs: { 'aria-describedby': id + '-table' } }, box), table);
  const horizontal = options.horizontal !== false;
  const draw = () =>
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          {
            label: options.unit || 'จำนวน',
            data: rows.map((r) => r.n),
            backgroundColor: options.colors || '#0b6e4f',
            borderRadius: 4,
            maxBarThickness: 28,
          },
        ],
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        devicePixelRatio: Math.max(2, window.devicePixelRatio || 1),
        plugins: { legend: { display: false }, tooltip: { enabled: true } },
        scales: {
          [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: '#e3e7eb' } },
          [horizontal ? 'y' : 'x']: { grid: { display: false } },
        },
      },
    });
  return { el, draw };
}

function percent(n, total) {
  if (!total) return '—';
  return (Math.round((n / total) * 1000) / 10).toString();
}
