import * as domain from '../../src/domain';

describe('domain barrel', () => {
  it('exposes the main entry points', () => {
    for (const name of [
      'toArabicDigits',
      'parseNationalId',
      'maskNationalId',
      'parsePhone',
      'formatPhone',
      'maskPhone',
      'telUri',
      'formatThaiDate',
      'formatThaiDateTime',
      'parseThaiDate',
      'parseTimeOfDay',
      'parseAgeOrBirthYear',
      'isHoliday',
      'holidayName',
      'isBusinessDay',
      'nextBusinessDays',
      'isWithinOfficeHours',
      'slotsFor',
      'formatReference',
      'parseReference',
      'buddhistYearOf',
      'evaluate',
      'questionsFor',
      'graphemeLength',
      'fitsQuickReplyLabel',
      'truncateGraphemes',
      'getCentre',
    ]) {
      expect(typeof (domain as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('parses the same phone three ways (DESIGN §8)', () => {
    const values = ['๐๘๑ ๒๓๔ ๕๖๗๘', '081-234-5678', '+66812345678'].map((t) => domain.parsePhone(t));
    expect(new Set(values.map((v) => (v.ok ? domain.formatPhone(v.value) : 'fail')))).toEqual(new Set(['081-234-5678']));
  });
});
