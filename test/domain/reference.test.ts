import { buddhistYearOf, formatReference, parseReference } from '../../src/domain/reference';

describe('formatReference', () => {
  it('pads the sequence to five digits', () => {
    expect(formatReference('CS', 2569, 42)).toBe('CS-2569-00042');
    expect(formatReference('BK', 2570, 123456)).toBe('BK-2570-123456');
  });

  it('refuses malformed parts', () => {
    expect(() => formatReference('cs', 2569, 1)).toThrow(RangeError);
    expect(() => formatReference('CS', 2026, 1)).toThrow(RangeError);
    expect(() => formatReference('CS', 2569, 0)).toThrow(RangeError);
  });
});

describe('parseReference', () => {
  const expected = { ok: true, value: { prefix: 'CS', yearBE: 2569, seq: 42 }, text: 'CS-2569-00042' };

  it.each(['CS-2569-00042', 'cs-2569-00042', 'CS256900042', 'cs 2569 42', 'CS-๒๕๖๙-๐๐๐๔๒', 'CS–2569–00042', 'เรื่องเลขที่ cs-2569-00042 ถึงไหนแล้วคะ'])(
    'reads %p',
    (typed) => {
      expect(parseReference(typed)).toEqual(expected);
    },
  );

  it('restricts prefixes when asked', () => {
    expect(parseReference('BK-2569-00007', { prefixes: ['CS'] })).toEqual({ ok: false, reason: 'none' });
    expect(parseReference('BK-2569-00007', { prefixes: ['CS', 'BK'] })).toMatchObject({ ok: true, text: 'BK-2569-00007' });
  });

  it('finds nothing in ordinary text, phone numbers or a zero sequence', () => {
    expect(parseReference('เรื่องที่แจ้งไปเมื่อวานเป็นยังไงบ้าง')).toEqual({ ok: false, reason: 'none' });
    expect(parseReference('081-234-5678')).toEqual({ ok: false, reason: 'none' });
    expect(parseReference('CS-2569-00000')).toEqual({ ok: false, reason: 'none' });
  });
});

describe('buddhistYearOf', () => {
  it('adds 543 on the Bangkok calendar', () => {
    expect(buddhistYearOf('2026-06-01')).toBe(2569);
    expect(buddhistYearOf(new Date('2026-12-31T17:00:00Z'))).toBe(2570); // already 1 Jan 2027 in Bangkok
  });
});
