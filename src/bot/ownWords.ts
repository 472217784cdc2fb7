/**
 * The answers a stuck citizen gave in their own words (the flow's `unconfirmed`, by step), as a filed request or
 * booking stores them for staff to confirm.
 */
export function ownWordsOf(unconfirmed: Record<string, string> | undefined): { step: string; words: string }[] {
  return Object.entries(unconfirmed ?? {}).map(([step, words]) => ({ step, words }));
}
