/**
 * Chat with the bot in the terminal, as a simulated LINE user (the same path as the /simulator page: events are
 * signed and posted to the real webhook; answers come back through the LINE API stand-in).
 *
 *   npm run chat                                   a bot already running on PORT (with the simulator)? use it;
 *                                                  otherwise start the bot here (local mode, log in <DATA_DIR>/chat.log)
 *   npm run chat -- --url http://localhost:3000    a running bot (its simulator must be on)
 *   npm run chat -- --user "พ่อ (สมบูรณ์)"           chat as this user (created if new)
 *
 * In the chat: type text and Enter; a number picks a numbered choice (quick reply or button); 'ตามด้วยตัวเลข
 * sends digits as text ('75). Commands: /help /user NAME /users /location /sticker /image FILE /follow /unfollow
 * /lang th|en /history /quit
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { ConfigError, loadConfig, readConfig, type Env } from '../src/config';
import { createLogger } from '../src/log';
import { startBot } from '../src/start';
import type { ChatEntry, SimUser } from '../src/simulator';
import { connectSimulator, SimulatorApiError, type SendBody, type SimulatorClient, type SimulatorState } from '../src/simulator/remote';
import { choiceLabel, renderText, type LineAction } from '../src/simulator/textRender';

// ---- output ---------------------------------------------------------------------------------------------------------

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const green = paint('32');
const dim = paint('2');
const bold = paint('1');
const red = paint('31');
const cyan = paint('36');

const HELP = [
  "พิมพ์ข้อความแล้วกด Enter เพื่อส่ง · พิมพ์ตัวเลขเพื่อเลือกตัวเลือก [n] · ส่งตัวเลขเป็นข้อความให้ขึ้นต้นด้วย ' (เช่น '75)",
  'คำสั่ง: /user ชื่อ (สลับ/สร้างผู้ใช้) · /users · /location [n | lat,lng ชื่อ] · /sticker [n] · /image ไฟล์',
  '        /follow · /unfollow · /lang th|en · /history · /help · /quit',
].join('\n');

// ---- starting or finding the bot --------------------------------------------------------------------------------------

interface LocalBot {
  baseUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

/** True if a bot with the simulator answers at `base`; 'bot' if a bot answers without it; false if nothing. */
async function probe(base: string): Promise<true | 'bot' | false> {
  const ok = async (p: string) => {
    try {
      return (await fetch(base + p, { signal: AbortSignal.timeout(1500) })).ok;
    } catch {
      return false;
    }
  };
  if (await ok('/simulator/api/state')) return true;
  return (await ok('/healthz')) ? 'bot' : false;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Starts the bot in this process, always in local mode (LINE's API is the simulator's stand-in), on 127.0.0.1,
 * with the same start-up as `npm start` (src/start.ts); logs go to a file so they don't mix with the chat.
 */
async function startLocalBot(preferredPort: number): Promise<LocalBot> {
  const env: Env = { ...process.env };
  for (const k of ['LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN', 'LINE_API_BASE_URL', 'LINE_DATA_API_BASE_URL']) delete env[k];
  const server = http.createServer();
  let port: number;
  try {
    port = await listen(server, preferredPort);
  } catch {
    port = await listen(server, 0);
  }
  const config = loadConfig({ ...env, PORT: String(port), HOST: '127.0.0.1', SIMULATOR: 'on' });
  fs.mkdirSync(config.db.dataDir, { recursive: true });
  const logFile = path.join(config.db.dataDir, 'chat.log');
  const log = createLogger(config.logLevel, pino.destination({ dest: logFile, sync: true }));
  const bot = await startBot(config, log, server);
  return { baseUrl: `http://127.0.0.1:${port}`, logFile, stop: () => bot.stop() };
}

// ---- the chat ---------------------------------------------------------------------------------------------------------

type Pending = { kind: 'datetime'; action: LineAction } | { kind: 'location' } | { kind: 'sticker' } | undefined;

const DATETIME_FORMAT: Record<string, [RegExp, string]> = {
  date: [/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'],
  time: [/^\d{2}:\d{2}$/, 'HH:mm'],
  datetime: [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'YYYY-MM-DDTHH:mm'],
};

class TerminalChat {
  private user!: SimUser;
  private choices = new Map<number, LineAction>();
  private quickNumbers: number[] = [];
  private nextNumber = 1;
  private pending: Pending;
  private waiters: (() => void)[] = [];
  private queue: Promise<void> = Promise.resolve();
  private rl!: readline.Interface;
  private closed = false;

  constructor(
    private readonly client: SimulatorClient,
    private readonly state: SimulatorState,
    private readonly onQuit: () => Promise<void>,
  ) {}

  async start(userName?: string): Promise<void> {
    // Listen before anything is awaited: piped lines arrive at once and would otherwise be lost.
    this.rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    let ready!: () => void;
    this.queue = new Promise<void>((r) => (ready = r));
    this.rl.on('line', (line) => {
      this.queue = this.queue.then(() => this.handle(line.trim())).catch((err) => this.print(red(`ผิดพลาด: ${(err as Error).message}`)));
    });
    this.rl.on('close', () => {
      // End of input (piped) or Ctrl-D: finish what was typed, then quit.
      void this.queue.then(() => this.quit());
    });
    this.user = userName ? await this.findOrCreateUser(userName) : this.state.users[0];
    this.client.subscribe(
      (e) => this.onEvent(e),
      (up) => !up && !this.closed && this.print(red('(ขาดการเชื่อมต่อกับบอต กำลังลองใหม่…)')),
    );
    this.print(HELP);
    await this.showHistory(6);
    this.setPrompt();
    if (process.stdin.isTTY) this.rl.prompt();
    ready();
  }

  // -- events --

  private onEvent(e: Parameters<Parameters<SimulatorClient['subscribe']>[0]>[0]): void {
    if (e.type === 'user') {
      const u = this.state.users.find((x) => x.userId === e.data.userId);
      if (u) Object.assign(u, e.data);
      else this.state.users.push(e.data);
      if (e.data.userId === this.user?.userId) this.user = e.data;
      return;
    }
    if (e.type === 'status') {
      if (e.data.userId === this.user.userId && e.data.status === 'failed') this.print(red(`✗ ส่งไม่สำเร็จ: ${e.data.error ?? ''}`));
      return;
    }
    if (e.type === 'loading') return;
    const entry = e.data;
    if (entry.userId !== this.user.userId) {
      if (entry.from === 'bot') {
        const who = this.state.users.find((u) => u.userId === entry.userId)?.displayName ?? entry.userId;
        this.print(dim(`(มีข้อความใหม่ถึง ${who} — /user ${who})`));
      }
      return;
    }
    this.printEntry(entry);
    if (entry.from === 'bot') {
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    }
  }

  private printEntry(entry: ChatEntry): void {
    const time = new Date(entry.at).toLocaleTimeString('th-TH', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Bangkok' });
    if (entry.from === 'system') {
      this.print(dim(`— ${entry.note ?? ''} —`));
      return;
    }
    if (entry.from === 'user') {
      this.resetChoices();
      this.print(dim(`${this.user.displayName} ${time} › ${describeUserMessage(entry.message ?? {})}`));
      return;
    }
    const r = renderText(entry.message ?? {}, (a) => this.number(a));
    const lines = r.lines.map((l) => `  ${l.replace(/\*\*(.+?)\*\*/g, (_m, s: string) => bold(s))}`);
    // A newer message replaces the quick replies of the older ones (as in LINE).
    if (r.quickReplies.length > 0) {
      for (const n of this.quickNumbers) this.choices.delete(n);
      this.quickNumbers = [];
      lines.push(dim('  ตัวเลือก:'));
      for (const a of r.quickReplies) {
        const n = this.number(a);
        this.quickNumbers.push(n);
        lines.push(`   ${cyan(`[${n}]`)} ${choiceLabel(a)}`);
      }
    }
    this.print(`${green(`🤖 ${this.state.bot.displayName}`)} ${dim(time)}\n${lines.join('\n')}`);
  }

  private number(a: LineAction): number {
    const n = this.nextNumber++;
    this.choices.set(n, a);
    return n;
  }

  private resetChoices(): void {
    this.choices.clear();
    this.quickNumbers = [];
    this.nextNumber = 1;
  }

  // -- input --

  private async handle(line: string): Promise<void> {
    if (this.closed) return;
    try {
      if (this.pending) await this.handlePending(line);
      else if (line === '') return;
      else if (line.startsWith('/')) await this.command(line);
      else if (/^\d+$/.test(line) && this.choices.has(Number(line))) await this.act(this.choices.get(Number(line))!);
      else await this.send({ kind: 'text', text: line.startsWith("'") ? line.slice(1) : line });
    } catch (err) {
      this.print(red(err instanceof SimulatorApiError ? `บอตตอบ ${err.status}: ${err.message}` : `ผิดพลาด: ${(err as Error).message}`));
    } finally {
      this.setPrompt();
      if (!this.closed && process.stdin.isTTY) this.rl.prompt(true);
    }
  }

  private async handlePending(line: string): Promise<void> {
    const p = this.pending!;
    this.pending = undefined;
    if (line === '/cancel' || line === 'ยกเลิก') return this.print(dim('(ยกเลิกแล้ว)'));
    if (p.kind === 'datetime') {
      const mode = p.action.mode ?? 'date';
      const value = (line || p.action.initial || '').replace('t', 'T');
      const [re, fmt] = DATETIME_FORMAT[mode];
      if (!re.test(value)) {
        this.print(red(`รูปแบบไม่ถูกต้อง ต้องเป็น ${fmt}`));
        this.pending = p;
        return;
      }
      return this.send({ kind: 'postback', data: p.action.data ?? '', params: { [mode]: value } });
    }
    if (p.kind === 'location') return this.sendLocation(line);
    return this.sendSticker(line);
  }

  private async command(line: string): Promise<void> {
    const [cmd, ...rest] = line.split(/\s+/);
    const arg = rest.join(' ').trim();
    switch (cmd) {
      case '/help':
        return this.print(HELP);
      case '/quit':
      case '/exit':
      case '/q':
        return this.quit();
      case '/users':
        return this.print(
          this.state.users
            .map((u) => `${u.userId === this.user.userId ? '→' : ' '} ${u.displayName} (${u.language}${u.following ? ', เพื่อน' : ''})`)
            .join('\n'),
        );
      case '/user':
        if (!arg) return this.print('ใช้: /user ชื่อ');
        this.user = await this.findOrCreateUser(arg);
        this.resetChoices();
        this.print(green(`คุยในนาม ${this.user.displayName}`));
        return this.showHistory(6);
      case '/location':
        if (arg) return this.sendLocation(arg);
        this.print(this.state.places.map((p, i) => `  [${i + 1}] ${p.title} — ${p.address}`).join('\n'));
        this.print(dim('เลือกหมายเลข หรือพิมพ์ lat,lng ชื่อสถานที่ (เช่น 18.80,99.48 บ้านยาย) · /cancel'));
        this.pending = { kind: 'location' };
        return;
      case '/sticker':
        if (arg) return this.sendSticker(arg);
        this.print(this.state.stickers.map((s, i) => `  [${i + 1}] ${s.emoji} ${s.keywords.join(', ')}`).join('\n'));
        this.pending = { kind: 'sticker' };
        return;
      case '/image':
        return this.sendImage(arg);
      case '/follow':
        return this.send({ kind: 'follow' });
      case '/unfollow':
      case '/block':
        return this.send({ kind: 'unfollow' });
      case '/lang':
        if (arg !== 'th' && arg !== 'en') return this.print('ใช้: /lang th หรือ /lang en');
        this.user = await this.client.updateUser(this.user.userId, { language: arg });
        return this.print(dim('เปลี่ยนภาษาในโปรไฟล์แล้ว บอตจะเห็นเมื่ออ่านโปรไฟล์ใหม่ (เช่น /follow อีกครั้ง)'));
      case '/history':
        return this.showHistory(50);
      default:
        return this.print(`ไม่รู้จักคำสั่ง ${cmd} — /help`);
    }
  }

  private async act(a: LineAction): Promise<void> {
    switch (a.type) {
      case 'message':
        return this.send({ kind: 'text', text: a.text ?? a.label ?? '' });
      case 'postback':
        return this.send({ kind: 'postback', data: a.data ?? '', displayText: a.displayText ?? a.text });
      case 'datetimepicker': {
        const mode = a.mode ?? 'date';
        const range = [a.min && `ตั้งแต่ ${a.min}`, a.max && `ถึง ${a.max}`].filter(Boolean).join(' ');
        this.print(
          `📅 ${a.label ?? ''}: พิมพ์${mode === 'time' ? 'เวลา' : 'วันที่'} (${DATETIME_FORMAT[mode][1]})${a.initial ? ` · Enter = ${a.initial}` : ''}${range ? ` · ${range}` : ''} · /cancel`,
        );
        this.pending = { kind: 'datetime', action: a };
        return;
      }
      case 'location':
        return this.command('/location');
      case 'camera':
      case 'cameraRoll':
        return this.print('ส่งรูปด้วย /image <ไฟล์รูป>');
      case 'uri':
        return this.print(a.uri?.startsWith('tel:') ? `📞 โทร ${a.uri.slice(4)} (จำลอง)` : `🔗 ${a.uri ?? ''}`);
      case 'clipboard':
        return this.print(`📋 ${a.clipboardText ?? ''}`);
      default:
        return this.print(`(${a.type} ยังไม่รองรับในแชตเทอร์มินัล)`);
    }
  }

  private async sendLocation(arg: string): Promise<void> {
    const n = Number(arg);
    if (Number.isInteger(n) && n >= 1 && n <= this.state.places.length) return this.send({ kind: 'location', ...this.state.places[n - 1] });
    const m = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(arg);
    if (!m) return this.print(red('ใช้หมายเลขสถานที่ หรือ lat,lng เช่น 18.8052,99.4863'));
    return this.send({ kind: 'location', latitude: Number(m[1]), longitude: Number(m[2]), title: m[3] || undefined });
  }

  private async sendSticker(arg: string): Promise<void> {
    const s = this.state.stickers[Number(arg) - 1];
    if (!s) return this.print(red(`เลือก 1–${this.state.stickers.length}`));
    return this.send({ kind: 'sticker', packageId: s.packageId, stickerId: s.stickerId, keywords: s.keywords });
  }

  private async sendImage(file: string): Promise<void> {
    if (!file) return this.print('ใช้: /image path/to/photo.jpg');
    const data = fs.readFileSync(file.replace(/^['"]|['"]$/g, ''));
    const ext = path.extname(file).toLowerCase();
    const type = ext === '.png' ? 'image/png' : ext === '.gif' ? 'image/gif' : ext === '.webp' ? 'image/webp' : 'image/jpeg';
    return this.send({ kind: 'image', dataUrl: `data:${type};base64,${data.toString('base64')}` });
  }

  /** Sends, then waits (up to a few seconds) for the bot's answer, so typed-ahead and piped lines stay in order. */
  private async send(body: SendBody): Promise<void> {
    const answered = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, body.kind === 'unfollow' ? 300 : 5000);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    const r = await this.client.send(this.user.userId, body);
    if (r.webhookStatus < 200 || r.webhookStatus >= 300) return;
    await answered;
    await new Promise((res) => setTimeout(res, 400)); // more messages of the same answer
  }

  // -- helpers --

  private async findOrCreateUser(name: string): Promise<SimUser> {
    const lower = name.toLowerCase();
    const found =
      this.state.users.find((u) => u.displayName.toLowerCase() === lower) ??
      this.state.users.find((u) => u.displayName.toLowerCase().includes(lower));
    if (found) return found;
    const u = await this.client.addUser(name, 'th');
    if (!this.state.users.some((x) => x.userId === u.userId)) this.state.users.push(u);
    this.print(green(`สร้างผู้ใช้ใหม่ ${u.displayName}`));
    return u;
  }

  private async showHistory(last: number): Promise<void> {
    const entries = await this.client.chat(this.user.userId);
    if (entries.length > last) this.print(dim(`(ข้อความก่อนหน้า ${entries.length - last} ข้อความ — /history)`));
    for (const e of entries.slice(-last)) this.printEntry(e);
  }

  private setPrompt(): void {
    const hint = this.pending ? (this.pending.kind === 'datetime' ? '📅' : this.pending.kind === 'location' ? '📍' : '😊') : '';
    this.rl.setPrompt(`${this.user.displayName}${hint} > `);
  }

  private print(text: string): void {
    if (process.stdout.isTTY) {
      readline.clearLine(process.stdout, 0);
      readline.cursorTo(process.stdout, 0);
    }
    process.stdout.write(`${text}\n`);
    if (process.stdin.isTTY && process.stdout.isTTY && !this.closed) this.rl.prompt(true);
  }

  async quit(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.rl.close();
    process.stdout.write('\n');
    await this.onQuit();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any LINE message object, read field by field
function describeUserMessage(m: Record<string, any>): string {
  switch (m.type) {
    case 'text':
      return m.text;
    case 'postback': {
      const p = m.params ?? {};
      return m.displayText ?? `(postback ${m.data}${Object.keys(p).length ? ` ${JSON.stringify(p)}` : ''})`;
    }
    case 'sticker':
      return `(สติกเกอร์ ${m.packageId}/${m.stickerId})`;
    case 'location':
      return `📍 ${m.title ?? ''} (${m.latitude}, ${m.longitude})`;
    case 'image':
      return '(รูปภาพ)';
    default:
      return `(${m.type})`;
  }
}

// ---- main ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, user: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(`npm run chat [-- --url http://localhost:3000] [--user "ชื่อ"]\n${HELP}\n`);
    return;
  }
  let base = values.url?.replace(/\/+$/, '');
  let local: LocalBot | undefined;
  if (base) {
    if ((await probe(base)) !== true) throw new Error(`ไม่พบ simulator ที่ ${base} (บอตต้องเปิด SIMULATOR หรือไม่มี LINE credentials)`);
  } else {
    let port = 3000;
    try {
      port = readConfig().port;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
    }
    const running = `http://127.0.0.1:${port}`;
    const found = await probe(running);
    if (found === true) {
      base = running;
      process.stdout.write(dim(`เชื่อมต่อกับบอตที่กำลังทำงานอยู่ ${running}\n`));
    } else if (found === 'bot') {
      throw new Error(`มีบอตทำงานอยู่ที่ ${running} แต่ไม่ได้เปิด simulator: หยุดบอตนั้น หรือเปิดด้วย SIMULATOR=on แล้วใช้ --url ${running}`);
    } else {
      process.stdout.write(dim('กำลังเริ่มบอตในเครื่องนี้ (local mode)…\n'));
      local = await startLocalBot(port);
      base = local.baseUrl;
      process.stdout.write(dim(`บอตพร้อมแล้ว · หน้าเว็บจำลอง: ${base}/simulator · log: ${local.logFile}\n`));
    }
  }
  const client = connectSimulator(base);
  const state = await client.state();
  const chat = new TerminalChat(client, state, async () => {
    await local?.stop();
    process.exit(0);
  });
  process.on('SIGINT', () => void chat.quit());
  await chat.start(values.user);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
