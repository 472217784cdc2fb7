import { BENEFIT_IDS, BENEFITS, DOCUMENTS, PLACES, RELATED_SERVICES } from '../../../src/domain/data/benefits';
import { allQuestionsFor } from '../../../src/domain/eligibility/evaluate';
import { QUESTIONS } from '../../../src/domain/eligibility/questions';
import { REASON_CODES } from '../../../src/domain/eligibility/types';

describe('benefits data', () => {
  it('covers the five DESIGN §4 benefits', () => {
    expect(BENEFIT_IDS).toEqual(['old_age_allowance', 'disability_allowance', 'newborn_support', 'emergency_assistance', 'state_welfare_card']);
  });

  it.each(BENEFIT_IDS)('%s has sources, a checked date, and known keys', (id) => {
    const b = BENEFITS[id];
    expect(b.sources.length).toBeGreaterThan(0);
    expect(b.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(b.name.th.length).toBeGreaterThan(0);
    expect(b.name.en.length).toBeGreaterThan(0);
    for (const d of b.documents) expect(Object.keys(DOCUMENTS)).toContain(d);
    for (const p of b.registerAt) expect(Object.keys(PLACES)).toContain(p);
    for (const rule of b.rules) {
      expect(rule.source.length).toBeGreaterThan(10);
      expect(REASON_CODES).toContain(rule.failReason);
    }
    for (const q of allQuestionsFor(id)) expect(Object.keys(QUESTIONS)).toContain(q);
  });

  it('keeps the old-age income test switched off with no criteria', () => {
    expect(BENEFITS.old_age_allowance.incomeTest).toMatchObject({ enabled: false, maxAnnualIncomeBaht: null });
  });

  it('routes to related services with places that exist', () => {
    expect(RELATED_SERVICES.home_modification.maxBaht).toBe(40_000);
    for (const s of Object.values(RELATED_SERVICES)) for (const p of s.askAt) expect(Object.keys(PLACES)).toContain(p);
  });
});
