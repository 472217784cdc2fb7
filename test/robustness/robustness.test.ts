/**
 * The robustness corpus (corpus.ts) run against every step of every flow through the engine registry: each
 * natural answer must have the expected outcome; odd inputs (sticker, photo, location, emoji, empty text,
 * 5,000 characters, HTML) must never end in a dead end. Prints the share understood per step; fails under
 * 95 % overall, on a step with fewer than ten answers, or on any dead end.
 */
import { CORPUS, ODD, type Expect } from './corpus';
import { everyStep, give, textsOf, typed } from './driver';
import type { Outcome } from '../../src/engine/interpreter';
import type { FlowState, Say } from '../../src/engine/types';

jest.setTimeout(120_000);

const steps = everyStep();

/** Whether `actual` holds every answer of `expected` (objects compared by their own keys, recursively). */
function holds(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null) return Object.is(actual, expected);
  if (typeof actual !== 'object' || actual === null) return false;
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => holds(actual[i], e));
  return Object.entries(expected).every(([k, v]) => holds(Reflect.get(actual, k), v));
}

function meets(o: Outcome, before: FlowState, expect: Expect): boolean {
  const data = o.state.data as Record<string, unknown>;
  if (typeof expect === 'function') return o.kind !== 'staff' && expect(data);
  switch (expect) {
    case 'submit':
      return o.kind === 'submit';
    case 'edit':
      return o.kind === 'ask' && textsOf(o.say).some((t) => t.includes('แก้ไขข้อไหน'));
    case 'stay':
      return o.kind === 'ask' && o.state.step === before.step && o.state.misses === undefined && o.state.pending !== undefined;
    case 'refuse':
      return o.kind === 'ask' && o.state.step === before.step && o.state.misses === 1;
    default:
      return o.kind !== 'staff' && holds(data, expect);
  }
}

interface Row {
  step: string;
  understood: number;
  total: number;
  failed: string[];
}
const rows: Row[] = [];

afterAll(() => {
  const width = Math.max(...rows.map((r) => r.step.length));
  const lines = rows.map(
    (r) =>
      `${r.step.padEnd(width)}  ${String(r.understood).padStart(3)}/${String(r.total).padEnd(3)} ${((100 * r.understood) / r.total).toFixed(0).padStart(4)} %${r.failed.length ? `   not understood: ${r.failed.join(' | ')}` : ''}`,
  );
  const understood = rows.reduce((n, r) => n + r.understood, 0);
  const total = rows.reduce((n, r) => n + r.total, 0);
  lines.push(`${'overall'.padEnd(width)}  ${understood}/${total} ${((100 * understood) / total).toFixed(1)} %`);
  // eslint-disable-next-line no-console -- the table of understood answers is this test's report
  console.log(`Robustness corpus: share of natural answers understood per step\n${lines.join('\n')}`);
});

describe('natural answers at every step', () => {
  it.each(steps.map((s) => [`${s.flow}.${s.step}`, s.state] as const))('%s', (key, state) => {
    const cases = CORPUS[key] ?? [];
    expect({ key, answers: cases.length >= 10 }).toEqual({ key, answers: true });
    const failed: string[] = [];
    for (const [input, want] of cases) {
      const o = give(state, typeof input === 'string' ? typed(input) : input);
      if (!meets(o, state, want)) failed.push(typeof input === 'string' ? input : input.kind);
    }
    rows.push({ step: key, understood: cases.length - failed.length, total: cases.length, failed });
  });

  it('understands at least 95 % overall', () => {
    const understood = rows.reduce((n, r) => n + r.understood, 0);
    const total = rows.reduce((n, r) => n + r.total, 0);
    expect(total).toBeGreaterThan(0);
    expect(understood / total).toBeGreaterThanOrEqual(0.95);
  });
});

describe('odd inputs at every step: never a dead end', () => {
  it.each(steps.map((s) => [`${s.flow}.${s.step}`, s.state] as const))('%s', (_key, state) => {
    // Each odd input alone: an answer comes (the step goes on, or explains and asks again).
    for (const [what, input] of ODD) {
      const o = give(state, input);
      expect({ what, answered: o.kind !== 'ask' || o.say.length > 0 }).toEqual({ what, answered: true });
    }
    // All of them in a row, while they are not taken: no text is sent three times in a row.
    let s = state;
    const replies: Say[][] = [];
    for (const [, input] of ODD) {
      const o = give(s, input);
      if (o.kind !== 'ask' || o.state.step !== state.step) break;
      replies.push(o.say);
      s = o.state;
    }
    for (let i = 2; i < replies.length; i++) {
      const [a, b] = [new Set(textsOf(replies[i - 2])), new Set(textsOf(replies[i - 1]))];
      for (const text of textsOf(replies[i])) expect({ text, thrice: a.has(text) && b.has(text) }).toEqual({ text, thrice: false });
    }
  });
});
