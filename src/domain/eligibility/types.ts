/**
 * Shapes of the benefit rules (data in src/domain/data/benefits.ts) and of the checker's results.
 */
import type { LocalizedText } from '../locale';
import type { QuestionId } from './questions';

/** Every reason the checker can give; locales translate each (e.g. `eligibility.reason.<code>`). */
export const REASON_CODES = [
  // a rule is not met
  'not_thai',
  'under_60',
  'under_18',
  'not_registered_in_area',
  'receives_state_pension',
  'in_state_care_home',
  'no_disability_card',
  'child_not_thai',
  'child_too_old',
  'household_income_over_limit',
  'income_over_limit',
  'assets_over_limit',
  'no_hardship',
  'yearly_limit_reached',
  // staff must decide
  'answer_unsure',
  'answer_missing',
  'income_criteria_unset',
  // information that goes with an outcome
  'can_register_in_advance',
  'assessment_required',
] as const;

/** A reason code; see {@link REASON_CODES}. */
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * A test on the answers:
 * - `{ question, equals }` for yes-no questions;
 * - `{ question, min?, max? }` for numbers, inclusive;
 * - `{ perPerson: { total, members }, max }`: total ÷ members ≤ max (household income per person).
 */
export type Predicate =
  | { readonly question: QuestionId; readonly equals: 'yes' | 'no' }
  | { readonly question: QuestionId; readonly min?: number; readonly max?: number }
  | { readonly perPerson: { readonly total: QuestionId; readonly members: QuestionId }; readonly max: number };

/** One condition of a benefit. Rules are listed in the order their questions should be asked. */
export interface Rule {
  readonly id: string;
  readonly test: Predicate;
  /** Reason given when the test fails. */
  readonly failReason: ReasonCode;
  /** The rule applies only when this holds (e.g. the yearly limit only for people aged 60+). */
  readonly when?: Predicate;
  /** Extra reason when a failed numeric test missed by at most `within` (e.g. age 59: register in advance). */
  readonly nearMiss?: { readonly within: number; readonly reason: ReasonCode };
  /** Law, regulation or official page the rule comes from. */
  readonly source: string;
}

/** How much is paid. */
export type AmountRule =
  | { readonly kind: 'fixed'; readonly baht: number }
  | { readonly kind: 'up_to'; readonly baht: number }
  | {
      readonly kind: 'by_age';
      readonly question: QuestionId;
      /** Inclusive age bands; `max` omitted for the open top band. */
      readonly bands: readonly { readonly min: number; readonly max?: number; readonly baht: number }[];
    }
  | { readonly kind: 'none' };

/** Where the money is counted per: each month, each time assistance is given, or not money at all. */
export type Period = 'month' | 'time' | null;

/**
 * One benefit the checker knows. `Doc` and `Place` are the document and place keys of the data file, so
 * a typo in a key fails type checking.
 */
export interface BenefitDefinition<Doc extends string = string, Place extends string = string> {
  readonly name: LocalizedText;
  readonly rules: readonly Rule[];
  readonly amount: AmountRule;
  readonly period: Period;
  readonly documents: readonly Doc[];
  readonly registerAt: readonly Place[];
  /** Reasons always attached to an eligible result (e.g. 'assessment_required'). */
  readonly eligibleNotes?: readonly ReasonCode[];
  /** Benefits that may be received together with this one. */
  readonly compatibleWith?: readonly string[];
  /** Optional income test (old-age allowance, 2023 regulation): off unless switched on. */
  readonly incomeTest?: {
    readonly enabled: boolean;
    /** Annual personal income limit in baht; null while the criteria are not set. */
    readonly maxAnnualIncomeBaht: number | null;
    readonly source: string;
  };
  readonly sources: readonly string[];
  /** Date the rule text was last checked against its sources (YYYY-MM-DD). */
  readonly checked: string;
  /** False while the facts come from secondary sources (DESIGN §4 "verify"). */
  readonly verified: boolean;
}
