/**
 * In-memory storage: databases → collections → documents (Map keyed by the canonical `_id` key, so insertion
 * order is natural order) plus secondary indexes (Map from canonical key to `_id` keys) that enforce uniqueness
 * and serve equality lookups. Every mutation is also handed to the journal (if any) as a physical record.
 */
import { Query } from 'mingo';
import { badValue, MongoCommandError, notImplemented } from './errors';
import { mingoOptions, validateFilter } from './query';
import { cloneDeep, formatValue, isPlainObject, isSimpleScalar, keyOf, pathValues, toNumber, type Doc } from './values';

export interface IndexSpec extends Doc {
  v: number;
  key: Record<string, number>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
}

/** A journal receives one record per mutation; replaying the records rebuilds the state. */
export interface MutationLog {
  append(record: Doc): void;
}

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

const INDEX_OPTIONS = new Set([
  'key',
  'name',
  'v',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'background',
  'ns',
  'hidden',
  'dropDups',
]);
const INDEX_OPTIONS_UNSUPPORTED = new Set([
  'collation',
  'weights',
  'default_language',
  'language_override',
  'textIndexVersion',
  '2dsphereIndexVersion',
  'bits',
  'min',
  'max',
  'bucketSize',
  'wildcardProjection',
  'storageEngine',
  'clustered',
  'prepareUnique',
]);

/** The equality value a filter gives a field, if it is a plain scalar equality. */
function equalityValue(filter: Doc, field: string): { value: unknown } | undefined {
  if (!Object.prototype.hasOwnProperty.call(filter, field)) return undefined;
  let v = filter[field];
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$eq') v = v.$eq;
    else return undefined;
  }
  return isSimpleScalar(v) ? { value: v } : undefined;
}

/** The values a filter allows for `field` when it names them: `{ f: v }`, `{ f: { $eq: v } }`, `{ f: { $in: [..] } }`. */
function pinnedValues(filter: Doc, field: string): unknown[] | undefined {
  const eq = equalityValue(filter, field);
  if (eq) return [eq.value];
  const v = filter[field];
  if (!isPlainObject(v) || Object.keys(v).length !== 1 || !Array.isArray(v.$in) || v.$in.length === 0) return undefined;
  return v.$in.every(isSimpleScalar) ? v.$in : undefined;
}

/** Index lookups one query may make (the product of its `$in` lists); beyond it, fewer leading fields are used. */
const MAX_INDEX_LOOKUPS = 1000;

/** Every combination of one value per field, in order. */
function product(choices: unknown[][]): unknown[][] {
  return choices.reduce<unknown[][]>((acc, values) => acc.flatMap((prefix) => values.map((v) => [...prefix, v])), [[]]);
}

export class Index {
  readonly fields: string[];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly ttlSeconds: number | undefined;
  private readonly partial: Query | undefined;
  /** canonical key → `_id` keys of the documents holding it (see `IdKeys`) */
  readonly entries = new Map<string, IdKeys>();
  /**
   * For compound indexes, the same for each shorter leading part of the key (`prefixes[n]` keys the first n+1
   * fields), so a query pinning only the leading fields by equality still avoids a full scan.
   */
  readonly prefixes: Map<string, IdKeys>[];

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.unique = spec.unique === true;
    this.sparse = spec.sparse === true;
    this.ttlSeconds = spec.expireAfterSeconds;
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression, mingoOptions()) : undefined;
    this.prefixes = this.fields.slice(1).map(() => new Map<string, IdKeys>());
  }

  /** The `_id` keys under the first `values.length` fields of the key (all fields: the whole key). */
  lookup(values: unknown[]): Iterable<string> | undefined {
    const found =
      values.length === this.fields.length ? this.entries.get(this.keyFor(values)) : this.prefixes[values.length - 1]?.get(this.keyFor(values));
    return typeof found === 'string' ? [found] : found;
  }

  get isPartial(): boolean {
    return this.partial !== undefined;
  }

  /** The keys this document contributes (empty when sparse/partial excludes it). */
  keysOf(doc: Doc): Array<{ key: string; values: unknown[] }> {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((f) => pathValues(doc, f));
    if (this.sparse && perField.every((vals) => vals.every((v) => v === undefined))) return [];
    const arrays = perField.filter((vals) => vals.length > 1).length;
    if (arrays > 1) {
      throw new MongoCommandError(171, `cannot index parallel arrays [${this.fields.join('] [')}]`);
    }
    let combos: unknown[][] = [[]];
    for (const vals of perField) combos = combos.flatMap((c) => vals.map((v) => [...c, v]));
    const seen = new Map<string, unknown[]>();
    for (const values of combos) seen.set(this.keyFor(values), values);
    return [...seen].map(([key, values]) => ({ key, values }));
  }

  keyFor(values: unknown[]): string {
    return values.length === 1 ? keyOf(values[0]) : JSON.stringify(values.map(keyOf));
  }

  add(idKey: string, doc: Doc): void {
    for (const { key, values } of this.keysOf(doc)) {
      addTo(this.entries, key, idKey);
      this.prefixes.forEach((map, n) => addTo(map, this.keyFor(values.slice(0, n + 1)), idKey));
    }
  }

  remove(idKey: string, doc: Doc): void {
    for (const { key, values } of this.keysOf(doc)) {
      removeFrom(this.entries, key, idKey);
      this.prefixes.forEach((map, n) => removeFrom(map, this.keyFor(values.slice(0, n + 1)), idKey));
    }
  }

  clear(): void {
    this.entries.clear();
    for (const map of this.prefixes) map.clear();
  }

  /** First conflicting key of `doc` with another document, if this is a unique index. */
  conflict(idKey: string, doc: Doc): unknown[] | undefined {
    if (!this.unique) return undefined;
    for (const { key, values } of this.keysOf(doc)) {
      const held = this.entries.get(key);
      if (typeof held === 'string') {
        if (held !== idKey) return values;
      } else if (held) for (const other of held) if (other !== idKey) return values;
    }
    return undefined;
  }
}

/**
 * The `_id` keys under one index key: the key itself while only one document holds it (most keys: unique fields,
 * times, ids), a Set from the second on. A Set per key would be two more heap objects per document and index,
 * which a large store pays at every major collection.
 */
type IdKeys = string | Set<string>;

function addTo(map: Map<string, IdKeys>, key: string, idKey: string): void {
  const held = map.get(key);
  if (held === undefined) map.set(key, idKey);
  else if (typeof held === 'string') {
    if (held !== idKey) map.set(key, new Set([held, idKey]));
  } else held.add(idKey);
}

function removeFrom(map: Map<string, IdKeys>, key: string, idKey: string): void {
  const held = map.get(key);
  if (held === undefined) return;
  if (typeof held === 'string') {
    if (held === idKey) map.delete(key);
    return;
  }
  held.delete(idKey);
  if (held.size === 1) map.set(key, held.values().next().value!);
  else if (held.size === 0) map.delete(key);
}

export function duplicateKeyError(ns: string, index: IndexSpec, values: unknown[]): MongoCommandError {
  const fields = Object.keys(index.key);
  const keyValue: Doc = {};
  fields.forEach((f, i) => (keyValue[f] = values[i] ?? null));
  const dup = fields.map((f, i) => `${f}: ${formatValue(values[i] ?? null)}`).join(', ');
  return new MongoCommandError(11000, `E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: { ${dup} }`, {
    keyPattern: { ...index.key },
    keyValue,
  });
}

export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes = new Map<string, Index>();

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc,
    private readonly store: Store,
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((i) => i.spec)];
  }

  /**
   * Documents that may match `filter`, found through the `_id` map or an index when the filter pins the key
   * fields by equality; `undefined` when a full scan is needed. Callers still test every candidate.
   */
  candidates(filter: Doc): Doc[] | undefined {
    const id = equalityValue(filter, '_id');
    if (id) {
      const d = this.docs.get(keyOf(id.value));
      return d ? [d] : [];
    }
    const idIn = filter._id;
    if (isPlainObject(idIn) && Object.keys(idIn).length === 1 && Array.isArray(idIn.$in) && idIn.$in.every(isSimpleScalar)) {
      const out: Doc[] = [];
      const seen = new Set<string>();
      for (const v of idIn.$in) {
        const k = keyOf(v);
        if (seen.has(k)) continue;
        seen.add(k);
        const d = this.docs.get(k);
        if (d) out.push(d);
      }
      return out;
    }
    // The index whose leading fields the filter pins (by equality, or `$in` a short list) and that leaves the
    // fewest documents to test.
    let ids: Set<string> | undefined;
    for (const index of this.indexes.values()) {
      if (index.isPartial) continue;
      const choices: unknown[][] = [];
      let combinations = 1;
      for (const f of index.fields) {
        const pinned = pinnedValues(filter, f);
        if (!pinned || combinations * pinned.length > MAX_INDEX_LOOKUPS) break;
        choices.push(pinned);
        combinations *= pinned.length;
      }
      if (choices.length === 0) continue;
      const found = new Set<string>();
      for (const values of product(choices)) for (const k of index.lookup(values) ?? []) found.add(k);
      if (!ids || found.size < ids.size) ids = found;
      if (ids.size === 0) break;
    }
    if (!ids) return undefined;
    const out: Doc[] = [];
    for (const k of ids) {
      const d = this.docs.get(k);
      if (d) out.push(d);
    }
    return out;
  }

  /** Adds a document (already carrying `_id`); enforces `_id` and unique indexes. */
  insert(doc: Doc): void {
    const idKey = keyOf(doc._id);
    if (this.docs.has(idKey)) throw duplicateKeyError(this.ns, ID_INDEX, [doc._id]);
    for (const index of this.indexes.values()) {
      const dup = index.conflict(idKey, doc);
      if (dup) throw duplicateKeyError(this.ns, index.spec, dup);
    }
    for (const index of this.indexes.values()) index.add(idKey, doc);
    this.docs.set(idKey, doc);
    this.store.log({ op: 'i', db: this.db, c: this.name, doc });
  }

  /** Replaces the stored document with the same `_id`. */
  replace(oldDoc: Doc, newDoc: Doc): void {
    const idKey = keyOf(oldDoc._id);
    for (const index of this.indexes.values()) {
      const dup = index.conflict(idKey, newDoc);
      if (dup) throw duplicateKeyError(this.ns, index.spec, dup);
    }
    for (const index of this.indexes.values()) {
      index.remove(idKey, oldDoc);
      index.add(idKey, newDoc);
    }
    this.docs.set(idKey, newDoc);
    this.store.log({ op: 'u', db: this.db, c: this.name, doc: newDoc });
  }

  remove(doc: Doc): void {
    const idKey = keyOf(doc._id);
    if (!this.docs.has(idKey)) return;
    for (const index of this.indexes.values()) index.remove(idKey, doc);
    this.docs.delete(idKey);
    this.store.log({ op: 'd', db: this.db, c: this.name, id: doc._id });
  }

  /**
   * Creates an index like mongod: identical existing index ⇒ false (nothing to do); same name with another
   * definition ⇒ 86 IndexKeySpecsConflict; same key with other options ⇒ 85 IndexOptionsConflict.
   */
  createIndex(raw: Doc): boolean {
    const spec = normalizeIndexSpec(raw);
    if (keyOf(spec.key) === keyOf({ _id: 1 }) && !spec.partialFilterExpression && !spec.sparse) {
      return false; // the _id index always exists
    }
    if (spec.name === '_id_') {
      throw new MongoCommandError(86, `An existing index has the same name as the requested index: _id_`);
    }
    const same = this.indexes.get(spec.name);
    if (same) {
      if (sameIndex(same.spec, spec)) return false;
      throw new MongoCommandError(
        86,
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${formatValue(spec)}, existing index: ${formatValue(same.spec)}`,
      );
    }
    for (const other of this.indexes.values()) {
      if (keyOf(other.spec.key) === keyOf(spec.key) && keyOf(other.spec.partialFilterExpression) === keyOf(spec.partialFilterExpression)) {
        if (sameIndex({ ...other.spec, name: spec.name }, spec)) {
          throw new MongoCommandError(85, `Index already exists with a different name: ${other.spec.name}`);
        }
        throw new MongoCommandError(
          85,
          `An equivalent index already exists with the same name but different options. Requested index: ${formatValue(spec)}, existing index: ${formatValue(other.spec)}`,
        );
      }
    }
    const index = new Index(spec);
    for (const [idKey, doc] of this.docs) {
      const dup = index.conflict(idKey, doc);
      if (dup) throw duplicateKeyError(this.ns, spec, dup);
      index.add(idKey, doc);
    }
    this.indexes.set(spec.name, index);
    this.store.log({ op: 'ci', db: this.db, c: this.name, spec });
    return true;
  }

  dropIndex(name: string): void {
    this.indexes.delete(name);
    this.store.log({ op: 'di', db: this.db, c: this.name, name });
  }

  /** Rebuilds index entries from the documents (after journal replay). Duplicates are reported, not fatal. */
  rebuildIndexes(warn: (msg: string) => void): void {
    for (const index of this.indexes.values()) {
      index.clear();
      for (const [idKey, doc] of this.docs) {
        const dup = index.conflict(idKey, doc);
        if (dup) warn(`duplicate key in ${this.ns} index ${index.spec.name}: ${formatValue(dup)}`);
        index.add(idKey, doc);
      }
    }
  }
}

function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  const norm = (s: IndexSpec): string =>
    keyOf({
      key: s.key,
      name: s.name,
      unique: s.unique === true,
      sparse: s.sparse === true,
      partial: s.partialFilterExpression ?? null,
      ttl: s.expireAfterSeconds ?? null,
    });
  return norm(a) === norm(b);
}

export function defaultIndexName(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${String(v)}`)
    .join('_');
}

/** Validates an index specification from createIndexes and returns the stored form. */
export function normalizeIndexSpec(raw: Doc): IndexSpec {
  if (!isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new MongoCommandError(67, 'The index spec must contain a non-empty key document');
  }
  for (const k of Object.keys(raw)) {
    if (INDEX_OPTIONS_UNSUPPORTED.has(k)) throw notImplemented(`index option '${k}'`);
    if (!INDEX_OPTIONS.has(k)) {
      throw new MongoCommandError(197, `The field '${k}' is not valid for an index specification. Specification: ${formatValue(raw)}`);
    }
  }
  const key: Record<string, number> = {};
  for (const [f, dir] of Object.entries(raw.key)) {
    const n = toNumber(dir);
    if (n === undefined) {
      if (typeof dir === 'string') throw notImplemented(`index type '${dir}'`);
      throw new MongoCommandError(67, `Values in the index key pattern can only be numbers or strings`);
    }
    if (n === 0) throw new MongoCommandError(67, `Values in the index key pattern can't be 0`);
    key[f] = n > 0 ? 1 : -1;
  }
  if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name === '')) {
    throw new MongoCommandError(9, 'The index name must be a non-empty string');
  }
  const spec: IndexSpec = { v: 2, key, name: typeof raw.name === 'string' ? raw.name : defaultIndexName(key) };
  if (raw.unique === true || raw.unique === 1) spec.unique = true;
  if (raw.sparse === true || raw.sparse === 1) spec.sparse = true;
  if (raw.hidden === true) throw notImplemented(`index option 'hidden'`);
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainObject(raw.partialFilterExpression)) throw badValue('partialFilterExpression must be an object');
    validateFilter(raw.partialFilterExpression, 'partialFilterExpression');
    if (spec.sparse) throw new MongoCommandError(67, 'cannot mix "partialFilterExpression" and "sparse" options');
    spec.partialFilterExpression = cloneDeep(raw.partialFilterExpression);
  }
  if (raw.expireAfterSeconds !== undefined) {
    const ttl = toNumber(raw.expireAfterSeconds);
    if (ttl === undefined || ttl < 0 || !Number.isFinite(ttl)) {
      throw new MongoCommandError(67, `TTL index 'expireAfterSeconds' option must be a non-negative number`);
    }
    if (Object.keys(key).length !== 1) throw new MongoCommandError(67, 'TTL indexes are single-field indexes, compound indexes do not support TTL');
    spec.expireAfterSeconds = Math.floor(ttl);
  }
  return spec;
}

function checkDbName(db: string): void {
  if (db === '' || db.length >= 64 || /[/\\. "$\0]/.test(db)) {
    throw new MongoCommandError(73, `Invalid database name: '${db}'`);
  }
}

function checkCollectionName(db: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '' || name.includes('$') || name.includes('\0') || name.startsWith('.')) {
    throw new MongoCommandError(73, `Invalid namespace specified '${db}.${String(name)}'`);
  }
  if (name.startsWith('system.')) throw notImplemented(`system collection '${name}'`);
}

export class Store {
  readonly dbs = new Map<string, Map<string, Collection>>();
  /** Set by the journal; `undefined` while replaying or when running in memory. */
  journal: MutationLog | undefined;

  log(record: Doc): void {
    this.journal?.append(record);
  }

  getCollection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** The collection, created implicitly (as mongod does on first write) when missing. */
  ensureCollection(db: string, name: string): Collection {
    const existing = this.getCollection(db, name);
    if (existing) return existing;
    return this.createCollection(db, name, {});
  }

  createCollection(db: string, name: string, options: Doc): Collection {
    checkDbName(db);
    checkCollectionName(db, name);
    let colls = this.dbs.get(db);
    if (!colls) this.dbs.set(db, (colls = new Map()));
    if (colls.has(name)) throw new MongoCommandError(48, `Collection ${db}.${name} already exists.`);
    const c = new Collection(db, name, options, this);
    colls.set(name, c);
    this.log({ op: 'cc', db, c: name, opts: options });
    return c;
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const colls = this.dbs.get(db);
    const c = colls?.get(name);
    if (!colls || !c) return undefined;
    colls.delete(name);
    if (colls.size === 0) this.dbs.delete(db);
    this.log({ op: 'dc', db, c: name });
    return c;
  }

  dropDatabase(db: string): void {
    if (!this.dbs.has(db)) return;
    this.dbs.delete(db);
    this.log({ op: 'dd', db });
  }

  renameCollection(db: string, from: string, toDb: string, to: string, dropTarget: boolean): void {
    const src = this.getCollection(db, from);
    if (!src) throw new MongoCommandError(26, `Source collection ${db}.${from} does not exist`);
    checkDbName(toDb);
    checkCollectionName(toDb, to);
    if (this.getCollection(toDb, to)) {
      if (!dropTarget) throw new MongoCommandError(48, `target namespace exists`);
      this.dropCollection(toDb, to);
    }
    this.dbs.get(db)?.delete(from);
    if (this.dbs.get(db)?.size === 0) this.dbs.delete(db);
    const moved = new Collection(toDb, to, src.options, this);
    for (const [k, d] of src.docs) moved.docs.set(k, d);
    for (const [n, i] of src.indexes) moved.indexes.set(n, i);
    let colls = this.dbs.get(toDb);
    if (!colls) this.dbs.set(toDb, (colls = new Map()));
    colls.set(to, moved);
    this.log({ op: 'rn', db, c: from, toDb, to });
  }

  /** Applies one journal record without re-journaling and without index maintenance (rebuilt afterwards). */
  replay(rec: Doc): void {
    const db = String(rec.db);
    const name = String(rec.c);
    const coll = (): Collection => {
      let colls = this.dbs.get(db);
      if (!colls) this.dbs.set(db, (colls = new Map()));
      let c = colls.get(name);
      if (!c) colls.set(name, (c = new Collection(db, name, {}, this)));
      return c;
    };
    switch (rec.op) {
      case 'cc': {
        const c = coll();
        if (isPlainObject(rec.opts)) Object.assign(c.options, rec.opts);
        return;
      }
      case 'dc':
        this.dbs.get(db)?.delete(name);
        if (this.dbs.get(db)?.size === 0) this.dbs.delete(db);
        return;
      case 'dd':
        this.dbs.delete(db);
        return;
      case 'ci': {
        const spec = rec.spec as IndexSpec;
        coll().indexes.set(spec.name, new Index(spec));
        return;
      }
      case 'di':
        this.getCollection(db, name)?.indexes.delete(String(rec.name));
        return;
      case 'i':
      case 'u': {
        const doc = rec.doc as Doc;
        coll().docs.set(keyOf(doc._id), doc);
        return;
      }
      case 'd':
        this.getCollection(db, name)?.docs.delete(keyOf(rec.id));
        return;
      case 'rn': {
        const src = this.getCollection(db, name);
        if (!src) return;
        this.dbs.get(db)?.delete(name);
        if (this.dbs.get(db)?.size === 0) this.dbs.delete(db);
        const toDb = String(rec.toDb);
        let colls = this.dbs.get(toDb);
        if (!colls) this.dbs.set(toDb, (colls = new Map()));
        const moved = new Collection(toDb, String(rec.to), src.options, this);
        for (const [k, d] of src.docs) moved.docs.set(k, d);
        for (const [n, i] of src.indexes) moved.indexes.set(n, i);
        colls.set(String(rec.to), moved);
        return;
      }
      default:
        throw new Error(`unknown journal record op ${String(rec.op)}`);
    }
  }

  rebuildIndexes(warn: (msg: string) => void): void {
    for (const colls of this.dbs.values()) for (const c of colls.values()) c.rebuildIndexes(warn);
  }

  /** Deletes documents whose TTL index date has passed; returns how many. */
  sweepTtl(now: number): number {
    let removed = 0;
    for (const colls of this.dbs.values()) {
      for (const c of colls.values()) {
        for (const index of c.indexes.values()) {
          if (index.ttlSeconds === undefined) continue;
          const limit = now - index.ttlSeconds * 1000;
          for (const doc of [...c.docs.values()]) {
            const dates = pathValues(doc, index.fields[0]).filter((v): v is Date => v instanceof Date);
            if (dates.length && Math.min(...dates.map((d) => d.getTime())) <= limit) {
              c.remove(doc);
              removed++;
            }
          }
        }
      }
    }
    return removed;
  }
}
