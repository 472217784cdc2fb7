import th from '../../locales/th.json';
import en from '../../locales/en.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('Thai and English have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(th).sort());
  });

  it('each English string has the same placeholders as its Thai original', () => {
    const mismatched = Object.entries(th)
      .filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders((en as Record<string, string>)[k] ?? '')))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('no string is empty', () => {
    const empty = [...Object.entries(th), ...Object.entries(en)].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });
});

describe('labels of buttons fit LINE without being cut', () => {
  const graphemes = (s: string) => [...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(s)].length;
  // Keys rendered as quick-reply chips (≤ 20 characters on LINE).
  const chipKey =
    /^(menu\.|common\.|help\.(who|relation|category|urgency|contactable|consent|village|edit)\.(?!ask)|booking\.(purpose|who|button)\.|elig\.(benefit|who|choice)\.)/;
  it.each([
    ['th', th],
    ['en', en],
  ] as const)('%s: every chip label is at most 20 characters', (_locale, table) => {
    const tooLong = Object.entries(table as Record<string, string>)
      .filter(([k, v]) => chipKey.test(k) && !/(\.ask|Info)$/.test(k) && !v.includes('{') && graphemes(v) > 20)
      .map(([k, v]) => `${k}: ${v}`);
    expect(tooLong).toEqual([]);
  });
});

/**
 * The wording rules a test can check (DESIGN §9): a polite particle ends every sentence a citizen reads; "ท่าน"
 * never stands for a third person; one spelling of บอท; the consent and privacy texts in short lines.
 */
describe('Thai wording', () => {
  const table = th as Record<string, string>;
  /**
   * Keys that are not sentences: button and menu labels, card row labels and values, titles, and fragments
   * put inside another sentence ({person}, {where}, reasons listed on a card).
   */
  const notSentence =
    /^(menu\.|common\.|group\.|status\.|info\.|help\.summary\.|booking\.summary\.|booking\.track\.title|elig\.(result|reason|topic|outcome|amount|benefit|answer|person|whose|next)\.|elig\.situation\.(?!ask)|danger\.(row|call|chip|hotlineTitle|check\.(safe|unsafe)|\w+\.title)|help\.(who|relation|category|urgency|contactable|consent|edit|phone)\.(?!ask)|help\.(person|whose)\.|booking\.(purpose|who|button|edit|card)\.|booking\.time\.(morning|afternoon|otherDay)|booking\.date\.(picker|cannotTravel)|booking\.cancel\.(yes|no)|help\.outside\.(where|local|office)|help\.village\.(outside$|toConfirm|outsideValue)|help\.submitted\.(title|reference|status|date)|track\.(sentOn|updatedOn|note|detailTitle)|staffmsg\.(reply$|status\.note|booking\.reason)|track\.(history|detailsButton|contact\w*)$|engine\.stuck\.staff)/;
  const PARTICLE = /(ค่ะ|คะ|นะคะ|ครับ|จ้ะ|จ้า)$/;
  const trailing = /[\s🙏😊✅📋🏠💬]+$/u;

  it('every sentence a citizen reads ends with a polite particle', () => {
    const missing = Object.entries(table)
      .filter(([k]) => !notSentence.test(k))
      // A template that ends with its parts ("{list}{own}") ends with their particles.
      .filter(([, v]) => !/\}$/.test(v.trim()))
      .filter(([, v]) => !PARTICLE.test(v.replace(trailing, '')))
      .map(([k, v]) => `${k}: …${v.slice(-30)}`);
    expect(missing).toEqual([]);
  });

  it('"ท่าน" never stands for a third person (คุณแม่, ผู้ที่ขอรับความช่วยเหลือ instead)', () => {
    // "เท่านั้น" contains the letters of ท่าน; the word itself is not used at all.
    const found = Object.entries(table)
      .filter(([, v]) => /(?<!เ)ท่าน(?!ั)/.test(v))
      .map(([k]) => k);
    expect(found).toEqual([]);
  });

  it('บอท is spelled one way', () => {
    const other = Object.entries(table)
      .filter(([, v]) => /บ็อท|บอต|บ็อต|บ๊อท|บ็อต/.test(v))
      .map(([k]) => k);
    expect(other).toEqual([]);
  });

  it('the consent and privacy texts are in short lines', () => {
    const graphemes = (s: string) => [...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(s)].length;
    const long = ['help.consent.ask', 'help.consent.askSensitive', 'bot.pdpaNotice']
      .flatMap((k) => table[k]!.split('\n').map((line) => [k, line] as const))
      .filter(([, line]) => graphemes(line) > 60)
      .map(([k, line]) => `${k}: ${line}`);
    expect(long).toEqual([]);
  });
});
