/**
 * Every user-facing string lives in `locales/`. Thai is primary; English is complete. Keys are typed from
 * `th.json`, so a missing key is a compile error; `{name}` placeholders are filled from `params`.
 */
import th from '../locales/th.json';
import en from '../locales/en.json';

import type { Locale } from './domain/locale';
export type { Locale };
export type MessageKey = keyof typeof th;

const tables: Record<Locale, Record<MessageKey, string>> = { th, en: en as Record<MessageKey, string> };

/** The locale for a LINE profile language ('th', 'en', 'ja', …): English for English speakers, else Thai. */
export function localeFor(language: string | undefined | null): Locale {
  return language && language.toLowerCase().startsWith('en') ? 'en' : 'th';
}

/** Translates `key`; unknown placeholders are left visible so a test catches them. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = tables[locale][key] ?? tables.th[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** All keys, for tests that compare locales. */
export const messageKeys = Object.keys(th) as MessageKey[];
export const localeTables = tables;
