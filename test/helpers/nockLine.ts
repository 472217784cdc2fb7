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
}

export interface NockLine {
  calls: LineCall[];
  replies(): LineCall[];
  pushes(): LineCall[];
  /** Texts LINE accepted (reply or push, 2xx), in order. */
  delivered(): string[];
  /** Next answers for an endpoint ('reply' | 'push'), e.g. [500, 429, 'network'], then 200 for ever. */
  script(endpoint: 'reply' | 'push', answers: (number | 'network')[]): void;
  /** Wait until `pred` holds (polls), failing after `ms`. */
  waitFor(pred: () => boolean, ms?: number): Promise<void>;
  done(): void;
}

export function nockLine(opts: { profile?: { displayName: string; language?: string }; content?: Buffer } = {}): NockLine {
  const calls: LineCall[] = [];
  const scripts: Record<string, (number | 'network')[]> = { reply: [], push: [] };
  const api = nock(LINE_API).persist();
  const data = nock(LINE_DATA_API).persist();

  const record = (endpoint: 'reply' | 'push') =>
    function (this: any, path: string, body: any, cb: (err: any, res: any) => void) {
      const next = scripts[endpoint].shift() ?? 200;
      const headers = this.req.headers as Record<string, string>;
      if (next === 'network') {
        calls.push({ path, body, headers, status: 0 });
        cb(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), undefined);
        return;
      }
      const requestId = `req-${endpoint}-${calls.length + 1}`;
      calls.push({ path, body, headers, status: next, requestId });
      const answer = next < 300 ? (endpoint === 'push' ? { sentMessages: [{ id: '1', quoteToken: 'q' }] } : { sentMessages: [] }) : { message: next === 400 ? 'Invalid reply token' : 'error' };
      cb(null, [next, answer, { 'x-line-request-id': requestId }]);
    };

  api.post('/v2/bot/message/reply').reply(record('reply'));
  api.post('/v2/bot/message/push').reply(record('push'));
  api.post('/v2/bot/chat/loading/start').reply(function (this: any, path: string, body: any) {
    calls.push({ path, body, headers: this.req.headers, status: 202 });
    return [202, {}];
  });
  api.post('/v2/bot/chat/markAsRead').reply(function (this: any, path: string, body: any) {
    calls.push({ path, body, headers: this.req.headers, status: 200 });
    return [200, {}];
  });
  api.get(/\/v2\/bot\/profile\/.*/).reply(function (this: any, path: string) {
    calls.push({ path, body: null, headers: this.req.headers, status: 200 });
    const userId = path.split('/').pop();
    return [200, { userId, displayName: opts.profile?.displayName ?? 'คุณทดสอบ', language: opts.profile?.language ?? 'th' }];
  });
  data.get(/\/v2\/bot\/message\/.*\/content/).reply(function (this: any, path: string) {
    calls.push({ path, body: null, headers: this.req.headers, status: 200 });
    return [200, opts.content ?? Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), { 'content-type': 'image/jpeg' }];
  });

  const texts = (c: LineCall) => (c.body?.messages ?? []).map((m: any) => m.text ?? m.altText ?? m.type);
  return {
    calls,
    replies: () => calls.filter((c) => c.path.endsWith('/reply')),
    pushes: () => calls.filter((c) => c.path.endsWith('/push')),
    delivered: () => calls.filter((c) => (c.path.endsWith('/reply') || c.path.endsWith('/push')) && c.status >= 200 && c.status < 300).flatMap(texts),
    script(endpoint, answers) {
      scripts[endpoint].push(...answers);
    },
    async waitFor(pred, ms = 5000) {
      const until = Date.now() + ms;
      while (!pred()) {
        if (Date.now() > until) throw new Error(`condition not met within ${ms} ms; LINE calls: ${JSON.stringify(calls.map((c) => [c.path, c.status]))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    done() {
      nock.cleanAll();
    },
  };
}
