/** Turns engine labels into the citizen's language (nested locale strings in placeholders resolved first). */
import { t, type Locale } from '../i18n';
import type { Label } from './types';

export function resolveLabel(label: Label, locale: Locale): string {
  if ('literal' in label) return label.literal;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(label.params ?? {})) params[k] = typeof v !== 'object' ? v : 'key' in v ? t(locale, v.key) : v[locale];
  return t(locale, label.key, params);
}
