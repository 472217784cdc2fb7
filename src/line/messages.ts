/**
 * Builders for the LINE message objects the bot sends. Labels are cut to LINE's limits (src/domain/lineLimits.ts)
 * here, so no caller can produce a message LINE would reject.
 */
import type { LineMessage } from './client';
import { LINE_LIMITS, truncateGraphemes } from '../domain/lineLimits';

/** Cuts `s` to at most `max` user-perceived characters (Thai vowels and tone marks count with their consonant), ending with "…". */
export function fitGraphemes(s: string, max: number): string {
  return truncateGraphemes(s, max);
}

/** A quick-reply chip: sends `text` as the citizen's message, or `data` as a postback (shown as `label`). */
export type Chip =
  | { label: string; text: string }
  | { label: string; data: string; displayText?: string }
  | { label: string; datetime: { data: string; mode: 'date' | 'time' | 'datetime'; initial?: string; min?: string; max?: string } }
  | { label: string; action: 'location' | 'camera' | 'cameraRoll' };

function chipAction(c: Chip) {
  const label = fitGraphemes(c.label, LINE_LIMITS.quickReplyLabelMax);
  if ('text' in c) return { type: 'message' as const, label, text: c.text };
  if ('data' in c)
    return { type: 'postback' as const, label, data: c.data.slice(0, LINE_LIMITS.postbackDataMax), displayText: c.displayText ?? c.label };
  if ('datetime' in c) return { type: 'datetimepicker' as const, label, ...c.datetime };
  return { type: c.action, label };
}

/** A text message, optionally with quick-reply chips (at most 13). */
export function text(body: string, chips: Chip[] = []): LineMessage {
  const msg: LineMessage = { type: 'text', text: body.slice(0, LINE_LIMITS.textMessageMax) };
  if (chips.length > 0) {
    msg.quickReply = { items: chips.slice(0, LINE_LIMITS.quickReplyMaxItems).map((c) => ({ type: 'action', action: chipAction(c) })) };
  }
  return msg;
}
