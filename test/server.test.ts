/**
 * The real server process: started as `npm start` starts it (node --import tsx src/server.ts), killed with SIGKILL between the
 * webhook's 200 and the processing, restarted, and stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { connectTestDb, type TestDb } from './helpers/db';
import { callback, sign, textEvent, TEST_SECRET, TEST_TOKEN } from './helpers/line';
import { outputMatch, until } from './helpers/otherProcess';
import { InboxEvent } from '../src/db/models/inboxEvent';
import { OutgoingMessage } from '../src/db/models/outgoingMessage';
import { PROCESSING_NICE } from '../src/processing/thread';

let db: TestDb;
let fakeLine: http.Server;
let linePort = 0;
const received: { path: string; body: any }[] = [];
/** Resolved at the next message LINE's stand-in receives. */
let onReceived = () => {};
const nextReceived = () => new Promise<void>((resolve) => (onReceived = resolve));

beforeAll(async () => {
  db = await connectTestDb();
  const app = express();
  app.use(express.json());
  app.post('/v2/bot/message/:kind', (req, res) => {
    received.push({ path: req.path, body: req.body });
    onReceived();
    res.json({ sentMessages: [] });
  });
  app.get('/v2/bot/profile/:id', (req, res) => {
    res.json({ userId: req.params.id, displayName: 'ลุงทดสอบ', language: 'th' });
  });
  app.post('/v2/bot/chat/loading/start', (_req, res) => {
    res.status(202).json({});
  });
  fakeLine = app.listen(0, '127.0.0.1');
  await once(fakeLine, 'listening');
  linePort = (fakeLine.address() as { port: number }).port;
});

afterAll(async () => {
  fakeLine.closeAllConnections();
  fakeLine.close();
  await db.close();
});

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
}

async function startServer(env: Record<string, string>): Promise<Running> {
  // One process (tsx as a loader, not its CLI wrapper), so SIGKILL really kills the server.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: path.join(__dirname, '..'),
    // A variable given as '' is left out (the local mode test drops the LINE channel).
    env: withoutEmpty({
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      MONGODB_URI: `${db.uri}/${db.dbName}`,
      LINE_CHANNEL_SECRET: TEST_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TEST_TOKEN,
      LINE_API_BASE_URL: `http://127.0.0.1:${linePort}`,
      LINE_DATA_API_BASE_URL: `http://127.0.0.1:${linePort}`,
      INBOX_SWEEP_MS: '200',
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const [, port] = await outputMatch(child, /"port":(\d+)/); // its readiness line
  return { child, port: Number(port), output: () => out };
}

const fetchJson = async <T>(url: string, init?: RequestInit): Promise<T> => (await (await fetch(url, init)).json()) as T;
const withoutEmpty = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));

async function post(port: number, body: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
    body,
  });
  return res.status;
}

describe('server process', () => {
  it('an event acknowledged just before a kill -9 is answered once after the restart; SIGTERM stops cleanly', async () => {
    const first = await startServer({ INBOX_SETTLE_MS: '5000' });
    const event = textEvent('U-process', 'สวัสดีครับ');
    expect(await post(first.port, callback(event))).toBe(200);
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    expect(received).toHaveLength(0);
    expect(await InboxEvent.findOne({ webhookEventId: event.webhookEventId }).lean()).toMatchObject({ status: 'pending' });

    const answered = nextReceived();
    const second = await startServer({ INBOX_SETTLE_MS: '20' });
    await answered;
    // The process has nothing left to do once its event is done and no answer waits for delivery; it then stops
    // (SIGTERM waits for work under way), so an answer sent twice would have reached LINE's stand-in by its exit.
    await until('event done, nothing to deliver', async () => {
      const stored = await InboxEvent.findOne({ webhookEventId: event.webhookEventId }).lean();
      return stored?.status === 'done' && !(await OutgoingMessage.exists({ status: 'pending' }));
    });
    const readyz = await fetch(`http://127.0.0.1:${second.port}/readyz`);
    expect(readyz.status).toBe(200);
    second.child.kill('SIGTERM');
    const [code] = await once(second.child, 'exit');
    expect(code).toBe(0);
    expect(second.output()).toContain('"msg":"stopped"');
    expect(received).toHaveLength(1);
    expect(received[0].body.messages[0].text).toContain('ต้องการให้ช่วยเรื่องอะไรคะ');
  }, 60_000);

  it('with no LINE channel, a simulator user is answered by the processing thread (PROCESSING_THREAD=on: webhook and processing on separate threads)', async () => {
    const local = await startServer({
      LINE_CHANNEL_SECRET: '',
      LINE_CHANNEL_ACCESS_TOKEN: '',
      LINE_API_BASE_URL: '',
      LINE_DATA_API_BASE_URL: '',
      SIMULATOR: 'on',
      PROCESSING_THREAD: 'on',
    });
    try {
      expect(local.output()).toContain('processing thread started');
      const api = `http://127.0.0.1:${local.port}/simulator/api`;
      const json = { 'content-type': 'application/json' };
      const user = await fetchJson<{ userId: string }>(`${api}/users`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ displayName: 'ยายสมศรี', language: 'th' }),
      });
      const sent = await fetch(`${api}/send`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ userId: user.userId, kind: 'text', text: 'สวัสดีค่ะ' }),
      });
      expect(sent.status).toBe(200);
      const botSaid = async () => {
        const { entries } = await fetchJson<{ entries: { from?: string }[] }>(`${api}/users/${user.userId}/chat`);
        return JSON.stringify(entries.filter((e) => e.from === 'bot'));
      };
      await until('the bot answered in the simulator', async () => (await botSaid()).includes('ต้องการให้ช่วยเรื่องอะไรคะ'));
      // Under a flood the operating system runs the webhook's acknowledgements first: the processing thread alone
      // runs at a lower priority (Linux: /proc/<pid>/task/<tid>/stat, field 19 is the nice value).
      if (process.platform === 'linux') {
        const pid = local.child.pid!;
        const nice = (tid: string) =>
          Number(
            readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
              .replace(/^.*\) /, '')
              .split(' ')[16],
          );
        const lowered = readdirSync(`/proc/${pid}/task`).filter((tid) => nice(tid) === PROCESSING_NICE);
        expect(nice(String(pid))).toBeLessThan(PROCESSING_NICE);
        expect(lowered).toHaveLength(1);
      }
    } finally {
      local.child.kill('SIGTERM');
      const [code] = await once(local.child, 'exit');
      expect(code).toBe(0);
    }
  }, 60_000);
});
