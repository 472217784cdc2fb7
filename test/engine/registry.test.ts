/**
 * What the engine takes from its caller: the NLU's reading of typed text (it does not run the NLU itself), the
 * flow's services, and a step's scratch kept only while the step stays. And the registry refuses stored state
 * that another flow (or version) made.
 */
import { answer, startFlow } from '../../src/engine/interpreter';
import { runnable } from '../../src/engine/registry';
import { choice, photos } from '../../src/engine/steps';
import type { Flow, FlowState, Incoming } from '../../src/engine/types';
import { understand, type Understanding } from '../../src/nlu';
import { FlowStateError } from '../../src/errors';

interface D {
  who?: 'self' | 'relative' | 'other';
  pics?: string[];
  seat?: string;
}
interface Services {
  seats: () => string[];
}

const flow: Flow<D, Services> = {
  id: 'demo',
  version: 3,
  order: ['who', 'pics', 'seat'],
  prefill: () => ({}),
  steps: {
    who: choice({
      field: 'who',
      prompt: 'help.who.ask',
      options: [
        { value: 'self', label: { key: 'help.who.self' } },
        { value: 'relative', label: { key: 'help.who.relative' } },
      ],
      fromText: (u) => (u.slots.relation ? 'relative' : u.slots.who),
    }),
    pics: photos({ field: 'pics', prompt: 'help.photos.ask' }),
    seat: choice({
      field: 'seat',
      prompt: 'booking.time.ask',
      options: (_d, ctx) => ctx.services.seats().map((s) => ({ value: s, label: { literal: s } })),
    }),
  },
};
const ctx = { now: new Date('2026-12-01T03:00:00Z'), locale: 'th' as const, services: { seats: () => ['09:00', '10:00'] } };
const typed = (text: string): Incoming => ({ kind: 'text', text });
const image = (id: string): Incoming => ({ kind: 'image', lineMessageId: id });

describe('the engine takes what the caller understood', () => {
  it('maps typed text to an option through the given understanding', () => {
    const s0 = startFlow(flow, {}, ctx).state;
    // "ยายป่วย" names a relation: the NLU's reading picks "relative" through the step's fromText.
    expect(answer(flow, s0, typed('ยายป่วย'), understand('ยายป่วย'), ctx).state.data.who).toBe('relative');
  });

  it('uses only what it is given: no understanding, no free-text mapping', () => {
    const s0 = startFlow(flow, {}, ctx).state;
    const r = answer(flow, s0, typed('ยายป่วย'), undefined, ctx);
    expect(r.state.step).toBe('who');
    expect(r.say[0]).toMatchObject({ text: { key: 'engine.retry.choice' } });
  });

  it('takes the caller’s reading even when the text alone would say otherwise', () => {
    const s0 = startFlow(flow, {}, ctx).state;
    const reading: Understanding = { ...understand('xyz'), slots: { who: 'self' } };
    expect(answer(flow, s0, typed('xyz'), reading, ctx).state.data.who).toBe('self');
  });
});

describe('services and scratch', () => {
  it('offers what the flow’s services give this turn', () => {
    const s0: FlowState<D> = { flow: 'demo', version: 3, step: 'seat', data: { who: 'self', pics: [] }, history: [] };
    const asked = answer(flow, s0, typed('ไม่รู้'), undefined, ctx).say;
    expect(asked[asked.length - 1].choices?.map((c) => c.kind === 'option' && c.value)).toEqual(['09:00', '10:00']);
    const fewer = { ...ctx, services: { seats: () => ['10:00'] } };
    expect(answer(flow, s0, { kind: 'option', value: '09:00' }, undefined, fewer).state.data.seat).toBeUndefined();
  });

  it('keeps photos as the step’s scratch while it stays, not as answers, and drops it when done', () => {
    let st = answer(flow, startFlow(flow, {}, ctx).state, { kind: 'option', value: 'self' }, undefined, ctx).state;
    st = answer(flow, st, image('p1'), undefined, ctx).state;
    st = answer(flow, st, image('p2'), undefined, ctx).state;
    expect(st.step).toBe('pics');
    expect(st.data).toEqual({ who: 'self' });
    expect(st.pending).toEqual({ sent: ['p1', 'p2'] });
    const done = answer(flow, st, typed('เสร็จ'), understand('เสร็จ'), ctx);
    expect(done.state.data.pics).toEqual(['p1', 'p2']);
    expect(done.state.step).toBe('seat');
    expect('pending' in done.state).toBe(false);
  });

  it('a scratch stored as null (how storage returns it) counts as none', () => {
    const st: FlowState<D> = { flow: 'demo', version: 3, step: 'pics', data: { who: 'self' }, history: ['who'], pending: null };
    expect(answer(flow, st, image('p1'), undefined, ctx).state.pending).toEqual({ sent: ['p1'] });
  });
});

describe('runnable flows', () => {
  const run = runnable(flow);

  it('runs stored state of its own flow and version', () => {
    const started = run.start({}, ctx);
    expect(run.answer(started.state, { kind: 'option', value: 'self' }, undefined, ctx).state.step).toBe('pics');
  });

  it('refuses state another flow or another version made', () => {
    const other: FlowState = { flow: 'demo', version: 2, step: 'who', data: {}, history: [] };
    expect(() => run.answer(other, typed('x'), undefined, ctx)).toThrow(FlowStateError);
    expect(() => run.askAgain({ ...other, flow: 'booking', version: 3 }, ctx)).toThrow(FlowStateError);
  });
});
