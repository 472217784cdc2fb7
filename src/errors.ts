/**
 * Errors by boundary. Each one that can reach a citizen is turned into a Thai reply in exactly one place
 * (the bot's error reply); the rest are logged.
 */

/** LINE's API answered with an error status. `retryable` for 5xx and 429. */
export class LineApiError extends Error {
  override name = 'LineApiError';
  constructor(
    readonly status: number,
    readonly body: string,
    readonly requestId: string | undefined,
    readonly endpoint: string,
  ) {
    super(`LINE API ${endpoint} answered ${status}${requestId ? ` (x-line-request-id ${requestId})` : ''}`);
  }
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429;
  }
}

/** Failures that happen before a request's first byte leaves: LINE certainly did not act on it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * LINE's API could not be reached or did not answer (network failure, timeout). Always retryable.
 * `maybeSent` is false only when the connection was never made (refused, no such host): then LINE certainly did
 * not receive the request; after a timeout or a broken connection it may have.
 */
export class LineNetworkError extends Error {
  override name = 'LineNetworkError';
  readonly retryable = true;
  readonly maybeSent: boolean;
  constructor(
    readonly endpoint: string,
    override readonly cause: unknown,
  ) {
    super(`LINE API ${endpoint} unreachable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.maybeSent = !causeCodes(cause).some((c) => NOT_SENT_CODES.has(c));
  }
}

/** The `code`s along an error's `cause` chain (fetch wraps the socket error). */
function causeCodes(err: unknown): string[] {
  const codes: string[] = [];
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/** What a citizen typed cannot be used; `messageKey` names the locale string that explains why. */
export class UserInputError extends Error {
  override name = 'UserInputError';
  constructor(
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`user input rejected: ${messageKey}`);
  }
}

/** A conversation's stored state cannot be continued (unknown flow/step, stale version). */
export class FlowStateError extends Error {
  override name = 'FlowStateError';
}
