/*
 * "ปิดการคุย": ends a citizen's chat with staff (after a confirmation); the bot tells the citizen and answers
 * again. Shown only to those who may reply.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { can } from '../state.js';
import { toast, fail } from '../ui.js';

/** `after` runs once the chat is closed (the page refreshes its data). */
export function closeChatButton(lineUserId, after) {
  if (!can('chats:reply') || !lineUserId) return null;
  return h(
    'button.btn.small.secondary',
    {
      type: 'button',
      on: {
        click: async (e) => {
          if (!confirm('ปิดการคุยกับเจ้าหน้าที่? บอทจะแจ้งผู้ร้องและกลับมาตอบอัตโนมัติ')) return;
          e.target.disabled = true;
          try {
            await api('POST', '/chats/' + encodeURIComponent(lineUserId) + '/close');
            toast('ปิดการคุยแล้ว แจ้งผู้ร้องแล้ว');
            await after();
          } catch (err) {
            fail(err);
            e.target.disabled = false;
          }
        },
      },
    },
    'ปิดการคุย',
  );
}
