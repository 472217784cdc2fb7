/**
 * ตรวจสอบสิทธิ์ — can I (or my mother) get a benefit, how much, what to bring, where to register.
 *
 * The rules are data (src/domain/data/benefits.ts): this flow asks only what `questionsFor` says is still
 * needed, in the data's order, and draws the result from `evaluate`. It knows no amounts or conditions itself.
 * Every step routes through {@link nextStep}, so answers understood from free text ("ยายอายุ๗๕ ได้เบี้ยเท่าไหร่")
 * and answers carried over from an earlier check are never asked again.
 */
import type { Card, Flow, Label, Params, Say, Step, StepContext } from '../src/engine/types';
import { age, amount, choice, yesNoUnsure, type Option } from '../src/engine/steps';
import { BENEFITS, BENEFIT_IDS, DISABILITY_CARD, DOCUMENTS, PLACES, type BenefitId } from '../src/domain/data/benefits';
import { getCentre } from '../src/domain/data';
import { evaluate, questionsFor } from '../src/domain/eligibility/evaluate';
import { QUESTIONS, QUESTION_IDS, isValidAnswer, type Answer, type Answers, type QuestionId } from '../src/domain/eligibility/questions';
import { formatThaiDate } from '../src/domain/thai/dates';
import { t, type Locale, type MessageKey } from '../src/i18n';
import {
  ANSWER_WORDS,
  BENEFIT_OF_MENTION,
  BENEFIT_WORDS,
  benefitLabel,
  benefitOf as benefitOfSlot,
  type Relation,
  type Who,
} from '../src/vocabulary';
import { RELATION_OPTIONS, WHO_OPTIONS, namedRelation, prefillPerson, relationFromText, whoFromText } from './common';

export { WHO_OPTIONS };

/** "Not sure which benefit": a couple of screening questions suggest one. */
export const UNSURE = 'unsure';
export const SITUATIONS = ['disability', 'young_child', 'hardship', 'low_income', 'none'] as const;
export type Situation = (typeof SITUATIONS)[number];
export type NextAction = 'book' | 'request' | 'another' | 'menu';

/** A stored answer: yes/no/unsure for yes-no questions, a number or null ("not sure") for the others. */
type Stored = 'yes' | 'no' | 'unsure' | number | null;
const isStored = (v: unknown): v is Stored => v === null || typeof v === 'number' || v === 'yes' || v === 'no' || v === 'unsure';

export type EligibilityData = { [Q in QuestionId]?: Stored } & {
  benefitPick?: BenefitId | typeof UNSURE;
  who?: Who;
  relation?: Relation;
  situation?: Situation;
  /** The benefit picked from the suggestions after screening. */
  benefit?: BenefitId;
  next?: NextAction;
};

/** The benefit being checked, once known. */
export function benefitOf(d: EligibilityData): BenefitId | undefined {
  return d.benefitPick && d.benefitPick !== UNSURE ? d.benefitPick : d.benefit;
}

/** The answers in the shape the rules take ("not sure" of a number becomes 'unsure'). */
export function answersOf(d: EligibilityData): Answers {
  const answers: Answers = {};
  for (const q of QUESTION_IDS) {
    const v = d[q];
    if (v === undefined) continue;
    const a: Answer = v === null ? 'unsure' : v;
    answers[q] = isValidAnswer(q, a) ? a : 'unsure';
  }
  return answers;
}

/** Where the check goes next: the first thing not yet known. */
export function nextStep(d: EligibilityData): string {
  if (d.benefitPick === undefined) return 'benefitPick';
  const benefit = benefitOf(d);
  if (d.who === undefined && benefit !== 'newborn_support') return 'who';
  if (d.who === 'relative' && d.relation === undefined) return 'relation';
  if (!benefit) {
    if (d.age === undefined) return 'age';
    if (d.situation === undefined) return 'situation';
    return 'suggest';
  }
  return questionsFor(benefit, answersOf(d))[0] ?? 'result';
}

/** Benefits worth checking for what the screening said. */
export function suggestions(d: EligibilityData): BenefitId[] {
  const a = typeof d.age === 'number' ? d.age : undefined;
  const out: BenefitId[] = [];
  if (a === undefined || a >= 60) out.push('old_age_allowance');
  if (d.situation === 'disability') out.push('disability_allowance');
  if (d.situation === 'young_child') out.push('newborn_support');
  if (d.situation === 'hardship') out.push('emergency_assistance');
  if (d.situation === 'low_income' && (a === undefined || a >= 18)) out.push('state_welfare_card');
  return out.length > 0 ? out : [...BENEFIT_IDS];
}

/** "คุณ"/"ท่าน" in questions, by whom the check is for. */
function person(d: EligibilityData): Params {
  const self = d.who === undefined || d.who === 'self';
  // A parent, child or grandchild named: asked about by that word in Thai ("คุณแม่มีสัญชาติไทยไหมคะ"); English keeps "they".
  const named = namedRelation(d);
  if (named) return { person: { key: `elig.person.${named}` }, whose: { key: `elig.whose.${named}` } };
  return { person: { key: self ? 'elig.person.self' : 'elig.person.other' }, whose: { key: self ? 'elig.whose.self' : 'elig.whose.other' } };
}

/** Words typed for each situation (besides its label). */
const SITUATION_WORDS: Record<Situation, string[]> = {
  disability: ['พิการ', 'คนพิการ', 'disabled', 'disability'],
  young_child: ['ลูกเล็ก', 'มีลูกเล็ก', 'เด็กเล็ก', 'มีเด็กเล็ก', 'young child', 'baby'],
  hardship: ['เดือดร้อน', 'ลำบาก', 'ตกงาน', 'hardship'],
  low_income: ['จน', 'ยากจน', 'รายได้ต่ำ', 'ไม่มีเงิน', 'low income', 'poor'],
  none: ['ไม่มีเลย', 'ไม่มี', 'ไม่ตรงสักข้อ', 'none'],
};

const say = (key: MessageKey, params?: Params): Say => ({ kind: 'text', text: { key, params } });
const benefitOption = (b: BenefitId): Option<BenefitId> => ({ value: b, label: { key: benefitLabel(b) }, words: BENEFIT_WORDS[b] });
const labels = { yes: 'elig.answer.yes', no: 'elig.answer.no', unsure: 'elig.answer.unsure' } as const;

/** The step asking one rule question, by its answer type. */
function questionStep(q: QuestionId): Step<EligibilityData> {
  const prompt = (d: EligibilityData) => [say(`elig.q.${q}`, person(d))];
  const spec: { type: string; min?: number; max?: number } = QUESTIONS[q];
  switch (spec.type) {
    case 'yesno':
      return yesNoUnsure({ field: q, prompt, labels, next: nextStep });
    case 'age':
      return age({ field: q, prompt, unknown: true, next: nextStep });
    default:
      return amount({
        field: q,
        prompt,
        min: spec.min,
        max: spec.max,
        retry: spec.type === 'money' ? 'elig.retry.money' : 'elig.retry.number',
        unknown: 'elig.answer.unsure',
        next: nextStep,
      });
  }
}

/** Every rule question's step, by question id. */
const questionSteps: Record<string, Step<EligibilityData>> = Object.fromEntries(QUESTION_IDS.map((q) => [q, questionStep(q)]));

export const eligibilityFlow: Flow<EligibilityData> = {
  id: 'eligibility',
  version: 1,
  order: ['benefitPick', 'who', 'relation', 'situation', 'suggest', ...QUESTION_IDS, 'result'],
  prefill(slots) {
    const d: EligibilityData = prefillPerson(slots);
    const b = benefitOfSlot(slots.benefit);
    if (b) d.benefitPick = b;
    // Answers carried over from an earlier check ("ตรวจสิทธิ์อื่น"): facts about the same person.
    const carried: unknown = slots.answers;
    if (typeof carried === 'object' && carried !== null) {
      for (const q of QUESTION_IDS) {
        const v: unknown = Reflect.get(carried, q);
        if (v === null || (isStored(v) && isValidAnswer(q, v))) d[q] = v;
      }
    }
    return d;
  },
  steps: {
    benefitPick: choice({
      field: 'benefitPick',
      prompt: 'elig.benefit.ask',
      options: [
        ...BENEFIT_IDS.map(benefitOption),
        { value: UNSURE, label: { key: 'elig.benefit.unsure' }, means: 'unsure', words: ANSWER_WORDS.unsure },
      ],
      fromText: (u) => (u.slots.benefit ? BENEFIT_OF_MENTION[u.slots.benefit] : undefined),
      clears: ['situation', 'benefit'],
      next: nextStep,
    }),
    who: choice({
      field: 'who',
      prompt: 'elig.who.ask',
      options: WHO_OPTIONS,
      fromText: whoFromText,
      clears: ['relation'],
      next: nextStep,
    }),
    relation: choice({
      field: 'relation',
      prompt: 'help.relation.ask',
      skip: (d) => d.who !== 'relative',
      options: RELATION_OPTIONS,
      fromText: relationFromText,
      next: nextStep,
    }),
    situation: choice({
      field: 'situation',
      prompt: (d) => [say('elig.situation.ask', person(d))],
      options: SITUATIONS.map((s) => ({ value: s, label: { key: `elig.situation.${s}` }, words: SITUATION_WORDS[s] })),
      next: nextStep,
    }),
    suggest: choice({
      field: 'benefit',
      prompt: (d, ctx) => [
        say('elig.suggest.ask', {
          list: suggestions(d)
            .map((b) => BENEFITS[b].name[ctx.locale])
            .join(', '),
        }),
      ],
      options: (d) => suggestions(d).map(benefitOption),
      next: nextStep,
    }),
    ...questionSteps,
    result: choice({
      field: 'next',
      prompt: (d, ctx) => resultSays(d, ctx),
      options: [
        { value: 'book', label: { key: 'elig.next.book' }, words: ['นัด', 'นัดหมาย', 'จองคิว', 'book'] },
        { value: 'request', label: { key: 'elig.next.request' }, words: ['คำร้อง', 'ส่งคำร้อง', 'request'] },
        { value: 'another', label: { key: 'elig.next.another' }, words: ['สิทธิ์อื่น', 'ตรวจอีก', 'another'] },
        { value: 'menu', label: { key: 'elig.next.menu' }, words: ['พอแล้ว', 'ขอบคุณ', 'done'] },
      ],
      next: () => 'submit',
    }),
  },
};

/** The result: a card for the benefit, then what can be done next. */
export function resultSays(d: EligibilityData, ctx: StepContext): Say[] {
  const b = benefitOf(d);
  if (!b) return [];
  const r = evaluate(b, answersOf(d));
  const follow: Record<typeof r.outcome, MessageKey> = {
    eligible: 'elig.after.eligible',
    staff_check: 'elig.after.staffCheck',
    not_eligible: 'elig.after.notEligible',
  };
  // No disability card yet: how to get one ("ลูกพิการ ทำบัตรคนพิการยังไง" is what people ask).
  const card = r.reasons.includes('no_disability_card') ? [cardHowTo(ctx.locale)] : [];
  return [resultCard(d, b, ctx.locale), ...card, say(follow[r.outcome], { checked: formatThaiDate(BENEFITS[b].checked, { locale: ctx.locale }) })];
}

/** How to get a disability ID card: the doctor's certificate, where to apply, the documents, the hotline. */
function cardHowTo(locale: Locale): Say {
  return say('elig.cardHowTo', {
    where: PLACES[DISABILITY_CARD.applyAt[0]][locale],
    orWhere: PLACES[DISABILITY_CARD.applyAt[1]][locale],
    documents: DISABILITY_CARD.documents.map((k) => `• ${DOCUMENTS[k][locale]}`).join('\n'),
    // The disability hotline of the centre's data (1479); 1300 takes every kind of call.
    hotline: getCentre().hotlines.find((h) => h.purpose === 'disability')?.number ?? '1300',
  });
}

/** One benefit's result card: outcome, reason in plain words, amount, documents, where to register. */
export function resultCard(d: EligibilityData, b: BenefitId, locale: Locale): Say {
  const def = BENEFITS[b];
  const r = evaluate(b, answersOf(d));
  const lit = (s: string): Label => ({ literal: s });
  const rows: Card['rows'] = [];
  const reasons = r.reasons.map((code) => t(locale, `elig.reason.${code}`));
  if (r.unsureQuestions.length > 0)
    reasons.push(t(locale, 'elig.result.unsureTopics', { topics: r.unsureQuestions.map((q) => t(locale, `elig.topic.${q}`)).join(', ') }));
  if (reasons.length === 0) reasons.push(t(locale, 'elig.reason.all_met'));
  rows.push({ label: { key: 'elig.result.reason' }, value: lit(reasons.join('\n')) });
  if (r.amountBaht !== undefined && r.outcome !== 'not_eligible') {
    const key = r.amountKind === 'up_to' ? 'elig.amount.upTo' : 'elig.amount.exact';
    const per = r.period === 'month' ? 'elig.amount.perMonth' : 'elig.amount.perTime';
    rows.push({ label: { key: 'elig.result.amount' }, value: { key, params: { amount: r.amountBaht.toLocaleString('en-US'), per: { key: per } } } });
  }
  const canRegister = r.outcome !== 'not_eligible' || r.reasons.includes('can_register_in_advance');
  if (canRegister) {
    rows.push({ label: { key: 'elig.result.documents' }, value: lit(r.documents.map((k) => `• ${DOCUMENTS[k][locale]}`).join('\n')) });
    rows.push({ label: { key: 'elig.result.where' }, value: lit(r.registerAt.map((k) => PLACES[k][locale]).join('\n')) });
  }
  const tone = r.outcome === 'eligible' ? 'success' : 'normal';
  return {
    kind: 'card',
    altText: { key: 'elig.result.alt', params: { benefit: def.name[locale], outcome: { key: `elig.outcome.${r.outcome}` } } },
    card: { title: lit(def.name[locale]), subtitle: { key: `elig.outcome.${r.outcome}` }, tone, rows },
  };
}
