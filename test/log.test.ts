import { Writable } from 'node:stream';
import { Types } from 'mongoose';
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
    log.info(
      { detail: 'เบอร์ 081-234-5678 บัตร 1-1037-02071-81-1', nationalId: '1103702071811', channelSecret: 'abc123secret' },
      'citizen 0812345678 wrote',
    );
    log.warn({ nested: { phone: '+66812345678', note: 'โทร 054263234' } }, 'x');
    const out = output();
    for (const secret of ['081-234-5678', '0812345678', '1103702071811', '1-1037-02071-81-1', '+66812345678', '054263234', 'abc123secret']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[number …78]');
  });
});

describe('errors pass through the same scrubber', () => {
  it('masks a phone and a national ID in an error message, its stack, its fields and nested errors', () => {
    const { log, output } = capture();
    const err = new Error('could not save citizen 0812345678 with ID 1103702071811');
    (err as Error & { detail: string }).detail = 'phone 081-234-5678';
    log.error(err);
    log.error({ err }, 'save failed');
    log.warn({ err: { err } }, 'nested');
    log.error({ err: new Error('outer', { cause: new Error('inner: โทร 0812345678') }) }, 'with cause');
    log.error({ failure: err }, 'under another key');
    const out = output();
    expect(out).not.toContain('0812345678');
    expect(out).not.toContain('081-234-5678');
    expect(out).not.toContain('1103702071811');
    // The error is still useful: its type, masked message and stack are there.
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].msg).toBe('could not save citizen [number …78] with ID [number …11]');
    expect(lines[0].err).toMatchObject({
      type: 'Error',
      message: 'could not save citizen [number …78] with ID [number …11]',
      detail: 'phone [number …78]',
    });
    expect(lines[0].err.stack).toContain('log.test.ts');
    expect(lines[1]).toMatchObject({ msg: 'save failed', err: { type: 'Error' } });
    expect(lines[2].err.err.message).toContain('[number …78]');
    expect(lines[3].err.cause.message).toBe('inner: โทร [number …78]');
    expect(lines[4].failure.message).toContain('[number …11]');
  });
});

describe('identifiers are not taken for numbers', () => {
  it('keeps LINE request ids, user ids and webhook ids whole while still masking phones and IDs', () => {
    const { log, output } = capture();
    const ids = [
      '2a1f7c1e-0812-3456-7890-a1b2c3d4e5f6', // x-line-request-id, UUID form
      '8f0a661234567890123a4b5c6d7e8f90', // 32 hex with long digit runs
      'U4af4980629312345678901234567890a', // LINE user id
      'C1101700203450abcdef0123456789012', // group id holding a 13-digit run
      '01JXYZ0812345678GHJKMNPQRS', // webhookEventId (ULID)
    ];
    log.info(
      { requestId: ids[0], lineRequestId: ids[1], userId: ids[2], groupId: ids[3], webhookEventId: ids[4], note: 'โทร 0812345678 บัตร 1103702071811' },
      `sent to ${ids[2]} (request ${ids[0]})`,
    );
    const out = output();
    for (const id of ids) expect(out).toContain(id);
    expect(out).not.toContain('0812345678 ');
    expect(out).not.toContain('1103702071811');
    expect(JSON.parse(out).note).toBe('โทร [number …78] บัตร [number …11]');
  });
});

describe('values that serialise themselves', () => {
  it('logs an ObjectId as its hex and a URL as its text, still scrubbed', () => {
    const { log, output } = capture();
    const id = new Types.ObjectId('64b7f0c2a1b2c3d4e5f60718');
    log.info({ id, link: new URL('https://example.test/cb?phone=0812345678') }, 'x');
    const line = JSON.parse(output());
    expect(line.id).toBe('64b7f0c2a1b2c3d4e5f60718');
    expect(line.link).toBe('https://example.test/cb?phone=[number …78]');
  });
});
