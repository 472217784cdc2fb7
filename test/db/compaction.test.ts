/**
 * The dev server's journal compaction runs in the background: writes made while the snapshot is being written go
 * to the next journal and are answered at once, and the data directory holds every acknowledged write at any
 * moment — copied mid-compaction (as a crash would leave it) or after it, it opens with the same documents.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Journal } from '../../src/db/devserver/journal';
import { Store } from '../../src/db/devserver/storage';
import { keyOf } from '../../src/db/devserver/values';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'compaction-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Opens a copy of `dir` as a fresh server would (the copy is what a crash at this moment would leave). */
function reopenCopy(dir: string) {
  const copy = tmp();
  for (const f of fs.readdirSync(dir)) if (f !== 'devserver.lock') fs.copyFileSync(path.join(dir, f), path.join(copy, f));
  const store = new Store();
  const { journal } = Journal.open(copy, store, () => undefined);
  const docs = [...(store.getCollection('app', 'items')?.docs.values() ?? [])];
  return { docs, files: fs.readdirSync(copy), close: () => journal.close() };
}

it('keeps writing while a snapshot is written, and every acknowledged write survives a crash mid-compaction', async () => {
  const dir = tmp();
  const store = new Store();
  const { journal } = Journal.open(dir, store, () => undefined);
  const items = store.ensureCollection('app', 'items');
  for (let i = 0; i < 3000; i++) items.insert({ _id: i, text: 'ข้อความ'.repeat(20), version: 1 });
  await journal.sync();

  journal.compact();
  // It has only begun: the snapshot is written in turns of the event loop from here on, while the server goes on.
  expect(fs.existsSync(path.join(dir, 'snapshot.tmp'))).toBe(true);
  expect(fs.existsSync(path.join(dir, 'journal-1.bson'))).toBe(true);
  // Writes while it runs: an update, a delete and new documents, each acknowledged (durable) before going on.
  items.replace(items.docs.get(keyOf(7))!, { _id: 7, text: 'แก้แล้ว', version: 2 });
  items.remove(items.docs.get(keyOf(8))!);
  for (let i = 3000; i < 3010; i++) items.insert({ _id: i, text: 'ใหม่', version: 1 });
  await journal.sync();

  const expected = (docs: Record<string, unknown>[]) => {
    const ids = new Set(docs.map((d) => d._id));
    expect(docs).toHaveLength(3009);
    expect(ids.has(8)).toBe(false);
    expect(ids.has(3009)).toBe(true);
    expect(docs.find((d) => d._id === 7)).toMatchObject({ text: 'แก้แล้ว', version: 2 });
  };
  const midway = reopenCopy(dir);
  expected(midway.docs);
  await midway.close();

  await journal.compacted();
  const after = reopenCopy(dir);
  expected(after.docs);
  // The first journal went with the compaction: the snapshot holds it.
  expect(after.files).not.toContain('journal-1.bson');
  await after.close();
  await journal.close();
});
