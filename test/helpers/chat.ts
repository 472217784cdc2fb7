/**
 * A citizen chatting with the real bot through the signed webhook: type text, tap a chip or a card button by
 * its label, send a sticker, photo or location; each call returns what LINE was asked to deliver in answer.
 */
import type { TestBot } from './bot';
import type { NockLine } from './nockLine';
import { followEvent, messageEvent, postbackEvent, textEvent } from './line';
import { graphemeLength } from '../../src/domain/lineLimits';

export interface BotMessage {
  type: string;
  text?: string;
  altText?: string;
  quickReply?: { items: { action: any }[] };
  contents?: any;
}

export class Citizen {
  /** Everything the bot said to this citizen, in order. */
  readonly received: BotMessage[] = [];

  constructor(
    readonly userId: string,
    private readonly bot: TestBot,
    private readonly line: NockLine,
  ) {}

  /** The last reply's messages. */
  last: BotMessage[] = [];

  private async send(event: object): Promise<BotMessage[]> {
    const before = this.delivered().length;
    const res = await this.bot.post(event);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await this.bot.settle();
    if (this.line.violations.length > 0) throw new Error(`LINE would reject the bot's answer: ${this.line.violations.join('; ')}`);
    this.last = this.delivered().slice(before);
    this.received.push(...this.last);
    return this.last;
  }

  private delivered(): BotMessage[] {
    return this.line.calls
      .filter(
        (c) =>
          (c.path.endsWith('/reply') || c.path.endsWith('/push')) &&
          c.status === 200 &&
          (c.body.to === this.userId || this.replyTokens.has(c.body.replyToken)),
      )
      .flatMap((c) => c.body.messages);
  }

  private replyTokens = new Set<string>();

  private track<T extends { replyToken?: string }>(e: T): T {
    if (e.replyToken) this.replyTokens.add(e.replyToken);
    return e;
  }

  follow() {
    return this.send(this.track(followEvent(this.userId)));
  }
  say(text: string) {
    return this.send(this.track(textEvent(this.userId, text)));
  }
  sticker() {
    return this.send(this.track(messageEvent(this.userId, { type: 'sticker', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' })));
  }
  photo() {
    return this.send(this.track(messageEvent(this.userId, { type: 'image', contentProvider: { type: 'line' } })));
  }
  location(address = 'บ้านหลวง ต.แจ้ซ้อน อ.เมืองปาน จ.ลำปาง', title = 'บ้าน') {
    return this.send(this.track(messageEvent(this.userId, { type: 'location', title, address, latitude: 18.79, longitude: 99.49 })));
  }
  postback(data: string, params?: Record<string, string>) {
    return this.send(this.track(postbackEvent(this.userId, data, params)));
  }

  /** Labels of the quick-reply chips on the last message of the last reply. */
  chips(): string[] {
    const m = this.last[this.last.length - 1];
    return (m?.quickReply?.items ?? []).map((i) => i.action.label);
  }

  /** Taps the chip with this label (or a card button with it): sends what LINE would send. */
  async tap(label: string): Promise<BotMessage[]> {
    const action = this.findAction(label);
    if (!action) throw new Error(`no chip or button "${label}" in: ${JSON.stringify(this.chips())}`);
    if (action.type === 'message') return this.say(action.text);
    if (action.type === 'postback') return this.postback(action.data);
    throw new Error(`cannot tap a ${action.type} action`);
  }

  /** Picks `date` (YYYY-MM-DD) in the date-picker chip with this label: LINE sends a postback with params.date. */
  async pickDate(label: string, date: string): Promise<BotMessage[]> {
    const action = this.findAction(label);
    if (action?.type !== 'datetimepicker') throw new Error(`no date picker "${label}" in: ${JSON.stringify(this.chips())}`);
    return this.postback(action.data, { date });
  }

  /** The date picker chip of the last reply (its min, max and label), if any. */
  datePicker(): { label: string; min?: string; max?: string } | undefined {
    const m = this.last[this.last.length - 1];
    return m?.quickReply?.items.map((i) => i.action).find((a) => a.type === 'datetimepicker');
  }

  /** Several citizens tap at the same moment (e.g. racing for the last seat); each one's `last` is what they got. */
  static async tapAtOnce(...taps: [Citizen, string][]): Promise<void> {
    const before = taps.map(([c]) => c.delivered().length);
    await Promise.all(
      taps.map(([c, label]) => {
        const action = c.findAction(label);
        if (action?.type !== 'postback') throw new Error(`"${label}" is not a postback`);
        return c.bot.post(c.track(postbackEvent(c.userId, action.data)));
      }),
    );
    await taps[0][0].bot.settle();
    taps.forEach(([c], i) => {
      c.last = c.delivered().slice(before[i]);
      c.received.push(...c.last);
    });
  }

  /** Taps the same postback twice at once (a double tap). */
  async doubleTap(label: string): Promise<BotMessage[]> {
    const action = this.findAction(label);
    if (action?.type !== 'postback') throw new Error(`"${label}" is not a postback`);
    const before = this.delivered().length;
    await Promise.all([
      this.bot.post(this.track(postbackEvent(this.userId, action.data))),
      this.bot.post(this.track(postbackEvent(this.userId, action.data))),
    ]);
    await this.bot.settle();
    this.last = this.delivered().slice(before);
    this.received.push(...this.last);
    return this.last;
  }

  private findAction(label: string): any {
    for (const m of [...this.last].reverse()) {
      const chip = m.quickReply?.items.find((i) => i.action.label === label);
      if (chip) return chip.action;
      const button = findButton(m.contents, label);
      if (button) return button;
    }
    return undefined;
  }

  /** All text of the last reply (texts, alt texts and card texts), joined. */
  text(): string {
    return this.last.map(messageText).join('\n');
  }
}

function findButton(node: any, label: string): any {
  if (!node || typeof node !== 'object') return undefined;
  if (node.type === 'button' && node.action?.label === label) return node.action;
  for (const v of Object.values(node)) {
    const found = findButton(v, label);
    if (found) return found;
  }
  return undefined;
}

/** The readable text of one message (a Flex card's texts included). */
export function messageText(m: BotMessage): string {
  if (m.type === 'text') return m.text ?? '';
  const texts: string[] = [m.altText ?? ''];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (n.type === 'text' && typeof n.text === 'string') texts.push(n.text);
    if (n.type === 'button' && n.action?.label) texts.push(`[${n.action.label}]`);
    for (const v of Object.values(n)) walk(v);
  };
  walk(m.contents);
  return texts.join('\n');
}

/**
 * What in the bot's replies and pushes breaks a LINE limit (DESIGN §3), or was cut to fit one (a label ending
 * in "…" means a locale string is too long): at most 5 messages, 13 chips of ≤20 graphemes, Flex buttons of
 * ≤40, postback data ≤300, texts ≤5,000 characters, a bubble ≤30 KB. Empty when every reply fits.
 */
export function lineLimitProblems(calls: { path: string; status: number; body: any }[]): string[] {
  const problems: string[] = [];
  const action = (a: any, max: number, where: string) => {
    if (a.label !== undefined && (graphemeLength(a.label) > max || a.label.endsWith('…'))) problems.push(`${where} label too long: ${a.label}`);
    if (typeof a.data === 'string' && a.data.length > 300) problems.push(`${where} postback data over 300: ${a.data}`);
  };
  const buttons = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'button' && node.action) action(node.action, 40, 'button');
    Object.values(node).forEach(buttons);
  };
  for (const c of calls.filter((x) => (x.path.endsWith('/reply') || x.path.endsWith('/push')) && x.status === 200)) {
    const messages: any[] = c.body.messages ?? [];
    if (messages.length > 5) problems.push(`${messages.length} messages in one send`);
    for (const m of messages) {
      if (m.type === 'text' && m.text.length > 5000) problems.push('text over 5000');
      if (m.type === 'flex' && Buffer.byteLength(JSON.stringify(m.contents)) > 30_000) problems.push('bubble over 30 KB');
      const items = m.quickReply?.items ?? [];
      if (items.length > 13) problems.push(`${items.length} quick replies`);
      items.forEach((i: any) => action(i.action, 20, 'chip'));
      buttons(m.contents);
    }
  }
  return problems;
}
