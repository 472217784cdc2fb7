/**
 * What happens after an eligibility result: the citizen picked "book a visit", "file a request", "check
 * another benefit" or "menu". The answers are carried over, so the next flow asks only what it still needs.
 */
import type { FlowState } from '../engine/types';
import type { ActionCitizen, ActionResult } from './actionTypes';
import type { Category } from '../nlu';
import type { BenefitId } from '../domain/data/benefits';
import { evaluate } from '../domain/eligibility/evaluate';
import { QUESTION_IDS } from '../domain/eligibility/questions';
import { answersOf, benefitOf, eligibilityFlow, type EligibilityData } from '../../flows/eligibility';
import { isStateOf } from '../engine/registry';
import { FlowStateError } from '../errors';
import { PURPOSE_FOR_BENEFIT } from '../../flows/booking';
import { withMenu } from './says';

/** The request-help category that fits a benefit. */
const CATEGORY_FOR_BENEFIT: Record<BenefitId, Category> = {
  old_age_allowance: 'elderly',
  disability_allowance: 'disability',
  newborn_support: 'child',
  emergency_assistance: 'low_income',
  state_welfare_card: 'low_income',
};

/** Who the check was for, in the vocabulary every flow's prefill understands. */
function person(d: EligibilityData): Record<string, unknown> {
  return {
    who: d.who,
    relation: d.who === 'relative' ? d.relation : undefined,
    age: typeof d.age === 'number' ? d.age : undefined,
  };
}

/** Submit action of the eligibility flow. */
export async function finishEligibility(state: FlowState, who: ActionCitizen): Promise<ActionResult> {
  if (!isStateOf(eligibilityFlow, state)) throw new FlowStateError(`eligibility action given ${state.flow}`);
  const d = state.data;
  const benefit = benefitOf(d);
  switch (d.next) {
    case 'book': {
      const outcome = benefit ? evaluate(benefit, answersOf(d)).outcome : undefined;
      const purpose = benefit ? PURPOSE_FOR_BENEFIT[benefit] : 'consult';
      return {
        says: [{ kind: 'text', text: { key: 'elig.toBooking' } }],
        then: { flow: 'booking', prefill: { ...person(d), purpose, benefit, outcome } },
      };
    }
    case 'request':
      return { says: [], then: { flow: 'requestHelp', prefill: { ...person(d), category: benefit ? CATEGORY_FOR_BENEFIT[benefit] : undefined } } };
    case 'another': {
      const answers = Object.fromEntries(QUESTION_IDS.filter((q) => d[q] !== undefined).map((q) => [q, d[q]]));
      return { says: [], then: { flow: 'eligibility', prefill: { ...person(d), answers } } };
    }
    default:
      return { says: [withMenu('elig.done', who.locale)] };
  }
}
