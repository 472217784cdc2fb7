/**
 * The words of LINE messages as plain text messages: what the outbox sends when LINE refuses a delivery's
 * messages as they are (a card or chip LINE does not take), so the citizen still reads the answer — for a danger
 * answer, the hotline numbers. A card gives its texts and its buttons' labels ("โทร 1323 สายด่วนสุขภาพจิต"), in
 * order; a text loses its chips; stickers, images and locations carry no words and are left out.
 */
import { LINE_LIMITS } from '../domain/lineLimits';
import type { LineMessage } from './client';

/** The messages as plain text messages, or undefined when they have no words or are plain already. */
export function plainVersion(messages: readonly LineMessage[]): LineMessage[] | undefined {
  const texts = messages.map(wordsOf).filter((t) => t.length > 0);
  if (texts.length === 0) return undefined;
  const plain: LineMessage[] = texts.map((t) => ({ type: 'text', text: t.slice(0, LINE_LIMITS.textMessageMax) }));
  const already = messages.length === plain.length && messages.every((m, i) => m.type === 'text' && !m.quickReply && m.text === texts[i]);
  return already ? undefined : plain;
}

/** The words a message shows, one line per text or button. */
function wordsOf(m: LineMessage): string {
  if (m.type === 'text') return m.text;
  if (m.type === 'flex') return linesOf(m.contents).join('\n') || m.altText;
  if (m.type === 'template') return [m.altText, ...linesOf(m.template)].filter(Boolean).join('\n');
  return '';
}

/** Texts and button labels found in a card, depth first (the order they are shown in); a row's on one line. */
function linesOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(linesOf);
  if (!node || typeof node !== 'object') return [];
  const own: string[] = [];
  if ('type' in node && node.type === 'text' && 'text' in node && typeof node.text === 'string') own.push(node.text);
  if ('type' in node && node.type === 'button' && 'action' in node) {
    const action = node.action;
    if (action && typeof action === 'object' && 'label' in action && typeof action.label === 'string') own.push(action.label);
    return own;
  }
  for (const [key, value] of Object.entries(node)) if (key !== 'action' && key !== 'text') own.push(...linesOf(value));
  // A row ("1323" beside "สายด่วนสุขภาพจิต 24 ชม.") reads as one line.
  const row = 'layout' in node && (node.layout === 'horizontal' || node.layout === 'baseline');
  return row && own.length > 1 ? [own.join(' ')] : own;
}
