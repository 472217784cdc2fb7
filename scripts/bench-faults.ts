/**
 * `npm run bench:faults`: the long fault-load run — by default 40 users × 25 Thai texts (1,000 events) for each
 * failure kind (LINE faults only, kill -9 of the bot, kill -9 of the dev database, the database frozen for 3 s),
 * with LINE failing 20 % of calls with 5xx and 10 % with 429 and answering in 100–500 ms. Prints one line of
 * figures per kind (see scripts/faults/run.ts for what is counted).
 *
 *   npm run bench:faults -- [--users 40] [--texts 25] [--kinds none,kill-bot,kill-db,db-outage]
 */
import { runFaultLoad, type FailureKind, type FaultRunResult } from './faults/run';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

async function main(): Promise<void> {
  const users = Number(arg('users', '40'));
  const texts = Number(arg('texts', '25'));
  const kinds = arg('kinds', 'none,kill-bot,kill-db,db-outage').split(',') as FailureKind[];
  const results: FaultRunResult[] = [];
  for (const kind of kinds) {
    const r = await runFaultLoad({
      kind,
      users,
      textsPerUser: texts,
      faults: { error5xx: 0.2, error429: 0.1, latencyMinMs: 100, latencyMaxMs: 500 },
      outageMs: kind === 'db-outage' ? 3000 : 1000,
      settleTimeoutMs: 180_000,
      log: (l) => process.stderr.write(`[${kind}] ${l}\n`),
    });
    results.push(r);
    if (r.problems.length) process.stderr.write(`[${kind}] problems:\n  ${r.problems.join('\n  ')}\n`);
  }
  const header =
    '| failure | events | acknowledged | stored | answered once | doubled | lost | recorded failed but accepted | transcript incomplete | reply outcome unknown | webhook retries | LINE 5xx/429 | settled in | stop under load |';
  process.stdout.write(`${header}\n|${' --- |'.repeat(14)}\n`);
  for (const r of results) {
    const refused = Object.entries(r.lineCalls)
      .filter(([k]) => / (5\d\d|429)$/.test(k))
      .reduce((n, [, v]) => n + v, 0);
    process.stdout.write(
      `| ${r.kind} | ${r.events} | ${r.acknowledged} | ${r.stored} | ${r.answeredOnce} | ${r.doubled} | ${r.lostUnknown + r.lostOther} | ${r.wronglyFailed} | ${r.transcriptIncomplete} | ${r.recordedUnknown} | ${r.webhookRetries} | ${refused} | ${r.seconds.toFixed(1)} s | ${(r.stopMs / 1000).toFixed(1)} s (exit ${r.stopCode}) |\n`,
    );
  }
  const bad = results.some(
    (r) => r.stored !== r.acknowledged || r.answeredOnce !== r.acknowledged || r.doubled || r.wronglyFailed || r.transcriptIncomplete,
  );
  process.exit(bad ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
