/**
 * The questions the eligibility checker may ask, as one table: the ids, the answer types and the bounds
 * are all derived from it. Question wording lives in locales (e.g. `eligibility.question.<id>`).
 *
 * `age` is always the age of the person the check is about (the citizen, or the relative they ask for),
 * so a flow asks it once and reuses it for every benefit.
 */

/** How a question is answered: yes/no buttons, an age (years), an amount of baht, or a count. */
export type AnswerType = 'yesno' | 'age' | 'money' | 'number';

/** Specification of one question. `min`/`max` bound numeric answers (inclusive). */
export interface QuestionSpec {
  readonly type: AnswerType;
  readonly min?: number;
  readonly max?: number;
}

/** Every question, in no particular order (each benefit orders its own). */
export const QUESTIONS = {
  age: { type: 'age', min: 0, max: 120 },
  thai_nationality: { type: 'yesno' },
  registered_in_area: { type: 'yesno' },
  receives_state_pension: { type: 'yesno' },
  in_state_care_home: { type: 'yesno' },
  has_disability_card: { type: 'yesno' },
  child_thai_nationality: { type: 'yesno' },
  child_age: { type: 'age', min: 0, max: 120 },
  household_income_year: { type: 'money', min: 0 },
  household_members: { type: 'number', min: 1, max: 100 },
  personal_income_year: { type: 'money', min: 0 },
  financial_assets: { type: 'money', min: 0 },
  in_hardship: { type: 'yesno' },
  times_helped_this_year: { type: 'number', min: 0, max: 366 },
} as const satisfies Record<string, QuestionSpec>;

/** Id of a question the checker can ask. */
export type QuestionId = keyof typeof QUESTIONS;

/** All question ids (for building locale keys or validating postback data). */
export const QUESTION_IDS = Object.keys(QUESTIONS) as QuestionId[];

/** An answer: yes/no/unsure for yes-no questions; a number (or 'unsure') for the others. */
export type Answer = 'yes' | 'no' | 'unsure' | number;

/** Answers collected so far. */
export type Answers = Partial<Record<QuestionId, Answer>>;

/** Thrown when an answer does not fit its question (a flow bug, not a citizen's typo). */
export class InvalidAnswerError extends RangeError {
  constructor(
    readonly question: string,
    readonly answer: unknown,
  ) {
    super(`invalid answer ${JSON.stringify(answer)} for question ${question}`);
    this.name = 'InvalidAnswerError';
  }
}

/** True when `id` is a known question id. */
export function isQuestionId(id: string): id is QuestionId {
  return Object.prototype.hasOwnProperty.call(QUESTIONS, id);
}

/** The answer type of a question. */
export function answerTypeOf(id: QuestionId): AnswerType {
  return QUESTIONS[id].type;
}

/**
 * True when `answer` fits the question: 'unsure' always fits; yes-no questions take 'yes'/'no';
 * ages and counts are whole numbers within bounds; money is a finite number ≥ 0.
 */
export function isValidAnswer(id: QuestionId, answer: unknown): answer is Answer {
  if (answer === 'unsure') return true;
  const spec: QuestionSpec = QUESTIONS[id];
  if (spec.type === 'yesno') return answer === 'yes' || answer === 'no';
  if (typeof answer !== 'number' || !Number.isFinite(answer)) return false;
  if (spec.type !== 'money' && !Number.isInteger(answer)) return false;
  if (spec.min !== undefined && answer < spec.min) return false;
  if (spec.max !== undefined && answer > spec.max) return false;
  return true;
}
