import { runFaultLoad } from './run';
(async () => {
  const kind = (process.argv[2] ?? 'none') as any;
  const r = await runFaultLoad({ kind, users: Number(process.argv[3] ?? 10), textsPerUser: Number(process.argv[4] ?? 6), faults: { error5xx: 0.2, error429: 0.1, latencyMinMs: 100, latencyMaxMs: 500 }, log: (l) => console.log(new Date().toISOString(), l) });
  console.log(JSON.stringify(r, null, 1));
  process.exit(0);
})();
