/**
 * Builders for the LINE message objects the bot sends. Labels are cut to LINE's limits here, so no caller can
 * produce a message LINE would reject.
 */
import type { LineMessage } from './client';

export const LIMITS = { quickReplyItems: 13, quickReplyLabel: 20, textLength: 5000, postbackData: 300, messagesPerSend: 5 } as const;

const segmenter = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** Cuts `s` to at most `max` user-perceived characters (Thai vowels and tone marks count with their consonant). */
export function fitGraphemes(s: string, max: number): string {
  const g = [...segmenter.segment(s)].map((x) => x.segment);
  return g.length <= max ? s : `${g.slice(0, max - 1).join('')}…`;
}

/** A quick-reply chip: sends `text` as the citizen's message, or `data` as a postback (shown as `label`). */
export type Chip =
  | { label: string; text: string }
  | { label: string; data: string; displayText?: string }
  | { label: string; datetime: { data: string; mode: 'date' | 'time' | 'datetime'; initial?: string; min?: string; max?: string } }
  | { label: string; action: 'location' | 'camera' | 'cameraRoll' };

function chipAction(c: Chip) {
  const label = fitGraphemes(c.label, LIMITS.quickReplyLabel);
  if ('text' in c) return { type: 'message' as const, label, text: c.text };
  if ('data' in c) return { type: 'postback' as const, label, data: c.data.slice(0, LIMITS.postbackData), displayText: c.displayText ?? c.label };
  if ('datetime' in c) return { type: 'datetimepicker' as const, label, ...c.datetime };
  return { type: c.action, label };
}

/** A text message, optionally with quick-reply chips (at most 13). */
export function text(body: string, chips: Chip[] = []): LineMessage {
  const msg: LineMessage = { type: 'text', text: body.slice(0, LIMITS.textLength) };
  if (chips.length > 0) {
    msg.quickReply = { items: chips.slice(0, LIMITS.quickReplyItems).map((c) => ({ type: 'action', action: chipAction(c) })) };
  }
  return msg;
}
