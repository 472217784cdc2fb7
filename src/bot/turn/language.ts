/**
 * Which language to answer in. The LINE profile's language sets the first one at follow; a citizen who writes
 * English is answered in English from then on; "ภาษาไทย" (or "Thai") switches back and "English" switches to
 * English, at any step. A Thai sentence (one with a polite particle or a question word: "ขอความช่วยเหลือค่ะ")
 * switches back to Thai by itself; a Thai word or name typed by a visitor (a village, a menu word) does not.
 */
import { comparable } from '../../engine/matchOption';
import type { Locale } from '../../i18n';

/** Words that ask for a language, typed as the whole message. */
const ASK_FOR: Readonly<Record<Locale, readonly string[]>> = {
  th: ['ภาษาไทย', 'ไทย', 'พูดไทย', 'เปลี่ยนเป็นภาษาไทย', 'thai', 'inthai', 'thaiplease'],
  en: ['english', 'eng', 'inenglish', 'englishplease', 'speakenglish', 'ภาษาอังกฤษ', 'อังกฤษ', 'เปลี่ยนเป็นภาษาอังกฤษ'],
};
const ASKED = new Map<string, Locale>((['th', 'en'] as const).flatMap((l) => ASK_FOR[l].map((w) => [comparable(w), l] as const)));

/** Words that make a short Latin message English rather than a name or a romanised village ("pa miang", "Moo 2"). */
const ENGLISH_WORDS =
  /\b(i|i'm|im|my|me|we|you|the|a|an|is|are|am|was|need|needs|want|help|please|hello|hi|can|could|how|what|where|when|who|do|does|have|has|with|for|to|of|and|not|mother|father|mom|dad|grandmother|grandfather|thank|thanks|sorry|book|appointment|check|benefit|allowance|old|disabled|live|lives)\b/i;

/** Particles and question words that only someone writing Thai puts in a message (not found in names of places). */
const THAI_SENTENCE = /(ครับ|คับ|ค่ะ|คะ|ค่า|จ้า|จ้ะ|เจ้า|ไหม|มั้ย|อยาก|หน่อย|ยังไง|อย่างไร|เท่าไหร่|เท่าไร)/;

export interface LanguageChoice {
  locale: Locale;
  /** The whole message asked for the language ("English", "ภาษาไทย"): it is answered as such. */
  asked: boolean;
}

/** The language a typed message asks for or is written in, if it changes anything. */
export function languageChoice(text: string): LanguageChoice | undefined {
  const asked = ASKED.get(comparable(text));
  if (asked) return { locale: asked, asked: true };
  if (/[\u0E00-\u0E7F]/.test(text)) return THAI_SENTENCE.test(text) ? { locale: 'th', asked: false } : undefined;
  const words = text.match(/[a-z][a-z']*/gi) ?? [];
  const letters = words.join('').length;
  if (letters < 5) return undefined;
  if (words.length >= 3 || (words.length >= 1 && ENGLISH_WORDS.test(text))) return { locale: 'en', asked: false };
  return undefined;
}
