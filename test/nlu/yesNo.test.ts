import { parseYesNo } from '../../src/nlu/yesNo';

describe('parseYesNo', () => {
  it.each([
    ['ไม่ได้รับค่ะ', 'no'],
    ['ไม่เคยได้รับ', 'no'],
    ['บ่ได้รับเจ้า', 'no'],
    ['บ่เคยได้สักบาท', 'no'],
    ['ยังไม่มี', 'no'],
    ['nope', 'no'],
    ['No, never', 'no'],
    ['เคยได้', 'yes'],
    ['ได้อยู่ค่ะ', 'yes'],
    ['มีค่ะ', 'yes'],
    ['แม่นแล้วเจ้า', 'yes'],
    ['ค่ะ', 'yes'],
    ['yes', 'yes'],
    ['ได้ค่ะ ไม่มีปัญหา', 'yes'],
    ['อยู่ค่ะ', 'yes'],
    ['จ้าา', 'yes'],
    ['ได้ๆ', 'yes'],
    ['รับทราบค่ะ', 'yes'],
    ['แม่ได้รับอยู่แล้วค่ะ', 'yes'],
    ['ไม่แน่ใจค่ะ', 'unsure'],
    ['บ่ฮู้', 'unsure'],
    ["I don't know", 'unsure'],
  ])('%s → %s', (text, want) => expect(parseYesNo(text)).toBe(want));

  it('says nothing of text that is no answer', () => {
    expect(parseYesNo('กล้วยทอด')).toBeUndefined();
    expect(parseYesNo('')).toBeUndefined();
    expect(parseYesNo('🙏')).toBeUndefined();
  });

  it('takes no polite particle or "อยู่" in a sentence about something else for a yes', () => {
    expect(parseYesNo('อยู่หมู่ 3 ครับ')).toBeUndefined();
    expect(parseYesNo('ครับ ผมอยู่บ้านป่าเหมี้ยง')).toBeUndefined();
    expect(parseYesNo('รายได้น้อยค่ะ')).toBeUndefined();
    expect(parseYesNo('ได้ยินจากผู้ใหญ่บ้านค่ะ')).toBeUndefined();
  });

  it('takes a question back for no answer: "ภายในวันนี้ได้ไหม" is neither yes nor no', () => {
    expect(parseYesNo('ภายในวันนี้ได้ไหม')).toBeUndefined();
    expect(parseYesNo('ได้ไหมคะ')).toBeUndefined();
    expect(parseYesNo('ต้องใช้บัตรหรือเปล่า')).toBeUndefined();
  });
});
