import { plainVersion } from '../../src/line/plainText';
import { text } from '../../src/line/messages';
import type { LineMessage } from '../../src/line/client';

describe('plainVersion (what the outbox sends when LINE refuses messages as written)', () => {
  it("gives a card's texts and buttons in order, a row on one line, and a text without its chips", () => {
    const card: LineMessage = {
      type: 'flex',
      altText: 'สายด่วน',
      contents: {
        type: 'bubble',
        body: {
          type: 'box',
          layout: 'vertical',
          contents: [
            { type: 'text', text: 'คุณไม่ได้อยู่คนเดียวนะคะ' },
            {
              type: 'box',
              layout: 'horizontal',
              contents: [
                { type: 'text', text: '1323' },
                { type: 'text', text: 'สายด่วนสุขภาพจิต' },
              ],
            },
          ],
        },
        footer: {
          type: 'box',
          layout: 'vertical',
          contents: [{ type: 'button', action: { type: 'uri', label: 'โทร 1323', uri: 'tel:1323' } }],
        },
      },
    };
    const chips = text('โทรได้ตลอด 24 ชั่วโมงนะคะ', [{ label: 'ติดต่อเจ้าหน้าที่', text: 'ติดต่อเจ้าหน้าที่' }]);
    expect(plainVersion([card, chips])).toEqual([
      { type: 'text', text: 'คุณไม่ได้อยู่คนเดียวนะคะ\n1323 สายด่วนสุขภาพจิต\nโทร 1323' },
      { type: 'text', text: 'โทรได้ตลอด 24 ชั่วโมงนะคะ' },
    ]);
  });

  it('has nothing to offer for plain text or for messages without words', () => {
    expect(plainVersion([text('สวัสดีค่ะ')])).toBeUndefined();
    expect(plainVersion([{ type: 'sticker', packageId: '446', stickerId: '1988' }])).toBeUndefined();
  });
});
