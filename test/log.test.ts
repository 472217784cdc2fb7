import { Writable } from 'node:stream';
import { createLogger } from '../src/log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger('info', stream), output: () => lines.join('') };
}

describe('logs never carry personal numbers or secrets', () => {
  it('masks national IDs and phone numbers in messages and fields, and redacts secrets', () => {
    const { log, output } = capture();
    log.info({ detail: 'เบอร์ 081-234-5678 บัตร 1-1037-02071-81-1', nationalId: '1103702071811', channelSecret: 'abc123secret' }, 'citizen 0812345678 wrote');
    log.warn({ nested: { phone: '+66812345678', note: 'โทร 054263234' } }, 'x');
    const out = output();
    for (const secret of ['081-234-5678', '0812345678', '1103702071811', '1-1037-02071-81-1', '+66812345678', '054263234', 'abc123secret']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[number …78]');
  });
});
