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

/** LINE's API could not be reached (network failure, timeout). Always retryable. */
export class LineNetworkError extends Error {
  override name = 'LineNetworkError';
  readonly retryable = true;
  constructor(
    readonly endpoint: string,
    override readonly cause: unknown,
  ) {
    super(`LINE API ${endpoint} unreachable: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
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
