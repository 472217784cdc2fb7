/** Languages the bot speaks. Thai is the default; English is for staff and visitors. */
export type Locale = 'th' | 'en';

/** A short piece of data (a name, a label) in both languages. Sentences belong in locales/, not here. */
export interface LocalizedText {
  th: string;
  en: string;
}
