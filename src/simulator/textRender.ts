/**
 * LINE messages as plain text for the terminal chat: text as is, Flex and templates as readable lines, and every
 * tappable thing (quick-reply chip, Flex button, template action) as a numbered choice.
 */

/** A LINE action (message, postback, datetimepicker, uri, location, camera, …) as sent by the bot. */
export interface LineAction {
  type: string;
  label?: string;
  text?: string;
  data?: string;
  displayText?: string;
  mode?: 'date' | 'time' | 'datetime';
  initial?: string;
  min?: string;
  max?: string;
  uri?: string;
  clipboardText?: string;
  [k: string]: unknown;
}

export interface TextRendering {
  lines: string[];
  /** Buttons inside the message (Flex, template), in reading order. */
  actions: LineAction[];
  /** The message's quick-reply chips. */
  quickReplies: LineAction[];
}

/** LINE's message JSON, walked generically (any message type, any Flex component). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Json = Record<string, any>;

/** Renders one message; `number(action)` gives the choice number printed before a button (see `choiceLabel`). */
export function renderText(message: Json, number: (a: LineAction) => number): TextRendering {
  const actions: LineAction[] = [];
  const button = (a: LineAction | undefined): string => {
    if (!a) return '';
    actions.push(a);
    return `[${number(a)}] ${choiceLabel(a)}`;
  };
  const lines = messageLines(message, button);
  const quickReplies = ((message.quickReply?.items ?? []) as Json[]).map((i) => i.action as LineAction).filter(Boolean);
  return { lines, actions, quickReplies };
}

/** How a choice is shown: its label with a hint of what it does. */
export function choiceLabel(a: LineAction): string {
  const label = a.label ?? a.text ?? a.displayText ?? a.type;
  switch (a.type) {
    case 'datetimepicker':
      return `📅 ${label}`;
    case 'location':
      return `📍 ${label}`;
    case 'camera':
    case 'cameraRoll':
      return `📷 ${label}`;
    case 'uri':
      return `🔗 ${label} (${a.uri ?? ''})`;
    default:
      return label;
  }
}

function messageLines(m: Json, button: (a: LineAction | undefined) => string): string[] {
  switch (m.type) {
    case 'text':
    case 'textV2':
      return String(m.text ?? '').split('\n');
    case 'sticker':
      return [`[สติกเกอร์ ${m.packageId}/${m.stickerId}]`];
    case 'image':
      return [`[รูปภาพ ${m.originalContentUrl ?? ''}]`];
    case 'video':
      return [`[วิดีโอ ${m.originalContentUrl ?? ''}]`];
    case 'audio':
      return [`[เสียง ${m.originalContentUrl ?? ''}]`];
    case 'location':
      return [`📍 ${m.title ?? ''} ${m.address ?? ''} (${m.latitude}, ${m.longitude})`.trim()];
    case 'imagemap':
      return [`[imagemap: ${m.altText ?? ''}]`];
    case 'template':
      return templateLines(m.template ?? {}, button);
    case 'flex':
      return flexContainerLines(m.contents ?? {}, button);
    default:
      return [`[${m.type}] ${JSON.stringify(m)}`];
  }
}

function templateLines(t: Json, button: (a: LineAction | undefined) => string): string[] {
  const card = (c: Json) => [
    ...(c.thumbnailImageUrl ? ['[รูป]'] : []),
    ...(c.title ? [`**${c.title}**`] : []),
    ...String(c.text ?? '').split('\n'),
    ...((c.actions ?? []) as LineAction[]).map(button),
  ];
  switch (t.type) {
    case 'buttons':
    case 'confirm':
      return card(t);
    case 'carousel':
      return ((t.columns as Json[] | undefined) ?? []).flatMap((c, i, all) => [`── การ์ด ${i + 1}/${all.length} ──`, ...card(c)]);
    case 'image_carousel':
      return ((t.columns as Json[] | undefined) ?? []).map((c) => `[รูป] ${button(c.action)}`);
    default:
      return [JSON.stringify(t)];
  }
}

function flexContainerLines(c: Json, button: (a: LineAction | undefined) => string): string[] {
  if (c.type === 'carousel') {
    const bubbles = (c.contents ?? []) as Json[];
    return bubbles.flatMap((b, i) => [`── การ์ด ${i + 1}/${bubbles.length} ──`, ...bubbleLines(b, button)]);
  }
  return bubbleLines(c, button);
}

function bubbleLines(b: Json, button: (a: LineAction | undefined) => string): string[] {
  const out: string[] = [];
  for (const section of ['header', 'hero', 'body', 'footer']) {
    if (!b[section]) continue;
    if (section === 'footer' && out.length > 0) out.push('');
    out.push(...componentLines(b[section], button, section === 'header'));
  }
  return out;
}

/** A component as lines; a horizontal or baseline box puts its parts on one line. */
function componentLines(c: Json, button: (a: LineAction | undefined) => string, bold = false): string[] {
  switch (c?.type) {
    case 'box': {
      const parts = ((c.contents ?? []) as Json[]).map((x) => componentLines(x, button, bold));
      if (c.layout === 'vertical') return parts.flat();
      const inline = parts.map((p) => p.join(' ')).filter((s) => s !== '');
      return inline.length > 0 ? [inline.join('  ')] : [];
    }
    case 'text': {
      const t = Array.isArray(c.contents) && c.contents.length > 0 ? (c.contents as Json[]).map((s) => s.text ?? '').join('') : String(c.text ?? '');
      const styled = bold || c.weight === 'bold' ? `**${t}**` : t;
      return styled.split('\n');
    }
    case 'button':
      return [button(c.action)];
    case 'separator':
      return ['────────'];
    case 'image':
      return c.action ? [`[รูป] ${button(c.action)}`] : ['[รูป]'];
    case 'video':
      return ['[วิดีโอ]'];
    default:
      return [];
  }
}
