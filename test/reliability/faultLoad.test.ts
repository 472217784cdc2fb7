/**
 * The fault-load run, short: 10 users × 6 Thai texts at once against the real bot process (`npm start`'s
 * command) and the standalone dev database process, LINE's API failing (20 % 5xx, 10 % 429, 100–500 ms), and
 * in separate cases kill -9 of the bot, kill -9 of the database, and the database frozen for 3 s. Each case
 * asserts: every acknowledged event stored, each answered exactly once, none recorded failed that LINE accepted,
 * transcript complete, and the stop under load that ends the run under 10 s. `npm run bench:faults` runs the
 * long version (1,000 events per failure kind).
 */
import { runFaultLoad, type FailureKind } from '../../scripts/faults/run';

const FAULTS = { error5xx: 0.2, error429: 0.1, latencyMinMs: 100, latencyMaxMs: 500 };

describe('fault load', () => {
  it.each<[string, FailureKind]>([
    ['LINE failing and slow', 'none'],
    ['kill -9 of the bot', 'kill-bot'],
    ['kill -9 of the dev database', 'kill-db'],
    ['the database frozen for 3 s', 'db-outage'],
  ])(
    '%s: nothing acknowledged is lost, no answer is sent twice',
    async (_name, kind) => {
      const r = await runFaultLoad({
        kind,
        users: 10,
        textsPerUser: 6,
        faults: FAULTS,
        outageMs: kind === 'db-outage' ? 3000 : 1000,
        settleTimeoutMs: 30_000,
        // A hang is reported with what the bot and the database printed, within the test's own time.
        deliverTimeoutMs: 30_000,
      });
      const figures = { ...r, lineCalls: undefined };
      expect(r.problems).toEqual([]);
      // A reply in flight when the bot was killed is tried once more with its own single-use token (LINE refuses it
      // if the first try arrived), so none is lost and none is doubled.
      expect(r.lostUnknown).toBe(0);
      expect(figures).toMatchObject({
        acknowledged: 60,
        stored: 60,
        answeredOnce: 60,
        doubled: 0,
        lostOther: 0,
        wronglyFailed: 0,
        transcriptIncomplete: 0,
        stopCode: 0,
      });
      expect(r.stopMs).toBeLessThan(10_000);
      // The faults really happened: LINE refused some calls, and (with a failure) some webhooks were not acknowledged.
      expect((r.lineCalls['reply 500'] ?? 0) + (r.lineCalls['push 500'] ?? 0)).toBeGreaterThan(0);
      if (kind !== 'none') expect(r.webhookRetries).toBeGreaterThan(0);
    },
    120_000,
  );
});
