/**
 * The danger classifier on its corpus: every danger message routed to its own kind (recall 100 %), no ordinary
 * message raising an alarm or a question (0 false alarms), unclear ones asked about gently, hotline questions
 * answered with the number. Prints precision and recall per kind.
 */
import { understand, type Danger } from '../../src/nlu';
import { DANGER, HOTLINE, ORDINARY, UNSURE } from './dangerCorpus';

const KINDS: Danger[] = ['self_harm', 'violence', 'medical'];

describe('danger corpus', () => {
  it('is big enough: ≥ 60 danger messages, ≥ 150 ordinary look-alikes, all distinct', () => {
    expect(DANGER.length).toBeGreaterThanOrEqual(60);
    expect(ORDINARY.length).toBeGreaterThanOrEqual(150);
    const all = [...DANGER.map((d) => d[0]), ...ORDINARY, ...UNSURE.map((u) => u[0])];
    expect(new Set(all).size).toBe(all.length);
    for (const k of KINDS) expect(DANGER.filter((d) => d[1] === k).length).toBeGreaterThanOrEqual(15);
  });

  it('recall 100 % per kind and 0 false alarms (figures printed)', () => {
    const table: Record<string, { tp: number; fn: number; fp: number }> = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fn: 0, fp: 0 }]));
    const missed: string[] = [];
    const falseAlarms: string[] = [];
    for (const [text, kind] of DANGER) {
      const s = understand(text).dangerSignal;
      const got = s?.confidence === 'sure' ? s.kind : null;
      if (got === kind) table[kind]!.tp++;
      else {
        table[kind]!.fn++;
        if (got) table[got]!.fp++;
        missed.push(`${text} → ${got ?? (s ? `unsure ${s.kind}` : 'none')}, want ${kind}`);
      }
    }
    for (const text of ORDINARY) {
      const s = understand(text).dangerSignal;
      if (s) {
        if (s.confidence === 'sure') table[s.kind]!.fp++;
        falseAlarms.push(`${text} → ${s.confidence} ${s.kind}`);
      }
    }
    const rows = KINDS.map((k) => {
      const { tp, fn, fp } = table[k]!;
      return {
        kind: k,
        messages: tp + fn,
        precision: tp + fp ? `${((100 * tp) / (tp + fp)).toFixed(1)} %` : '-',
        recall: tp + fn ? `${((100 * tp) / (tp + fn)).toFixed(1)} %` : '-',
      };
    });
    // eslint-disable-next-line no-console
    console.log(
      [
        `danger corpus: ${DANGER.length} danger, ${ORDINARY.length} ordinary, ${UNSURE.length} unsure, ${HOTLINE.length} hotline questions`,
        'kind       messages  precision  recall',
        ...rows.map((r) => `${r.kind.padEnd(10)} ${String(r.messages).padStart(8)}  ${r.precision.padStart(9)}  ${r.recall.padStart(6)}`),
        `false alarms on ordinary messages: ${falseAlarms.length}`,
      ].join('\n'),
    );
    expect({ missed, falseAlarms }).toEqual({ missed: [], falseAlarms: [] });
  });

  it.each(DANGER.filter((d) => d[2]).map((d) => [d[0], d[2]] as const))('who is at risk in "%s": %s', (text, atRisk) => {
    expect(understand(text).dangerSignal?.atRisk).toBe(atRisk);
  });

  it.each(UNSURE)('"%s" is asked about gently (%s), not an alarm', (text, kind) => {
    const u = understand(text);
    expect(u.dangerSignal).toMatchObject({ kind, confidence: 'unsure' });
    expect(u.danger).toBeNull();
  });

  it.each(HOTLINE)('"%s" asks for the %s numbers, no alarm', (text, kind) => {
    const u = understand(text);
    expect(u.hotline).toBe(kind);
    expect(u.dangerSignal).toBeNull();
  });

  it('urgency words are urgency, never danger; a negated one is not even urgent', () => {
    expect(understand('ด่วนมาก').danger).toBeNull();
    expect(understand('ด่วนมาก').slots.urgent).toBe(true);
    expect(understand('ไม่ถึงกับด่วนมากค่ะ แต่อยากให้มาดูภายในอาทิตย์นี้').slots.urgent).toBeUndefined();
    expect(understand('ไม่ด่วนค่ะ').slots.urgent).toBeUndefined();
  });
});
