/*
 * The box staff type a reply to a citizen in (request and chat pages). A page creates it once per visit and keeps
 * it through refreshes of its data; the text is also kept per conversation in the tab's sessionStorage while
 * unsent, so leaving the page and coming back restores it. Logout forgets every draft.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { toast, fail, DELIVERY_TH } from '../ui.js';

const DRAFT = 'console.reply-draft:';

function readDraft(key) {
  try {
    return sessionStorage.getItem(DRAFT + key) || '';
  } catch (_) {
    return '';
  }
}

function keepDraft(key, text) {
  try {
    if (text) sessionStorage.setItem(DRAFT + key, text);
    else sessionStorage.removeItem(DRAFT + key);
  } catch (_) {
    /* storage off or full: the box itself still keeps the text */
  }
}

/** Forgets every unsent reply of this tab (at logout). */
export function forgetDrafts() {
  try {
    for (const k of Object.keys(sessionStorage)) if (k.startsWith(DRAFT)) sessionStorage.removeItem(k);
  } catch (_) {
    /* nothing kept */
  }
}

function newClientId() {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reply box posting `{ text, clientId }` to `path` (a push to the citizen), then calling `after`. */
export function replyBox(path, after, placeholder) {
  const input = h('textarea#reply-text', {
    name: 'reply',
    rows: 2,
    maxlength: 4000,
    placeholder: placeholder || 'พิมพ์ข้อความถึงผู้ร้อง…',
    'aria-label': 'ข้อความตอบกลับ',
  });
  input.value = readDraft(path);
  input.addEventListener('input', () => keepDraft(path, input.value));
  const send = h('button.btn', { type: 'submit' }, 'ส่ง');
  // One id per message: a retry after a lost answer is not sent twice.
  let clientId = newClientId();
  return h(
    'form.reply',
    {
      on: {
        submit: async (e) => {
          e.preventDefault();
          const text = input.value.trim();
          if (!text) return input.focus();
          send.disabled = true;
          try {
            const r = await api('POST', path, { text, clientId });
            if (input.value.trim() === text) input.value = '';
            keepDraft(path, input.value);
            clientId = newClientId();
            toast(DELIVERY_TH[r.delivery] || 'ส่งแล้ว', r.delivery === 'failed');
            await after();
          } catch (err) {
            fail(err);
          } finally {
            send.disabled = false;
          }
        },
      },
    },
    input,
    send,
  );
}
