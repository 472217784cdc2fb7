/**
 * Welfare benefits as data (DESIGN §4): conditions, amounts, documents, where to register, and the
 * source of each rule with the date it was checked. Edit here when a regulation changes; the evaluator
 * in src/domain/eligibility/ reads only this data.
 *
 * The facts came from secondary sources ("verify" in DESIGN §4); every benefit has `verified: false`
 * until a staff member checks it against the regulation text.
 */
import type { LocalizedText } from '../locale';
import type { BenefitDefinition } from '../eligibility/types';

/** Date the data below was last compared with its sources. */
export const BENEFITS_CHECKED = '2026-11-29';

/** Documents people are asked to bring, by key. */
export const DOCUMENTS = {
  id_card: { th: 'บัตรประจำตัวประชาชน', en: 'Thai national ID card' },
  house_registration: { th: 'ทะเบียนบ้าน', en: 'House registration book' },
  bank_book: { th: 'สมุดบัญชีเงินฝากธนาคาร', en: 'Bank account passbook' },
  disability_card: { th: 'บัตรประจำตัวคนพิการ', en: 'Disability ID card' },
  form_dr01: { th: 'แบบคำร้องขอลงทะเบียนเด็กแรกเกิด (ดร.01)', en: 'Newborn grant registration form (DR.01)' },
  form_dr02: { th: 'แบบรับรองสถานะของครัวเรือน (ดร.02)', en: 'Household status certification (DR.02)' },
  child_birth_certificate: { th: 'สูติบัตรเด็ก', en: "Child's birth certificate" },
  mother_child_health_book: { th: 'สมุดบันทึกสุขภาพแม่และเด็ก', en: 'Mother and child health handbook' },
  disability_certificate: {
    th: 'เอกสารรับรองความพิการจากแพทย์ของโรงพยาบาลรัฐ',
    en: 'Disability certificate from a doctor at a state hospital',
  },
  id_card_or_birth_certificate: {
    th: 'บัตรประชาชน (อายุต่ำกว่า 15 ปี ใช้สูติบัตร)',
    en: 'National ID card (under 15: birth certificate)',
  },
  photos_1_inch: { th: 'รูปถ่าย 1 นิ้ว 2 รูป', en: 'Two 1-inch photos' },
  hardship_evidence: {
    th: 'หลักฐานความเดือดร้อน (ถ้ามี) เช่น ใบรับรองแพทย์ ภาพถ่าย',
    en: 'Evidence of the hardship, if any (e.g. medical certificate, photos)',
  },
} as const satisfies Record<string, LocalizedText>;

/** Key of a document in {@link DOCUMENTS}. */
export type DocumentKey = keyof typeof DOCUMENTS;

/** Places where people register, by key. */
export const PLACES = {
  chae_son_sao: { th: 'องค์การบริหารส่วนตำบลแจ้ซ้อน (อบต.แจ้ซ้อน)', en: 'Chae Son Subdistrict Administrative Organization' },
  social_assistance_centre: { th: 'ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อน', en: 'Chae Son Social Assistance Centre' },
  pmj_lampang: {
    th: 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำปาง (พมจ.ลำปาง)',
    en: 'Lampang Provincial Office of Social Development and Human Security',
  },
  disability_service_centre: { th: 'ศูนย์บริการคนพิการใกล้บ้าน', en: 'A disability service centre near home' },
  welfare_card_round: {
    th: 'จุดรับลงทะเบียนที่กระทรวงการคลังประกาศเมื่อเปิดรอบลงทะเบียน',
    en: 'Registration points announced by the Ministry of Finance when a registration round opens',
  },
} as const satisfies Record<string, LocalizedText>;

/** Key of a place in {@link PLACES}. */
export type PlaceKey = keyof typeof PLACES;

const OLD_AGE_REGULATION = 'ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2552 และที่แก้ไขเพิ่มเติม';
const DISABILITY_REGULATION = 'ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยความพิการให้คนพิการขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2553 และที่แก้ไขเพิ่มเติม';
const NEWBORN_REGULATION = 'ระเบียบกรมกิจการเด็กและเยาวชนว่าด้วยการจ่ายเงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด (https://csg.dcy.go.th)';
const EMERGENCY_REGULATION = 'ระเบียบกรมพัฒนาสังคมและสวัสดิการว่าด้วยการจ่ายเงินสงเคราะห์ผู้ประสบปัญหาทางสังคม';
const ELDERLY_HARDSHIP_REGULATION = 'ระเบียบกรมกิจการผู้สูงอายุว่าด้วยการช่วยเหลือผู้สูงอายุที่อยู่ในภาวะยากลำบาก (ไม่เกิน 3 ครั้งต่อปี)';
const WELFARE_CARD_ROUND = 'โครงการลงทะเบียนเพื่อสวัสดิการแห่งรัฐ พ.ศ. 2565 — คุณสมบัติผู้ลงทะเบียน (กระทรวงการคลัง, https://welfare.mof.go.th)';
const DESIGN_NOTE = 'Project DESIGN.md §4 (secondary sources; verify)';

/** Every benefit the checker evaluates, by id. */
export const BENEFITS = {
  old_age_allowance: {
    name: { th: 'เบี้ยยังชีพผู้สูงอายุ', en: 'Old-age allowance' },
    rules: [
      {
        id: 'age_60_plus',
        test: { question: 'age', min: 60 },
        failReason: 'under_60',
        nearMiss: { within: 1, reason: 'can_register_in_advance' },
        source: OLD_AGE_REGULATION,
      },
      { id: 'thai', test: { question: 'thai_nationality', equals: 'yes' }, failReason: 'not_thai', source: OLD_AGE_REGULATION },
      {
        id: 'registered_in_area',
        test: { question: 'registered_in_area', equals: 'yes' },
        failReason: 'not_registered_in_area',
        source: OLD_AGE_REGULATION,
      },
      {
        id: 'no_state_pension',
        test: { question: 'receives_state_pension', equals: 'no' },
        failReason: 'receives_state_pension',
        source: OLD_AGE_REGULATION,
      },
      {
        id: 'not_in_state_care_home',
        test: { question: 'in_state_care_home', equals: 'no' },
        failReason: 'in_state_care_home',
        source: OLD_AGE_REGULATION,
      },
    ],
    amount: {
      kind: 'by_age',
      question: 'age',
      bands: [
        { min: 60, max: 69, baht: 600 },
        { min: 70, max: 79, baht: 700 },
        { min: 80, max: 89, baht: 800 },
        { min: 90, baht: 1000 },
      ],
    },
    period: 'month',
    documents: ['id_card', 'house_registration', 'bank_book'],
    registerAt: ['chae_son_sao'],
    compatibleWith: ['disability_allowance'],
    incomeTest: {
      enabled: false,
      maxAnnualIncomeBaht: null,
      source: `${OLD_AGE_REGULATION} (ฉบับที่ 4) พ.ศ. 2566 — เงื่อนไขรายได้ที่ยังไม่มีการกำหนดหลักเกณฑ์`,
    },
    sources: [OLD_AGE_REGULATION, 'อัตราเบี้ยยังชีพแบบขั้นบันได 600/700/800/1,000 บาท (มติคณะรัฐมนตรี)', DESIGN_NOTE],
    checked: BENEFITS_CHECKED,
    verified: false,
  },

  disability_allowance: {
    name: { th: 'เบี้ยความพิการ', en: 'Disability allowance' },
    rules: [
      {
        id: 'has_disability_card',
        test: { question: 'has_disability_card', equals: 'yes' },
        failReason: 'no_disability_card',
        source: DISABILITY_REGULATION,
      },
      { id: 'thai', test: { question: 'thai_nationality', equals: 'yes' }, failReason: 'not_thai', source: DISABILITY_REGULATION },
      {
        id: 'registered_in_area',
        test: { question: 'registered_in_area', equals: 'yes' },
        failReason: 'not_registered_in_area',
        source: DISABILITY_REGULATION,
      },
      {
        id: 'not_in_state_care_home',
        test: { question: 'in_state_care_home', equals: 'no' },
        failReason: 'in_state_care_home',
        source: DISABILITY_REGULATION,
      },
    ],
    amount: {
      kind: 'by_age',
      question: 'age',
      bands: [
        { min: 0, max: 17, baht: 1000 },
        { min: 18, baht: 800 },
      ],
    },
    period: 'month',
    documents: ['id_card', 'house_registration', 'bank_book', 'disability_card'],
    registerAt: ['chae_son_sao'],
    compatibleWith: ['old_age_allowance'],
    sources: [DISABILITY_REGULATION, DESIGN_NOTE],
    checked: BENEFITS_CHECKED,
    verified: false,
  },

  newborn_support: {
    name: { th: 'เงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด', en: 'Newborn child support grant' },
    rules: [
      {
        id: 'child_thai',
        test: { question: 'child_thai_nationality', equals: 'yes' },
        failReason: 'child_not_thai',
        source: NEWBORN_REGULATION,
      },
      { id: 'child_under_6', test: { question: 'child_age', max: 5 }, failReason: 'child_too_old', source: NEWBORN_REGULATION },
      {
        id: 'household_income',
        test: { perPerson: { total: 'household_income_year', members: 'household_members' }, max: 100_000 },
        failReason: 'household_income_over_limit',
        source: NEWBORN_REGULATION,
      },
    ],
    amount: { kind: 'fixed', baht: 600 },
    period: 'month',
    documents: ['form_dr01', 'form_dr02', 'id_card', 'child_birth_certificate', 'bank_book', 'mother_child_health_book'],
    registerAt: ['chae_son_sao'],
    sources: [NEWBORN_REGULATION, DESIGN_NOTE],
    checked: BENEFITS_CHECKED,
    verified: false,
  },

  emergency_assistance: {
    name: { th: 'เงินสงเคราะห์ผู้ประสบปัญหาทางสังคมกรณีเร่งด่วน', en: 'Emergency assistance for social hardship' },
    rules: [
      { id: 'in_hardship', test: { question: 'in_hardship', equals: 'yes' }, failReason: 'no_hardship', source: EMERGENCY_REGULATION },
      {
        id: 'elderly_three_times_a_year',
        when: { question: 'age', min: 60 },
        test: { question: 'times_helped_this_year', max: 2 },
        failReason: 'yearly_limit_reached',
        source: ELDERLY_HARDSHIP_REGULATION,
      },
    ],
    amount: { kind: 'up_to', baht: 3000 },
    period: 'time',
    documents: ['id_card', 'house_registration', 'hardship_evidence'],
    registerAt: ['social_assistance_centre', 'pmj_lampang'],
    eligibleNotes: ['assessment_required'],
    sources: [EMERGENCY_REGULATION, ELDERLY_HARDSHIP_REGULATION, DESIGN_NOTE],
    checked: BENEFITS_CHECKED,
    verified: false,
  },

  state_welfare_card: {
    name: { th: 'บัตรสวัสดิการแห่งรัฐ', en: 'State welfare card' },
    rules: [
      { id: 'thai', test: { question: 'thai_nationality', equals: 'yes' }, failReason: 'not_thai', source: WELFARE_CARD_ROUND },
      { id: 'age_18_plus', test: { question: 'age', min: 18 }, failReason: 'under_18', source: WELFARE_CARD_ROUND },
      {
        id: 'personal_income',
        test: { question: 'personal_income_year', max: 100_000 },
        failReason: 'income_over_limit',
        source: WELFARE_CARD_ROUND,
      },
      {
        id: 'household_income',
        test: { perPerson: { total: 'household_income_year', members: 'household_members' }, max: 100_000 },
        failReason: 'household_income_over_limit',
        source: WELFARE_CARD_ROUND,
      },
      {
        id: 'financial_assets',
        test: { question: 'financial_assets', max: 100_000 },
        failReason: 'assets_over_limit',
        source: WELFARE_CARD_ROUND,
      },
    ],
    amount: { kind: 'none' },
    period: null,
    documents: ['id_card'],
    registerAt: ['welfare_card_round'],
    sources: [WELFARE_CARD_ROUND, DESIGN_NOTE],
    checked: BENEFITS_CHECKED,
    verified: false,
  },
} as const satisfies Record<string, BenefitDefinition<DocumentKey, PlaceKey>>;

/** Id of a benefit the checker evaluates. */
export type BenefitId = keyof typeof BENEFITS;

/** All benefit ids, in menu order. */
export const BENEFIT_IDS = Object.keys(BENEFITS) as BenefitId[];

/**
 * Services the bot only routes to (no checker): shown as information with where to ask (DESIGN §4).
 */
export const RELATED_SERVICES = {
  home_modification: {
    name: { th: 'ปรับปรุงที่อยู่อาศัยสำหรับผู้สูงอายุและคนพิการ', en: 'Home modification for older people and people with disabilities' },
    maxBaht: 40_000,
    askAt: ['social_assistance_centre', 'chae_son_sao'],
  },
  disability_fund_loan: {
    name: { th: 'กู้ยืมเงินกองทุนส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ', en: 'Disability fund loan' },
    maxBaht: null,
    askAt: ['pmj_lampang'],
  },
  shelter: {
    name: { th: 'บ้านพักเด็กและครอบครัว / ที่พักพิงชั่วคราว', en: 'Shelter (children and family shelter)' },
    maxBaht: null,
    askAt: ['pmj_lampang', 'social_assistance_centre'],
  },
} as const satisfies Record<string, { name: LocalizedText; maxBaht: number | null; askAt: readonly PlaceKey[] }>;

/** Id of a service in {@link RELATED_SERVICES}. */
export type RelatedServiceId = keyof typeof RELATED_SERVICES;

/**
 * The disability ID card (บัตรประจำตัวคนพิการ), which the disability allowance needs first: how it is obtained, told
 * to someone who does not have one yet. Checked against published lists of the documents (secondary; verify).
 */
export const DISABILITY_CARD = {
  documents: ['disability_certificate', 'id_card_or_birth_certificate', 'house_registration', 'photos_1_inch'],
  applyAt: ['pmj_lampang', 'disability_service_centre'],
  sources: [
    'พระราชบัญญัติส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ พ.ศ. 2550 มาตรา 19',
    'กรมส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ, คู่มือศูนย์บริการคนพิการ (https://dep.go.th): เอกสารขอมีบัตรประจำตัวคนพิการ',
  ],
  checked: BENEFITS_CHECKED,
  verified: false,
} as const satisfies {
  documents: readonly DocumentKey[];
  applyAt: readonly [PlaceKey, PlaceKey];
  sources: readonly string[];
  checked: string;
  verified: boolean;
};

/**
 * When the monthly allowances are paid into the bank account: by the 10th of each month; when the 10th is a
 * weekend day or a public holiday, on the working day before it.
 */
export const ALLOWANCE_PAYMENT = {
  dayOfMonth: 10,
  benefits: ['old_age_allowance', 'disability_allowance'],
  sources: [
    `${OLD_AGE_REGULATION}: จ่ายเป็นรายเดือน ภายในวันที่ 10 ของทุกเดือน`,
    `${DISABILITY_REGULATION}: จ่ายเป็นรายเดือน ภายในวันที่ 10 ของทุกเดือน`,
    'ข่าวการจ่ายเบี้ยยังชีพรายเดือน (bangkokbiznews.com/health/social/1092284, 2566): วันที่ 10 ตรงกับวันหยุด เลื่อนจ่ายก่อนวันที่ 10',
  ],
  checked: BENEFITS_CHECKED,
  verified: false,
} as const satisfies { dayOfMonth: number; benefits: readonly BenefitId[]; sources: readonly string[]; checked: string; verified: boolean };
