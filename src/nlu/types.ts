/**
 * Public types of the free-text understanding module. Kept apart from the implementation so that the
 * lexicon (pure data) can name intents and slot values without importing the matcher. The ids of people,
 * categories and benefits come from the shared vocabulary (src/vocabulary), so the flows and the staff side
 * use the same ones.
 */
import type { BenefitMention, Category, RelationMention, Who } from '../vocabulary';
import type { PlaceReading } from '../domain/places';

export type { BenefitMention, Category, RelationMention, Who };

/** What a citizen wants to do. Context-free: the caller decides what a bare "ตกลง" means at a step. */
export type Intent =
  | 'request_help'
  | 'check_eligibility'
  | 'book_visit'
  | 'track'
  | 'talk_to_staff'
  | 'centre_info'
  /** When the monthly allowance reaches the bank account ("เงินเบี้ยเข้าวันไหน", "เบี้ยยังไม่เข้า"). */
  | 'allowance_payday'
  | 'menu'
  | 'cancel'
  | 'restart'
  | 'back'
  | 'resume'
  | 'confirm'
  | 'deny'
  | 'lost'
  | 'greeting'
  | 'thanks'
  | 'unsure'
  /** PDPA: see what the centre keeps about me (§30), erase it (§33), withdraw consent (§19). */
  | 'pdpa_access'
  | 'pdpa_erase'
  | 'pdpa_withdraw';

/** A kind of danger; each has its own card and numbers. */
export type Danger = 'self_harm' | 'violence' | 'medical';

/** Who is at risk: the one writing, the person they write about, or not clear. */
export type AtRisk = 'speaker' | 'subject' | 'unknown';

/** What the danger classifier found: a kind, how sure it is ('unsure' → one gentle question), who is at risk. */
export interface DangerSignal {
  kind: Danger;
  confidence: 'sure' | 'unsure';
  atRisk: AtRisk;
}

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type TimeOfDay = 'morning' | 'afternoon';

export interface Slots {
  who?: Who;
  /** Normalised key, see {@link RelationMention} (the flows map it to an option with `relationOfMention`). */
  relation?: RelationMention;
  /** Age in years, e.g. "ยายอายุ๗๕" → 75. */
  age?: number;
  category?: Category;
  benefit?: BenefitMention;
  /** Only present (true) when the text says it is urgent or a danger word was found. */
  urgent?: boolean;
  /** Luxon weekday: 1 = Monday … 7 = Sunday. */
  weekday?: Weekday;
  dayOfMonth?: number;
  timeOfDay?: TimeOfDay;
  /** A clock time said for a visit ("บ่ายสองโมง" → "14:00"; 06:00–18:59 only). */
  clock?: string;
  /** Case reference normalised to "CS-2569-00042". */
  reference?: string;
  /** A phone number in the text ("เบอร์ลูกสาว 089 765 4321"), normalised to 0XXXXXXXXX. */
  phone?: string;
  /** Where the person lives, when the text says it: a village of ตำบลแจ้ซ้อน or another area (src/domain/places). */
  place?: Extract<PlaceReading, { kind: 'found' | 'outside' }>;
}

export interface Understanding {
  /** `null` = not understood (gibberish, a lone emoji, laughter…): the caller apologises and shows the menu. */
  intent: Intent | null;
  /** The kind of danger when the classifier is sure (independent of intent); `null` otherwise. */
  danger: Danger | null;
  /** The classifier's full reading (sure or unsure, who is at risk), or `null`. */
  dangerSignal: DangerSignal | null;
  /** A hotline's number was asked for ("เบอร์สายด่วนซึมเศร้าเบอร์อะไร"): the kind whose card has it. */
  hotline: Danger | null;
  slots: Slots;
  /** The segmented, normalised words the matcher worked on (particles removed), for debugging and tests. */
  tokens: string[];
}
