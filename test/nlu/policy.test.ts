/**
 * Token-boundary matching versus substring matching, measured on the whole case table. The default
 * (danger words: `hybrid`, everything else: `word`) is what `understand` uses; the forced policies show
 * why it was chosen. Numbers at the time of writing (295 cases): default 295, word 295, hybrid 294,
 * sub 291. Substring matching raises false alarms ("ตี" inside "ติดเตียง") and finds "ที่อยู่" inside
 * "เจ้าหน้าที่อยู่ไหม". Pure word matching ties the default on the table; danger phrases keep a substring
 * fallback anyway, as a safety margin for the rarer segmentations that cut across a phrase's edge.
 */
import { analyse } from '../../src/nlu';
import type { MatchPolicy } from '../../src/nlu/match';
import { ALL_CASES, type Case } from './cases';

function correct(c: Case, policy?: MatchPolicy): boolean {
  const [text, intent, { danger = null, ...slots } = {}] = c;
  const u = analyse(text, policy ? { policy } : {}).understanding;
  return u.intent === intent && u.danger === danger && Object.entries(slots).every(([k, v]) => (u.slots as Record<string, unknown>)[k] === v);
}

const score = (policy?: MatchPolicy) => ALL_CASES.filter((c) => correct(c, policy)).length;

describe('matching policy', () => {
  const byDefault = score();

  it('the default gets every case in the table right', () => {
    expect(byDefault).toBe(ALL_CASES.length);
  });

  it.each(['word', 'hybrid', 'sub'] as const)('the default does at least as well as %s everywhere', (policy) => {
    expect(byDefault).toBeGreaterThanOrEqual(score(policy));
  });

  it('substring matching would raise false alarms the default avoids', () => {
    expect(analyse('แม่นอนติดเตียง', { policy: 'sub' }).understanding.danger).toBe('violence');
    expect(analyse('แม่นอนติดเตียง').understanding.danger).toBeNull();
    expect(analyse('จนท.อยู่ไหมคะ', { policy: 'sub' }).understanding.intent).toBe('centre_info');
    expect(analyse('จนท.อยู่ไหมคะ').understanding.intent).toBe('talk_to_staff');
  });

  it('danger phrases still match when the segmenter cuts across them', () => {
    // "ขอกระโดดตึก" segments as ขอก|ระ|โดด|ตึก: the phrase does not start on a word boundary.
    expect(analyse('อยากกระโดดตึก').understanding.danger).toBe('self_harm');
    expect(analyse('ขอกระโดดตึก').understanding.danger).toBe('self_harm');
    expect(analyse('ขอกระโดดตึก', { policy: 'word' }).understanding.danger).toBeNull();
  });
});
