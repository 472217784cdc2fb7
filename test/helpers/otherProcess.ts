/**
 * Waiting on another process, which has no idle signal of its own inside this one: a line it writes (its
 * readiness line) or a condition polled with a deadline. In-process work is waited on with its idle signals
 * (`settle()`, `outbox.whenIdle()`, `worker.idle()`) instead.
 */
import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the first match of `pattern` in what the child writes (stdout and stderr together), checked
 * as each chunk arrives; fails if the child exits first or after `ms`.
 */
export function outputMatch(child: ChildProcess, pattern: RegExp, ms = 20_000): Promise<RegExpExecArray> {
  let out = '';
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(deadline);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    const onData = (d: Buffer | string) => {
      out += d;
      const m = pattern.exec(out);
      if (!m) return;
      done();
      resolve(m);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`process exited (${code}) before writing ${pattern}:\n${out}`));
    };
    // eslint-disable-next-line no-restricted-syntax -- a deadline for a clear failure message, not a pause
    const deadline = setTimeout(() => {
      done();
      reject(new Error(`no ${pattern} within ${ms} ms:\n${out}`));
    }, ms);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

/** Polls `pred` (state another process changes, e.g. in the database) until it holds; fails after `ms`. */
export async function until(what: string, pred: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    // eslint-disable-next-line no-restricted-syntax -- the pause between two looks at another process's state
    await new Promise((r) => setTimeout(r, 25));
  }
}
