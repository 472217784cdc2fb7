// The simulator page: several simulated LINE users chatting with the real bot. Talks to /simulator/api; the bot's
// messages arrive by Server-Sent Events. No framework, no build step, and never innerHTML with bot text.
import { h, clear } from './shared/dom.js';
import { renderMessage, renderSticker, renderLocation, chipIcon, STICKER_EMOJI } from './render.js';

const API = '/simulator/api';
const $ = (id) => document.getElementById(id);

const state = {
  bot: { displayName: 'บอต' },
  users: [],
  places: [],
  stickers: [],
  current: localStorage.getItem('sim.user') ?? '',
  /** userId → entries (sorted by seq) */
  chats: new Map(),
  unread: new Map(),
  /** userId → timer of the loading animation */
  loading: new Map(),
  /** The chat is scrolled to the end: keep it there as messages and images arrive. */
  stick: true,
};

// ---- API --------------------------------------------------------------------------------------------------------

async function api(method, path, body) {
  const res = await fetch(API + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok && res.status !== 502) throw new Error(data.message ?? `HTTP ${res.status}`);
  return data;
}

async function send(action) {
  const userId = state.current;
  try {
    const r = await api('POST', '/send', { userId, ...action });
    if (r.webhookStatus !== 200) toast(`webhook ตอบ ${r.webhookStatus || 'ไม่ได้'} — ดูรายละเอียดที่ข้อความ`);
  } catch (err) {
    toast(`ส่งไม่สำเร็จ: ${err.message}`);
  }
}

// ---- entries and rendering ----------------------------------------------------------------------------------------

function addEntry(entry) {
  const list = state.chats.get(entry.userId);
  if (!list) {
    if (entry.userId !== state.current) bumpUnread(entry);
    return;
  }
  if (list.some((e) => e.seq === entry.seq)) return;
  list.push(entry);
  list.sort((a, b) => a.seq - b.seq);
  if (entry.userId === state.current) {
    if (entry.from === 'bot') stopLoading(entry.userId);
    const follow = state.stick || entry.from !== 'bot';
    renderChat();
    if (follow) scrollToBottom();
  } else {
    bumpUnread(entry);
  }
}

function bumpUnread(entry) {
  if (entry.from !== 'bot') return;
  state.unread.set(entry.userId, (state.unread.get(entry.userId) ?? 0) + 1);
  renderTabs();
}

const timeFmt = new Intl.DateTimeFormat('th-TH', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Bangkok' });
const dayFmt = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Asia/Bangkok',
});

const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' });

/** Dates are shown in the centre's time zone, like the bot's own dates. */
function dayLabel(at) {
  if (dayKey.format(new Date(at)) === dayKey.format(new Date())) return 'วันนี้';
  return dayFmt.format(new Date(at));
}

function renderChat() {
  const chat = $('chat');
  const list = state.chats.get(state.current) ?? [];
  const top = chat.scrollTop;
  clear(chat);
  const user = currentUser();
  if (list.length === 0) chat.append(introCard(user));
  let lastDay = '';
  let prevFrom = '';
  for (const e of list) {
    const day = dayLabel(e.at);
    if (day !== lastDay) {
      chat.append(h('div', { className: 'day-sep' }, h('span', { text: day })));
      lastDay = day;
      prevFrom = '';
    }
    chat.append(renderEntry(e, prevFrom));
    prevFrom = e.from;
  }
  if (state.loading.has(state.current)) chat.append(typingRow());
  chat.scrollTop = state.stick ? chat.scrollHeight : top;
  renderQuickReply(list);
  renderUserBar();
}

function introCard(user) {
  return h(
    'div',
    { className: 'intro' },
    h('img', { className: 'intro-avatar', src: '/simulator/static/avatar.svg', alt: '' }),
    h('div', { className: 'intro-name', text: state.bot.displayName }),
    h('div', {
      className: 'intro-text',
      text: user?.following ? 'เป็นเพื่อนกันแล้ว พิมพ์ข้อความเพื่อเริ่มคุย' : 'ยังไม่ได้เพิ่มเพื่อน — กดเพิ่มเพื่อน หรือพิมพ์ข้อความเพื่อเริ่มคุย',
    }),
    user && !user.following
      ? h('button', { className: 'btn-green', type: 'button', text: 'เพิ่มเพื่อน', on: { click: () => send({ kind: 'follow' }) } })
      : null,
  );
}

function timeEl(at) {
  return h('time', { className: 'time', text: timeFmt.format(new Date(at)), attrs: { datetime: new Date(at).toISOString() } });
}

function renderEntry(e, prevFrom) {
  if (e.from === 'system') return h('div', { className: 'system-note' }, h('span', { text: e.note ?? '' }));
  if (e.from === 'bot') {
    const first = prevFrom !== 'bot';
    const body = renderMessage(e.message ?? {}, (a) => doAction(a));
    const senderName = e.message?.sender?.name ?? state.bot.displayName;
    return h(
      'div',
      { className: `row bot${first ? ' first' : ''}`, dataset: { seq: e.seq } },
      first ? h('img', { className: 'avatar', src: '/simulator/static/avatar.svg', alt: '' }) : h('div', { className: 'avatar-space' }),
      h(
        'div',
        { className: 'col' },
        first ? h('div', { className: 'sender', text: senderName }) : null,
        h('div', { className: 'line' }, body, timeEl(e.at)),
      ),
    );
  }
  // the user's own message
  const m = e.message ?? {};
  if (m.type === 'postback' && !m.displayText) {
    const p = m.params ?? {};
    const picked = p.datetime ?? p.date ?? p.time;
    const note = picked ? `📅 เลือก ${picked}` : `ส่ง postback`;
    return h(
      'div',
      { className: 'system-note postback-note', title: `postback data: ${m.data}` },
      h('span', { text: `${note} · ${m.data}` }),
      statusEl(e),
    );
  }
  let body;
  if (m.type === 'text') body = h('div', { className: 'bubble user-bubble', text: m.text });
  else if (m.type === 'postback') body = h('div', { className: 'bubble user-bubble', text: m.displayText, title: `postback data: ${m.data}` });
  else if (m.type === 'sticker') body = renderSticker(m);
  else if (m.type === 'location') body = renderLocation(m);
  else if (m.type === 'image') body = h('div', { className: 'media' }, h('img', { src: m.contentUrl, alt: 'รูปที่ส่ง' }));
  else body = h('div', { className: 'bubble user-bubble', text: `[${m.type}]` });
  return h(
    'div',
    { className: 'row user', dataset: { seq: e.seq } },
    h('div', { className: 'line' }, h('div', { className: 'meta' }, statusEl(e), timeEl(e.at)), body),
  );
}

function statusEl(e) {
  if (e.status === 'delivered') return h('span', { className: 'read', text: 'อ่านแล้ว' });
  if (e.status === 'failed') return h('span', { className: 'failed', text: 'ส่งไม่สำเร็จ', title: e.error ?? '' });
  if (e.status === 'sending') return h('span', { className: 'sending', text: 'กำลังส่ง…' });
  return null;
}

function typingRow() {
  return h(
    'div',
    { className: 'row bot first typing-row' },
    h('img', { className: 'avatar', src: '/simulator/static/avatar.svg', alt: '' }),
    h('div', { className: 'col' }, h('div', { className: 'bubble bot-bubble typing', attrs: { 'aria-label': 'กำลังพิมพ์' } }, h('i'), h('i'), h('i'))),
  );
}

function startLoading(userId, seconds) {
  stopLoading(userId, false);
  state.loading.set(
    userId,
    setTimeout(() => stopLoading(userId), seconds * 1000),
  );
  if (userId === state.current) {
    renderChat();
    scrollToBottom();
  }
}

function stopLoading(userId, rerender = true) {
  const t = state.loading.get(userId);
  if (t === undefined) return;
  clearTimeout(t);
  state.loading.delete(userId);
  if (rerender && userId === state.current) renderChat();
}

function scrollToBottom() {
  const chat = $('chat');
  state.stick = true;
  chat.scrollTop = chat.scrollHeight;
}

/** Follows the end of the chat while the user has not scrolled up, also when images load later. */
function watchScroll() {
  const chat = $('chat');
  chat.addEventListener('scroll', () => {
    state.stick = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 60;
  });
  const keep = () => {
    if (state.stick) chat.scrollTop = chat.scrollHeight;
  };
  chat.addEventListener('load', keep, true);
  chat.addEventListener('error', keep, true);
  new ResizeObserver(keep).observe(chat);
}

// ---- quick reply ------------------------------------------------------------------------------------------------

function renderQuickReply(list) {
  const bar = $('quick');
  clear(bar);
  const last = list[list.length - 1];
  const items = last?.from === 'bot' ? (last.message?.quickReply?.items ?? []) : [];
  bar.hidden = items.length === 0;
  for (const item of items) {
    const a = item.action ?? {};
    const icon = chipIcon(a);
    bar.append(
      h(
        'button',
        { className: 'chip', type: 'button', title: a.type, on: { click: () => doAction(a) } },
        icon ? h('span', { className: 'chip-icon', text: icon }) : null,
        h('span', { text: a.label ?? '' }),
      ),
    );
  }
}

// ---- actions (chips, buttons, Flex) -----------------------------------------------------------------------------

function doAction(a) {
  if (!a || typeof a !== 'object') return;
  switch (a.type) {
    case 'message':
      return send({ kind: 'text', text: a.text ?? a.label ?? '' });
    case 'postback':
      if (a.inputOption === 'openKeyboard' && a.fillInText) $('input').value = a.fillInText;
      return send({ kind: 'postback', data: a.data ?? '', displayText: a.displayText ?? a.text });
    case 'datetimepicker':
      return openDatetime(a);
    case 'location':
      return openLocation();
    case 'camera':
    case 'cameraRoll':
      return $('file').click();
    case 'uri':
      return openUri(a.uri ?? '');
    case 'clipboard':
      navigator.clipboard?.writeText(a.clipboardText ?? '').catch(() => {});
      return toast(`คัดลอกแล้ว: ${a.clipboardText ?? ''}`);
    default:
      return toast(`การกระทำ ${a.type} ยังไม่รองรับในตัวจำลอง`);
  }
}

function openUri(uri) {
  if (/^tel:/i.test(uri)) return toast(`📞 โทรออกไปที่ ${decodeURIComponent(uri.slice(4))} (จำลอง)`);
  if (/^https?:\/\//i.test(uri)) return void window.open(uri, '_blank', 'noopener,noreferrer');
  return toast(`ลิงก์ ${uri} เปิดได้ในแอป LINE เท่านั้น`);
}

// ---- sheets (bottom panels) --------------------------------------------------------------------------------------

function openSheet(title, ...content) {
  const sheet = $('sheet');
  clear(sheet);
  sheet.append(
    h(
      'div',
      { className: 'sheet-head' },
      h('div', { className: 'sheet-title', text: title }),
      h('button', { className: 'icon-btn close', type: 'button', text: '✕', attrs: { 'aria-label': 'ปิด' }, on: { click: closeSheet } }),
    ),
    h('div', { className: 'sheet-body' }, ...content),
  );
  sheet.hidden = false;
  $('backdrop').hidden = false;
}

function closeSheet() {
  $('sheet').hidden = true;
  $('backdrop').hidden = true;
}

function openDatetime(a) {
  const type = { date: 'date', time: 'time', datetime: 'datetime-local' }[a.mode] ?? 'date';
  const norm = (v) => (typeof v === 'string' ? v.replace('t', 'T') : undefined);
  const input = h('input', { type, className: 'field', attrs: { min: norm(a.min), max: norm(a.max), 'data-testid': 'datetime-input' } });
  if (a.initial) input.value = norm(a.initial);
  const hint = [a.min ? `ตั้งแต่ ${a.min}` : '', a.max ? `ถึง ${a.max}` : ''].filter(Boolean).join(' ');
  openSheet(
    a.label ?? 'เลือกวันเวลา',
    input,
    hint ? h('div', { className: 'hint', text: hint }) : null,
    h(
      'div',
      { className: 'sheet-actions' },
      h('button', { className: 'btn-grey', type: 'button', text: 'ยกเลิก', on: { click: closeSheet } }),
      h('button', {
        className: 'btn-green',
        type: 'button',
        text: 'ตกลง',
        on: {
          click: () => {
            const v = input.value;
            if (!v) return toast('กรุณาเลือกก่อน');
            if (!input.checkValidity()) return toast(`อยู่นอกช่วงที่เลือกได้ (${hint})`);
            closeSheet();
            const key = a.mode === 'datetime' ? 'datetime' : a.mode === 'time' ? 'time' : 'date';
            send({ kind: 'postback', data: a.data ?? '', params: { [key]: v.slice(0, a.mode === 'datetime' ? 16 : undefined) } });
          },
        },
      }),
    ),
  );
  input.focus();
}

function openLocation() {
  const lat = h('input', { className: 'field', type: 'number', step: 'any', placeholder: 'ละติจูด เช่น 18.8052', attrs: { 'aria-label': 'latitude' } });
  const lng = h('input', {
    className: 'field',
    type: 'number',
    step: 'any',
    placeholder: 'ลองจิจูด เช่น 99.4863',
    attrs: { 'aria-label': 'longitude' },
  });
  const title = h('input', { className: 'field', type: 'text', placeholder: 'ชื่อสถานที่ (ไม่บังคับ)', maxLength: 100 });
  openSheet(
    'ส่งตำแหน่งที่ตั้ง',
    h('div', { className: 'hint', text: 'สถานที่ในตำบลแจ้ซ้อน (พิกัดโดยประมาณ)' }),
    h(
      'div',
      { className: 'place-list' },
      state.places.map((p) =>
        h(
          'button',
          {
            className: 'place',
            type: 'button',
            on: {
              click: () => {
                closeSheet();
                send({ kind: 'location', ...p });
              },
            },
          },
          h('span', { className: 'pin', text: '📍' }),
          h('span', {}, h('b', { text: p.title }), h('small', { text: p.address })),
        ),
      ),
    ),
    h('div', { className: 'hint', text: 'หรือกรอกพิกัดเอง' }),
    h('div', { className: 'two' }, lat, lng),
    title,
    h(
      'div',
      { className: 'sheet-actions' },
      h('button', {
        className: 'btn-green',
        type: 'button',
        text: 'ส่งตำแหน่งนี้',
        on: {
          click: () => {
            const la = Number(lat.value);
            const lo = Number(lng.value);
            if (!lat.value || !lng.value || Math.abs(la) > 90 || Math.abs(lo) > 180) return toast('กรุณากรอกพิกัดให้ถูกต้อง');
            closeSheet();
            send({ kind: 'location', latitude: la, longitude: lo, title: title.value.trim() || undefined });
          },
        },
      }),
    ),
  );
}

function openStickers() {
  openSheet(
    'สติกเกอร์',
    h(
      'div',
      { className: 'sticker-grid' },
      state.stickers.map((s) =>
        h('button', {
          className: 'sticker-pick',
          type: 'button',
          title: s.keywords.join(', '),
          text: s.emoji,
          on: {
            click: () => {
              closeSheet();
              send({ kind: 'sticker', packageId: s.packageId, stickerId: s.stickerId, keywords: s.keywords });
            },
          },
        }),
      ),
    ),
  );
}

function openPlus() {
  const user = currentUser();
  const item = (icon, label, fn) =>
    h(
      'button',
      {
        className: 'plus-item',
        type: 'button',
        on: {
          click: () => {
            closeSheet();
            fn();
          },
        },
      },
      h('span', { className: 'plus-icon', text: icon }),
      h('span', { text: label }),
    );
  openSheet(
    'เมนู',
    h(
      'div',
      { className: 'plus-grid' },
      item('📍', 'ตำแหน่ง', openLocation),
      item('🖼', 'รูปภาพ', () => $('file').click()),
      item('😊', 'สติกเกอร์', openStickers),
      user?.following
        ? item('⛔', 'บล็อก (unfollow)', () => send({ kind: 'unfollow' }))
        : item('➕', 'เพิ่มเพื่อน (follow)', () => send({ kind: 'follow' })),
      item('👤', 'เพิ่มผู้ใช้', openAddUser),
    ),
  );
}

function openAddUser() {
  const name = h('input', { className: 'field', type: 'text', placeholder: 'ชื่อ เช่น ยาย (บัวคำ)', maxLength: 40 });
  const lang = h(
    'select',
    { className: 'field' },
    h('option', { value: 'th', text: 'ภาษาไทย (th)' }),
    h('option', { value: 'en', text: 'English (en)' }),
  );
  openSheet(
    'เพิ่มผู้ใช้จำลอง',
    name,
    lang,
    h(
      'div',
      { className: 'sheet-actions' },
      h('button', {
        className: 'btn-green',
        type: 'button',
        text: 'เพิ่ม',
        on: {
          click: async () => {
            if (!name.value.trim()) return toast('กรุณากรอกชื่อ');
            try {
              const u = await api('POST', '/users', { displayName: name.value.trim(), language: lang.value });
              upsertUser(u);
              closeSheet();
              await selectUser(u.userId);
            } catch (err) {
              toast(err.message);
            }
          },
        },
      }),
    ),
  );
  name.focus();
}

// ---- users ------------------------------------------------------------------------------------------------------

const currentUser = () => state.users.find((u) => u.userId === state.current);

function upsertUser(u) {
  const i = state.users.findIndex((x) => x.userId === u.userId);
  if (i >= 0) state.users[i] = u;
  else state.users.push(u);
  renderTabs();
  if (u.userId === state.current) renderUserBar();
}

function renderTabs() {
  const tabs = $('user-tabs');
  clear(tabs);
  for (const u of state.users) {
    const unread = state.unread.get(u.userId) ?? 0;
    tabs.append(
      h(
        'button',
        {
          className: `tab${u.userId === state.current ? ' active' : ''}`,
          type: 'button',
          attrs: { role: 'tab', 'aria-selected': u.userId === state.current },
          on: { click: () => selectUser(u.userId) },
        },
        h('span', { text: u.displayName }),
        unread > 0 ? h('span', { className: 'badge', text: String(unread) }) : null,
      ),
    );
  }
  tabs.append(h('button', { className: 'tab add', type: 'button', text: '+ เพิ่มผู้ใช้', on: { click: openAddUser } }));
}

function renderUserBar() {
  const bar = $('user-bar');
  clear(bar);
  const u = currentUser();
  if (!u) return;
  const lang = h(
    'select',
    {
      className: 'mini',
      attrs: { 'aria-label': 'ภาษาในโปรไฟล์ LINE' },
      on: {
        change: async () => {
          upsertUser(await api('PATCH', `/users/${u.userId}`, { language: lang.value }));
          toast('เปลี่ยนภาษาในโปรไฟล์แล้ว — บอตจะเห็นเมื่ออ่านโปรไฟล์ใหม่ (เช่น เมื่อกดเพิ่มเพื่อนอีกครั้ง)');
        },
      },
    },
    h('option', { value: 'th', text: 'ไทย' }),
    h('option', { value: 'en', text: 'English' }),
  );
  lang.value = u.language;
  bar.append(
    h('span', { className: 'who', text: `คุยในนาม: ${u.displayName}`, title: u.userId }),
    h('label', { className: 'lang' }, h('span', { text: 'ภาษา' }), lang),
    u.following
      ? h('button', { className: 'mini', type: 'button', text: 'บล็อก', title: 'unfollow', on: { click: () => send({ kind: 'unfollow' }) } })
      : h('button', { className: 'mini green', type: 'button', text: 'เพิ่มเพื่อน', title: 'follow', on: { click: () => send({ kind: 'follow' }) } }),
  );
}

async function selectUser(userId) {
  state.current = userId;
  localStorage.setItem('sim.user', userId);
  state.unread.delete(userId);
  renderTabs();
  if (!state.chats.has(userId)) {
    const { entries } = await api('GET', `/users/${userId}/chat`);
    if (!state.chats.has(userId)) state.chats.set(userId, entries);
  }
  renderChat();
  scrollToBottom();
}

// ---- event stream -----------------------------------------------------------------------------------------------

function connect() {
  const es = new EventSource(`${API}/stream`);
  let opened = false;
  es.addEventListener('open', async () => {
    $('conn').hidden = true;
    if (opened) {
      // reconnected: reload what may have been missed
      state.chats.clear();
      await selectUser(state.current);
    }
    opened = true;
  });
  es.addEventListener('error', () => ($('conn').hidden = false));
  es.addEventListener('entry', (ev) => addEntry(JSON.parse(ev.data)));
  es.addEventListener('status', (ev) => {
    const s = JSON.parse(ev.data);
    const e = state.chats.get(s.userId)?.find((x) => x.seq === s.seq);
    if (!e) return;
    Object.assign(e, { status: s.status, error: s.error });
    if (s.userId === state.current) renderChat();
  });
  es.addEventListener('loading', (ev) => {
    const l = JSON.parse(ev.data);
    startLoading(l.userId, l.seconds);
  });
  es.addEventListener('user', (ev) => upsertUser(JSON.parse(ev.data)));
}

// ---- misc -------------------------------------------------------------------------------------------------------

let toastTimer;
function toast(text) {
  const t = $('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.hidden = true), 3500);
}

function sendTyped() {
  const input = $('input');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  updateSendButton();
  send({ kind: 'text', text });
}

function updateSendButton() {
  $('send').disabled = $('input').value.trim() === '';
}

async function main() {
  const s = await api('GET', '/state');
  state.bot = s.bot;
  state.users = s.users;
  state.places = s.places;
  state.stickers = s.stickers;
  for (const st of s.stickers) STICKER_EMOJI.set(`${st.packageId}/${st.stickerId}`, st.emoji);
  $('bot-name').textContent = s.bot.displayName;
  if (!state.users.some((u) => u.userId === state.current)) state.current = state.users[0]?.userId ?? '';

  $('input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      sendTyped();
    }
  });
  $('input').addEventListener('input', updateSendButton);
  $('send').addEventListener('click', sendTyped);
  $('plus').addEventListener('click', openPlus);
  $('sticker-btn').addEventListener('click', openStickers);
  $('backdrop').addEventListener('click', closeSheet);
  document.addEventListener('keydown', (e) => e.key === 'Escape' && closeSheet());
  $('file').addEventListener('change', () => {
    const f = $('file').files?.[0];
    $('file').value = '';
    if (!f) return;
    if (f.size > 10 * 1024 * 1024) return toast('รูปใหญ่เกิน 10 MB');
    const reader = new FileReader();
    reader.onload = () => send({ kind: 'image', dataUrl: String(reader.result) });
    reader.readAsDataURL(f);
  });
  updateSendButton();
  watchScroll();
  connect();
  await selectUser(state.current);
}

main().catch((err) => toast(`โหลดไม่สำเร็จ: ${err.message}`));
