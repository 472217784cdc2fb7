/**
 * The eligibility checker: pure functions over the benefit data and the answers collected so far.
 *
 * - {@link questionsFor} tells a flow which questions are still needed, in asking order; it returns an
 *   empty list once the outcome is decided (e.g. age 45 for the old-age allowance ends the check
 *   without asking about house registration).
 * - {@link evaluate} gives the outcome:
 *   - `not_eligible` as soon as any applicable rule fails on a definite answer (even if others are
 *     unsure or unanswered);
 *   - otherwise `staff_check` when any needed answer is 'unsure' or missing, or a switched-on rule has no
 *     criteria yet;
 *   - otherwise `eligible`.
 *   Reasons are codes for locales to phrase; the amount is given when it can be worked out.
 */
import { BENEFITS, type BenefitId, type DocumentKey, type PlaceKey } from '../data/benefits';
import { InvalidAnswerError, isQuestionId, isValidAnswer, QUESTIONS, type Answer, type Answers, type QuestionId } from './questions';
import type { AmountRule, BenefitDefinition, Period, Predicate, ReasonCode, Rule } from './types';

/** The outcome of a check. */
export type Outcome = 'eligible' | 'not_eligible' | 'staff_check';

/** Result of {@link evaluate}. */
export interface EligibilityResult {
  benefitId: BenefitId;
  outcome: Outcome;
  /** Why: failed rules, 'answer_unsure'/'answer_missing', notes such as 'assessment_required'. No duplicates. */
  reasons: ReasonCode[];
  /** Questions answered 'unsure' that matter for the outcome or the amount. */
  unsureQuestions: QuestionId[];
  /** Questions still unanswered that matter (empty when the outcome is decided). */
  missingQuestions: QuestionId[];
  /** Amount in baht when known (for `amountKind: 'up_to'` the maximum); absent when not eligible. */
  amountBaht?: number;
  amountKind?: 'exact' | 'up_to';
  period: Period;
  documents: DocumentKey[];
  registerAt: PlaceKey[];
  /** Sources of the benefit's rules and the date they were checked. */
  sources: string[];
  checked: string;
}

/** Run-time switches, overriding the data (e.g. from staff settings). */
export interface EvaluateOptions {
  /** Old-age allowance income test (2023 regulation). Default: the data's `incomeTest.enabled` (false). */
  incomeTestEnabled?: boolean;
  /** Income limit in baht per year when the income test is on; null = criteria not set (staff check). */
  incomeLimitBaht?: number | null;
}

type Verdict = { state: 'pass' } | { state: 'fail' } | { state: 'unsure'; questions: QuestionId[] } | { state: 'missing'; questions: QuestionId[] };

/** Internal view of a rule, including the optional income test turned into a rule. */
type ActiveRule = Rule | { id: 'income_test_unset'; unset: true; source: string };

function benefitOf(id: BenefitId): BenefitDefinition<DocumentKey, PlaceKey> {
  const b = BENEFITS[id] as BenefitDefinition<DocumentKey, PlaceKey> | undefined;
  if (b === undefined) throw new RangeError(`unknown benefit ${String(id)}`);
  return b;
}

function checkAnswers(answers: Answers): void {
  for (const [id, answer] of Object.entries(answers)) {
    if (answer === undefined) continue;
    if (!isQuestionId(id)) throw new InvalidAnswerError(id, answer);
    if (!isValidAnswer(id, answer)) throw new InvalidAnswerError(id, answer);
  }
}

function activeRules(benefit: BenefitDefinition<DocumentKey, PlaceKey>, options: EvaluateOptions): ActiveRule[] {
  const rules: ActiveRule[] = [...benefit.rules];
  const test = benefit.incomeTest;
  if (test) {
    const enabled = options.incomeTestEnabled ?? test.enabled;
    const limit = options.incomeLimitBaht !== undefined ? options.incomeLimitBaht : test.maxAnnualIncomeBaht;
    if (enabled && limit !== null) {
      rules.push({
        id: 'income_test',
        test: { question: 'personal_income_year', max: limit },
        failReason: 'income_over_limit',
        source: test.source,
      });
    } else if (enabled) {
      rules.push({ id: 'income_test_unset', unset: true, source: test.source });
    }
  }
  return rules;
}

function judge(p: Predicate, answers: Answers): Verdict {
  if ('perPerson' in p) {
    const total = answers[p.perPerson.total];
    const members = answers[p.perPerson.members];
    const missing = [p.perPerson.total, p.perPerson.members].filter((q) => answers[q] === undefined);
    if (missing.length > 0) return { state: 'missing', questions: missing };
    const unsure = [p.perPerson.total, p.perPerson.members].filter((q) => answers[q] === 'unsure');
    if (unsure.length > 0) return { state: 'unsure', questions: unsure };
    return (total as number) / (members as number) <= p.max ? { state: 'pass' } : { state: 'fail' };
  }
  const a: Answer | undefined = answers[p.question];
  if (a === undefined) return { state: 'missing', questions: [p.question] };
  if (a === 'unsure') return { state: 'unsure', questions: [p.question] };
  if ('equals' in p) return a === p.equals ? { state: 'pass' } : { state: 'fail' };
  const n = a as number;
  if (p.min !== undefined && n < p.min) return { state: 'fail' };
  if (p.max !== undefined && n > p.max) return { state: 'fail' };
  return { state: 'pass' };
}

/** Verdict of one rule: 'skip' when its `when` condition is definitely false. */
function judgeRule(rule: ActiveRule, answers: Answers): Verdict | { state: 'skip' } | { state: 'unset' } {
  if ('unset' in rule) return { state: 'unset' };
  if (rule.when) {
    const w = judge(rule.when, answers);
    if (w.state === 'fail') return { state: 'skip' };
    if (w.state !== 'pass') {
      // The condition itself is unknown: ask/flag its question; if it is unsure, the rule's own
      // question also becomes relevant (staff will need it).
      if (w.state === 'missing') return w;
      const own = judge(rule.test, answers);
      if (own.state === 'pass') return { state: 'pass' };
      const questions = own.state === 'fail' ? w.questions : [...w.questions, ...own.questions];
      return own.state === 'missing' ? { state: 'missing', questions: own.questions } : { state: 'unsure', questions };
    }
  }
  return judge(rule.test, answers);
}

function nearMissReason(rule: Rule, answers: Answers): ReasonCode | null {
  if (!rule.nearMiss || 'perPerson' in rule.test || 'equals' in rule.test) return null;
  const a = answers[rule.test.question];
  if (typeof a !== 'number') return null;
  const { min, max } = rule.test;
  const gap = min !== undefined && a < min ? min - a : max !== undefined && a > max ? a - max : 0;
  return gap > 0 && gap <= rule.nearMiss.within ? rule.nearMiss.reason : null;
}

/** The amount question of a benefit, if its amount depends on an answer. */
function amountQuestion(amount: AmountRule): QuestionId | null {
  return amount.kind === 'by_age' ? amount.question : null;
}

function amountFor(amount: AmountRule, answers: Answers): { baht: number; kind: 'exact' | 'up_to' } | null {
  switch (amount.kind) {
    case 'fixed':
      return { baht: amount.baht, kind: 'exact' };
    case 'up_to':
      return { baht: amount.baht, kind: 'up_to' };
    case 'by_age': {
      const age = answers[amount.question];
      if (typeof age !== 'number') return null;
      const band = amount.bands.find((b) => age >= b.min && (b.max === undefined || age <= b.max));
      return band ? { baht: band.baht, kind: 'exact' } : null;
    }
    case 'none':
      return null;
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/**
 * Evaluates a benefit against the answers so far. Throws {@link InvalidAnswerError} when an answer does
 * not fit its question (e.g. 'yes' for age), and RangeError for an unknown benefit.
 */
export function evaluate(benefitId: BenefitId, answers: Answers, options: EvaluateOptions = {}): EligibilityResult {
  const benefit = benefitOf(benefitId);
  checkAnswers(answers);

  const failed: ReasonCode[] = [];
  const notes: ReasonCode[] = [];
  const unsure: QuestionId[] = [];
  const missing: QuestionId[] = [];
  let unset = false;
  for (const rule of activeRules(benefit, options)) {
    const v = judgeRule(rule, answers);
    if (v.state === 'fail' && !('unset' in rule)) {
      failed.push(rule.failReason);
      const near = nearMissReason(rule, answers);
      if (near) notes.push(near);
    } else if (v.state === 'unsure') unsure.push(...v.questions);
    else if (v.state === 'missing') missing.push(...v.questions);
    else if (v.state === 'unset') unset = true;
  }

  const amountQ = amountQuestion(benefit.amount);
  if (amountQ !== null) {
    if (answers[amountQ] === undefined) missing.push(amountQ);
    else if (answers[amountQ] === 'unsure') unsure.push(amountQ);
  }

  const base = {
    benefitId,
    period: benefit.period,
    documents: [...benefit.documents],
    registerAt: [...benefit.registerAt],
    sources: [...benefit.sources],
    checked: benefit.checked,
  };

  if (failed.length > 0) {
    return { ...base, outcome: 'not_eligible', reasons: unique([...failed, ...notes]), unsureQuestions: [], missingQuestions: [] };
  }

  const amount = amountFor(benefit.amount, answers);
  const amountFields = amount === null ? {} : { amountBaht: amount.baht, amountKind: amount.kind };
  const ruleUnsure = unique(unsure);
  const ruleMissing = unique(missing);
  if (ruleUnsure.length > 0 || ruleMissing.length > 0 || unset) {
    const reasons: ReasonCode[] = [];
    if (ruleUnsure.length > 0) reasons.push('answer_unsure');
    if (ruleMissing.length > 0) reasons.push('answer_missing');
    if (unset) reasons.push('income_criteria_unset');
    return { ...base, ...amountFields, outcome: 'staff_check', reasons, unsureQuestions: ruleUnsure, missingQuestions: ruleMissing };
  }
  return {
    ...base,
    ...amountFields,
    outcome: 'eligible',
    reasons: [...(benefit.eligibleNotes ?? [])],
    unsureQuestions: [],
    missingQuestions: [],
  };
}

/**
 * The questions still needed for a benefit, in asking order, given the answers so far. Answered
 * questions (including 'unsure') are never repeated. Returns [] once a definite answer rules the person
 * out. A question that only matters under a condition (the yearly limit for people aged 60+) is listed
 * only once the condition is known to hold — ask the first question, then call again.
 */
export function questionsFor(benefitId: BenefitId, answersSoFar: Answers, options: EvaluateOptions = {}): QuestionId[] {
  const benefit = benefitOf(benefitId);
  checkAnswers(answersSoFar);
  const needed: QuestionId[] = [];
  for (const rule of activeRules(benefit, options)) {
    const v = judgeRule(rule, answersSoFar);
    if (v.state === 'fail') return [];
    if (v.state === 'missing') needed.push(...v.questions);
  }
  const amountQ = amountQuestion(benefit.amount);
  if (amountQ !== null && answersSoFar[amountQ] === undefined) needed.push(amountQ);
  return unique(needed);
}

/** The questions a benefit can ask at most, in order (for previews and locale coverage checks). */
export function allQuestionsFor(benefitId: BenefitId, options: EvaluateOptions = {}): QuestionId[] {
  const benefit = benefitOf(benefitId);
  const out: QuestionId[] = [];
  const add = (p: Predicate) => ('perPerson' in p ? out.push(p.perPerson.total, p.perPerson.members) : out.push(p.question));
  for (const rule of activeRules(benefit, options)) {
    if ('unset' in rule) continue;
    if (rule.when) add(rule.when);
    add(rule.test);
  }
  const amountQ = amountQuestion(benefit.amount);
  if (amountQ !== null) out.push(amountQ);
  return unique(out).filter((q) => q in QUESTIONS);
}
