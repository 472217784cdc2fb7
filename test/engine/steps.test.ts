/** The step builders added for eligibility and booking: yes/no/unsure, amounts, dates. Pure, through the interpreter. */
import { answer, startFlow } from '../../src/engine/interpreter';
import { amount, date, parseAmount, yesNoUnsure } from '../../src/engine/steps';
import type { Flow, FlowState, Incoming } from '../../src/engine/types';
import { understand } from '../../src/nlu';

interface D {
  thai?: 'yes' | 'no' | 'unsure';
  income?: number | null;
  day?: string;
}

const flow: Flow<D> = {
  id: 'demo',
  version: 1,
  order: ['thai', 'income', 'day'],
  prefill: () => ({}),
  steps: {
    thai: yesNoUnsure({
      field: 'thai',
      prompt: 'elig.benefit.ask',
      labels: { yes: 'elig.answer.yes', no: 'elig.answer.no', unsure: 'elig.answer.unsure' },
    }),
    income: amount({ field: 'income', prompt: 'elig.benefit.ask', min: 0, retry: 'elig.retry.money', unknown: 'elig.answer.unsure' }),
    day: date({
      field: 'day',
      prompt: 'booking.date.ask',
      picker: 'booking.date.picker',
      retry: 'booking.date.retry',
      range: () => ({ min: '2026-12-01', max: '2027-01-30' }),
      suggest: (_d, _ctx, week) => [
        { value: week?.from ?? '2026-12-02', label: { literal: 'a day' } },
        { value: 'home', label: { key: 'booking.date.cannotTravel' } },
      ],
      refuse: (iso) => (iso === '2026-12-07' ? { reason: 'booking.date.holiday', params: { date: iso, holiday: 'x' } } : undefined),
    }),
  },
};
const ctx = { now: new Date('2026-12-01T03:00:00Z'), locale: 'th' as const, services: undefined };
/** What the bot's NLU read from typed text, given to the engine with it. */
const heard = (input: Incoming) => (input.kind === 'text' ? understand(input.text) : undefined);
/** The citizen's input at a state of the demo flow, as the bot gives it to the engine. */
const give = (state: FlowState<D>, input: Incoming) => answer(flow, state, input, heard(input), ctx);
const at = (step: string, data: D = {}): FlowState<D> => ({ flow: 'demo', version: 1, step, data, history: [] });
const typed = (text: string) => ({ kind: 'text' as const, text });

describe('yesNoUnsure', () => {
  it.each([
    ['ใช่ค่ะ', 'yes'],
    ['มี', 'yes'],
    ['แม่นแล้ว', 'yes'],
    ['ไม่ใช่', 'no'],
    ['บ่มี', 'no'],
    ['ไม่แน่ใจค่ะ', 'unsure'],
    ['บ่ฮู้', 'unsure'],
    ['3', 'unsure'],
  ])('"%s" → %s', (text, value) => {
    const o = give(at('thai'), typed(text));
    expect(o.state.data.thai).toBe(value);
  });
});

describe('amount', () => {
  it.each([
    ['120000', 120000],
    ['๑๒๐,๐๐๐ บาท', 120000],
    ['5 หมื่น', 50000],
    ['1.5 แสน', 150000],
    ['ห้าหมื่น', 50000],
    ['สามคน', 3],
    ['ไม่มีรายได้', 0],
  ])('parses "%s" as %i', (text, n) => expect(parseAmount(text)).toBe(n));

  it('re-asks what is not a number; "ไม่แน่ใจ" is null', () => {
    expect(give(at('income'), typed('เยอะอยู่')).state.step).toBe('income');
    expect(give(at('income'), typed('ไม่แน่ใจ')).state.data.income).toBeNull();
  });
});

describe('date', () => {
  it('offers the suggested days, the date picker within the range, and other options', () => {
    const o = startFlow(flow, {}, ctx);
    const asked = give(at('day'), typed('ไม่รู้'));
    expect(o.kind).toBe('ask');
    const chips = asked.say[asked.say.length - 1].choices!;
    expect(chips.map((c) => c.kind)).toEqual(['option', 'date', 'option']);
    expect(chips[1]).toMatchObject({ kind: 'date', min: '2026-12-01', max: '2027-01-30' });
  });

  it('takes a picked date, a tapped day, a typed day (Thai digits, พ.ศ.), and stores other options as they are', () => {
    expect(give(at('day'), { kind: 'date', date: '2026-12-03' }).state.data.day).toBe('2026-12-03');
    expect(give(at('day'), { kind: 'option', value: '2026-12-02' }).state.data.day).toBe('2026-12-02');
    expect(give(at('day'), typed('๑๕/๑๒/๒๕๖๙')).state.data.day).toBe('2026-12-15');
    expect(give(at('day'), typed('เดินทางมาไม่ได้')).state.data.day).toBe('home');
  });

  it("refuses a date with the flow's reason and asks again", () => {
    const o = give(at('day'), typed('7 ธ.ค.'));
    expect(o.state.step).toBe('day');
    expect(o.say[0]).toMatchObject({ kind: 'text', text: { key: 'booking.date.holiday' } });
  });

  it('a typed week stays on the question and offers days from that week', () => {
    const o = give(at('day'), typed('อาทิตย์หน้า'));
    expect(o.state.step).toBe('day');
    expect(o.state.pending).toEqual({ from: '2026-12-07' });
    expect(o.say[0].choices![0]).toMatchObject({ value: '2026-12-07' });
    expect(o.say[0]).toMatchObject({ kind: 'text', text: { key: 'booking.date.ask' } });
  });

  it('a day taken after a typed week leaves no scratch behind', () => {
    const week = give(at('day'), typed('อาทิตย์หน้า')).state;
    const o = give(week, { kind: 'option', value: '2026-12-08' });
    expect(o.state.data.day).toBe('2026-12-08');
    expect(o.state.pending).toBeUndefined();
    expect(o.kind).toBe('submit');
  });
});
