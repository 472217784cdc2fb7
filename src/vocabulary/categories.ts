/**
 * Kinds of help a citizen asks for, and how urgent it is: one list for the NLU (what free text names), the
 * request-help flow (the options), the booking flow (why someone cannot travel) and the staff console (filters).
 */
import type { MessageKey } from '../i18n';

export const CATEGORIES = ['elderly', 'disability', 'child', 'violence', 'low_income', 'housing', 'bedridden', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories whose details are health or disability data (PDPA §26): consent must say so. */
export const SENSITIVE_CATEGORIES: readonly Category[] = ['disability', 'bedridden', 'violence'];

export const isCategory = (v: unknown): v is Category => CATEGORIES.some((c) => c === v);

/** The label of a category (`help.category.<id>`). */
export const categoryLabel = (c: Category): MessageKey => `help.category.${c}`;

export const URGENCIES = ['now', 'soon', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const urgencyLabel = (u: Urgency): MessageKey => `help.urgency.${u}`;
export const isUrgency = (v: unknown): v is Urgency => URGENCIES.some((u) => u === v);
/** The label of a category read back from storage (an unknown value reads as other). */
export const categoryLabelOf = (c: unknown): MessageKey => categoryLabel(isCategory(c) ? c : 'other');
