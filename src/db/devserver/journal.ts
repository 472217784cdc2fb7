/**
 * Durability for a dbpath: a snapshot file plus a write-ahead journal.
 *
 *   dbpath/snapshot.bson      full state, written to snapshot.tmp, fsynced, atomically renamed
 *   dbpath/journal-<N>.bson   mutations appended after the snapshot whose header says `seq: N-1`
 *   dbpath/devserver.lock     pid of the server using the directory
 *
 * Both files are sequences of records: uint32 length | uint32 crc32 | BSON document. A write is acknowledged
 * only after its records are written and fdatasync'd (group commit: all records appended while one flush is in
 * flight go out in the next). On open: load the snapshot, replay newer journals (a torn or corrupt tail record —
 * a crash mid-append — ends the replay of that file), write a fresh snapshot, delete the old journals.
 *
 * At run time a grown journal is compacted in the background: writes move on to a new journal at once, and the
 * snapshot of the state at that moment is written 128 KB per turn of the event loop, so commands keep being
 * answered (a store of 1 GB used to stop the server for seconds; with 4 MB per turn, turns took 50-64 ms, and a
 * bot's answer, several commands in a row, waited up to 2 s). Stored documents are never changed in place (an
 * update stores a new object), so the captured list of documents is that moment's state. A crash
 * before the new snapshot is renamed into place leaves the old snapshot and both journals: the same state.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { serialize } from 'bson';
import { bsonSize, decode } from './wire';
import type { Store } from './storage';
import type { Doc } from './values';

const SNAPSHOT = 'snapshot.bson';
const SNAPSHOT_TMP = 'snapshot.tmp';
const LOCK = 'devserver.lock';
const JOURNAL_RE = /^journal-(\d+)\.bson$/;
/**
 * Compact at run time when the journal grows past this, or past twice the last snapshot if that is larger (only
 * when no flush is pending). A snapshot writes the whole store synchronously: tied to the store's size, the cost
 * per write stays constant as the data grows, instead of a store of 1 GB being rewritten every 64 MB of writes.
 */
const COMPACT_BYTES = 64 * 1024 * 1024;
/** Snapshot document records are batched up to about this many bytes (one batch per turn in the background). */
const SNAPSHOT_BATCH_BYTES = 128 * 1024;

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(buf: Uint8Array): number {
  const native = (zlib as unknown as { crc32?: (b: Uint8Array) => number }).crc32;
  if (native) return native(buf) >>> 0;
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

export function frame(doc: Doc): Buffer {
  const body = serialize(doc, { ignoreUndefined: true });
  const out = Buffer.allocUnsafe(8 + body.length);
  out.writeUInt32LE(body.length, 0);
  out.writeUInt32LE(crc32(body), 4);
  out.set(body, 8);
  return out;
}

/** Reads records until the end or the first torn/corrupt one. */
export function readRecords(buf: Buffer): { records: Doc[]; validBytes: number; torn: boolean } {
  const records: Doc[] = [];
  let off = 0;
  while (off < buf.length) {
    if (off + 8 > buf.length) return { records, validBytes: off, torn: true };
    const len = buf.readUInt32LE(off);
    const crc = buf.readUInt32LE(off + 4);
    if (len < 5 || off + 8 + len > buf.length) return { records, validBytes: off, torn: true };
    const body = buf.subarray(off + 8, off + 8 + len);
    if (crc32(body) !== crc) return { records, validBytes: off, torn: true };
    try {
      records.push(decode(body));
    } catch {
      return { records, validBytes: off, torn: true };
    }
    off += 8 + len;
  }
  return { records, validBytes: off, torn: false };
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // some platforms cannot fsync a directory; the rename is still atomic
  }
}

/** Whether a process with this id is running. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface JournalOpenResult {
  journal: Journal;
  stats: { snapshotDocs: number; journalRecords: number; tornRecords: number };
}

export class Journal {
  private fd: number;
  private seq: number;
  private bytes = 0;
  /** Size of the last snapshot written (compaction waits for a journal twice as large). */
  private snapshotBytes = 0;
  private pending: Buffer[] = [];
  private appended = 0;
  private durable = 0;
  private flushing = false;
  private failed: Error | undefined;
  private waiters: Array<{ target: number; resolve: () => void; reject: (e: Error) => void }> = [];
  private closed = false;
  /** A background compaction under way. */
  private compacting: Promise<void> | undefined;

  private constructor(
    private readonly dir: string,
    private readonly store: Store,
    seq: number,
  ) {
    this.seq = seq;
    this.fd = fs.openSync(this.journalPath(seq), 'a');
    fsyncDir(dir);
  }

  private journalPath(seq: number): string {
    return path.join(this.dir, `journal-${seq}.bson`);
  }

  /** Locks the directory, loads snapshot + journals into `store`, compacts, and starts a new journal. */
  static open(dir: string, store: Store, warn: (msg: string) => void): JournalOpenResult {
    fs.mkdirSync(dir, { recursive: true });
    const lockPath = path.join(dir, LOCK);
    if (fs.existsSync(lockPath)) {
      const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (pid && pid !== process.pid && pidAlive(pid)) {
        throw new Error(`dbpath ${dir} is in use by process ${pid} (${lockPath})`);
      }
    }
    fs.writeFileSync(lockPath, String(process.pid));

    const stats = { snapshotDocs: 0, journalRecords: 0, tornRecords: 0 };
    let seq = 0;
    const snapPath = path.join(dir, SNAPSHOT);
    if (fs.existsSync(snapPath)) {
      const { records, torn } = readRecords(fs.readFileSync(snapPath));
      if (torn) throw new Error(`snapshot ${snapPath} is corrupt; restore it from a backup or remove the dbpath`);
      const head = records[0];
      if (!head || head.t !== 'h') throw new Error(`snapshot ${snapPath} has no header`);
      seq = Number(head.seq);
      for (const r of records.slice(1)) {
        if (r.t === 'c') {
          store.replay({ op: 'cc', db: r.db, c: r.c, opts: r.opts });
          for (const spec of (r.idx as Doc[]) ?? []) store.replay({ op: 'ci', db: r.db, c: r.c, spec });
        } else if (r.t === 'd') {
          for (const doc of r.docs as Doc[]) store.replay({ op: 'i', db: r.db, c: r.c, doc });
          stats.snapshotDocs += (r.docs as Doc[]).length;
        }
      }
    }
    const journals = fs
      .readdirSync(dir)
      .map((f) => JOURNAL_RE.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    let lastSeq = seq;
    for (const n of journals) {
      if (n <= seq) continue;
      const { records, torn, validBytes } = readRecords(fs.readFileSync(path.join(dir, `journal-${n}.bson`)));
      for (const r of records) store.replay(r);
      stats.journalRecords += records.length;
      if (torn) {
        stats.tornRecords++;
        warn(`journal-${n}.bson: ignored a torn/corrupt record at byte ${validBytes} (crash during a write that was never acknowledged)`);
      }
      lastSeq = n;
    }
    store.rebuildIndexes(warn);
    const snapshotBytes = Journal.writeSnapshot(dir, store, lastSeq);
    for (const n of journals) if (n <= lastSeq) fs.rmSync(path.join(dir, `journal-${n}.bson`), { force: true });
    const journal = new Journal(dir, store, lastSeq + 1);
    journal.snapshotBytes = snapshotBytes;
    store.journal = journal;
    return { journal, stats };
  }

  /** Writes the whole state as a snapshot that incorporates journals up to `seq`. Synchronous and atomic. */
  static writeSnapshot(dir: string, store: Store, seq: number): number {
    const records = snapshotRecords(capture(store), seq);
    const tmp = path.join(dir, SNAPSHOT_TMP);
    const fd = fs.openSync(tmp, 'w');
    let bytes = 0;
    try {
      for (const buf of records) {
        bytes += buf.length;
        writeAllSync(fd, buf);
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path.join(dir, SNAPSHOT));
    fsyncDir(dir);
    return bytes;
  }

  /** The same as `writeSnapshot` for a captured state, a batch per turn of the event loop. */
  private static async writeSnapshotInTurns(dir: string, state: Captured[], seq: number): Promise<number> {
    const tmp = path.join(dir, SNAPSHOT_TMP);
    const fd = fs.openSync(tmp, 'w');
    let bytes = 0;
    try {
      for (const buf of snapshotRecords(state, seq)) {
        bytes += buf.length;
        writeAllSync(fd, buf);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise<void>((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve())));
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path.join(dir, SNAPSHOT));
    fsyncDir(dir);
    return bytes;
  }

  append(record: Doc): void {
    if (this.closed) throw new Error('journal is closed');
    const buf = frame(record);
    this.pending.push(buf);
    this.appended++;
  }

  /** Resolves once every record appended so far is on disk. */
  sync(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const target = this.appended;
    if (this.durable >= target) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      this.kick();
    });
  }

  /** Number of records appended since start (lets callers tell whether a command wrote anything). */
  get appendedCount(): number {
    return this.appended;
  }

  get hasUnsynced(): boolean {
    return this.durable < this.appended;
  }

  private kick(): void {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = true;
    const batch = Buffer.concat(this.pending);
    this.pending = [];
    const end = this.appended;
    const fd = this.fd;
    const writeAll = (off: number, done: (err: Error | null) => void): void => {
      fs.write(fd, batch, off, batch.length - off, null, (err, n) => {
        if (err) return done(err);
        if (off + n < batch.length) return writeAll(off + n, done);
        fs.fdatasync(fd, (e) => done(e ?? null));
      });
    };
    writeAll(0, (err) => {
      this.flushing = false;
      if (err) {
        this.failed = new Error(`journal write failed: ${err.message}`);
        for (const w of this.waiters) w.reject(this.failed);
        this.waiters = [];
        return;
      }
      this.bytes += batch.length;
      this.durable = end;
      const still: typeof this.waiters = [];
      for (const w of this.waiters) {
        if (w.target <= this.durable) w.resolve();
        else still.push(w);
      }
      this.waiters = still;
      if (this.pending.length) this.kick();
      else if (this.bytes > Math.max(COMPACT_BYTES, 2 * this.snapshotBytes) && !this.closed) this.compact();
    });
  }

  /**
   * Starts a new journal and writes a snapshot of the state as it is now, in the background (only when
   * everything appended is durable, and one compaction at a time). The old journal goes once the snapshot is in
   * place.
   */
  compact(): void {
    if (this.flushing || this.pending.length || this.failed || this.compacting) return;
    const upTo = this.startNextJournal();
    const state = capture(this.store);
    this.compacting = Journal.writeSnapshotInTurns(this.dir, state, upTo)
      .then((bytes) => {
        this.snapshotBytes = bytes;
        fs.rmSync(this.journalPath(upTo), { force: true });
      })
      .catch(() => {
        // The old snapshot and both journals still hold everything; the next compaction tries again.
        fs.rmSync(path.join(this.dir, SNAPSHOT_TMP), { force: true });
      })
      .finally(() => {
        this.compacting = undefined;
      });
  }

  /** Waits for a background compaction under way (tests). */
  async compacted(): Promise<void> {
    await this.compacting;
  }

  /** Closes the current journal and opens the next; returns the closed one's number. */
  private startNextJournal(): number {
    const closed = this.seq;
    fs.closeSync(this.fd);
    this.seq += 1;
    this.bytes = 0;
    this.fd = fs.openSync(this.journalPath(this.seq), 'a');
    fsyncDir(this.dir);
    return closed;
  }

  /** A snapshot written now, synchronously (on close, when nothing else runs). */
  private compactNow(): void {
    const upTo = this.startNextJournal();
    this.snapshotBytes = Journal.writeSnapshot(this.dir, this.store, this.seq - 1);
    for (let n = upTo; n >= 0 && fs.existsSync(this.journalPath(n)); n--) fs.rmSync(this.journalPath(n), { force: true });
  }

  /** Flushes, writes a final snapshot, and releases the directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.sync();
    } catch {
      // a failed journal is reported to writers; the snapshot below still captures memory state
    }
    while (this.flushing) await new Promise((r) => setTimeout(r, 1));
    await this.compacting;
    if (!this.failed) this.compactNow();
    this.closed = true;
    fs.closeSync(this.fd);
    if (this.store.journal === this) this.store.journal = undefined;
    fs.rmSync(path.join(this.dir, LOCK), { force: true });
  }
}

/** One collection as it was at a moment: its definition and the list of its documents (never changed in place). */
interface Captured {
  db: string;
  name: string;
  opts: unknown;
  idx: unknown[];
  docs: Doc[];
}

function capture(store: Store): Captured[] {
  const out: Captured[] = [];
  for (const [db, colls] of store.dbs) {
    for (const [name, c] of colls)
      out.push({ db, name, opts: c.options, idx: [...c.indexes.values()].map((i) => i.spec), docs: [...c.docs.values()] });
  }
  return out;
}

/** The snapshot's records, framed: its header, then each collection's definition and documents in batches. */
function* snapshotRecords(state: Captured[], seq: number): Generator<Buffer> {
  yield frame({ t: 'h', v: 1, seq, at: new Date() });
  for (const c of state) {
    yield frame({ t: 'c', db: c.db, c: c.name, opts: c.opts, idx: c.idx });
    let batch: Doc[] = [];
    let size = 0;
    for (const doc of c.docs) {
      batch.push(doc);
      size += 16 + bsonSize(doc);
      if (size >= SNAPSHOT_BATCH_BYTES) {
        yield frame({ t: 'd', db: c.db, c: c.name, docs: batch });
        batch = [];
        size = 0;
      }
    }
    if (batch.length) yield frame({ t: 'd', db: c.db, c: c.name, docs: batch });
  }
}

function writeAllSync(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off);
}
