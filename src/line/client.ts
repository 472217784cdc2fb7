/**
 * The only code that calls LINE's API. Wraps the SDK's `messagingApi` clients with the configured base URLs,
 * a timeout, and one error model: `LineApiError` (LINE answered an error) or `LineNetworkError` (no answer).
 */
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { LineApiError, LineNetworkError } from '../errors';

export type LineMessage = messagingApi.Message;

export interface LineProfile {
  displayName: string;
  language?: string;
  pictureUrl?: string;
}

export interface SendResult {
  requestId?: string;
}

export interface LineClientOptions {
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
  timeoutMs: number;
}

export interface LineClient {
  reply(replyToken: string, messages: LineMessage[]): Promise<SendResult>;
  /** Push with `X-Line-Retry-Key`; a 409 (already accepted with this key) counts as delivered. */
  push(to: string, messages: LineMessage[], retryKey: string): Promise<SendResult>;
  showLoadingAnimation(chatId: string, loadingSeconds: number): Promise<void>;
  getProfile(userId: string): Promise<LineProfile>;
  getContent(messageId: string): Promise<{ data: Buffer; contentType?: string }>;
  markAsRead(markAsReadToken: string): Promise<void>;
}

/**
 * Runs one call to LINE's API with a timeout and maps every failure to our error classes: `LineApiError` when
 * LINE answered an error status (with its x-line-request-id), `LineNetworkError` when it did not answer.
 */
export async function callLine<T>(endpoint: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([fn(), timeout]);
  } catch (err) {
    if (err instanceof HTTPFetchError) {
      throw new LineApiError(err.status, err.body, err.headers?.get('x-line-request-id') ?? undefined, endpoint);
    }
    throw new LineNetworkError(endpoint, err);
  } finally {
    clearTimeout(timer);
  }
}

/** Creates the LINE client. */
export function createLineClient(opts: LineClientOptions): LineClient {
  const api = new messagingApi.MessagingApiClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.apiBaseUrl });
  const blob = new messagingApi.MessagingApiBlobClient({
    channelAccessToken: opts.channelAccessToken,
    baseURL: opts.dataApiBaseUrl,
  });

  const call = <T>(endpoint: string, fn: () => Promise<T>) => callLine(endpoint, opts.timeoutMs, fn);

  const requestIdOf = (r: { httpResponse: Response }): SendResult => ({
    requestId: r.httpResponse.headers.get('x-line-request-id') ?? undefined,
  });

  return {
    async reply(replyToken, messages) {
      return requestIdOf(await call('reply', () => api.replyMessageWithHttpInfo({ replyToken, messages })));
    },
    async push(to, messages, retryKey) {
      try {
        return requestIdOf(await call('push', () => api.pushMessageWithHttpInfo({ to, messages }, retryKey)));
      } catch (err) {
        if (err instanceof LineApiError && err.status === 409) return { requestId: err.requestId };
        throw err;
      }
    },
    async showLoadingAnimation(chatId, loadingSeconds) {
      await call('loading', () => api.showLoadingAnimation({ chatId, loadingSeconds }));
    },
    async getProfile(userId) {
      const p = await call('profile', () => api.getProfile(userId));
      return { displayName: p.displayName, language: p.language, pictureUrl: p.pictureUrl };
    },
    async getContent(messageId) {
      const res = await call('content', () => blob.getMessageContentWithHttpInfo(messageId));
      const chunks: Buffer[] = [];
      for await (const chunk of res.body) chunks.push(Buffer.from(chunk as Uint8Array));
      return { data: Buffer.concat(chunks), contentType: res.httpResponse.headers.get('content-type') ?? undefined };
    },
    async markAsRead(markAsReadToken) {
      await call('markAsRead', () => api.markMessagesAsReadByToken({ markAsReadToken }));
    },
  };
}
