import { answer, back, edit, startFlow } from '../../src/engine/interpreter';
import { choice, text, age, confirm, date } from '../../src/engine/steps';
import type { Flow, FlowState, Incoming, Say } from '../../src/engine/types';
import { understand } from '../../src/nlu';

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
  prefill: (s) => (typeof s.who === 'string' ? { who: s.who } : {}),
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
    relation: choice({
      field: 'relation',
      prompt: 'help.relation.ask',
      skip: (d) => d.who !== 'relative',
      options: [{ value: 'mother', label: { key: 'help.relation.mother' } }],
    }),
    name: text({ field: 'name', prompt: 'help.name.askSelf', min: 2 }),
    age: age({ field: 'age', prompt: 'help.age.askSelf', unknown: true }),
    summary: confirm({ summary: () => [{ kind: 'text', text: { literal: 'summary' } }] }),
  },
};

const ctx = { now: new Date('2026-12-01T03:00:00Z'), locale: 'th' as const, services: undefined };
/** What the bot's NLU read from typed text, given to the engine with it. */
const heard = (input: Incoming) => (input.kind === 'text' ? understand(input.text) : undefined);
/** The citizen's input at a state of the demo flow, as the bot gives it to the engine. */
const give = (state: FlowState<D>, input: Incoming) => answer(flow, state, input, heard(input), ctx);
const firstText = (says: Say[]) => (says[0].kind === 'text' ? says[0].text : says[0].altText);

describe('flow interpreter', () => {
  it('asks the first question, then walks forward skipping steps that do not apply', () => {
    const s0 = startFlow(flow, {}, ctx);
    expect(s0.state.step).toBe('who');
    const s1 = give(s0.state, { kind: 'option', value: 'self' });
    expect(s1.state.step).toBe('name'); // relation skipped for self
  });

  it('skips questions answered by free text at the start', () => {
    const s0 = startFlow(flow, { who: 'self' }, ctx);
    expect(s0.state.step).toBe('name');
  });

  it('matches typed text to the offered options (label with particle, words, number)', () => {
    const s0 = startFlow(flow, {}, ctx);
    expect(give(s0.state, { kind: 'text', text: 'ตัวเองค่ะ' }).state.data.who).toBe('self');
    expect(give(s0.state, { kind: 'text', text: 'ญาติ' }).state.data.who).toBe('relative');
    expect(give(s0.state, { kind: 'text', text: '๒' }).state.data.who).toBe('relative');
  });

  it('explains and asks again when the input does not fit, keeping the state', () => {
    const s0 = startFlow(flow, {}, ctx);
    const r = give(s0.state, { kind: 'text', text: 'กล้วยทอด' });
    expect(r.state).toEqual({ ...s0.state, misses: 1 });
    expect(firstText(r.say)).toEqual({ key: 'engine.retry.choice', params: undefined });
  });

  it('says a button from an earlier question is stale and asks the current one', () => {
    let st = startFlow(flow, {}, ctx).state;
    st = give(st, { kind: 'option', value: 'self' }).state;
    const r = give(st, { kind: 'option', value: 'relative', step: 'who' });
    expect(r.state.step).toBe('name');
    expect(firstText(r.say)).toEqual({ key: 'engine.staleButton' });
  });

  it('goes back one question, clearing its answer, and forward again over what is known', () => {
    let st = startFlow(flow, {}, ctx).state;
    st = give(st, { kind: 'option', value: 'self' }).state;
    st = give(st, { kind: 'text', text: 'สมชาย' }).state;
    expect(st.step).toBe('age');
    const b = back(flow, st, ctx);
    expect(b.state.step).toBe('name');
    expect(b.state.data.name).toBeUndefined();
    expect(b.state.data.who).toBe('self');
  });

  it('changing an answer clears the answers that depend on it', () => {
    let st = startFlow(flow, {}, ctx).state;
    st = give(st, { kind: 'option', value: 'relative' }).state;
    st = give(st, { kind: 'option', value: 'mother' }).state;
    expect(st.data.relation).toBe('mother');
    st = back(flow, back(flow, st, ctx).state, ctx).state;
    expect(st.step).toBe('who');
    st = give(st, { kind: 'option', value: 'self' }).state;
    expect(st.data.relation).toBeUndefined();
  });

  it('edits one answer from the summary and returns to the summary', () => {
    let st = startFlow(flow, { who: 'self' }, ctx).state;
    st = give(st, { kind: 'text', text: 'สมชาย' }).state;
    st = give(st, { kind: 'text', text: '๗๐' }).state;
    expect(st.step).toBe('summary');
    st = edit(flow, st, 'name', ctx).state;
    expect(st.step).toBe('name');
    const r = give(st, { kind: 'text', text: 'สมหญิง' });
    expect(r.state.step).toBe('summary');
    expect(r.state.data).toMatchObject({ name: 'สมหญิง', age: 70 });
  });

  it('submits only after the summary is confirmed', () => {
    let st = startFlow(flow, { who: 'self' }, ctx).state;
    st = give(st, { kind: 'text', text: 'สมชาย' }).state;
    st = give(st, { kind: 'option', value: 'unknown' }).state;
    expect(st.data.age).toBeNull();
    expect(give(st, { kind: 'text', text: 'โอเค' }).kind).toBe('submit');
    expect(give(st, { kind: 'text', text: 'อะไรนะ' }).kind).toBe('ask');
  });
});

describe('no dead ends (engine rule)', () => {
  interface R {
    relation?: string;
    date?: string;
  }
  const relFlow: Flow<R> = {
    id: 'rel',
    version: 1,
    order: ['relation', 'summary'],
    prefill: () => ({}),
    steps: {
      relation: choice({
        field: 'relation',
        prompt: 'help.relation.ask',
        options: [
          { value: 'mother', label: { key: 'help.relation.mother' } },
          { value: 'relative', label: { key: 'help.relation.relative' } },
        ],
        freeTextForStaff: 'relative',
      }),
      summary: confirm({ summary: () => [{ kind: 'text', text: { literal: 'summary' } }] }),
    },
  };
  const say = (state: FlowState<R>, text: string) => answer(relFlow, state, { kind: 'text', text }, understand(text), ctx);

  it("keeps a stuck citizen's own words for staff, unconfirmed, where the step allows it", () => {
    let s = startFlow(relFlow, {}, ctx).state;
    s = say(s, 'xyz').state;
    const stuck = say(s, 'qqq');
    expect(stuck.state.misses).toBe(2);
    const shown = stuck.say.map((m) => (m.kind === 'text' && 'key' in m.text ? m.text.key : '')).join();
    expect(shown).toBe('engine.stuck.first');
    const kept = say(stuck.state, 'ป้อเลี้ยงค่ะ');
    expect(kept.state.step).toBe('summary');
    expect(kept.state.data.relation).toBe('relative');
    expect(kept.state.unconfirmed).toEqual({ relation: 'ป้อเลี้ยงค่ะ' });
    expect(kept.state.misses).toBeUndefined();
  });

  it('hands the chat to staff when asked at a step that cannot use the words', () => {
    const s = startFlow(relFlow, {}, ctx).state;
    expect(say(s, 'ขอคุยกับเจ้าหน้าที่').kind).toBe('staff');
  });

  it('asks which day "วันจันทร์หน้า" means on a Sunday, with the dates', () => {
    const dFlow: Flow<R> = {
      id: 'd',
      version: 1,
      order: ['date', 'summary'],
      prefill: () => ({}),
      steps: {
        date: date({
          field: 'date',
          prompt: 'booking.date.ask',
          picker: 'booking.date.picker',
          retry: 'booking.date.retry',
          range: () => ({ min: '2026-12-06', max: '2027-02-01' }),
        }),
        summary: confirm({ summary: () => [{ kind: 'text', text: { literal: 'summary' } }] }),
      },
    };
    const sunday = { ...ctx, now: new Date('2026-12-06T03:00:00Z') };
    const s0 = startFlow(dFlow, {}, sunday).state;
    const asked = answer(dFlow, s0, { kind: 'text', text: 'วันจันทร์หน้า' }, undefined, sunday);
    expect(asked.state.step).toBe('date');
    expect(asked.say[0]).toMatchObject({ kind: 'text', text: { key: 'engine.date.which' } });
    const chips = asked.say[0].choices ?? [];
    expect(chips.map((c) => (c.kind === 'option' ? c.value : ''))).toEqual(['2026-12-07', '2026-12-14']);
    const picked = answer(dFlow, asked.state, { kind: 'text', text: '2' }, undefined, sunday);
    expect(picked.state.data.date).toBe('2026-12-14');
  });
});
