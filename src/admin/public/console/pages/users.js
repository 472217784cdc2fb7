/*
 * "ผู้ใช้": the console's accounts (admins only): role, villages of a volunteer, last login; set a new password,
 * close or reopen an account, create one.
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { session } from '../state.js';
import { show, toast, fail, ROLE_TH } from '../ui.js';

export async function pageUsers() {
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
          u.id === session.user.id
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
              villages: f.villages.value
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean),
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
    h(
      'section.card',
      h(
        'div.scroll',
        h('table.table', h('thead', h('tr', h('th', 'ชื่อ'), h('th', 'บทบาท'), h('th', 'สถานะ'), h('th', h('span.sr-only', 'การดำเนินการ')))), body),
      ),
    ),
    h('section.card', h('h2', 'เพิ่มผู้ใช้'), form),
  );
}
