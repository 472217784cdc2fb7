import { allQuestionsFor, evaluate, questionsFor } from '../../../src/domain/eligibility/evaluate';
import { InvalidAnswerError, isValidAnswer, type Answers } from '../../../src/domain/eligibility/questions';
import { parseAgeOrBirthYear } from '../../../src/domain/thai/ageParsing';

const OLD_AGE_YES: Answers = {
  thai_nationality: 'yes',
  registered_in_area: 'yes',
  receives_state_pension: 'no',
  in_state_care_home: 'no',
};

describe('old-age allowance', () => {
  it.each([
    [60, 600],
    [65, 600],
    [69, 600],
    [70, 700],
    [72, 700],
    [79, 700],
    [80, 800],
    [89, 800],
    [90, 1000],
    [104, 1000],
  ])('age %d → %d baht a month', (age, baht) => {
    const r = evaluate('old_age_allowance', { ...OLD_AGE_YES, age });
    expect(r.outcome).toBe('eligible');
    expect(r.amountBaht).toBe(baht);
    expect(r.amountKind).toBe('exact');
    expect(r.period).toBe('month');
    expect(r.reasons).toEqual([]);
  });

  it('carries documents, place, sources and the checked date', () => {
    const r = evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 72 });
    expect(r.documents).toEqual(['id_card', 'house_registration', 'bank_book']);
    expect(r.registerAt).toEqual(['chae_son_sao']);
    expect(r.checked).toBe('2026-11-29');
    expect(r.sources.join(' ')).toMatch(/เบี้ยยังชีพผู้สูงอายุ/);
  });

  it('is not eligible under 60, and at 59 may register in advance', () => {
    expect(evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 59 })).toMatchObject({
      outcome: 'not_eligible',
      reasons: ['under_60', 'can_register_in_advance'],
    });
    const r = evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 45 });
    expect(r.outcome).toBe('not_eligible');
    expect(r.reasons).toEqual(['under_60']);
    expect(r.amountBaht).toBeUndefined();
  });

  it('is not eligible with a government pension or in a state care home', () => {
    expect(evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 75, receives_state_pension: 'yes' }).reasons).toEqual(['receives_state_pension']);
    expect(evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 75, in_state_care_home: 'yes' }).reasons).toEqual(['in_state_care_home']);
    expect(evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 75, thai_nationality: 'no' }).reasons).toEqual(['not_thai']);
  });

  it('sends "unsure" on a decisive question to staff, keeping the likely amount', () => {
    const r = evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 75, registered_in_area: 'unsure' });
    expect(r).toMatchObject({
      outcome: 'staff_check',
      reasons: ['answer_unsure'],
      unsureQuestions: ['registered_in_area'],
      missingQuestions: [],
      amountBaht: 700,
    });
  });

  it('sends an unsure age to staff without an amount', () => {
    const r = evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 'unsure' });
    expect(r.outcome).toBe('staff_check');
    expect(r.unsureQuestions).toEqual(['age']);
    expect(r.amountBaht).toBeUndefined();
  });

  it('lets a definite failure win over an unsure answer', () => {
    const r = evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 75, registered_in_area: 'unsure', receives_state_pension: 'yes' });
    expect(r.outcome).toBe('not_eligible');
    expect(r.reasons).toEqual(['receives_state_pension']);
  });

  it('asks the remaining questions in order and stops once age decides', () => {
    expect(questionsFor('old_age_allowance', {})).toEqual([
      'age',
      'thai_nationality',
      'registered_in_area',
      'receives_state_pension',
      'in_state_care_home',
    ]);
    expect(questionsFor('old_age_allowance', { age: 45 })).toEqual([]);
    expect(questionsFor('old_age_allowance', { age: 75, thai_nationality: 'yes' })).toEqual([
      'registered_in_area',
      'receives_state_pension',
      'in_state_care_home',
    ]);
    expect(questionsFor('old_age_allowance', { age: 75, thai_nationality: 'unsure' })).toEqual([
      'registered_in_area',
      'receives_state_pension',
      'in_state_care_home',
    ]);
    expect(questionsFor('old_age_allowance', { ...OLD_AGE_YES, age: 75 })).toEqual([]);
  });

  it('reports missing answers as staff_check, not eligible', () => {
    const r = evaluate('old_age_allowance', { age: 75 });
    expect(r.outcome).toBe('staff_check');
    expect(r.reasons).toEqual(['answer_missing']);
    expect(r.missingQuestions).toEqual(['thai_nationality', 'registered_in_area', 'receives_state_pension', 'in_state_care_home']);
  });

  it('answers the DESIGN §8 question "ยายอายุ๗๕ ได้เบี้ยเท่าไหร่" with 700 once age is parsed', () => {
    const parsed = parseAgeOrBirthYear('ยายอายุ๗๕ ได้เบี้ยเท่าไหร่', '2026-12-02');
    expect(parsed.ok).toBe(true);
    const age = parsed.ok ? parsed.age : -1;
    expect(evaluate('old_age_allowance', { age }).amountBaht).toBe(700);
    expect(evaluate('old_age_allowance', { ...OLD_AGE_YES, age }).outcome).toBe('eligible');
  });

  describe('income test switch', () => {
    it('is off by default: no income question', () => {
      expect(allQuestionsFor('old_age_allowance')).not.toContain('personal_income_year');
    });

    it('switched on without criteria sends everyone to staff', () => {
      const r = evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 75 }, { incomeTestEnabled: true });
      expect(r.outcome).toBe('staff_check');
      expect(r.reasons).toEqual(['income_criteria_unset']);
      expect(questionsFor('old_age_allowance', { ...OLD_AGE_YES, age: 75 }, { incomeTestEnabled: true })).toEqual([]);
    });

    it('switched on with a limit asks and applies it', () => {
      const opts = { incomeTestEnabled: true, incomeLimitBaht: 50_000 };
      expect(questionsFor('old_age_allowance', { ...OLD_AGE_YES, age: 75 }, opts)).toEqual(['personal_income_year']);
      expect(evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 75, personal_income_year: 60_000 }, opts).reasons).toEqual(['income_over_limit']);
      expect(evaluate('old_age_allowance', { ...OLD_AGE_YES, age: 75, personal_income_year: 30_000 }, opts).outcome).toBe('eligible');
    });
  });
});

describe('disability allowance', () => {
  const yes: Answers = { has_disability_card: 'yes', thai_nationality: 'yes', registered_in_area: 'yes', in_state_care_home: 'no' };

  it.each([
    [10, 1000],
    [17, 1000],
    [18, 800],
    [75, 800],
  ])('age %d → %d baht a month', (age, baht) => {
    expect(evaluate('disability_allowance', { ...yes, age })).toMatchObject({ outcome: 'eligible', amountBaht: baht, period: 'month' });
  });

  it('needs a disability card, and asks nothing more without one', () => {
    expect(evaluate('disability_allowance', { ...yes, age: 30, has_disability_card: 'no' }).reasons).toEqual(['no_disability_card']);
    expect(questionsFor('disability_allowance', { has_disability_card: 'no' })).toEqual([]);
    expect(questionsFor('disability_allowance', {})[0]).toBe('has_disability_card');
  });

  it('lists the disability card among documents', () => {
    expect(evaluate('disability_allowance', { ...yes, age: 30 }).documents).toContain('disability_card');
  });
});

describe('newborn support', () => {
  const base: Answers = { child_thai_nationality: 'yes', child_age: 0, household_members: 4 };

  it('pays 600 a month when household income per person is at most 100,000', () => {
    expect(evaluate('newborn_support', { ...base, household_income_year: 300_000 })).toMatchObject({
      outcome: 'eligible',
      amountBaht: 600,
      period: 'month',
    });
    expect(evaluate('newborn_support', { ...base, household_income_year: 400_000 }).outcome).toBe('eligible'); // exactly 100,000
    expect(evaluate('newborn_support', { ...base, household_income_year: 400_004 }).reasons).toEqual(['household_income_over_limit']);
  });

  it('stops at age 6', () => {
    expect(evaluate('newborn_support', { ...base, child_age: 5, household_income_year: 100_000 }).outcome).toBe('eligible');
    expect(evaluate('newborn_support', { ...base, child_age: 6, household_income_year: 100_000 }).reasons).toEqual(['child_too_old']);
  });

  it('asks both parts of the per-person test, and is unsure when one is unsure', () => {
    expect(questionsFor('newborn_support', { child_thai_nationality: 'yes', child_age: 1 })).toEqual(['household_income_year', 'household_members']);
    const r = evaluate('newborn_support', { ...base, household_income_year: 'unsure' });
    expect(r.outcome).toBe('staff_check');
    expect(r.unsureQuestions).toEqual(['household_income_year']);
  });

  it('lists the DESIGN §4 documents', () => {
    expect(evaluate('newborn_support', { ...base, household_income_year: 1 }).documents).toEqual(
      expect.arrayContaining(['form_dr01', 'form_dr02', 'id_card', 'bank_book', 'mother_child_health_book']),
    );
  });
});

describe('emergency assistance', () => {
  it('gives up to 3,000 per time, with staff assessment', () => {
    expect(evaluate('emergency_assistance', { in_hardship: 'yes', age: 45 })).toMatchObject({
      outcome: 'eligible',
      amountBaht: 3000,
      amountKind: 'up_to',
      period: 'time',
      reasons: ['assessment_required'],
      registerAt: ['social_assistance_centre', 'pmj_lampang'],
    });
  });

  it('asks about earlier help this year only for people aged 60+', () => {
    expect(questionsFor('emergency_assistance', { in_hardship: 'yes' })).toEqual(['age']);
    expect(questionsFor('emergency_assistance', { in_hardship: 'yes', age: 45 })).toEqual([]);
    expect(questionsFor('emergency_assistance', { in_hardship: 'yes', age: 70 })).toEqual(['times_helped_this_year']);
  });

  it('limits people aged 60+ to three times a year', () => {
    expect(evaluate('emergency_assistance', { in_hardship: 'yes', age: 70, times_helped_this_year: 2 }).outcome).toBe('eligible');
    expect(evaluate('emergency_assistance', { in_hardship: 'yes', age: 70, times_helped_this_year: 3 }).reasons).toEqual(['yearly_limit_reached']);
    expect(evaluate('emergency_assistance', { in_hardship: 'yes', age: 40, times_helped_this_year: 5 }).outcome).toBe('eligible');
  });

  it('sends an unsure age with three earlier payments to staff', () => {
    const r = evaluate('emergency_assistance', { in_hardship: 'yes', age: 'unsure', times_helped_this_year: 3 });
    expect(r.outcome).toBe('staff_check');
    expect(r.unsureQuestions).toEqual(['age']);
  });

  it('is not for people without hardship', () => {
    expect(evaluate('emergency_assistance', { in_hardship: 'no' }).outcome).toBe('not_eligible');
    expect(questionsFor('emergency_assistance', { in_hardship: 'no' })).toEqual([]);
  });
});

describe('state welfare card', () => {
  const ok: Answers = {
    thai_nationality: 'yes',
    age: 40,
    personal_income_year: 100_000,
    household_income_year: 200_000,
    household_members: 2,
    financial_assets: 100_000,
  };

  it('is eligible at the limits, with no cash amount', () => {
    const r = evaluate('state_welfare_card', ok);
    expect(r.outcome).toBe('eligible');
    expect(r.amountBaht).toBeUndefined();
    expect(r.period).toBeNull();
  });

  it.each([
    [{ age: 17 }, 'under_18'],
    [{ personal_income_year: 100_001 }, 'income_over_limit'],
    [{ household_income_year: 200_002 }, 'household_income_over_limit'],
    [{ financial_assets: 150_000 }, 'assets_over_limit'],
    [{ thai_nationality: 'no' as const }, 'not_thai'],
  ])('%o → %s', (change, reason) => {
    expect(evaluate('state_welfare_card', { ...ok, ...change }).reasons).toEqual([reason]);
  });
});

describe('answer validation', () => {
  it('rejects answers that do not fit the question', () => {
    expect(() => evaluate('old_age_allowance', { age: 'yes' })).toThrow(InvalidAnswerError);
    expect(() => evaluate('old_age_allowance', { age: 130 })).toThrow(InvalidAnswerError);
    expect(() => evaluate('old_age_allowance', { age: 70.5 })).toThrow(InvalidAnswerError);
    expect(() => evaluate('old_age_allowance', { thai_nationality: 1 })).toThrow(InvalidAnswerError);
    expect(() => questionsFor('newborn_support', { household_members: 0 })).toThrow(InvalidAnswerError);
    expect(() => evaluate('old_age_allowance', { bogus: 'yes' } as unknown as Answers)).toThrow(InvalidAnswerError);
  });

  it('accepts unsure everywhere and fractional money', () => {
    expect(isValidAnswer('age', 'unsure')).toBe(true);
    expect(isValidAnswer('household_income_year', 1234.5)).toBe(true);
    expect(isValidAnswer('household_income_year', -1)).toBe(false);
  });

  it('is typed: unknown question ids do not compile', () => {
    // @ts-expect-error not a question id
    const bad: Answers = { favourite_colour: 'yes' };
    expect(bad).toBeDefined();
  });
});
