/*
 * Staff console of the Chae Son Social Assistance Centre: a small single-page app in plain JavaScript (no build
 * step, no CDN). Pages: login, today, open danger alerts, requests (filters), a request, open chats, a chat, bookings of a day,
 * settings (slots, capacity, holidays), users. All text from the server is put in the page as text, never as
 * HTML. Changes send the session's CSRF token in X-CSRF-Token.
 */
'use strict';

(function () {
  const API = '/admin/api';
  const state = { user: null, csrf: '', permissions: [], meta: null, pollTimer: 0 };
  const app = document.getElementById('app');

  // ---- DOM helper ---------------------------------------------------------------------------------------------

  /** h('div.card#id', { attrs, on: {click} }, children…) — children are nodes or text. */
  function h(spec, attrs, ...children) {
    const m = /^([a-z0-9]+)?((?:[.#][\w-]+)*)$/i.exec(spec) || [];
    const el = document.createElement(m[1] || 'div');
    for (const part of (m[2] || '').match(/[.#][\w-]+/g) || []) {
      if (part[0] === '.') el.classList.add(part.slice(1));
      else el.id = part.slice(1);
    }
    if (attrs !== undefined && attrs !== null && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
      children.unshift(attrs);
      attrs = null;
    }
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k in el && typeof v !== 'string') el[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    append(el, children);
    return el;
  }
  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === undefined || c === null || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  /** Replaces the page's content (null/undefined children are skipped). */
  function show(...children) {
    return append(clear(app), children);
  }
  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  // ---- Formatting -----------------------------------------------------------------------------------------------

  const zone = { timeZone: 'Asia/Bangkok' };
  const fmtDateTime = new Intl.DateTimeFormat('th-TH', { ...zone, day: 'numeric', month: 'short', year: '2-digit', hour: '2-digit', minute: '2-digit' });
  const fmtDate = new Intl.DateTimeFormat('th-TH', { ...zone, weekday: 'short', day: 'numeric', month: 'short', year: '2-digit' });
  const fmtTime = new Intl.DateTimeFormat('th-TH', { ...zone, hour: '2-digit', minute: '2-digit' });
  const dateTime = (s) => (s ? fmtDateTime.format(new Date(s)) : '');
  const dateOnly = (s) => (s ? fmtDate.format(new Date(s)) : '');
  const timeOnly = (s) => (s ? fmtTime.format(new Date(s)) : '');
  /** Today's Bangkok date as YYYY-MM-DD. */
  function todayIso() {
    const p = new Intl.DateTimeFormat('en-CA', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    return p;
  }
  const can = (p) => state.permissions.includes(p);
  const ROLE_TH = { admin: 'ผู้ดูแลระบบ', staff: 'เจ้าหน้าที่', volunteer: 'อาสาสมัคร (อพม.)' };

  function statusBadge(status, label) {
    return h('span.badge.' + status, label || status);
  }

  // ---- API --------------------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.message) || 'เกิดข้อผิดพลาด (' + status + ')');
      this.status = status;
      this.body = body;
    }
  }

  async function api(method, path, body) {
    const init = { method, headers: { accept: 'application/json' }, credentials: 'same-origin' };
    if (method !== 'GET') {
      init.headers['content-type'] = 'application/json';
      init.headers['x-csrf-token'] = state.csrf;
      init.body = JSON.stringify(body || {});
    }
    const res = await fetch(API + path, init);
    let data = null;
    if (res.status !== 204) {
      try {
        data = await res.json();
      } catch (_) {
        data = null;
      }
    }
    if (res.status === 401 && path !== '/login') {
      state.user = null;
      showLogin();
      throw new ApiError(401, data);
    }
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }

  let toastTimer = 0;
  function toast(text, bad) {
    const t = document.getElementById('toast');
    t.textContent = text;
    t.classList.toggle('bad', !!bad);
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (t.hidden = true), 3500);
  }
  function fail(err) {
    if (err && err.status === 401) return;
    toast(err && err.message ? err.message : 'เกิดข้อผิดพลาด', true);
  }
  const DELIVERY_TH = { sent: 'ส่งถึงผู้ร้องแล้ว', pending: 'กำลังส่ง (LINE ไม่ว่าง จะลองส่งใหม่อัตโนมัติ)', failed: 'ส่งไม่สำเร็จ' };

  function newClientId() {
    const a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // ---- Router -----------------------------------------------------------------------------------------------------

  const routes = [
    [/^\/admin\/?$/, pageToday],
    [/^\/admin\/login$/, () => navigate('/admin', true)],
    [/^\/admin\/alerts\/?$/, pageAlerts],
    [/^\/admin\/requests\/?$/, pageRequests],
    [/^\/admin\/requests\/([^/]+)$/, pageRequest],
    [/^\/admin\/chats\/?$/, pageChats],
    [/^\/admin\/chats\/([^/]+)$/, pageChat],
    [/^\/admin\/bookings\/?$/, pageBookings],
    [/^\/admin\/settings\/?$/, pageSettings],
    [/^\/admin\/users\/?$/, pageUsers],
  ];

  function navigate(url, replace) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    render();
  }

  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[data-link]');
    if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(a.getAttribute('href'));
  });
  window.addEventListener('popstate', render);

  function link(href, ...children) {
    return h('a', { href, dataset: { link: '' } }, ...children);
  }

  async function render() {
    clearInterval(state.pollTimer);
    if (!state.user) return showLogin();
    renderNav();
    const path = location.pathname;
    for (const [re, page] of routes) {
      const m = re.exec(path);
      if (m) {
        clear(app);
        app.append(h('p.muted', 'กำลังโหลด…'));
        try {
          await page(...m.slice(1).map(decodeURIComponent));
        } catch (err) {
          if (err && err.status === 401) return;
          show(h('div.card', h('h1', err.status === 403 ? 'ไม่มีสิทธิ์เข้าถึง' : err.status === 404 ? 'ไม่พบข้อมูล' : 'เกิดข้อผิดพลาด'), h('p', err.message || ''), link('/admin', 'กลับหน้าแรก')));
        }
        app.focus({ preventScroll: true });
        return;
      }
    }
    show(h('div.card', h('h1', 'ไม่พบหน้านี้'), link('/admin', 'กลับหน้าแรก')));
  }

  function renderNav() {
    const top = document.getElementById('top');
    top.hidden = false;
    const items = [
      ['/admin', 'วันนี้', true],
      ['/admin/alerts', 'แจ้งเตือนอันตราย', can('chats:read')],
      ['/admin/requests', 'คำร้อง', true],
      ['/admin/chats', 'แชท', can('chats:read')],
      ['/admin/bookings', 'นัดหมาย', can('bookings:read')],
      ['/admin/settings', 'ตั้งค่า', can('settings:read')],
      ['/admin/users', 'ผู้ใช้', can('users:manage')],
    ];
    const nav = clear(document.getElementById('nav'));
    const path = location.pathname.replace(/\/$/, '') || '/admin';
    for (const [href, label, show] of items) {
      if (!show) continue;
      const current = href === '/admin' ? path === '/admin' : path.startsWith(href);
      nav.append(link(href, label, href === '/admin/chats' ? h('span.count#chat-count', { hidden: true }) : href === '/admin/alerts' ? h('span.count.alarm#alert-count', { hidden: true }) : null));
      if (current) nav.lastChild.setAttribute('aria-current', 'page');
    }
    const who = clear(document.getElementById('who'));
    who.append(h('span', state.user.displayName + ' · ' + (ROLE_TH[state.user.role] || state.user.role)));
    who.append(h('button', { type: 'button', on: { click: logout } }, 'ออกจากระบบ'));
  }

  function setAlertCount(n) {
    const c = document.getElementById('alert-count');
    if (!c) return;
    c.textContent = String(n);
    c.hidden = !n;
  }

  function setChatCount(n) {
    const c = document.getElementById('chat-count');
    if (!c) return;
    c.textContent = String(n);
    c.hidden = !n;
  }

  // ---- Login ------------------------------------------------------------------------------------------------------

  function showLogin() {
    document.getElementById('top').hidden = true;
    const err = h('div.error', { hidden: true, role: 'alert' });
    const user = h('input#username', { type: 'text', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
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

  async function signedIn(r) {
    state.user = r.user;
    state.csrf = r.csrfToken;
    state.permissions = r.permissions;
    state.meta = await api('GET', '/meta');
  }

  async function logout() {
    try {
      await api('POST', '/logout');
    } catch (_) {
      /* already out */
    }
    state.user = null;
    history.replaceState(null, '', '/admin');
    showLogin();
  }

  // ---- Shared pieces ----------------------------------------------------------------------------------------------

  function requestItem(r) {
    return h(
      'li',
      link(
        '/admin/requests/' + encodeURIComponent(r.reference),
        h(
          'div.spread',
          h('span.ref', r.reference),
          h('span.row', r.urgent ? h('span.badge.urgent', 'ด่วน') : null, r.danger ? h('span.badge.danger', 'อันตราย') : null, r.chatOpen ? h('span.badge.chat', 'รอคุย') : null, statusBadge(r.status, r.statusLabel)),
        ),
        h('div.name', (r.beneficiaryName || r.requesterName || 'ไม่ระบุชื่อ') + ' · ' + r.categoryLabel),
        h('div.meta', [dateTime(r.createdAt), r.outsideArea ? 'นอกพื้นที่' + (r.outsidePlace ? ' (' + r.outsidePlace + ')' : '') : r.village && r.villageToConfirm ? r.village + ' (ตรวจสอบหมู่บ้าน)' : r.village, r.assignedToName ? 'ผู้รับผิดชอบ: ' + r.assignedToName : null].filter(Boolean).join(' · ')),
      ),
    );
  }
  function requestList(items, emptyText) {
    if (!items || !items.length) return h('p.empty', emptyText || 'ไม่มีรายการ');
    const ul = h('ul.items');
    for (const r of items) {
      const li = requestItem(r);
      li.firstChild.classList.add('item');
      if (r.urgent) li.firstChild.classList.add('is-urgent');
      ul.append(li);
    }
    return ul;
  }

  function chatList(chats) {
    if (!chats || !chats.length) return h('p.empty', 'ไม่มีผู้รอคุยกับเจ้าหน้าที่');
    const ul = h('ul.items');
    for (const c of chats) {
      ul.append(
        h(
          'li',
          link(
            '/admin/chats/' + encodeURIComponent(c.lineUserId),
            h('div.spread', h('strong', c.displayName || 'ผู้ติดต่อ'), h('span.row', c.unread ? h('span.badge.urgent', c.unread + ' ใหม่') : null, h('span.badge.chat', 'รอคุย'))),
            h('div.name', c.lastText || ''),
            h('div.meta', ['ขอคุยเมื่อ ' + dateTime(c.openedAt), c.references.length ? 'คำร้อง ' + c.references.join(', ') : null].filter(Boolean).join(' · ')),
          ),
        ),
      );
      ul.lastChild.firstChild.classList.add('item');
    }
    return ul;
  }

  function bookingRows(bookings, onChange) {
    if (!bookings || !bookings.length) return h('p.empty', 'ไม่มีนัดหมาย');
    const table = h('table.table.stack', h('thead', h('tr', h('th', 'เวลา'), h('th', 'ผู้นัด'), h('th', 'เรื่อง'), h('th', 'สถานะ'), onChange ? h('th', '') : null)));
    const body = h('tbody');
    for (const b of bookings) {
      const actions = onChange ? h('td.actions', bookingActions(b, onChange)) : null;
      body.append(
        h(
          'tr',
          h('td.time', h('strong', b.time)),
          h('td.who', b.name || b.requesterName || '-', h('div.small.muted', [b.phone, b.reference].filter(Boolean).join(' · '))),
          h('td.what', b.purposeLabel || b.purpose || ''),
          h('td.state', statusBadge(b.status === 'booked' ? 'received' : b.status === 'attended' ? 'resolved' : 'closed', b.statusLabel || b.status)),
          actions,
        ),
      );
    }
    table.append(body);
    return h('div.scroll', table);
  }

  function bookingActions(b, onChange) {
    if (b.status !== 'booked') return h('span.muted.small', '');
    const act = (action, extra) => async (e) => {
      e.target.disabled = true;
      try {
        const r = await api('POST', '/bookings/' + encodeURIComponent(b.reference) + '/' + action, extra || {});
        toast(r.delivery ? 'บันทึกแล้ว · ' + (DELIVERY_TH[r.delivery] || '') : 'บันทึกแล้ว');
        onChange();
      } catch (err) {
        fail(err);
        e.target.disabled = false;
      }
    };
    const date = h('input', { type: 'date', value: b.date, 'aria-label': 'วันใหม่' });
    const time = h('select', { 'aria-label': 'เวลาใหม่' }, (state.meta.slotTimes || [b.time]).map((t) => h('option', { value: t, selected: t === b.time }, t + ' น.')));
    const moveBox = h('div.row', { hidden: true }, date, time, h('button.btn.small', { type: 'button', on: { click: (e) => act('reschedule', { date: date.value, time: time.value })(e) } }, 'ยืนยันเลื่อน'));
    return h(
      'div',
      h(
        'div.row',
        h('button.btn.small', { type: 'button', on: { click: act('attended') } }, 'มาตามนัด'),
        h('button.btn.small.secondary', { type: 'button', on: { click: act('no-show') } }, 'ไม่มา'),
        h('button.btn.small.secondary', { type: 'button', on: { click: () => (moveBox.hidden = !moveBox.hidden) } }, 'เลื่อนนัด'),
        h(
          'button.btn.small.danger',
          {
            type: 'button',
            on: {
              click: (e) => {
                if (confirm('ยกเลิกนัดนี้และแจ้งผู้นัดทาง LINE?')) act('cancel')(e);
              },
            },
          },
          'ยกเลิก',
        ),
      ),
      moveBox,
    );
  }

  function transcriptView(entries) {
    const box = h('div.transcript', { 'aria-label': 'บทสนทนา', role: 'log' });
    if (!entries.length) box.append(h('p.empty', 'ยังไม่มีข้อความ'));
    let day = '';
    for (const m of entries) {
      const d = dateOnly(m.at);
      if (d !== day) {
        day = d;
        box.append(h('div.day', d));
      }
      const who = m.from === 'staff' ? 'เจ้าหน้าที่ ' + (m.staffName || '') : m.from === 'bot' ? 'บอท' : '';
      const body = [];
      if (m.contentUrl) body.push(h('img', { src: m.contentUrl, alt: 'รูปที่ผู้ร้องส่ง', loading: 'lazy' }));
      else if (m.location) body.push('📍 ' + [m.location.title, m.location.address].filter(Boolean).join(' '));
      else body.push(m.text || '[' + m.type + ']');
      const meta = [timeOnly(m.at), who, m.deliveryStatus === 'failed' ? 'ส่งไม่สำเร็จ' : m.deliveryStatus === 'pending' ? 'กำลังส่ง' : null].filter(Boolean).join(' · ');
      box.append(h('div.msg.' + m.from, body, h('span.when', meta)));
    }
    requestAnimationFrame(() => (box.scrollTop = box.scrollHeight));
    return box;
  }

  /** Reply box: sends to the citizen (push), then calls `after`. */
  function replyBox(path, after, placeholder) {
    const input = h('textarea#reply-text', { name: 'reply', rows: 2, maxlength: 4000, placeholder: placeholder || 'พิมพ์ข้อความถึงผู้ร้อง…', 'aria-label': 'ข้อความตอบกลับ' });
    const send = h('button.btn', { type: 'submit' }, 'ส่ง');
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
              input.value = '';
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

  function poll(fn, ms) {
    clearInterval(state.pollTimer);
    state.pollTimer = setInterval(() => {
      if (document.visibilityState === 'visible') fn().catch(() => undefined);
    }, ms);
  }

  // ---- Pages: today ----------------------------------------------------------------------------------------------

  async function pageToday() {
    const t = await api('GET', '/today');
    const stats = h('div.stats');
    const urgent = h('a.stat.urgent', { href: '/admin/requests?urgent=true&state=open', dataset: { link: '' } }, h('b', t.urgentOpen.length), 'ด่วน ยังไม่เสร็จ');
    stats.append(urgent);
    for (const s of state.meta.statuses) {
      if (s.value === 'closed') continue;
      stats.append(h('a.stat', { href: '/admin/requests?status=' + s.value, dataset: { link: '' } }, h('b', t.counts[s.value] || 0), s.label));
    }
    if (t.chats) setChatCount(t.chats.length);
    if (can('chats:read')) api('GET', '/alerts').then((r) => setAlertCount(r.open)).catch(() => undefined);
    show(
      h('div.spread', h('h1', 'วันนี้ · ' + dateOnly(new Date())), link('/admin/requests', 'ดูคำร้องทั้งหมด')),
      stats,
      h(
        'div.grid.halves',
        h(
          'div',
          h('section.card', h('h2', '🔴 ด่วน ยังไม่เสร็จ'), requestList(t.urgentOpen, 'ไม่มีเรื่องด่วนค้าง')),
          h('section.card', h('h2', 'คำร้องใหม่วันนี้'), requestList(t.newToday, 'วันนี้ยังไม่มีคำร้องใหม่')),
        ),
        h(
          'div',
          t.chats ? h('section.card', h('h2', '💬 รอคุยกับเจ้าหน้าที่'), chatList(t.chats)) : null,
          t.bookings ? h('section.card', h('div.spread', h('h2', '📅 นัดหมายวันนี้'), link('/admin/bookings', 'จัดการนัดหมาย')), bookingRows(t.bookings)) : null,
        ),
      ),
    );
  }

  // ---- Pages: danger alerts --------------------------------------------------------------------------------------

  const AT_RISK_NOTE = { speaker: 'ผู้ที่พิมพ์เองอาจมีอันตราย', subject: 'บุคคลที่ผู้พิมพ์เล่าถึงอาจมีอันตราย', unknown: 'ยังไม่ชัดว่าใครมีอันตราย' };

  function alertItem(a, onAck) {
    const ack = h(
      'button.btn.small',
      {
        type: 'button',
        on: {
          click: async (e) => {
            e.target.disabled = true;
            try {
              const r = await api('POST', '/alerts/' + encodeURIComponent(a.id) + '/ack');
              setAlertCount(r.open);
              toast('รับทราบแล้ว');
              await onAck();
            } catch (err) {
              fail(err);
              e.target.disabled = false;
            }
          },
        },
      },
      'รับทราบ',
    );
    return h(
      'li.item.is-urgent.alert',
      h('div.spread', h('strong', a.displayName || 'ผู้ติดต่อ'), h('span.row', h('span.badge.urgent', a.kindLabel), a.deliveredToGroup ? h('span.badge.chat', 'ส่งเข้ากลุ่มแล้ว') : null)),
      a.excerpt ? h('blockquote.excerpt', a.excerpt) : null,
      a.lastMessage && a.lastMessage !== a.excerpt ? h('div.name', 'ข้อความล่าสุด: ' + a.lastMessage) : null,
      h('div.meta', [dateTime(a.at), a.atRisk ? AT_RISK_NOTE[a.atRisk] : null, a.reference ? 'คำร้อง ' + a.reference : 'ยังไม่มีคำร้อง'].filter(Boolean).join(' · ')),
      h(
        'div.row',
        link('/admin/chats/' + encodeURIComponent(a.lineUserId), 'เปิดแชท'),
        a.reference ? link('/admin/requests/' + encodeURIComponent(a.reference), 'เปิดคำร้อง') : null,
        a.acknowledgedAt ? h('span.small.muted', 'รับทราบโดย ' + (a.acknowledgedBy || '') + ' · ' + dateTime(a.acknowledgedAt)) : ack,
      ),
    );
  }

  async function pageAlerts() {
    const list = h('div');
    const load = async () => {
      const r = await api('GET', '/alerts');
      setAlertCount(r.open);
      clear(list);
      if (!r.alerts.length) list.append(h('p.empty', 'ไม่มีแจ้งเตือนอันตรายที่ยังไม่ได้รับทราบ'));
      else list.append(h('ul.items', r.alerts.map((a) => alertItem(a, load))));
    };
    await load();
    show(
      h('h1', 'แจ้งเตือนอันตราย'),
      h('p.muted.small', 'ข้อความที่บอทพบว่าอาจมีคนตกอยู่ในอันตราย (ทำร้ายตัวเอง ความรุนแรง เจ็บป่วยฉุกเฉิน) รวมทั้งที่ยังไม่มีคำร้อง ติดต่อกลับโดยเร็ว แล้วกด "รับทราบ" เมื่อมีผู้ดูแลเรื่องนี้แล้ว'),
      list,
    );
    poll(load, 15000);
  }

  // ---- Pages: request list ---------------------------------------------------------------------------------------

  async function pageRequests() {
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
      field('status', 'สถานะ', sel('status', state.meta.statuses.map((s) => [s.value, s.label]), params.get('status') || '')),
      field('state', 'ความคืบหน้า', sel('state', [['open', 'ยังไม่เสร็จ'], ['done', 'เสร็จ/ปิดแล้ว']], params.get('state') || '')),
      field('category', 'เรื่อง', sel('category', state.meta.categories.map((c) => [c.value, c.label]), params.get('category') || '')),
      field('urgent', 'ด่วน', sel('urgent', [['true', 'ด่วนเท่านั้น'], ['false', 'ไม่ด่วน']], params.get('urgent') || '')),
      field('urgency', 'ความเร่งด่วนที่แจ้ง', sel('urgency', state.meta.urgencies.map((u) => [u.value, u.label]), params.get('urgency') || '')),
      field('village', 'หมู่บ้าน', sel('village', state.meta.villages.map((v) => [v, v]), params.get('village') || '')),
      field('assignedTo', 'ผู้รับผิดชอบ', sel('assignedTo', [['me', 'ของฉัน'], ['none', 'ยังไม่มอบหมาย']], params.get('assignedTo') || '')),
      field('from', 'ตั้งแต่วันที่', h('input#f-from', { type: 'date', name: 'from', value: params.get('from') || '' })),
      field('to', 'ถึงวันที่', h('input#f-to', { type: 'date', name: 'to', value: params.get('to') || '' })),
      field('sort', 'เรียง', sel('sort', [['newest', 'ใหม่ก่อน'], ['urgent', 'ด่วนก่อน'], ['oldest', 'เก่าก่อน']], params.get('sort') || '')),
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
      h('div.spread', h('h1', 'คำร้อง'), can('requests:export') ? h('a.btn.secondary.small', { href: API + '/requests.csv?' + csvParams, download: '' }, 'ส่งออก CSV (Excel)') : null),
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

  // ---- Pages: one request ----------------------------------------------------------------------------------------

  async function pageRequest(ref) {
    const d = await api('GET', '/requests/' + encodeURIComponent(ref));
    const r = d.request;
    const reload = () => pageRequest(ref);

    // Status
    const note = h('textarea#status-note', { rows: 2, maxlength: 500, placeholder: 'เช่น นัดเยี่ยมบ้านวันพฤหัสบดี ช่วงเช้า' });
    const notify = h('input#status-notify', { type: 'checkbox', checked: true });
    const statusCard = h(
      'section.card',
      h('h2', 'สถานะ'),
      h('p', statusBadge(r.status, r.statusLabel)),
      can('requests:update')
        ? [
            h('label', { for: 'status-note' }, 'ข้อความถึงผู้ร้อง (ไม่บังคับ)'),
            note,
            h('label.check', notify, 'แจ้งผู้ร้องทาง LINE'),
            h(
              'div.status-buttons',
              r.nextStatuses.map((s) =>
                h(
                  'button.btn' + (s.status === 'closed' ? '.secondary' : ''),
                  {
                    type: 'button',
                    dataset: { status: s.status },
                    on: {
                      click: async (e) => {
                        e.target.disabled = true;
                        try {
                          const res = await api('POST', '/requests/' + encodeURIComponent(ref) + '/status', { status: s.status, note: note.value.trim() || undefined, notify: notify.checked });
                          toast('เปลี่ยนสถานะเป็น "' + s.label + '" แล้ว' + (res.delivery ? ' · ' + DELIVERY_TH[res.delivery] : ''), res.delivery === 'failed');
                          await reload();
                        } catch (err) {
                          fail(err);
                          e.target.disabled = false;
                        }
                      },
                    },
                  },
                  s.label,
                ),
              ),
            ),
          ]
        : null,
      h('h3', 'ประวัติ'),
      h(
        'ul.history',
        r.statusHistory
          .slice()
          .reverse()
          .map((x) => h('li', h('strong', x.statusLabel), ' · ', dateTime(x.at), x.byName ? ' · ' + x.byName : '', x.note ? h('div.muted', '“' + x.note + '”') : null)),
      ),
    );

    // Beneficiary
    const idValue = h('span#national-id', r.nationalId || '-');
    const facts = h('dl.facts');
    const fact = (k, v) => v !== undefined && v !== null && v !== '' && facts.append(h('dt', k), h('dd', v));
    const b = r.beneficiary || {};
    fact('ผู้ต้องการความช่วยเหลือ', [b.name || '-', b.who === 'self' ? '(ผู้แจ้งเอง)' : b.relationLabel ? '(' + b.relationLabel + 'ของผู้แจ้ง)' : ''].join(' '));
    fact('อายุ', b.age ? b.age + ' ปี' : undefined);
    fact('ผู้แจ้ง (LINE)', d.citizen.displayName || r.requesterName);
    fact('โทรศัพท์', r.phone ? (r.phoneMasked ? r.phone + ' (ซ่อน)' : h('a', { href: 'tel:' + r.phone.replace(/\D/g, '') }, r.phone)) : '-');
    if (r.nationalId)
      fact(
        'เลขบัตรประชาชน',
        h(
          'span',
          idValue,
          r.canRevealNationalId && r.nationalIdMasked
            ? h(
                'button.btn.small.secondary',
                {
                  type: 'button',
                                    on: {
                    click: async (e) => {
                      try {
                        const x = await api('GET', '/requests/' + encodeURIComponent(ref) + '/identity');
                        idValue.textContent = x.nationalId;
                        e.target.remove();
                      } catch (err) {
                        fail(err);
                      }
                    },
                  },
                },
                'แสดงเลขเต็ม',
              )
            : null,
        ),
      );
    fact('เรื่อง', r.categoryLabel);
    fact('ความเร่งด่วน', r.urgencyLabel);
    fact('หมู่บ้าน', r.outsideArea ? 'นอกพื้นที่ตำบล' + (r.outsidePlace ? ': ' + r.outsidePlace : '') : r.village ? r.village + (r.villageToConfirm ? ' (ไม่อยู่ในรายชื่อหมู่บ้าน: ตรวจสอบ)' : '') : '-');
    if (r.location && r.location.latitude)
      fact('ตำแหน่ง', h('a', { href: 'https://www.google.com/maps?q=' + r.location.latitude + ',' + r.location.longitude, target: '_blank', rel: 'noopener noreferrer' }, r.location.address || 'เปิดแผนที่'));
    else if (r.location) fact('ตำแหน่ง', r.location.address);
    fact('รายละเอียด', r.details);
    fact('ความยินยอม', r.consent ? (r.consent.given ? 'ยินยอม' + (r.consent.sensitive ? ' (ข้อมูลอ่อนไหว)' : '') + ' · ' + dateTime(r.consent.at) : 'ไม่ยินยอม') : undefined);
    fact('แจ้งเมื่อ', dateTime(r.createdAt));
    const infoCard = h('section.card', h('h2', 'ข้อมูลผู้ร้อง'), facts, r.photos.length ? [h('h3', 'รูปภาพ'), h('div.photos', r.photos.map((u) => h('a', { href: u, target: '_blank' }, h('img', { src: u, alt: 'รูปประกอบคำร้อง' }))))] : null);

    // Assignment
    let assignCard = null;
    if (can('requests:update') && can('users:list')) {
      const staffList = await api('GET', '/staff');
      const s = h('select#assign', { 'aria-label': 'ผู้รับผิดชอบ' }, h('option', { value: '' }, '— ยังไม่มอบหมาย —'));
      for (const u of staffList.staff) s.append(h('option', { value: u.id, selected: u.id === r.assignedTo }, u.displayName + ' (' + (ROLE_TH[u.role] || u.role) + ')'));
      s.addEventListener('change', async () => {
        try {
          const x = await api('POST', '/requests/' + encodeURIComponent(ref) + '/assign', { staffId: s.value || null });
          toast(x.assignedToName ? 'มอบหมายให้ ' + x.assignedToName + ' แล้ว' : 'ยกเลิกการมอบหมายแล้ว');
        } catch (err) {
          fail(err);
        }
      });
      assignCard = h('section.card', h('h2', 'ผู้รับผิดชอบ'), s);
    } else if (r.assignedToName) {
      assignCard = h('section.card', h('h2', 'ผู้รับผิดชอบ'), h('p', r.assignedToName));
    }

    // Notes
    const noteText = h('textarea#note-text', { rows: 2, maxlength: 2000, placeholder: 'บันทึกภายใน (ผู้ร้องไม่เห็น)' });
    const notesCard = h(
      'section.card',
      h('h2', 'บันทึกภายใน'),
      d.notes.length ? h('ul.notes', d.notes.map((n) => h('li', n.text, h('div.small.muted', n.byName + ' · ' + dateTime(n.at))))) : h('p.empty', 'ยังไม่มีบันทึก'),
      can('requests:note')
        ? h(
            'form',
            {
              on: {
                submit: async (e) => {
                  e.preventDefault();
                  if (!noteText.value.trim()) return;
                  try {
                    await api('POST', '/requests/' + encodeURIComponent(ref) + '/notes', { text: noteText.value.trim() });
                    toast('บันทึกแล้ว');
                    await reload();
                  } catch (err) {
                    fail(err);
                  }
                },
              },
            },
            noteText,
            h('div.row.mt', h('button.btn.secondary.small', { type: 'submit' }, 'เพิ่มบันทึก')),
          )
        : null,
    );

    // Conversation
    let chatCard = null;
    if (d.transcript) {
      const tBox = h('div', transcriptView(d.transcript));
      const refresh = async () => {
        const x = await api('GET', '/requests/' + encodeURIComponent(ref));
        clear(tBox).append(transcriptView(x.transcript));
      };
      chatCard = h(
        'section.card',
        h(
          'div.spread',
          h('h2', 'บทสนทนา'),
          d.chat && d.chat.open ? h('span.row', h('span.badge.chat', 'เจ้าหน้าที่กำลังคุย · บอทหยุดตอบ'), closeChatButton(d.citizen.lineUserId, reload)) : h('span.small.muted', 'บอทตอบอัตโนมัติ'),
        ),
        tBox,
        can('chats:reply') && d.citizen.following !== false ? replyBox('/requests/' + encodeURIComponent(ref) + '/reply', refresh) : d.citizen.following === false ? h('p.error', 'ผู้ร้องบล็อกบัญชี LINE ของศูนย์ฯ แล้ว กรุณาโทรติดต่อ') : null,
        d.citizen.lineUserId ? h('p.small', link('/admin/chats/' + encodeURIComponent(d.citizen.lineUserId), 'เปิดหน้าแชทของผู้ร้อง')) : null,
      );
      poll(refresh, 10000);
    }

    const others = d.otherRequests.length
      ? h('section.card', h('h2', 'คำร้องอื่นของผู้ร้อง'), h('ul.history', d.otherRequests.map((o) => h('li', link('/admin/requests/' + encodeURIComponent(o.reference), o.reference), ' · ', o.categoryLabel, ' · ', o.statusLabel))))
      : null;

    show(
      h(
        'div.spread',
        h('h1', 'คำร้อง ' + r.reference),
        h('span.row', r.urgent ? h('span.badge.urgent', 'ด่วน') : null, r.danger ? h('span.badge.danger', 'พบคำบ่งชี้อันตราย') : null, statusBadge(r.status, r.statusLabel)),
      ),
      h('p.small', link('/admin/requests', '‹ รายการคำร้อง')),
      h('div.grid.two', h('div', infoCard, chatCard), h('div', statusCard, assignCard, notesCard, others)),
    );
  }

  function closeChatButton(lineUserId, after) {
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

  // ---- Pages: chats ----------------------------------------------------------------------------------------------

  async function pageChats() {
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

  async function pageChat(userId) {
    const d = await api('GET', '/chats/' + encodeURIComponent(userId));
    const reload = () => pageChat(userId);
    const tBox = h('div', transcriptView(d.transcript));
    const refresh = async () => {
      const x = await api('GET', '/chats/' + encodeURIComponent(userId));
      clear(tBox).append(transcriptView(x.transcript));
    };
    show(
      h('div.spread', h('h1', 'แชทกับ ' + (d.citizen.displayName || 'ผู้ติดต่อ')), d.chat.open ? h('span.row', h('span.badge.chat', 'เจ้าหน้าที่กำลังคุย · บอทหยุดตอบ'), closeChatButton(userId, reload)) : h('span.small.muted', 'บอทตอบอัตโนมัติ')),
      h('p.small', link('/admin/chats', '‹ แชททั้งหมด')),
      h(
        'div.grid.two',
        h('section.card', tBox, can('chats:reply') && d.citizen.following !== false ? replyBox('/chats/' + encodeURIComponent(userId) + '/reply', refresh) : null),
        h('section.card', h('h2', 'คำร้องของผู้ติดต่อ'), d.requests.length ? h('ul.history', d.requests.map((o) => h('li', link('/admin/requests/' + encodeURIComponent(o.reference), o.reference), ' · ', o.categoryLabel, ' · ', o.statusLabel, o.urgent ? ' · ด่วน' : ''))) : h('p.empty', 'ยังไม่มีคำร้อง')),
      ),
    );
    poll(refresh, 8000);
  }

  // ---- Pages: bookings -------------------------------------------------------------------------------------------

  async function pageBookings() {
    const params = new URLSearchParams(location.search);
    const date = params.get('date') || todayIso();
    const r = await api('GET', '/bookings?date=' + encodeURIComponent(date));
    const picker = h('input#booking-date', { type: 'date', value: date, 'aria-label': 'วันที่' });
    picker.addEventListener('change', () => picker.value && navigate('/admin/bookings?date=' + picker.value));
    const shift = (days) => {
      const d = new Date(date + 'T00:00:00Z');
      d.setUTCDate(d.getUTCDate() + days);
      navigate('/admin/bookings?date=' + d.toISOString().slice(0, 10));
    };
    show(
      h('h1', 'นัดหมาย · ' + dateOnly(date + 'T12:00:00+07:00')),
      h('div.row.mb', h('button.btn.secondary.small', { type: 'button', on: { click: () => shift(-1) } }, '‹ วันก่อน'), h('div.narrow', picker), h('button.btn.secondary.small', { type: 'button', on: { click: () => shift(1) } }, 'วันถัดไป ›')),
      r.closed ? h('p.error', r.closed) : null,
      r.slots.length ? h('div.stats', r.slots.map((x) => h('div.stat' + (x.taken >= x.capacity ? '.urgent' : ''), h('b', x.taken + '/' + x.capacity), x.time + ' น.'))) : null,
      h('section.card', bookingRows(r.bookings, can('bookings:update') ? () => pageBookings() : null)),
    );
  }

  // ---- Pages: settings -------------------------------------------------------------------------------------------

  /**
   * The staff LINE group card: the paired group with "ยกเลิกการจับคู่", or "สร้างรหัสจับคู่" showing a one-time code
   * to type in the group; while the code waits, the card asks the server every 3 s and confirms the pairing.
   */
  function staffGroupCard(g, editable, code) {
    const card = h('section.card#staff-group', h('h2', 'กลุ่ม LINE เจ้าหน้าที่ (รับแจ้งเตือน)'));
    const redraw = async () => card.replaceWith(staffGroupCard(await api('GET', '/settings/staff-group'), editable));
    const act = (label, run, secondary) =>
      h('button.btn.small' + (secondary ? '.secondary' : ''), { type: 'button', on: { click: () => run().catch(fail) } }, label);
    if (g.configured) {
      card.append(h('p', 'กลุ่มปัจจุบัน: ' + g.group + ' (กำหนดด้วย STAFF_GROUP_ID)'));
      return card;
    }
    if (g.group) {
      card.append(h('p#staff-group-paired', 'จับคู่แล้วกับกลุ่ม ' + g.group), h('p.small.muted', 'เมื่อ ' + dateTime(g.pairedAt) + (g.pairedBy ? ' โดย ' + g.pairedBy : '')));
    } else {
      card.append(h('p', 'ยังไม่ได้จับคู่กลุ่ม — แจ้งเตือนจะรอไว้ (ดูได้ในระบบนี้) จนกว่าจะจับคู่กลุ่ม LINE ของเจ้าหน้าที่'));
    }
    if (code && g.pendingUntil) {
      card.append(
        h('div.stat', h('b#pairing-code', code.slice(0, 3) + ' ' + code.slice(3)), 'รหัสจับคู่ (ใช้ได้ครั้งเดียว)'),
        h('p', 'เพิ่มบอทเข้ากลุ่ม LINE ของเจ้าหน้าที่ แล้วพิมพ์รหัสนี้ในกลุ่ม ภายในเวลา ' + timeOnly(g.pendingUntil) + ' น.'),
        editable ? h('div.row', act('ยกเลิกรหัส', async () => { await api('POST', '/settings/staff-group', { action: 'cancel_code' }); await redraw(); }, true)) : null,
      );
      poll(async () => {
        const now = await api('GET', '/settings/staff-group');
        if (now.pendingUntil) return;
        clearInterval(state.pollTimer);
        if (now.group && now.group !== g.group) toast('จับคู่กลุ่ม ' + now.group + ' สำเร็จแล้ว');
        card.replaceWith(staffGroupCard(now, editable));
      }, 3000);
      return card;
    }
    if (editable) {
      card.append(
        h(
          'div.row',
          act('สร้างรหัสจับคู่', async () => {
            const r = await api('POST', '/settings/staff-group/code');
            card.replaceWith(staffGroupCard(r, editable, r.code));
          }),
          g.group
            ? act('ยกเลิกการจับคู่', async () => {
                if (!confirm('ยกเลิกการจับคู่กลุ่ม ' + g.group + '? กลุ่มนี้จะไม่ได้รับแจ้งเตือนอีก จนกว่าจะจับคู่ใหม่')) return;
                await api('POST', '/settings/staff-group', { action: 'unpair' });
                toast('ยกเลิกการจับคู่แล้ว');
                await redraw();
              }, true)
            : null,
        ),
      );
    }
    return card;
  }

  async function pageSettings() {
    const [s, g] = await Promise.all([api('GET', '/settings/calendar'), api('GET', '/settings/staff-group')]);
    const editable = can('settings:write');
    const groupCard = staffGroupCard(g, editable);
    const slotsBody = h('tbody');
    const addSlotRow = (slot) => {
      const tr = h(
        'tr',
        h('td', h('input', { type: 'text', inputmode: 'numeric', pattern: '([01][0-9]|2[0-3]):[0-5][0-9]', placeholder: '09:00', maxlength: 5, value: slot.time, disabled: !editable, 'aria-label': 'เวลา (ชั่วโมง:นาที)', dataset: { f: 'time' } })),
        h('td', h('input', { type: 'number', min: 0, max: 100, value: slot.capacity, disabled: !editable, 'aria-label': 'จำนวนที่รับ', dataset: { f: 'capacity' } })),
        h('td', editable ? h('button.btn.small.secondary', { type: 'button', on: { click: () => tr.remove() } }, 'ลบ') : null),
      );
      slotsBody.append(tr);
    };
    s.booking.slots.forEach(addSlotRow);
    const holBody = h('tbody');
    const addHolidayRow = (x) => {
      const tr = h(
        'tr',
        h('td', h('input', { type: 'date', value: x.date, disabled: !editable, 'aria-label': 'วันที่', dataset: { f: 'date' } })),
        h('td', h('input', { type: 'text', value: x.th, disabled: !editable, 'aria-label': 'ชื่อวันหยุด', dataset: { f: 'th' } })),
        h('td', editable ? h('button.btn.small.secondary', { type: 'button', on: { click: () => tr.remove() } }, 'ลบ') : null),
      );
      tr.dataset.en = x.en || '';
      holBody.append(tr);
    };
    const today = todayIso();
    const past = s.holidays.filter((x) => x.date < today);
    s.holidays.filter((x) => x.date >= today).forEach(addHolidayRow);
    const err = h('div.error', { hidden: true });
    const save = async () => {
      err.hidden = true;
      const slots = [...slotsBody.children].map((tr) => ({ time: tr.querySelector('[data-f=time]').value, capacity: Number(tr.querySelector('[data-f=capacity]').value) }));
      slots.sort((a, b) => a.time.localeCompare(b.time));
      const holidays = past.concat(
        [...holBody.children].map((tr) => ({ date: tr.querySelector('[data-f=date]').value, th: tr.querySelector('[data-f=th]').value.trim(), en: tr.dataset.en || undefined })),
      );
      try {
        await api('PUT', '/settings/calendar', { booking: { slots }, holidays: holidays.map((x) => ({ date: x.date, th: x.th, ...(x.en ? { en: x.en } : {}) })) });
        toast('บันทึกการตั้งค่าแล้ว');
        await pageSettings();
      } catch (e) {
        err.textContent = e.message + (e.body && e.body.details ? ': ' + e.body.details.map((x) => x.path + ' ' + x.message).join('; ') : '');
        err.hidden = false;
      }
    };
    show(
      h('h1', 'ตั้งค่า'),
      editable ? null : h('p.muted.small', 'ดูได้อย่างเดียว (แก้ไขได้เฉพาะผู้ดูแลระบบ)'),
      h(
        'div.grid.halves',
        h(
          'section.card',
          h('h2', 'ช่วงเวลานัดและจำนวนที่รับ'),
          h('p.small.muted', 'เวลาทำการ ' + s.officeHours.open + '–' + s.officeHours.close + ' น. · ช่วงละ ' + s.booking.slotMinutes + ' นาที · นัดล่วงหน้าได้ ' + s.booking.maxDaysAhead + ' วัน'),
          h('div.scroll', h('table.table', h('thead', h('tr', h('th', 'เวลาเริ่ม'), h('th', 'รับได้ (คน)'), h('th', ''))), slotsBody)),
          editable ? h('button.btn.small.secondary', { type: 'button', on: { click: () => addSlotRow({ time: '', capacity: 2 }) } }, '+ เพิ่มช่วงเวลา') : null,
        ),
        h(
          'section.card',
          h('h2', 'วันหยุด (ตั้งแต่วันนี้)'),
          h('div.scroll', h('table.table', h('thead', h('tr', h('th', 'วันที่'), h('th', 'ชื่อวันหยุด'), h('th', ''))), holBody)),
          editable ? h('button.btn.small.secondary', { type: 'button', on: { click: () => addHolidayRow({ date: '', th: '' }) } }, '+ เพิ่มวันหยุด') : null,
        ),
      ),
      err,
      editable ? h('button.btn.mb', { type: 'button', on: { click: save } }, 'บันทึกการตั้งค่า') : null,
      groupCard,
    );
  }

  // ---- Pages: users ----------------------------------------------------------------------------------------------

  async function pageUsers() {
    const r = await api('GET', '/users');
    const body = h('tbody');
    for (const u of r.users) {
      body.append(
        h(
          'tr',
          h('td', h('strong', u.displayName), h('div.small.muted', u.username)),
          h('td', ROLE_TH[u.role] || u.role, u.villages.length ? h('div.small.muted', u.villages.join(', ')) : null),
          h('td', u.active ? 'ใช้งาน' : 'ปิดแล้ว', h('div.small.muted', u.lastLoginAt ? 'เข้าล่าสุด ' + dateTime(u.lastLoginAt) : 'ยังไม่เคยเข้า')),
          h(
            'td',
            u.id === state.user.id
              ? null
              : h(
                  'div.row',
                  h(
                    'button.btn.small.secondary',
                    {
                      type: 'button',
                      on: {
                        click: async () => {
                          const pw = prompt('รหัสผ่านใหม่ของ ' + u.displayName + ' (อย่างน้อย 10 ตัวอักษร)');
                          if (!pw) return;
                          try {
                            await api('PATCH', '/users/' + u.id, { password: pw });
                            toast('ตั้งรหัสผ่านใหม่แล้ว');
                          } catch (err) {
                            fail(err);
                          }
                        },
                      },
                    },
                    'ตั้งรหัสผ่าน',
                  ),
                  h(
                    'button.btn.small.secondary',
                    {
                      type: 'button',
                      on: {
                        click: async () => {
                          try {
                            await api('PATCH', '/users/' + u.id, { active: !u.active });
                            await pageUsers();
                          } catch (err) {
                            fail(err);
                          }
                        },
                      },
                    },
                    u.active ? 'ปิดบัญชี' : 'เปิดบัญชี',
                  ),
                ),
          ),
        ),
      );
    }
    const f = {
      username: h('input#u-username', { type: 'text', required: true, autocapitalize: 'none', pattern: '[a-z0-9._\\-]{3,40}' }),
      displayName: h('input#u-name', { type: 'text', required: true }),
      role: h('select#u-role', ...Object.entries(ROLE_TH).map(([v, l]) => h('option', { value: v, selected: v === 'staff' }, l))),
      password: h('input#u-password', { type: 'password', required: true, minlength: 10, autocomplete: 'new-password' }),
      villages: h('input#u-villages', { type: 'text', placeholder: 'เช่น บ้านหลวง, บ้านป่าเหมี้ยง' }),
    };
    const form = h(
      'form.filters',
      {
        on: {
          submit: async (e) => {
            e.preventDefault();
            try {
              await api('POST', '/users', {
                username: f.username.value.trim(),
                displayName: f.displayName.value.trim(),
                role: f.role.value,
                password: f.password.value,
                villages: f.villages.value.split(',').map((x) => x.trim()).filter(Boolean),
              });
              toast('สร้างบัญชีแล้ว');
              await pageUsers();
            } catch (err) {
              fail(err);
            }
          },
        },
      },
      h('div', h('label', { for: 'u-username' }, 'ชื่อผู้ใช้ (a-z 0-9)'), f.username),
      h('div', h('label', { for: 'u-name' }, 'ชื่อที่แสดง'), f.displayName),
      h('div', h('label', { for: 'u-role' }, 'บทบาท'), f.role),
      h('div', h('label', { for: 'u-password' }, 'รหัสผ่านเริ่มต้น'), f.password),
      h('div.wide', h('label', { for: 'u-villages' }, 'หมู่บ้านที่ดูแล (สำหรับ อพม.)'), f.villages),
      h('div.end', h('button.btn', { type: 'submit' }, 'สร้างบัญชี')),
    );
    show(
      h('h1', 'ผู้ใช้ระบบ'),
      h('section.card', h('div.scroll', h('table.table', h('thead', h('tr', h('th', 'ชื่อ'), h('th', 'บทบาท'), h('th', 'สถานะ'), h('th', ''))), body))),
      h('section.card', h('h2', 'เพิ่มผู้ใช้'), form),
    );
  }

  // ---- Start -----------------------------------------------------------------------------------------------------

  (async function start() {
    try {
      const me = await fetch(API + '/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (me.ok) await signedIn(await me.json());
    } catch (_) {
      /* offline: show login */
    }
    render();
  })();
})();
