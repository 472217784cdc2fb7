import { understand } from '../../src/nlu';

describe('typos repaired by edit distance when nothing else was understood', () => {
  it.each([
    ['ขอความชวยเหลอหน่อยคับ', 'request_help'],
    ['ติดต่อเจ้าหน้าทีหน่อย', 'talk_to_staff'],
  ])('%s → %s', (text, intent) => expect(understand(text).intent).toBe(intent));

  it('does not bend ordinary words into keywords', () => {
    expect(understand('ลูกค้าถามเรื่องอะไร').intent).toBeNull();
    expect(understand('กล้วยทอด').intent).toBeNull();
  });
});
