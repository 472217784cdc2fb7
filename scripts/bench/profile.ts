/**
 * Summarises a V8 `.cpuprofile` (node --cpu-prof): self time by area (our modules, mongoose, the driver, the dev
 * server, express, the SDK, GC, idle) and the hottest functions.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Which part of the system a frame belongs to. */
export function areaOf(url: string, fn: string): string {
  if (fn === '(idle)') return '(idle)';
  if (fn === '(garbage collector)') return '(garbage collector)';
  if (fn === '(program)') return '(program: native, not JS)';
  if (!url) return `(native: ${fn || 'anonymous'})`;
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (nm) return nm[nm.length - 1].replace('node_modules/', '');
  const src = url.match(/\/(src\/[^?]*|scripts\/[^?]*)/);
  if (src) {
    const p = src[1];
    if (p.startsWith('src/db/devserver/')) return 'src/db/devserver (embedded DB)';
    return p.replace(/\/[^/]+$/, '/');
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

export function summariseProfile(file: string, top = 25): string {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const where = url ? `${url.replace(/^.*?\/(node_modules|src|scripts)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const busy = total - (areas.get('(idle)') ?? 0);
  const pct = (us: number, of: number) => `${((100 * us) / of).toFixed(1).padStart(5)} %`;
  const lines = [
    `profile ${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy`,
    '',
    'self time by area (share of busy time):',
  ];
  for (const [a, us] of [...areas]
    .filter(([a]) => a !== '(idle)')
    .sort((x, y) => y[1] - x[1])
    .slice(0, 20))
    lines.push(`  ${pct(us, busy)}  ${a}`);
  lines.push('', `hottest functions (self time, share of busy time):`);
  for (const [f, us] of [...fns]
    .filter(([f]) => !f.startsWith('(idle)'))
    .sort((x, y) => y[1] - x[1])
    .slice(0, top))
    lines.push(`  ${pct(us, busy)}  ${f}`);
  return lines.join('\n');
}

if (require.main === module) {
  console.log(summariseProfile(process.argv[2], Number(process.argv[3] ?? 25)));
}
