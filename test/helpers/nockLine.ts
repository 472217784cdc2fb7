/**
 * LINE's Messaging API at the HTTP level (nock): records every call the bot makes and answers with scripted
 * statuses, so tests see exactly what LINE would receive.
 */
import nock from 'nock';
import { LINE_API, LINE_DATA_API } from './line';

export interface LineCall {
  path: string;
  body: any;
  headers: Record<string, string>;
  status: number;
  /** The x-line-request-id LINE's stand-in answered with. */
  requestId?: string;
  /** LINE took the message although the bot never heard so ('lost' answers). */
  accepted?: boolean;
}

const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
const glen = (s: string) => [...graphemes.segment(s)].length;

/**
 * Checks a reply/push body against LINE's limits (DESIGN §3); returns the first violation, as LINE would
 * reject the request with 400.
 */
export function lineLimitViolation(body: any): string | undefined {
  const messages: any[] = body?.messages ?? [];
  if (messages.length < 1 || messages.length > 5) return `${messages.length} messages (1–5 allowed)`;
  for (const m of messages) {
    if (m.type === 'text' && (!m.text || m.text.length > 5000)) return `text of ${m.text?.length ?? 0} characters`;
    if (m.type === 'flex') {
      if (!m.altText || m.altText.length > 400) return 'flex altText missing or over 400';
      if (Buffer.byteLength(JSON.stringify(m.contents)) > 30_000) return 'flex bubble over 30 KB';
    }
    const items = m.quickReply?.items ?? [];
    if (items.length > 13) return `${items.length} quick-reply items`;
    for (const i of items) {
      if (!i.action?.label || glen(i.action.label) > 20) return `quick-reply label "${i.action?.label}" over 20 characters`;
      // URI actions (tel: included) are allowed in quick replies; only the rich menu switch is not
      // (developers.line.biz/en/docs/messaging-api/actions/ shows a quick-reply URI action; checked 2026-11-29).
      if (i.action.type === 'richmenuswitch') return 'rich menu switch action in a quick reply';
      if (i.action.data && i.action.data.length > 300) return 'postback data over 300';
    }
    const walk = (n: any): string | undefined => {
      if (!n || typeof n !== 'object') return undefined;
      if (n.type === 'button' && (!n.action?.label || glen(n.action.label) > 40)) return `button label "${n.action?.label}" over 40`;
      if (n.action?.data && n.action.data.length > 300) return 'postback data over 300';
      for (const v of Object.values(n)) {
        const r = walk(v);
        if (r) return r;
      }
      return undefined;
    };
    const inFlex = walk(m.contents);
    if (inFlex) return inFlex;
  }
  return undefined;
}

export interface NockLine {
  calls: LineCall[];
  /** Requests LINE would have rejected for breaking its limits (should stay empty). */
  violations: string[];
  replies(): LineCall[];
  pushes(): LineCall[];
  /** Texts LINE accepted (reply or push, 2xx), in order. */
  delivered(): string[];
  /**
   * Next answers for an endpoint ('reply' | 'push'), e.g. [500, 429, 'network'], then 200 for ever. 'network':
   * the connection is refused (LINE never saw the request); 'lost': LINE accepts the request but the answer never
   * arrives (the connection breaks after sending); 'dropped': the connection breaks before LINE takes the request
   * (the bot cannot tell this from 'lost').
   */
  script(endpoint: 'reply' | 'push', answers: (number | 'network' | 'lost' | 'dropped')[]): void;
  /** Runs `fn` (e.g. to break the database) when the next call to the endpoint arrives, before LINE answers it. */
  beforeAnswer(endpoint: 'reply' | 'push', fn: () => Promise<void>): void;
  /** Waits until `pred` holds (checked as each call arrives), failing after `ms`. */
  waitFor(pred: () => boolean, ms?: number): Promise<void>;
  done(): void;
}

export function nockLine(opts: { profile?: { displayName: string; language?: string }; content?: Buffer } = {}): NockLine {
  const calls: LineCall[] = [];
  const violations: string[] = [];
  /** Checks of pending `waitFor`s, run after each call LINE receives. */
  let watchers: (() => void)[] = [];
  const recordCall = (c: LineCall) => {
    calls.push(c);
    for (const w of [...watchers]) w();
  };
  const scripts: Record<string, (number | 'network' | 'lost' | 'dropped')[]> = { reply: [], push: [] };
  const api = nock(LINE_API).persist();
  const data = nock(LINE_DATA_API).persist();

  const hooks: Record<string, (() => Promise<void>)[]> = { reply: [], push: [] };
  const usedTokens = new Set<string>();
  // eslint-disable-next-line prefer-const
  let answers: Record<'reply' | 'push', (this: any, path: string, body: any, cb: (err: any, res: any) => void) => void>;
  const record = (endpoint: 'reply' | 'push') =>
    function (this: any, path: string, body: any, cb: (err: any, res: any) => void) {
      const hook = hooks[endpoint].shift();
      if (hook) {
        const req = this.req;
        void hook().then(() => answers[endpoint].call({ req }, path, body, cb));
        return;
      }
      answers[endpoint].call(this, path, body, cb);
    };
  const answerFor = (endpoint: 'reply' | 'push') =>
    function (this: any, path: string, body: any, cb: (err: any, res: any) => void) {
      const headers = this.req.headers as Record<string, string>;
      const violation = lineLimitViolation(body);
      if (violation) {
        violations.push(violation);
        recordCall({ path, body, headers, status: 400 });
        cb(null, [400, { message: `The request body has 1 error(s): ${violation}` }, {}]);
        return;
      }
      // A reply token is single use: LINE refuses one it has already accepted.
      const token = endpoint === 'reply' ? (body?.replyToken as string | undefined) : undefined;
      if (token && usedTokens.has(token)) {
        recordCall({ path, body, headers, status: 400 });
        cb(null, [400, { message: 'Invalid reply token' }, {}]);
        return;
      }
      const next = scripts[endpoint].shift() ?? 200;
      if (next === 'network') {
        recordCall({ path, body, headers, status: 0 });
        cb(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), undefined);
        return;
      }
      if (next === 'dropped') {
        recordCall({ path, body, headers, status: 0 });
        cb(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), undefined);
        return;
      }
      if (next === 'lost') {
        if (token) usedTokens.add(token);
        recordCall({ path, body, headers, status: 0, accepted: true });
        cb(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), undefined);
        return;
      }
      if (token && next < 300) usedTokens.add(token);
      const requestId = `req-${endpoint}-${calls.length + 1}`;
      recordCall({ path, body, headers, status: next, requestId });
      const answer =
        next < 300
          ? endpoint === 'push'
            ? { sentMessages: [{ id: '1', quoteToken: 'q' }] }
            : { sentMessages: [] }
          : { message: next === 400 ? 'Invalid reply token' : 'error' };
      cb(null, [next, answer, { 'x-line-request-id': requestId }]);
    };

  answers = { reply: answerFor('reply'), push: answerFor('push') };
  api.post('/v2/bot/message/reply').reply(record('reply'));
  api.post('/v2/bot/message/push').reply(record('push'));
  api.post('/v2/bot/chat/loading/start').reply(function (this: any, path: string, body: any) {
    recordCall({ path, body, headers: this.req.headers, status: 202 });
    return [202, {}];
  });
  api.post('/v2/bot/chat/markAsRead').reply(function (this: any, path: string, body: any) {
    recordCall({ path, body, headers: this.req.headers, status: 200 });
    return [200, {}];
  });
  api.get(/\/v2\/bot\/profile\/.*/).reply(function (this: any, path: string) {
    recordCall({ path, body: null, headers: this.req.headers, status: 200 });
    const userId = path.split('/').pop();
    return [200, { userId, displayName: opts.profile?.displayName ?? 'คุณทดสอบ', language: opts.profile?.language ?? 'th' }];
  });
  data.get(/\/v2\/bot\/message\/.*\/content/).reply(function (this: any, path: string) {
    recordCall({ path, body: null, headers: this.req.headers, status: 200 });
    return [200, opts.content ?? Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), { 'content-type': 'image/jpeg' }];
  });

  const texts = (c: LineCall) => (c.body?.messages ?? []).map((m: any) => m.text ?? m.altText ?? m.type);
  return {
    calls,
    violations,
    replies: () => calls.filter((c) => c.path.endsWith('/reply')),
    pushes: () => calls.filter((c) => c.path.endsWith('/push')),
    delivered: () =>
      calls
        .filter((c) => (c.path.endsWith('/reply') || c.path.endsWith('/push')) && ((c.status >= 200 && c.status < 300) || c.accepted))
        .flatMap(texts),
    script(endpoint, next) {
      scripts[endpoint].push(...next);
    },
    beforeAnswer(endpoint, fn) {
      hooks[endpoint].push(fn);
    },
    async waitFor(pred, ms = 5000) {
      if (pred()) return;
      await new Promise<void>((resolve, reject) => {
        const stop = () => {
          clearTimeout(deadline);
          watchers = watchers.filter((w) => w !== check);
        };
        const check = () => {
          if (!pred()) return;
          stop();
          resolve();
        };
        // eslint-disable-next-line no-restricted-syntax -- a deadline for a clear failure message, not a pause
        const deadline = setTimeout(() => {
          stop();
          reject(new Error(`condition not met within ${ms} ms; LINE calls: ${JSON.stringify(calls.map((c) => [c.path, c.status]))}`));
        }, ms);
        watchers.push(check);
      });
    },
    done() {
      nock.cleanAll();
    },
  };
}
