/*
 * Which page a URL shows: the route table (given by main.js), in-app navigation with the history API, the
 * loading and error states around a page, and the one polling timer a page may run (stopped on every
 * navigation).
 */
import { h, clear } from '../shared/dom.js';
import { app, show, link } from './ui.js';
import { session } from './state.js';

let routes = [];
let signedOut = () => undefined;
let beforePage = () => undefined;
let pollTimer = 0;

/**
 * Starts following links and the back button. `routes`: [regexp, page(...captures)]; `signedOut()` draws the
 * login form; `beforePage()` runs before each page (the menu).
 */
export function startRouter(options) {
  ({ routes, signedOut, beforePage } = options);
  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[data-link]');
    if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(a.getAttribute('href'));
  });
  window.addEventListener('popstate', render);
}

export function navigate(url, replace) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

/** Draws the page of the current URL. */
export async function render() {
  stopPolling();
  if (!session.user) return signedOut();
  beforePage();
  const path = location.pathname;
  for (const [re, page] of routes) {
    const m = re.exec(path);
    if (!m) continue;
    clear(app);
    app.append(h('p.muted', 'กำลังโหลด…'));
    try {
      await page(...m.slice(1).map(decodeURIComponent));
    } catch (err) {
      if (err && err.status === 401) return;
      show(
        h(
          'div.card',
          h('h1', err.status === 403 ? 'ไม่มีสิทธิ์เข้าถึง' : err.status === 404 ? 'ไม่พบข้อมูล' : 'เกิดข้อผิดพลาด'),
          h('p', err.message || ''),
          link('/admin', 'กลับหน้าแรก'),
        ),
      );
    }
    app.focus({ preventScroll: true });
    return;
  }
  show(h('div.card', h('h1', 'ไม่พบหน้านี้'), link('/admin', 'กลับหน้าแรก')));
}

/** Runs `fn` every `ms` while the tab is visible, until the next navigation (one poll per page). */
export function poll(fn, ms) {
  stopPolling();
  pollTimer = setInterval(() => {
    if (document.visibilityState === 'visible') fn().catch(() => undefined);
  }, ms);
}

export function stopPolling() {
  clearInterval(pollTimer);
}
