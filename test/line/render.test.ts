import { render } from '../../src/line/render';
import type { Say } from '../../src/engine/types';
import { lineLimitViolation } from '../helpers/nockLine';

describe('rendering for LINE', () => {
  it('keeps any answer within LINE limits: 5 messages, 13 chips, 20-character labels', () => {
    const long = 'ผู้ป่วยติดเตียงและผู้ดูแลที่บ้านหลังใหญ่มาก';
    const says: Say[] = [
      ...Array.from({ length: 8 }, (_, i) => ({ kind: 'text' as const, text: { literal: `ข้อความ ${i + 1}` } })),
      {
        kind: 'text',
        text: { literal: 'เลือกค่ะ' },
        choices: Array.from({ length: 20 }, (_, i) => ({ kind: 'option' as const, label: { literal: `${long} ${i}` }, value: `v${i}` })),
      },
    ];
    const messages = render(says, { locale: 'th', flow: 'requestHelp', step: 'category' });
    expect(lineLimitViolation({ messages })).toBeUndefined();
    expect(messages).toHaveLength(5);
    const last = messages[4] as any;
    expect(last.quickReply.items).toHaveLength(13);
    const label: string = last.quickReply.items[0].action.label;
    expect([...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(label)]).toHaveLength(20);
    expect(label.endsWith('…') && long.startsWith(label.slice(0, -1))).toBe(true);
    // Nothing said is lost when texts are joined.
    const allText = messages.map((m: any) => m.text).join('\n');
    for (let i = 1; i <= 8; i++) expect(allText).toContain(`ข้อความ ${i}`);
  });

  it('renders option chips as postbacks naming the flow step, and say chips as typed text', () => {
    const [m] = render(
      [
        {
          kind: 'text',
          text: { key: 'help.who.ask' },
          choices: [
            { kind: 'option', label: { key: 'help.who.self' }, value: 'self' },
            { kind: 'say', label: { key: 'common.cancel' }, text: 'ยกเลิก' },
          ],
        },
      ],
      { locale: 'th', flow: 'requestHelp', step: 'who' },
    ) as any[];
    expect(m.text).toBe('ผู้ที่ต้องการความช่วยเหลือคือใครคะ');
    expect(m.quickReply.items[0].action).toEqual({ type: 'postback', label: 'ตัวเอง', data: 'f=requestHelp&s=who&v=self', displayText: 'ตัวเอง' });
    expect(m.quickReply.items[1].action).toEqual({ type: 'message', label: 'ยกเลิก', text: 'ยกเลิก' });
  });

  it('renders a card as a Flex bubble with call buttons', () => {
    const [m] = render(
      [
        {
          kind: 'card',
          altText: { key: 'danger.violence.title' },
          card: {
            title: { key: 'danger.violence.title' },
            tone: 'urgent',
            rows: [],
            buttons: [{ kind: 'call', label: { key: 'danger.call191' }, phone: '191' }],
          },
        },
      ],
      { locale: 'en' },
    ) as any[];
    expect(m.type).toBe('flex');
    expect(m.altText).toBe('Your safety comes first');
    expect(m.contents.footer.contents[0].action).toEqual({ type: 'uri', label: 'Call 191 police', uri: 'tel:191' });
    expect(lineLimitViolation({ messages: [m] })).toBeUndefined();
  });

  it('renders a call chip as a tel: URI quick reply', () => {
    const [m] = render(
      [{ kind: 'text', text: { key: 'danger.check.glad' }, choices: [{ kind: 'call', label: { key: 'danger.chip1323' }, phone: '1323' }] }],
      { locale: 'th' },
    ) as any[];
    expect(m.quickReply.items[0].action).toEqual({ type: 'uri', label: 'โทร 1323', uri: 'tel:1323' });
    expect(lineLimitViolation({ messages: [m] })).toBeUndefined();
  });

  it('draws every card text at 4.5:1 or more against its background (WCAG 2.2 AA), in every tone', () => {
    for (const tone of ['normal', 'urgent', 'success'] as const) {
      const [m] = render(
        [
          {
            kind: 'card',
            altText: { literal: 'x' },
            card: {
              title: { literal: 'คำร้อง CS-2569-00001' },
              subtitle: { literal: 'รับเรื่องแล้ว' },
              tone,
              rows: [{ label: { key: 'track.sentOn' }, value: { literal: '1 ม.ค. 2569' } }],
              buttons: [{ kind: 'say', label: { literal: 'ดูรายละเอียด' }, text: 'CS-2569-00001' }],
            },
          },
        ],
        { locale: 'th' },
      ) as any[];
      const texts: { color: string; on: string }[] = [];
      const walk = (node: any, on: string) => {
        const bg = node.backgroundColor ?? on;
        if (node.type === 'text') texts.push({ color: node.color ?? '#111111', on: bg });
        for (const c of node.contents ?? []) walk(c, bg);
      };
      walk(m.contents.header, '#FFFFFF');
      walk(m.contents.body, '#FFFFFF');
      expect(texts.length).toBeGreaterThanOrEqual(4);
      expect(texts.filter((t) => contrast(t.color, t.on) < 4.5).map((t) => `${tone}: ${t.color} on ${t.on}`)).toEqual([]);
      // The first button is drawn in the tone's colour with white text.
      const primary = m.contents.footer.contents[0];
      expect(primary.style).toBe('primary');
      expect(contrast('#FFFFFF', primary.color)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

/** WCAG 2 contrast ratio of two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
