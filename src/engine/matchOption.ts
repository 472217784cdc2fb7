/**
 * Typed text where a button was expected: finds the option the citizen meant. Tried in order: the label or
 * one of the option's words, typed whole (Thai or English, digits and particles forgiven); for yes / no /
 * not sure options, what the answer says ("ไม่เคยได้รับ" → no, src/nlu/yesNo.ts); the option's intent
 * as free-text understanding reads it ("ถูกต้องจ้า" → confirm); the option's number ("2", "๒"); a label or
 * word contained in the text (the longest one, when only one is longest; never a yes/no option's word of three
 * letters, like the ได้ of "ภายในวันนี้ได้ไหม"); a label or word typed with a typo
 * (edit distance from `fastest-levenshtein`, a closest one within a bound that grows with the word's length).
 */
import { distance } from 'fastest-levenshtein';
import { resolveLabel } from './labels';
import { normaliseText } from '../nlu/normalise';
import { parseYesNo } from '../nlu/yesNo';
import { ANSWER_WORDS } from '../vocabulary';
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

/** How far a typed word may be from an option's word of this length and still mean it. */
function typoBound(length: number): number {
  if (length < 4) return 0;
  if (length <= 6) return 1;
  if (length <= 12) return 2;
  return 3;
}

const POLARITY = { yes: 'confirm', no: 'deny', unsure: 'unsure' } as const;

/** The yes and no words, typed alone (a typo of a longer label, "ไม่เร่งดวน", is not one of them). */
const BARE_YES_NO = new Set([...ANSWER_WORDS.yes, ...ANSWER_WORDS.no].map((w) => comparable(w)));

export interface MatchOptions {
  /** Whether a typed number picks the option with that number (not where numbers are the step's own answers). */
  numbers?: boolean;
}

/** The value of the option the text means, or undefined. `intent` is the free-text intent of the text, if any. */
export function matchOption(text: string, options: OptionChoice[], intent?: string | null, how: MatchOptions = {}): string | undefined {
  const typed = comparable(text);
  if (!typed) return undefined;
  const forms = options.map((o) => ({ o, forms: [...labelTexts(o.label), ...(o.words ?? [])].map(comparable).filter(Boolean) }));
  const exact = forms.find((f) => f.forms.includes(typed));
  if (exact) return exact.o.value;
  if (options.some((o) => o.means === 'confirm') && options.some((o) => o.means === 'deny')) {
    const said = parseYesNo(text);
    const byPolarity = said ? options.filter((o) => o.means === POLARITY[said]) : [];
    if (byPolarity.length === 1) return byPolarity[0].value;
  }
  if (intent) {
    const byIntent = options.filter((o) => o.means === intent);
    if (byIntent.length === 1) return byIntent[0].value;
  }
  if ((how.numbers ?? true) && /^\d{1,2}$/.test(typed)) {
    const n = Number(typed);
    if (n >= 1 && n <= options.length) return options[n - 1].value;
  }
  // A yes/no option's short word inside other words is no answer: the ได้ of "ภายในวันนี้ได้ไหม" asks back.
  const containable = (o: OptionChoice, w: string) => w.length >= 3 && !(w.length <= 3 && (o.means === 'confirm' || o.means === 'deny'));
  const contained = forms
    .map((f) => ({ o: f.o, length: Math.max(0, ...f.forms.filter((w) => containable(f.o, w) && typed.includes(w)).map((w) => w.length)) }))
    .filter((c) => c.length > 0)
    .sort((a, b) => b.length - a.length);
  if (contained.length === 1 || (contained.length > 1 && contained[0].length > contained[1].length)) return contained[0].o.value;
  // A bare yes or no is no typo of an option's words: "ไม่ได้ค่ะ" to a day offered is not "เดินทางมาไม่ได้".
  if (BARE_YES_NO.has(typed)) return undefined;
  return closest(typed, forms);
}

/** The option one of whose words is within the typo bound of the typed text, when exactly one is closest. */
function closest(typed: string, forms: { o: OptionChoice; forms: string[] }[]): string | undefined {
  let best: { value: string; d: number } | undefined;
  let tie = false;
  for (const f of forms) {
    let d = Infinity;
    for (const w of f.forms) {
      const bound = typoBound(w.length);
      if (bound === 0 || Math.abs(w.length - typed.length) > bound) continue;
      const dw = distance(typed, w);
      if (dw <= bound && dw < d) d = dw;
    }
    if (!Number.isFinite(d)) continue;
    if (!best || d < best.d) {
      best = { value: f.o.value, d };
      tie = false;
    } else if (d === best.d && f.o.value !== best.value) tie = true;
  }
  return best && !tie ? best.value : undefined;
}
