/**
 * Benefits as free text names them (the NLU's `slots.benefit`) and as the rule data knows them (`BenefitId`,
 * src/domain/data/benefits.ts), with the words a citizen types for each when the eligibility flow asks.
 */
import { BENEFITS, type BenefitId } from '../domain/data/benefits';
import type { MessageKey } from '../i18n';

export type { BenefitId };

/** What the NLU reports in `slots.benefit`. */
export const BENEFIT_MENTIONS = ['old_age', 'disability', 'newborn', 'emergency', 'welfare_card'] as const;
export type BenefitMention = (typeof BENEFIT_MENTIONS)[number];

/** The rule data's benefit for each mention. */
export const BENEFIT_OF_MENTION: Readonly<Record<BenefitMention, BenefitId>> = {
  old_age: 'old_age_allowance',
  disability: 'disability_allowance',
  newborn: 'newborn_support',
  emergency: 'emergency_assistance',
  welfare_card: 'state_welfare_card',
};

export const isBenefitId = (v: unknown): v is BenefitId => typeof v === 'string' && Object.hasOwn(BENEFITS, v);

/** The benefit for a mention or an id ("old_age" or "old_age_allowance"), if it is one. */
export function benefitOf(v: unknown): BenefitId | undefined {
  const mention = BENEFIT_MENTIONS.find((m) => m === v);
  if (mention) return BENEFIT_OF_MENTION[mention];
  return isBenefitId(v) ? v : undefined;
}

export const benefitLabel = (b: BenefitId): MessageKey => `elig.benefit.${b}`;

/** Words typed for each benefit option (besides its label). */
export const BENEFIT_WORDS: Readonly<Record<BenefitId, readonly string[]>> = {
  old_age_allowance: ['เบี้ยยังชีพ', 'เบี้ยคนแก่', 'เบี้ยผู้สูงอายุ', 'ผู้สูงอายุ', 'old age'],
  disability_allowance: ['เบี้ยพิการ', 'เบี้ยความพิการ', 'คนพิการ', 'disability'],
  newborn_support: ['เด็กแรกเกิด', 'เงินเด็ก', 'เงินอุดหนุนเด็ก', 'newborn'],
  emergency_assistance: ['เงินสงเคราะห์', 'ฉุกเฉิน', 'เดือดร้อน', 'emergency'],
  state_welfare_card: ['บัตรคนจน', 'บัตรสวัสดิการ', 'welfare card'],
};
