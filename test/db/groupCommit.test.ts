/**
 * Group commit (src/db/groupCommit.ts): what arrives while a write is under way goes out in the next write, each
 * caller gets its own results, and with `oneByOneOnError` one caller's bad item does not fail the others.
 */
import { GroupCommit, groupCommitStats } from '../../src/db/groupCommit';

describe('GroupCommit', () => {
  it('writes what arrives together in one write and gives each caller its own results', async () => {
    const writes: number[][] = [];
    const g = new GroupCommit<number, number>(async (items) => {
      writes.push(items);
      return items.map((n) => n * 10);
    });
    const results = await Promise.all([g.add([1]), g.add([2, 3]), g.add([4])]);
    expect(results).toEqual([[10], [20, 30], [40]]);
    expect(writes).toEqual([[1, 2, 3, 4]]);
  });

  it('sends what arrives during a write in the next one, not one write per caller', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const g = new GroupCommit<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await first;
    });
    const a = g.add([1]);
    await new Promise((r) => setImmediate(r)); // the first write is under way
    const later = [g.add([2]), g.add([3]), g.add([4])];
    release();
    await Promise.all([a, ...later]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every caller of a failed write, or with oneByOneOnError only the caller whose items fail', async () => {
    const strict = new GroupCommit<number>(async (items) => {
      if (items.includes(13)) throw new Error('bad item');
    });
    const s = await Promise.allSettled([strict.add([1]), strict.add([13])]);
    expect(s.map((r) => r.status)).toEqual(['rejected', 'rejected']);

    const sorted = new GroupCommit<number>(
      async (items) => {
        if (items.includes(13)) throw new Error('bad item');
      },
      { oneByOneOnError: true },
    );
    const o = await Promise.allSettled([sorted.add([1]), sorted.add([13]), sorted.add([2])]);
    expect(o.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(sorted.stats.callers).toBe(3);
  });

  it('reports writes, callers and waits by name, the instances of one name added up (what the benchmark prints)', async () => {
    const name = `test-${Math.random()}`;
    // A write that takes 30 ms, so that the callers' waits are known.
    // eslint-disable-next-line no-restricted-syntax -- a deliberate duration: the slow write whose wait is measured
    const slow = (ms: number) => () => new Promise<void>((r) => setTimeout(r, ms));
    const a = new GroupCommit<number>(slow(30), { name });
    const b = new GroupCommit<number>(slow(30), { name });
    await Promise.all([a.add([1]), a.add([2, 3]), b.add([4])]);
    const st = groupCommitStats()[name];
    expect(st).toMatchObject({ writes: 2, callers: 3, items: 4 });
    // Each of the three callers waited for a 30 ms write.
    expect(st.waitMs).toBeGreaterThanOrEqual(3 * 25);
  });

  it('with a write deadline, a write that never comes back fails its callers and does not hold later ones', async () => {
    const written: number[][] = [];
    const g = new GroupCommit<number>(
      async (items) => {
        if (items.includes(1)) return new Promise<void>(() => undefined); // a write that never settles
        written.push(items);
      },
      { writeDeadlineMs: 50 },
    );
    const stuck = g.add([1]);
    await expect(stuck).rejects.toThrow('no answer from the database within 50 ms');
    await g.add([2]);
    expect(written).toEqual([[2]]);
  });
});
