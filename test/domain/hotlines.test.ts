/**
 * The danger cards' numbers are data (centre.json): each kind's hotlines, each with who runs it and when it was
 * checked; the data is refused when a card names a number without a source or one that is not listed.
 */
import { DEFAULT_DATA_FILES, getCentre, replaceDomainData, resetDomainData } from '../../src/domain/data';

afterEach(() => resetDomainData());

describe('danger hotlines in the centre data', () => {
  it('self-harm 1323 first (then 1669), violence 191 and 1300, medical 1669; each 24 h, with a source and date checked', () => {
    const c = getCentre();
    expect(c.dangerHotlines).toEqual({ self_harm: ['1323', '1669'], violence: ['191', '1300'], medical: ['1669'] });
    for (const n of ['1323', '1669', '191', '1300']) {
      const h = c.hotlines.find((x) => x.number === n)!;
      expect(h).toMatchObject({ hours24: true, verified: true, source: expect.any(String), checked: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    }
  });

  it('refuses a danger card number that is unlisted or has no source', () => {
    const base = JSON.parse(JSON.stringify(DEFAULT_DATA_FILES.centre));
    expect(() => replaceDomainData({ centre: { ...base, dangerHotlines: { ...base.dangerHotlines, medical: ['1554'] } } })).toThrow(
      /1554 is not in hotlines/,
    );
    const unsourced = {
      number: '1554',
      purpose: 'medical_emergency',
      hours24: true,
      name: { th: 'หน่วยแพทย์กู้ชีวิต 1554', en: 'Rescue 1554' },
      verified: false,
    };
    expect(() =>
      replaceDomainData({
        centre: { ...base, hotlines: [...base.hotlines, unsourced], dangerHotlines: { ...base.dangerHotlines, medical: ['1554'] } },
      }),
    ).toThrow(/needs a source/);
    expect(getCentre().dangerHotlines.medical).toEqual(['1669']);
  });
});
