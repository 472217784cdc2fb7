/**
 * Errors the dev server answers with. Codes and code names follow mongod (src/mongo/base/error_codes.yml) so the
 * driver and mongoose raise the same `MongoServerError` they would raise against a real server.
 */

export const CODE_NAMES: Readonly<Record<number, string>> = {
  1: 'InternalError',
  2: 'BadValue',
  9: 'FailedToParse',
  11: 'UserNotFound',
  14: 'TypeMismatch',
  20: 'IllegalOperation',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  28: 'PathNotViable',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  52: 'DollarPrefixedFieldName',
  54: 'NotSingleValueField',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  96: 'OperationFailed',
  115: 'CommandNotSupported',
  168: 'InvalidPipelineOperator',
  197: 'InvalidIndexSpecificationOption',
  238: 'NotImplemented',
  11000: 'DuplicateKey',
  40415: 'Location40415',
  40324: 'Location40324',
};

/** An error that becomes `{ ok: 0, code, codeName, errmsg, ...extra }` (or a writeErrors entry). */
export class MongoCommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'MongoCommandError';
    this.code = code;
    this.codeName = CODE_NAMES[code] ?? `Location${code}`;
    this.extra = extra;
  }

  /** The reply document mongod sends for a failed command. */
  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

/** An operator, stage, option or command mongod has but this dev server does not. */
export function notImplemented(what: string): MongoCommandError {
  return new MongoCommandError(238, `${what} is not supported by the embedded dev server (use a real MongoDB via MONGODB_URI)`);
}

export function badValue(message: string): MongoCommandError {
  return new MongoCommandError(2, message);
}

/** Converts anything thrown while running a command into a MongoCommandError. */
export function toCommandError(err: unknown): MongoCommandError {
  if (err instanceof MongoCommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof Error && err.constructor?.name === 'MingoError') return fromMingoMessage(message);
  return new MongoCommandError(1, `dev server internal error: ${message}`);
}

/** Maps mingo's messages onto mongod's codes and wording where the meaning is known. */
function fromMingoMessage(message: string): MongoCommandError {
  let m = /unknown query operator (\$\w+)/.exec(message);
  if (m) return new MongoCommandError(2, `unknown operator: ${m[1]}`);
  m = /unknown top level operator: (\$\w+)/.exec(message);
  if (m) return new MongoCommandError(2, `unknown top level operator: ${m[1]}`);
  m = /(?:accumulator|operator|expression) '?(\$\w+)'? is not registered/.exec(message);
  if (m) return new MongoCommandError(168, `Unrecognized expression '${m[1]}'`);
  m = /unregistered pipeline operator (\$\w+)/.exec(message);
  if (m) return new MongoCommandError(40324, `Unrecognized pipeline stage name: '${m[1]}'`);
  return new MongoCommandError(2, message);
}
