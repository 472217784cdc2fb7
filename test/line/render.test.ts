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
      [{ kind: 'card', altText: { key: 'danger.violence.title' }, card: { title: { key: 'danger.violence.title' }, tone: 'urgent', rows: [], buttons: [{ kind: 'call', label: { key: 'danger.call191' }, phone: '191' }] } }],
      { locale: 'en' },
    ) as any[];
    expect(m.type).toBe('flex');
    expect(m.altText).toBe('Your safety comes first');
    expect(m.contents.footer.contents[0].action).toEqual({ type: 'uri', label: 'Call 191 police', uri: 'tel:191' });
    expect(lineLimitViolation({ messages: [m] })).toBeUndefined();
  });

  it('renders a call chip as a tel: URI quick reply', () => {
    const [m] = render([{ kind: 'text', text: { key: 'danger.check.glad' }, choices: [{ kind: 'call', label: { key: 'danger.chip1323' }, phone: '1323' }] }], { locale: 'th' }) as any[];
    expect(m.quickReply.items[0].action).toEqual({ type: 'uri', label: 'โทร 1323', uri: 'tel:1323' });
    expect(lineLimitViolation({ messages: [m] })).toBeUndefined();
  });
});
