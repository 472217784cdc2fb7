/**
 * A client for the simulator's JSON API and event stream (used by `scripts/chat.ts`; works against a local or a
 * remote bot that has the simulator mounted).
 */
import type { ChatEntry, SendResult, SimUser } from './index';
import type { PresetPlace, PresetSticker } from './presets';

export interface SimulatorState {
  bot: { userId: string; displayName: string };
  users: SimUser[];
  places: PresetPlace[];
  stickers: PresetSticker[];
}

/** The body of POST /simulator/api/send, without `userId`. */
export type SendBody =
  | { kind: 'text'; text: string }
  | { kind: 'postback'; data: string; displayText?: string; params?: { date?: string; time?: string; datetime?: string } }
  | { kind: 'sticker'; packageId: string; stickerId: string; keywords?: string[] }
  | { kind: 'location'; latitude: number; longitude: number; title?: string; address?: string }
  | { kind: 'image'; dataUrl: string }
  | { kind: 'follow' }
  | { kind: 'unfollow' };

export type StreamEvent =
  | { type: 'entry'; data: ChatEntry }
  | { type: 'status'; data: { seq: number; userId: string; status: ChatEntry['status']; error?: string } }
  | { type: 'loading'; data: { userId: string; seconds: number } }
  | { type: 'user'; data: SimUser };

export interface SimulatorClient {
  readonly baseUrl: string;
  state(): Promise<SimulatorState>;
  addUser(displayName: string, language?: 'th' | 'en'): Promise<SimUser>;
  updateUser(userId: string, patch: { language?: 'th' | 'en'; displayName?: string }): Promise<SimUser>;
  chat(userId: string): Promise<ChatEntry[]>;
  send(userId: string, body: SendBody): Promise<SendResult>;
  /** Follows the event stream (reconnecting after a drop) until `close()`. */
  subscribe(onEvent: (e: StreamEvent) => void, onConnectionChange?: (up: boolean) => void): { close(): void };
}

export class SimulatorApiError extends Error {
  override name = 'SimulatorApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Connects to the simulator of the bot at `baseUrl` (e.g. `http://localhost:3000`). */
export function connectSimulator(baseUrl: string): SimulatorClient {
  const root = `${baseUrl.replace(/\/+$/, '')}/simulator/api`;

  async function call<T>(method: string, path: string, body?: unknown, okStatuses: number[] = []): Promise<T> {
    const res = await fetch(root + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const data = (await res.json().catch(() => ({}))) as T & { message?: string };
    if (!res.ok && !okStatuses.includes(res.status)) throw new SimulatorApiError(res.status, data.message ?? `HTTP ${res.status}`);
    return data;
  }

  return {
    baseUrl,
    state: () => call('GET', '/state'),
    addUser: (displayName, language = 'th') => call('POST', '/users', { displayName, language }),
    updateUser: (userId, patch) => call('PATCH', `/users/${encodeURIComponent(userId)}`, patch),
    chat: async (userId) => (await call<{ entries: ChatEntry[] }>('GET', `/users/${encodeURIComponent(userId)}/chat`)).entries,
    // 502: the webhook did not accept the event; the answer still says what happened.
    send: (userId, body) => call('POST', '/send', { userId, ...body }, [502]),
    subscribe(onEvent, onConnectionChange) {
      const abort = new AbortController();
      let closed = false;
      const run = async () => {
        while (!closed) {
          try {
            const res = await fetch(`${root}/stream`, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
            if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
            onConnectionChange?.(true);
            const decoder = new TextDecoder();
            let buffer = '';
            for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
              buffer += decoder.decode(chunk, { stream: true });
              let end: number;
              while ((end = buffer.indexOf('\n\n')) >= 0) {
                const frame = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                const event = parseFrame(frame);
                if (event) onEvent(event);
              }
            }
          } catch {
            // dropped or refused: retry below
          }
          if (closed) break;
          onConnectionChange?.(false);
          await new Promise((r) => setTimeout(r, 1000));
        }
      };
      void run();
      return {
        close() {
          closed = true;
          abort.abort();
        },
      };
    },
  };
}

/** One Server-Sent Events frame → an event (comments and unknown events → undefined). */
export function parseFrame(frame: string): StreamEvent | undefined {
  let type = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length === 0 || !['entry', 'status', 'loading', 'user'].includes(type)) return undefined;
  try {
    return { type, data: JSON.parse(data.join('\n')) } as StreamEvent;
  } catch {
    return undefined;
  }
}
