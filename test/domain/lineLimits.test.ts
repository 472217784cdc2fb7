import {
  fitsFlexButtonLabel,
  fitsPostbackData,
  fitsQuickReplyLabel,
  fitsTextMessage,
  graphemeLength,
  jsonByteLength,
  LINE_LIMITS,
  loadingSeconds,
  splitGraphemes,
  truncateGraphemes,
  truncateUtf16,
  utf16Length,
} from '../../src/domain/lineLimits';
import { text } from '../../src/line/messages';
import { validateMessages } from '../../src/simulator/lineValidation';

describe('grapheme counting', () => {
  it('counts a Thai syllable with vowel and tone marks as one', () => {
    expect(graphemeLength('ที่')).toBe(1);
    expect(utf16Length('ที่')).toBe(3);
    expect(graphemeLength('ขอคุยกับเจ้าหน้าที่')).toBe(13);
    expect(utf16Length('ขอคุยกับเจ้าหน้าที่')).toBe(19);
    expect(splitGraphemes('เจ้าหน้าที่')).toEqual(['เ', 'จ้', 'า', 'ห', 'น้', 'า', 'ที่']);
  });

  it('counts an emoji with a skin tone as one', () => {
    expect(graphemeLength('👍🏽')).toBe(1);
  });
});

describe('label limits', () => {
  it('accepts a Thai label of 24 code units but 17 graphemes', () => {
    expect('ตรวจสอบสิทธิ์เบี้ยยังชีพ'.length).toBe(24);
    expect(fitsQuickReplyLabel('ตรวจสอบสิทธิ์เบี้ยยังชีพ')).toBe(true);
  });

  it('rejects 21+ graphemes and empty labels', () => {
    expect(fitsQuickReplyLabel('ผู้สูงอายุที่ต้องการความช่วยเหลือ')).toBe(false); // 24 graphemes
    expect(fitsQuickReplyLabel('a'.repeat(20))).toBe(true);
    expect(fitsQuickReplyLabel('a'.repeat(21))).toBe(false);
    expect(fitsQuickReplyLabel('')).toBe(false);
    expect(fitsFlexButtonLabel('ผู้สูงอายุที่ต้องการความช่วยเหลือ')).toBe(true);
  });

  it('checks text messages in UTF-16 units and postback data length', () => {
    expect(fitsTextMessage('ที่'.repeat(1666))).toBe(true); // 4,998 units
    expect(fitsTextMessage('ที่'.repeat(1667))).toBe(false); // 5,001 units
    expect(fitsTextMessage('')).toBe(false);
    expect(fitsPostbackData('x'.repeat(300))).toBe(true);
    expect(fitsPostbackData('x'.repeat(301))).toBe(false);
  });
});

describe('truncation', () => {
  it('cuts on grapheme boundaries with an ellipsis', () => {
    const label = 'ผู้สูงอายุที่ต้องการความช่วยเหลือ';
    const cut = truncateGraphemes(label, 20);
    expect(graphemeLength(cut)).toBe(20);
    expect(cut.endsWith('…')).toBe(true);
    expect(label.startsWith(cut.slice(0, -1))).toBe(true);
    expect(fitsQuickReplyLabel(cut)).toBe(true);
    expect(truncateGraphemes('เจ้าหน้าที่', 3, '')).toBe('เจ้า');
    expect(truncateGraphemes('สั้น', 20)).toBe('สั้น');
  });

  it('never leaves a dangling tone mark when cutting by code units', () => {
    // "ที่ที่ที่" is 9 units; 5 units minus the ellipsis leaves 4: one whole "ที่" (3), not "ที่ท".
    expect(truncateUtf16('ที่ที่ที่', 5)).toBe('ที่…');
    expect(truncateUtf16('ที่ที่ที่', 9)).toBe('ที่ที่ที่');
    expect(truncateUtf16('x'.repeat(6000), LINE_LIMITS.textMessageMax).length).toBe(5000);
  });
});

describe('other limits', () => {
  it('rounds loading animation seconds to valid values', () => {
    expect(loadingSeconds(1)).toBe(5);
    expect(loadingSeconds(12)).toBe(15);
    expect(loadingSeconds(20)).toBe(20);
    expect(loadingSeconds(300)).toBe(60);
    expect(loadingSeconds(Number.NaN)).toBe(5);
  });

  it('measures JSON in UTF-8 bytes (Thai is 3 bytes per code unit)', () => {
    expect(jsonByteLength({ t: 'ที่' })).toBe('{"t":""}'.length + 9);
  });

  it('has the DESIGN §3 numbers', () => {
    expect(LINE_LIMITS).toMatchObject({
      textMessageMax: 5000,
      messagesPerRequest: 5,
      quickReplyMaxItems: 13,
      quickReplyLabelMax: 20,
      flexButtonLabelMax: 40,
      postbackDataMax: 300,
      carouselMaxBubbles: 12,
      richMenuMaxAreas: 20,
      richMenuChatBarTextMax: 14,
      altTextMax: 400,
      flexAltTextMax: 1500,
      flexBubbleLineMaxBytes: 30 * 1024,
      flexCarouselLineMaxBytes: 50 * 1024,
    });
  });
});

describe('one module for LINE limits', () => {
  it('the message builder cuts to these limits', () => {
    const msg = text(
      'ท'.repeat(LINE_LIMITS.textMessageMax + 10),
      Array.from({ length: 20 }, (_, i) => ({ label: `ผู้สูงอายุที่ต้องการความช่วยเหลือ ${i}`, text: 'x' })),
    );
    expect(msg.type === 'text' && msg.text.length).toBe(LINE_LIMITS.textMessageMax);
    const items = msg.quickReply?.items ?? [];
    expect(items).toHaveLength(LINE_LIMITS.quickReplyMaxItems);
    expect(items.every((it) => fitsQuickReplyLabel(it.action?.label ?? ''))).toBe(true);
  });

  it("the simulator's stand-in for LINE rejects one item over each limit, and accepts the limit itself", () => {
    const chips = (n: number) => ({
      items: Array.from({ length: n }, (_, i) => ({ type: 'action', action: { type: 'message', label: `${i}`, text: 'x' } })),
    });
    const ok = validateMessages([{ type: 'text', text: 'ท'.repeat(LINE_LIMITS.textMessageMax), quickReply: chips(LINE_LIMITS.quickReplyMaxItems) }]);
    expect(ok).toEqual([]);
    const tooLong = validateMessages([{ type: 'text', text: 'ท'.repeat(LINE_LIMITS.textMessageMax + 1) }]);
    expect(tooLong.map((d) => d.property)).toEqual(['messages[0].text']);
    const tooMany = validateMessages([{ type: 'text', text: 'x', quickReply: chips(LINE_LIMITS.quickReplyMaxItems + 1) }]);
    expect(tooMany.map((d) => d.property)).toEqual(['messages[0].quickReply.items']);
    const messages = validateMessages(Array.from({ length: LINE_LIMITS.messagesPerRequest + 1 }, () => ({ type: 'text', text: 'x' })));
    expect(messages.map((d) => d.property)).toEqual(['messages']);
  });
});
