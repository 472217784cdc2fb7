/** scripts/count-casts.ts: what counts as a cast (by the TypeScript parser), and the exit code against a threshold. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { castsIn } from '../../scripts/count-casts';

describe('count-casts', () => {
  it('counts `as T`, `<T>x` and `x!`, not `as const`, import renames, `satisfies` or `!=`', () => {
    const src = [
      "import { a as b } from 'x';",
      'const c = [1] as const;',
      'const d = (b as unknown) as string;',
      'const e = <number>f;',
      'const g = h!.i;',
      'const j = k != null;',
      'const l = { m: 1 } satisfies object;',
      '// const n = o as string; (a comment)',
      "const p = 'q as string';",
    ].join('\n');
    expect(castsIn('demo.ts', src).map((c) => [c.line, c.kind])).toEqual([
      [3, 'as'],
      [3, 'as'],
      [4, 'angle'],
      [5, 'non-null'],
    ]);
  });

  it('prints each folder and the total, and exits 1 above the threshold given', () => {
    const script = join(__dirname, '../../scripts/count-casts.ts');
    const tsx = join(__dirname, '../../node_modules/.bin/tsx');
    const out = execFileSync(tsx, [script], { encoding: 'utf8' });
    expect(out).toMatch(/^src\/bot\s+\d+/m);
    expect(out).toMatch(/^src\/engine\s+\d+/m);
    expect(out).toMatch(/^flows\s+\d+/m);
    const total = Number(/^total\s+(\d+)/m.exec(out)?.[1]);
    expect(total).toBeGreaterThan(0);
    expect(() => execFileSync(tsx, [script, String(total)], { stdio: 'pipe' })).not.toThrow();
    expect(() => execFileSync(tsx, [script, String(total - 1)], { stdio: 'pipe' })).toThrow();
  });
});
