/**
 * LINE Messaging API limits (DESIGN §3) and helpers to stay within them.
 *
 * LINE counts most text in UTF-16 code units, but action labels, postback/message action texts,
 * template texts/titles and the rich menu chat bar text in grapheme clusters
 * (developers.line.biz, "Character counting in a text"). A Thai syllable such as "ที่" is three code
 * units but one grapheme, so labels are measured with {@link graphemeLength} and message texts with
 * {@link utf16Length}.
 */

/**
 * LINE's limits, the one place they are written: the bot's message builders and renderer cut to them, the
 * simulator's stand-in for LINE rejects what breaks them, and tests check against them. Counts say which unit
 * they use.
 */
export const LINE_LIMITS = {
  /** Text message length, UTF-16 code units. */
  textMessageMax: 5000,
  /** Messages in one reply or push. */
  messagesPerRequest: 5,
  /** Quick reply buttons on one message. */
  quickReplyMaxItems: 13,
  /** Quick reply / action label, graphemes. */
  quickReplyLabelMax: 20,
  /** Template button label, graphemes. */
  buttonLabelMax: 20,
  /** Flex button action label, graphemes. */
  flexButtonLabelMax: 40,
  /** Postback data, characters. */
  postbackDataMax: 300,
  /** Text of a message action and display text of a postback, graphemes. */
  actionTextMax: 300,
  /** Alt text of a template message (and of our Flex messages, to stay short), UTF-16 code units. */
  altTextMax: 400,
  /** Alt text of a Flex message as LINE accepts it, UTF-16 code units. */
  flexAltTextMax: 1500,
  /** Text of a Flex text component, UTF-16 code units. */
  flexTextMax: 2000,
  /** Image, video and audio URLs, characters. */
  urlMax: 2000,
  /** URI action's URI, characters. */
  uriMax: 1000,
  /** Location message title and address, characters. */
  locationTextMax: 100,
  /** Flex bubble JSON size: LINE says 30 KB; we stay under 30,000 bytes. */
  flexBubbleMaxBytes: 30_000,
  /** Flex bubble and carousel JSON sizes LINE rejects above. */
  flexBubbleLineMaxBytes: 30 * 1024,
  flexCarouselLineMaxBytes: 50 * 1024,
  /** Bubbles in a Flex carousel. */
  carouselMaxBubbles: 12,
  /** Tappable areas on a rich menu. */
  richMenuMaxAreas: 20,
  /** Rich menu chat bar text, graphemes. */
  richMenuChatBarTextMax: 14,
  /** Loading animation seconds: 5 to 60 in steps of 5. */
  loadingSeconds: { min: 5, max: 60, step: 5 },
  /** Reply token lifetime (about a minute); use push after this. */
  replyTokenTtlSeconds: 60,
  /** X-Line-Retry-Key validity. */
  retryKeyTtlHours: 24,
  /** Webhook must be acknowledged within this time. */
  webhookAckMs: 2000,
} as const;

const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** Splits text into grapheme clusters (Thai vowel and tone marks stay with their consonant). */
export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Number of grapheme clusters, as LINE counts labels: graphemeLength('ที่') === 1. */
export function graphemeLength(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/** Number of UTF-16 code units, as LINE counts message text: utf16Length('ที่') === 3. */
export function utf16Length(text: string): number {
  return text.length;
}

/** True when a non-empty label fits a quick reply button (≤ 20 graphemes). */
export function fitsQuickReplyLabel(label: string): boolean {
  const n = graphemeLength(label);
  return n > 0 && n <= LINE_LIMITS.quickReplyLabelMax;
}

/** True when a non-empty label fits a Flex button (≤ 40 graphemes). */
export function fitsFlexButtonLabel(label: string): boolean {
  const n = graphemeLength(label);
  return n > 0 && n <= LINE_LIMITS.flexButtonLabelMax;
}

/** True when a text message is non-empty and within 5,000 UTF-16 code units. */
export function fitsTextMessage(text: string): boolean {
  return text.length > 0 && text.length <= LINE_LIMITS.textMessageMax;
}

/** True when postback data is within 300 characters. */
export function fitsPostbackData(data: string): boolean {
  return data.length <= LINE_LIMITS.postbackDataMax;
}

/**
 * Shortens text to at most `max` graphemes, never splitting a Thai syllable's marks. When cut, the last
 * grapheme is replaced by `ellipsis` (default "…"; pass "" for a hard cut).
 */
export function truncateGraphemes(text: string, max: number, ellipsis = '…'): string {
  if (!Number.isInteger(max) || max < 0) throw new RangeError('max must be a non-negative integer');
  // A grapheme is at least one code unit: text this short fits without being segmented (most labels).
  if (text.length <= max) return text;
  const parts = splitGraphemes(text);
  if (parts.length <= max) return text;
  const room = Math.max(0, max - graphemeLength(ellipsis));
  return parts.slice(0, room).join('') + (max >= graphemeLength(ellipsis) ? ellipsis : '');
}

/**
 * Shortens text to at most `maxUnits` UTF-16 code units (the text message limit) on a grapheme boundary,
 * ending with `ellipsis` when cut.
 */
export function truncateUtf16(text: string, maxUnits: number, ellipsis = '…'): string {
  if (!Number.isInteger(maxUnits) || maxUnits < 0) throw new RangeError('maxUnits must be a non-negative integer');
  if (text.length <= maxUnits) return text;
  const budget = maxUnits - ellipsis.length;
  if (budget < 0) return '';
  let out = '';
  for (const g of splitGraphemes(text)) {
    if (out.length + g.length > budget) break;
    out += g;
  }
  return out + ellipsis;
}

/** Size in bytes of a value serialised as JSON (UTF-8), to compare with {@link LINE_LIMITS.flexBubbleMaxBytes}. */
export function jsonByteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Rounds any wish to a valid loading-animation duration: 5–60 seconds in steps of 5 (rounded up). */
export function loadingSeconds(wanted: number): number {
  const { min, max, step } = LINE_LIMITS.loadingSeconds;
  if (!Number.isFinite(wanted)) return min;
  return Math.min(max, Math.max(min, Math.ceil(wanted / step) * step));
}
