import { spawn } from 'node:child_process';
import path from 'node:path';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startSimulatedBot, type SimulatedBot } from './harness';
import { renderText, type LineAction } from '../../src/simulator/textRender';
import { parseFrame } from '../../src/simulator/remote';
import { greeter } from '../helpers/greeter';

describe('terminal rendering of LINE messages', () => {
  const numbered = () => {
    let n = 0;
    return (_a: LineAction) => ++n;
  };

  it('shows text as is and quick replies as choices', () => {
    const r = renderText(
      { type: 'text', text: 'เลือกค่ะ\nบรรทัดสอง', quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'ก', text: 'ก' } }] } },
      numbered(),
    );
    expect(r.lines).toEqual(['เลือกค่ะ', 'บรรทัดสอง']);
    expect(r.quickReplies.map((a) => a.label)).toEqual(['ก']);
  });

  it('reads a Flex carousel: horizontal boxes on one line, separators, numbered buttons', () => {
    const bubble = (title: string) => ({
      type: 'bubble',
      header: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: title }] },
      body: {
        type: 'box',
        layout: 'vertical',
        contents: [
          {
            type: 'box',
            layout: 'baseline',
            contents: [
              { type: 'text', text: 'เงิน' },
              { type: 'text', text: '700 บาท', weight: 'bold' },
            ],
          },
          { type: 'separator' },
        ],
      },
      footer: { type: 'box', layout: 'vertical', contents: [{ type: 'button', action: { type: 'uri', label: 'โทร', uri: 'tel:1300' } }] },
    });
    const r = renderText({ type: 'flex', altText: 'x', contents: { type: 'carousel', contents: [bubble('ก'), bubble('ข')] } }, numbered());
    expect(r.lines).toEqual([
      '── การ์ด 1/2 ──',
      '**ก**',
      'เงิน  **700 บาท**',
      '────────',
      '',
      '[1] 🔗 โทร (tel:1300)',
      '── การ์ด 2/2 ──',
      '**ข**',
      'เงิน  **700 บาท**',
      '────────',
      '',
      '[2] 🔗 โทร (tel:1300)',
    ]);
    expect(r.actions).toHaveLength(2);
  });

  it('reads buttons and confirm templates', () => {
    const r = renderText(
      {
        type: 'template',
        altText: 'x',
        template: {
          type: 'confirm',
          text: 'ยืนยันไหมคะ',
          actions: [
            { type: 'postback', label: 'ใช่', data: 'y' },
            { type: 'postback', label: 'ไม่', data: 'n' },
          ],
        },
      },
      numbered(),
    );
    expect(r.lines).toEqual(['ยืนยันไหมคะ', '[1] ใช่', '[2] ไม่']);
  });

  it('parses Server-Sent Events frames', () => {
    expect(parseFrame('id: 3\nevent: entry\ndata: {"seq":3}')).toEqual({ type: 'entry', data: { seq: 3 } });
    expect(parseFrame(': ping')).toBeUndefined();
    expect(parseFrame('event: other\ndata: {}')).toBeUndefined();
  });
});

describe('npm run chat against a running bot', () => {
  let db: TestDb;
  let bot: SimulatedBot;
  beforeAll(async () => {
    db = await connectTestDb();
    bot = await startSimulatedBot({ handler: greeter });
  });
  afterAll(async () => {
    await bot.stop();
    await db.close();
  });

  it('sends typed text, shows the greeting with numbered chips, and a number taps the chip', async () => {
    const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
    const child = spawn(tsx, ['scripts/chat.ts', '--url', bot.baseUrl, '--user', 'พ่อ (สมบูรณ์)'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdin.end('สวัสดีครับ\n2\n/sticker 1\n/quit\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('พ่อ (สมบูรณ์)');
    expect(out).toContain('› สวัสดีครับ');
    expect(out).toContain('ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อนยินดีให้บริการ');
    expect(out).toMatch(/\[1\] ขอความช่วยเหลือ\n\s+\[2\] ตรวจสอบสิทธิ์/);
    expect(out).toContain('› ตรวจสอบสิทธิ์');
    expect(out).toContain('› (สติกเกอร์ 446/1988)');
    const father = bot.simulator.users().find((u) => u.displayName === 'พ่อ (สมบูรณ์)')!;
    const said = bot.simulator
      .chat(father.userId)
      .filter((e) => e.from === 'user')
      .map((e) => e.message?.text ?? e.message?.type);
    expect(said).toEqual(['สวัสดีครับ', 'ตรวจสอบสิทธิ์', 'sticker']);
  }, 25_000);
});
