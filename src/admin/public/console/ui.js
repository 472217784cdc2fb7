/*
 * Small pieces every page uses: the page area (show), in-app links, the toast, status badges, and the Thai
 * labels of roles and delivery states.
 */
import { h, append, clear } from '../shared/dom.js';

export const app = document.getElementById('app');

export const ROLE_TH = { admin: 'ผู้ดูแลระบบ', staff: 'เจ้าหน้าที่', volunteer: 'อาสาสมัคร (อพม.)' };
export const DELIVERY_TH = { sent: 'ส่งถึงผู้ร้องแล้ว', pending: 'กำลังส่ง (LINE ไม่ว่าง จะลองส่งใหม่อัตโนมัติ)', failed: 'ส่งไม่สำเร็จ' };

/** Replaces the page's content (null/undefined children are skipped). */
export function show(...children) {
  return append(clear(app), children);
}

/** A link the router follows without reloading the page. */
export function link(href, ...children) {
  return h('a', { href, dataset: { link: '' } }, ...children);
}

/** A heading with a decorative emoji that screen readers skip: heading('h2', '🔴', 'ด่วน ยังไม่เสร็จ'). */
export function heading(tag, emoji, text) {
  return h(tag, h('span', { 'aria-hidden': 'true' }, emoji + ' '), text);
}

export function statusBadge(status, label) {
  return h('span.badge.' + status, label || status);
}

let toastTimer = 0;
export function toast(text, bad) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.classList.toggle('bad', !!bad);
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.hidden = true), 3500);
}

/** Shows a failed call's message (a 401 already brought the login form). */
export function fail(err) {
  if (err && err.status === 401) return;
  toast(err && err.message ? err.message : 'เกิดข้อผิดพลาด', true);
}

/**
 * A small button that runs one action: disabled while it runs (a double click sends nothing twice), `done` shown
 * as a toast when it worked, enabled again with the error shown when it failed.
 */
export function actionButton(label, run, done) {
  return h(
    'button.btn.small',
    {
      type: 'button',
      on: {
        click: async (e) => {
          e.target.disabled = true;
          try {
            await run();
            if (done) toast(done);
          } catch (err) {
            fail(err);
            e.target.disabled = false;
          }
        },
      },
    },
    label,
  );
}
