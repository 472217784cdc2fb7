/**
 * Typed text where a button was expected: finds the option the citizen meant. Tried in order: the label or
 * one of the option's words, typed whole (Thai or English, digits and particles forgiven); the option's
 * intent as free-text understanding reads it ("ถูกต้องจ้า" → confirm); the option's number ("2", "๒");
 * a label contained in the text, when only one is.
 */
import { resolveLabel } from './labels';
import { normaliseText } from '../nlu/normalise';
import type { Choice, Label } from './types';

type OptionChoice = Extract<Choice, { kind: 'option' }>;

const PARTICLES = /(ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|จ้า|จ้ะ|เจ้า|นะ|ฮะ|จ๊ะ|please|pls)$/u;

/** A comparable form of a typed or displayed word: normalised, no spaces or trailing particles. */
export function comparable(s: string): string {
  let k = normaliseText(s).replace(/[\s.,!?'"()\-–—:;…]+/g, '');
  for (let i = 0; i < 3; i++) {
    const stripped = k.replace(PARTICLES, '');
    if (stripped === k || stripped.length === 0) break;
    k = stripped;
  }
  return k;
}

function labelTexts(label: Label): string[] {
  return 'literal' in label ? [label.literal] : [resolveLabel(label, 'th'), resolveLabel(label, 'en')];
}

/** The value of the option the text means, or undefined. `intent` is the free-text intent of the text, if any. */
export function matchOption(text: string, options: OptionChoice[], intent?: string | null): string | undefined {
  const typed = comparable(text);
  if (!typed) return undefined;
  const forms = options.map((o) => ({ o, forms: [...labelTexts(o.label), ...(o.words ?? [])].map(comparable).filter(Boolean) }));
  const exact = forms.find((f) => f.forms.includes(typed));
  if (exact) return exact.o.value;
  if (intent) {
    const byIntent = options.filter((o) => o.means === intent);
    if (byIntent.length === 1) return byIntent[0].value;
  }
  if (/^\d{1,2}$/.test(typed)) {
    const n = Number(typed);
    if (n >= 1 && n <= options.length) return options[n - 1].value;
  }
  const containing = forms.filter((f) => f.forms.some((w) => w.length >= 3 && typed.includes(w)));
  if (containing.length === 1) return containing[0].o.value;
  return undefined;
}
