/**
 * Counts the places where the code tells the compiler "trust me": type assertions (`x as T`, `<T>x`) and
 * non-null assertions (`x!`) in src/bot, src/engine and flows. Issue 13 keeps them under 20 in total, so a
 * newcomer can trust the types there.
 *
 *   npx tsx scripts/count-casts.ts          prints the count per folder and the total
 *   npx tsx scripts/count-casts.ts 19       …and exits 1 when the total is above 19
 *   npx tsx scripts/count-casts.ts --list   …and names every place
 *
 * Counted with the TypeScript parser, not a regex: `as const` is not a cast (it narrows, it does not
 * override), and `import { a as b }` is a rename, not an expression at all.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const FOLDERS = ['src/bot', 'src/engine', 'flows'] as const;

export interface Cast {
  file: string;
  line: number;
  kind: 'as' | 'angle' | 'non-null';
  text: string;
}

function isAsConst(node: ts.AsExpression): boolean {
  return ts.isTypeReferenceNode(node.type) && ts.isIdentifier(node.type.typeName) && node.type.typeName.text === 'const';
}

/** The casts in one TypeScript source text. */
export function castsIn(file: string, source: string): Cast[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Cast[] = [];
  const add = (node: ts.Node, kind: Cast['kind']) =>
    found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, kind, text: node.getText(sf).slice(0, 80) });
  const visit = (node: ts.Node): void => {
    if (ts.isAsExpression(node) && !isAsConst(node)) add(node, 'as');
    else if (ts.isTypeAssertionExpression(node)) add(node, 'angle');
    else if (ts.isNonNullExpression(node)) add(node, 'non-null');
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The casts of each folder, under `root`. */
export function countCasts(root: string, folders: readonly string[] = FOLDERS): Map<string, Cast[]> {
  const out = new Map<string, Cast[]>();
  for (const folder of folders) {
    const files = tsFiles(join(root, folder));
    out.set(
      folder,
      files.flatMap((f) => castsIn(relative(root, f), readFileSync(f, 'utf8'))),
    );
  }
  return out;
}

function main(args: string[]): number {
  const list = args.includes('--list');
  const thresholdArg = args.find((a) => /^\d+$/.test(a));
  const byFolder = countCasts(join(__dirname, '..'));
  let total = 0;
  for (const [folder, casts] of byFolder) {
    total += casts.length;
    const kinds = (k: Cast['kind']) => casts.filter((c) => c.kind === k).length;
    console.log(`${folder.padEnd(12)} ${String(casts.length).padStart(4)}  (as ${kinds('as') + kinds('angle')}, non-null ${kinds('non-null')})`);
    if (list) for (const c of casts) console.log(`  ${c.file}:${c.line}  ${c.text}`);
  }
  console.log(`${'total'.padEnd(12)} ${String(total).padStart(4)}`);
  if (thresholdArg !== undefined && total > Number(thresholdArg)) {
    console.error(`${total} casts: above the threshold of ${thresholdArg}`);
    return 1;
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
