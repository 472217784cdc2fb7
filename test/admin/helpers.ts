/**
 * Staff-side test helpers: accounts for each role, a logged-in supertest agent (session cookie + CSRF token),
 * and a help request stored directly (for API tests that need no conversation).
 */
import request from 'supertest';
import type { Express } from 'express';
import { createStaffUser } from '../../src/admin/users';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { Citizen } from '../../src/db/models/citizen';
import type { StaffRole } from '../../src/db/models/staffUser';

export const PASSWORD = 'ลำปาง-secret-2569';

export interface Staff {
  id: string;
  username: string;
  role: StaffRole;
}

let seq = 0;

export async function makeStaff(role: StaffRole, extra: { villages?: string[]; displayName?: string } = {}): Promise<Staff> {
  const username = `${role}${++seq}`;
  const u = await createStaffUser({
    username,
    displayName: extra.displayName ?? `คุณ${role}${seq}`,
    role,
    password: PASSWORD,
    villages: extra.villages,
  });
  return { id: u.id, username, role };
}

export interface LoggedIn {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  user: { id: string; role: StaffRole; displayName: string };
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
}

export async function login(app: Express, username: string, password = PASSWORD): Promise<LoggedIn> {
  const agent = request.agent(app);
  const res = await agent.post('/admin/api/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const csrf = res.body.csrfToken as string;
  return {
    agent,
    csrf,
    user: res.body.user,
    get: (p) => agent.get(p),
    post: (p, body = {}) => agent.post(p).set('x-csrf-token', csrf).send(body),
    put: (p, body = {}) => agent.put(p).set('x-csrf-token', csrf).send(body),
    patch: (p, body = {}) => agent.patch(p).set('x-csrf-token', csrf).send(body),
  };
}

let refSeq = 0;

/** Stores a citizen and a request for them, as the bot would. */
export async function storeRequest(fields: Record<string, unknown> = {}) {
  const n = ++refSeq;
  const lineUserId = (fields.lineUserId as string) ?? `U${String(n).padStart(6, '0')}${'a'.repeat(26)}`;
  await Citizen.updateOne(
    { lineUserId },
    { $setOnInsert: { lineUserId, displayName: `ผู้ร้อง${n}`, language: 'th', following: true } },
    { upsert: true },
  );
  const doc = await HelpRequest.create({
    reference: `CS-2569-${String(90000 + n).padStart(5, '0')}`,
    submissionKey: `test-${n}-${Date.now()}`,
    lineUserId,
    requesterName: `ผู้ร้อง${n}`,
    beneficiary: { who: 'relative', relation: 'mother', name: `แม่ทดสอบ${n}`, age: 80, contactable: true },
    category: 'elderly',
    urgency: 'normal',
    urgent: false,
    details: 'อยู่บ้านคนเดียว',
    village: 'บ้านหลวง',
    phone: '0812345678',
    nationalId: '1101700203450',
    consent: { given: true, sensitive: false, textKey: 'help.consent.ask', textVersion: 1, at: new Date() },
    status: 'received',
    statusHistory: [{ status: 'received', at: new Date(), by: 'citizen' }],
    ...fields,
  });
  return doc.toObject();
}

/** A citizen files an urgent request by typing (as elderly people do); returns the reference. */
export async function fileUrgentRequest(c: { say(text: string): Promise<unknown>; text(): string }): Promise<string> {
  await c.say('ขอความช่วยเหลือครับ');
  await c.say('ตัวเองครับ');
  await c.say('นายมานะ ขยัน');
  await c.say('อายุ 64 ปี');
  await c.say('๕');
  await c.say('ด่วน');
  await c.say('ตกงาน ไม่มีเงินซื้อข้าว');
  await c.say('ไม่มี');
  await c.say('ข้าม');
  await c.say('บ้านป่าเหมี้ยง');
  await c.say('0812345678');
  await c.say('ข้าม');
  await c.say('ยินยอมครับ');
  await c.say('ถูกต้องจ้า');
  const m = /CS-\d{4}-\d{5}/.exec(c.text());
  if (!m) throw new Error(`no reference in: ${c.text()}`);
  return m[0];
}
