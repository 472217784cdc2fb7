/**
 * No dead ends, for every step of every flow the registry holds (steps added later included): answers a step
 * cannot use never bring the same question a third time in a row; from the second, the step shows its options
 * numbered with "คุยกับเจ้าหน้าที่" last, and a number — Arabic or Thai — picks the option.
 */
import { everyStep, give, optionsOf, textsOf, typed } from '../robustness/driver';
import { TALK_TO_STAFF } from '../../src/engine/interpreter';
import type { FlowState, Incoming, Say } from '../../src/engine/types';
import { flows } from '../../flows';
import { ctx } from '../robustness/driver';
import { toThaiDigits } from '../../src/domain/thai/digits';

const sticker: Incoming = { kind: 'media', mediaType: 'sticker' };
/** Answers no step can use: stickers and emoji, in turn. */
const UNUSABLE: Incoming[] = [sticker, typed('🙏'), sticker, typed('😅😅'), sticker, typed('???')];

const steps = everyStep();
jest.setTimeout(60_000);

/** The texts of a reply, for comparing consecutive replies. */
const sent = (says: Say[]) => new Set(textsOf(says));

function stuckRun(state: FlowState) {
  const replies: Say[][] = [flows[state.flow].askAgain(state, ctx)];
  let s = state;
  for (const input of UNUSABLE) {
    const o = give(s, input);
    expect(o.kind).toBe('ask');
    expect(o.state.step).toBe(state.step);
    replies.push(o.say);
    s = o.state;
  }
  return { replies, state: s };
}

describe.each(steps.map((s) => [`${s.flow}.${s.step}`, s.state] as const))('%s', (_name, state) => {
  it('never sends a text three times in a row, and changes approach from the second unusable answer', () => {
    const { replies } = stuckRun(state);
    for (let i = 2; i < replies.length; i++) {
      const [a, b, c] = [sent(replies[i - 2]), sent(replies[i - 1]), sent(replies[i])];
      for (const text of c) expect({ text, thrice: a.has(text) && b.has(text) }).toEqual({ text, thrice: false });
    }
    // The third reply (to the second unusable answer) is not the first again.
    expect(textsOf(replies[2])).not.toEqual(textsOf(replies[1]));
    expect(textsOf(replies[2]).join('\n')).toMatch(/\n1\. /);
  });

  it('numbers the options once stuck; the number (Arabic or Thai) picks the option, the last one is talk to staff', () => {
    const { replies, state: stuck } = stuckRun(state);
    const chips = optionsOf(replies[2]);
    expect(chips[chips.length - 1].value).toBe(TALK_TO_STAFF);
    const list =
      textsOf(replies[2])
        .join('\n')
        .match(/^\d+\. /gm) ?? [];
    expect(list.length).toBe(chips.length);
    for (const digits of ['1', toThaiDigits('1')]) {
      const o = give(stuck, typed(digits));
      const picked = o.kind !== 'ask' || o.state.step !== stuck.step || o.state.misses === undefined;
      expect({ digits, picked }).toEqual({ digits, picked: true });
    }
    expect(give(stuck, typed(String(chips.length))).kind).toBe('staff');
    // Typed: talk to staff, unless one of the step's own options says the same (booking's "ปรึกษาเจ้าหน้าที่").
    const said = give(stuck, typed('คุยกับเจ้าหน้าที่'));
    expect(said.kind === 'staff' || said.state.step !== stuck.step || said.kind === 'submit').toBe(true);
    expect(give(stuck, { kind: 'option', value: TALK_TO_STAFF }).kind).toBe('staff');
  });

  it('never tells people to type a number when no numbers are shown', () => {
    const first = give(state, sticker);
    const shown = textsOf(first.say).join('\n');
    if (!/^\d+\. /m.test(shown)) expect(shown).not.toMatch(/พิมพ์ตัวเลขของข้อ|type its number/);
    const typedWrong = give(state, typed('กขฃ qwz'));
    const shownTyped = textsOf(typedWrong.say).join('\n');
    if (!/^\d+\. /m.test(shownTyped)) expect(shownTyped).not.toMatch(/พิมพ์ตัวเลขของข้อ|type its number/);
  });
});

it('covers every step of every flow in the registry', () => {
  for (const id of Object.keys(flows)) {
    const reached = steps.filter((s) => s.flow === id).map((s) => s.step);
    expect({ id, missing: flows[id].order.filter((s) => !reached.includes(s)) }).toEqual({ id, missing: [] });
  }
});
