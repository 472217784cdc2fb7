import { answer, back, edit, startFlow } from '../../src/engine/interpreter';
import { choice, text, age, confirm } from '../../src/engine/steps';
import type { Flow, Say } from '../../src/engine/types';

interface D {
  who?: string;
  relation?: string;
  name?: string;
  age?: number | null;
}

const flow: Flow<D> = {
  id: 'demo',
  version: 1,
  order: ['who', 'relation', 'name', 'age', 'summary'],
  prefill: (s) => ({ ...(s.who ? { who: s.who as string } : {}) }),
  editable: [{ step: 'name', label: 'help.edit.name' }],
  steps: {
    who: choice({
      field: 'who',
      prompt: 'help.who.ask',
      options: [
        { value: 'self', label: { key: 'help.who.self' } },
        { value: 'relative', label: { key: 'help.who.relative' }, words: ['ญาติ'] },
      ],
      clears: ['relation'],
    }),
    relation: choice({ field: 'relation', prompt: 'help.relation.ask', skip: (d) => d.who !== 'relative', options: [{ value: 'mother', label: { key: 'help.relation.mother' } }] }),
    name: text({ field: 'name', prompt: 'help.name.askSelf', min: 2 }),
    age: age({ field: 'age', prompt: 'help.age.askSelf', unknown: true }),
    summary: confirm({ summary: () => [{ kind: 'text', text: { literal: 'summary' } }] }),
  },
};

const ctx = { now: new Date('2026-12-01T03:00:00Z'), locale: 'th' as const };
const firstText = (says: Say[]) => (says[0].kind === 'text' ? says[0].text : says[0].altText);

describe('flow interpreter', () => {
  it('asks the first question, then walks forward skipping steps that do not apply', () => {
    const s0 = startFlow(flow as any, {}, ctx);
    expect(s0.state.step).toBe('who');
    const s1 = answer(flow as any, s0.state, { kind: 'option', value: 'self' }, ctx);
    expect(s1.state.step).toBe('name'); // relation skipped for self
  });

  it('skips questions answered by free text at the start', () => {
    const s0 = startFlow(flow as any, { who: 'self' }, ctx);
    expect(s0.state.step).toBe('name');
  });

  it('matches typed text to the offered options (label with particle, words, number)', () => {
    const s0 = startFlow(flow as any, {}, ctx);
    expect(answer(flow as any, s0.state, { kind: 'text', text: 'ตัวเองค่ะ' }, ctx).state.data.who).toBe('self');
    expect(answer(flow as any, s0.state, { kind: 'text', text: 'ญาติ' }, ctx).state.data.who).toBe('relative');
    expect(answer(flow as any, s0.state, { kind: 'text', text: '๒' }, ctx).state.data.who).toBe('relative');
  });

  it('explains and asks again when the input does not fit, keeping the state', () => {
    const s0 = startFlow(flow as any, {}, ctx);
    const r = answer(flow as any, s0.state, { kind: 'text', text: 'กล้วยทอด' }, ctx);
    expect(r.state).toEqual(s0.state);
    expect(firstText(r.say)).toEqual({ key: 'engine.retry.choice', params: undefined });
  });

  it('says a button from an earlier question is stale and asks the current one', () => {
    let st = startFlow(flow as any, {}, ctx).state;
    st = answer(flow as any, st, { kind: 'option', value: 'self' }, ctx).state;
    const r = answer(flow as any, st, { kind: 'option', value: 'relative', step: 'who' }, ctx);
    expect(r.state.step).toBe('name');
    expect(firstText(r.say)).toEqual({ key: 'engine.staleButton' });
  });

  it('goes back one question, clearing its answer, and forward again over what is known', () => {
    let st = startFlow(flow as any, {}, ctx).state;
    st = answer(flow as any, st, { kind: 'option', value: 'self' }, ctx).state;
    st = answer(flow as any, st, { kind: 'text', text: 'สมชาย' }, ctx).state;
    expect(st.step).toBe('age');
    const b = back(flow as any, st, ctx);
    expect(b.state.step).toBe('name');
    expect(b.state.data.name).toBeUndefined();
    expect(b.state.data.who).toBe('self');
  });

  it('changing an answer clears the answers that depend on it', () => {
    let st = startFlow(flow as any, {}, ctx).state;
    st = answer(flow as any, st, { kind: 'option', value: 'relative' }, ctx).state;
    st = answer(flow as any, st, { kind: 'option', value: 'mother' }, ctx).state;
    expect(st.data.relation).toBe('mother');
    st = back(flow as any, back(flow as any, st, ctx).state, ctx).state;
    expect(st.step).toBe('who');
    st = answer(flow as any, st, { kind: 'option', value: 'self' }, ctx).state;
    expect(st.data.relation).toBeUndefined();
  });

  it('edits one answer from the summary and returns to the summary', () => {
    let st = startFlow(flow as any, { who: 'self' }, ctx).state;
    st = answer(flow as any, st, { kind: 'text', text: 'สมชาย' }, ctx).state;
    st = answer(flow as any, st, { kind: 'text', text: '๗๐' }, ctx).state;
    expect(st.step).toBe('summary');
    st = edit(flow as any, st, 'name', ctx).state;
    expect(st.step).toBe('name');
    const r = answer(flow as any, st, { kind: 'text', text: 'สมหญิง' }, ctx);
    expect(r.state.step).toBe('summary');
    expect(r.state.data).toMatchObject({ name: 'สมหญิง', age: 70 });
  });

  it('submits only after the summary is confirmed', () => {
    let st = startFlow(flow as any, { who: 'self' }, ctx).state;
    st = answer(flow as any, st, { kind: 'text', text: 'สมชาย' }, ctx).state;
    st = answer(flow as any, st, { kind: 'option', value: 'unknown' }, ctx).state;
    expect(st.data.age).toBeNull();
    expect(answer(flow as any, st, { kind: 'text', text: 'โอเค' }, ctx).kind).toBe('submit');
    expect(answer(flow as any, st, { kind: 'text', text: 'อะไรนะ' }, ctx).kind).toBe('ask');
  });
});
