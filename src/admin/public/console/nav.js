/*
 * The top bar of a signed-in user: the menu (only the pages their role may open, the current one marked), the
 * counters of open chats and danger alerts, who is signed in, and the logout button.
 */
import { h, clear } from '../shared/dom.js';
import { can, session } from './state.js';
import { link, ROLE_TH } from './ui.js';
import { logout } from './login.js';

export function renderNav() {
  document.getElementById('top').hidden = false;
  const items = [
    ['/admin', 'วันนี้', true],
    ['/admin/alerts', 'แจ้งเตือนอันตราย', can('chats:read')],
    ['/admin/requests', 'คำร้อง', true],
    ['/admin/chats', 'แชท', can('chats:read')],
    ['/admin/bookings', 'นัดหมาย', can('bookings:read')],
    ['/admin/reports', 'รายงาน', can('reports:read')],
    ['/admin/settings', 'ตั้งค่า', can('settings:read')],
    ['/admin/users', 'ผู้ใช้', can('users:manage')],
  ];
  const nav = clear(document.getElementById('nav'));
  const path = location.pathname.replace(/\/$/, '') || '/admin';
  for (const [href, label, shown] of items) {
    if (!shown) continue;
    const current = href === '/admin' ? path === '/admin' : path.startsWith(href);
    const count =
      href === '/admin/chats'
        ? h('span.count#chat-count', { hidden: true })
        : href === '/admin/alerts'
          ? h('span.count.alarm#alert-count', { hidden: true })
          : null;
    nav.append(link(href, label, count));
    if (current) nav.lastChild.setAttribute('aria-current', 'page');
  }
  const who = clear(document.getElementById('who'));
  who.append(h('span', session.user.displayName + ' · ' + (ROLE_TH[session.user.role] || session.user.role)));
  who.append(h('button', { type: 'button', on: { click: logout } }, 'ออกจากระบบ'));
}

function setCount(id, n) {
  const c = document.getElementById(id);
  if (!c) return;
  c.textContent = String(n);
  c.hidden = !n;
}

/** The number on "แจ้งเตือนอันตราย" in the menu (hidden at 0). */
export const setAlertCount = (n) => setCount('alert-count', n);
/** The number on "แชท" in the menu (hidden at 0). */
export const setChatCount = (n) => setCount('chat-count', n);
