/*
 * "แชท": the citizens waiting for staff (the bot is silent for them meanwhile), refreshed every 15 s with the
 * counter in the menu.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { poll } from '../router.js';
import { show } from '../ui.js';
import { setChatCount } from '../nav.js';
import { chatList } from '../parts/lists.js';

export async function pageChats() {
  const r = await api('GET', '/chats');
  setChatCount(r.chats.length);
  show(
    h('h1', 'แชทที่รอเจ้าหน้าที่'),
    h('p.muted.small', 'ผู้ติดต่อที่ขอคุยกับเจ้าหน้าที่ ระหว่างนี้บอทจะไม่ตอบ ตอบได้จากที่นี่หรือจาก LINE OA Manager แล้วกด "ปิดการคุย" เมื่อเสร็จ'),
    chatList(r.chats),
  );
  poll(async () => {
    const x = await api('GET', '/chats');
    setChatCount(x.chats.length);
  }, 15000);
}
