/*
 * Signing in and out: the login form (shown for any page while there is no session), the session's user,
 * token and lists once signed in, and logout (which also forgets unsent reply drafts).
 */
import { h } from '../shared/dom.js';
import { api } from './api.js';
import { session } from './state.js';
import { show } from './ui.js';
import { render } from './router.js';
import { forgetDrafts } from './parts/replyBox.js';

export function showLogin() {
  document.getElementById('top').hidden = true;
  const err = h('div.error', { hidden: true, role: 'alert' });
  const user = h('input#username', {
    type: 'text',
    name: 'username',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const pass = h('input#password', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button.btn', { type: 'submit' }, 'เข้าสู่ระบบ');
  const form = h(
    'form',
    {
      on: {
        submit: async (e) => {
          e.preventDefault();
          err.hidden = true;
          submit.disabled = true;
          try {
            const r = await api('POST', '/login', { username: user.value, password: pass.value });
            await signedIn(r);
            render();
          } catch (e2) {
            err.textContent = e2.message;
            err.hidden = false;
            pass.value = '';
            pass.focus();
          } finally {
            submit.disabled = false;
          }
        },
      },
    },
    h('div', h('label', { for: 'username' }, 'ชื่อผู้ใช้'), user),
    h('div', h('label', { for: 'password' }, 'รหัสผ่าน'), pass),
    err,
    submit,
  );
  show(
    h(
      'div.login',
      h(
        'div.card',
        h('img.logo', { src: '/admin/static/icon.svg', alt: '', width: 56, height: 56 }),
        h('h1', 'ระบบเจ้าหน้าที่'),
        h('p.muted.small.center', 'ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อน'),
        form,
      ),
    ),
  );
  user.focus();
}

/** Keeps what the login (or /me) answered and loads the lists the pages use. */
export async function signedIn(r) {
  session.user = r.user;
  session.csrf = r.csrfToken;
  session.permissions = r.permissions;
  session.meta = await api('GET', '/meta');
}

/** The session ended on the server (401): back to the login form, the page's URL kept. */
export function sessionEnded() {
  session.user = null;
  showLogin();
}

export async function logout() {
  try {
    await api('POST', '/logout');
  } catch (_) {
    /* already out */
  }
  session.user = null;
  forgetDrafts();
  history.replaceState(null, '', '/admin');
  showLogin();
}
