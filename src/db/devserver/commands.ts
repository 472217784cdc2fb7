/**
 * Database commands. Every handler is synchronous: a command reads and changes the store with no `await` in
 * between, so on single-threaded JavaScript each command is atomic (a findAndModify's filter and its change
 * cannot interleave with another connection's write).
 */
import * as os from 'node:os';
import { ObjectId } from 'bson';
import { badValue, MongoCommandError, notImplemented, toCommandError } from './errors';
import { Matcher, parseSort, project, runPipeline, sortDocs, validatePipeline, validateProjection, type SortSpec } from './query';
import { applyUpdate, parseUpdate, upsertSeed, type UpdateSpec } from './update';
import { defaultIndexName, normalizeIndexSpec, type Collection, type Store } from './storage';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE, bsonSize } from './wire';
import { cloneDeep, compareValues, isPlainObject, keyOf, pathValues, toNumber, type Doc } from './values';

export const SERVER_VERSION = '7.0.0-devserver';
export const VERSION_ARRAY = [7, 0, 0, 0];
export const MAX_WIRE_VERSION = 21;
const MAX_WRITE_BATCH_SIZE = 100_000;
const DEFAULT_FIRST_BATCH = 101;
const BATCH_BYTES = MAX_BSON_OBJECT_SIZE - 64 * 1024;
const CURSOR_IDLE_MS = 10 * 60 * 1000;

/** Server-wide state the commands need besides the store. */
export interface ServerState {
  store: Store;
  cursors: CursorRegistry;
  startedAt: number;
  host: string;
  port: number;
  dbpath: string | undefined;
  connections: () => number;
  totalConnections: () => number;
}

/** Per-connection information. */
export interface ConnectionInfo {
  id: number;
  peer: string;
}

type Handler = (cmd: Doc, db: string, server: ServerState, conn: ConnectionInfo) => Doc;

interface Cursor {
  id: bigint;
  ns: string;
  docs: Doc[];
  pos: number;
  transform?: (docs: Doc[]) => Doc[];
  lastUsed: number;
}

/** Open cursors of the whole server (getMore may arrive on any connection). */
export class CursorRegistry {
  private readonly cursors = new Map<bigint, Cursor>();
  private next = BigInt(1 + Math.floor(Math.random() * 2 ** 40));

  /** Takes the first batch; keeps the rest as a cursor unless `single` or exhausted. */
  open(ns: string, docs: Doc[], batchSize: number | undefined, single: boolean, transform?: (d: Doc[]) => Doc[]): Doc {
    const cursor: Cursor = { id: 0n, ns, docs, pos: 0, transform, lastUsed: Date.now() };
    const firstBatch = this.take(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    if (!single && cursor.pos < docs.length) {
      cursor.id = this.next++;
      this.cursors.set(cursor.id, cursor);
    }
    return { cursor: { firstBatch, id: cursor.id, ns }, ok: 1 };
  }

  getMore(id: bigint, ns: string, batchSize: number | undefined): Doc {
    const cursor = this.cursors.get(id);
    if (!cursor) throw new MongoCommandError(43, `cursor id ${id} not found`);
    if (cursor.ns !== ns) {
      throw new MongoCommandError(13, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`);
    }
    cursor.lastUsed = Date.now();
    const nextBatch = this.take(cursor, batchSize && batchSize > 0 ? batchSize : Infinity);
    let outId = cursor.id;
    if (cursor.pos >= cursor.docs.length) {
      this.cursors.delete(cursor.id);
      outId = 0n;
    }
    return { cursor: { nextBatch, id: outId, ns }, ok: 1 };
  }

  kill(ids: bigint[]): Doc {
    const killed: bigint[] = [];
    const notFound: bigint[] = [];
    for (const id of ids) (this.cursors.delete(id) ? killed : notFound).push(id);
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  /** Forgets cursors idle for more than 10 minutes (mongod's default cursor timeout). */
  sweep(now: number): void {
    for (const [id, c] of this.cursors) if (now - c.lastUsed > CURSOR_IDLE_MS) this.cursors.delete(id);
  }

  clear(): void {
    this.cursors.clear();
  }

  /** Up to `max` documents and about 16 MB (measured before projection, which only shrinks documents). */
  private take(cursor: Cursor, max: number): Doc[] {
    const raw: Doc[] = [];
    let bytes = 0;
    while (cursor.pos < cursor.docs.length && raw.length < max) {
      const doc = cursor.docs[cursor.pos];
      const size = bsonSize(doc);
      if (raw.length > 0 && bytes + size > BATCH_BYTES) break;
      raw.push(doc);
      bytes += size;
      cursor.pos++;
    }
    return cursor.transform && raw.length ? cursor.transform(raw) : raw;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// argument checks

/** Fields every command may carry that change nothing here (sessions, cluster time, read preference, …). */
const GENERIC_FIELDS = [
  '$db',
  'lsid',
  '$clusterTime',
  '$readPreference',
  'writeConcern',
  'readConcern',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  '$client',
  'mayBypassWriteBlocking',
  '$audit',
  'txnNumber',
  'autocommit',
  'startTransaction',
];

function checkFields(cmd: Doc, allowed: string[]): void {
  const name = Object.keys(cmd)[0];
  for (const k of Object.keys(cmd)) {
    if (k === name || GENERIC_FIELDS.includes(k) || allowed.includes(k)) continue;
    throw new MongoCommandError(40415, `BSON field '${name}.${k}' is an unknown field.`);
  }
}

function refuse(cmd: Doc, fields: string[]): void {
  for (const f of fields) {
    if (cmd[f] !== undefined && cmd[f] !== false) throw notImplemented(`option '${f}' of ${Object.keys(cmd)[0]}`);
  }
}

function checkCollation(collation: unknown): void {
  if (collation === undefined || collation === null) return;
  if (isPlainObject(collation) && collation.locale === 'simple' && Object.keys(collation).length === 1) return;
  throw notImplemented('collation');
}

function collectionName(cmd: Doc): string {
  const name = Object.keys(cmd)[0];
  const v = cmd[name];
  if (typeof v !== 'string' || v === '') {
    throw new MongoCommandError(73, `collection name has invalid type ${v === undefined ? 'missing' : typeof v}`);
  }
  return v;
}

function optNumber(cmd: Doc, field: string): number | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  const n = toNumber(v);
  if (n === undefined || Number.isNaN(n)) {
    throw new MongoCommandError(
      14,
      `BSON field '${Object.keys(cmd)[0]}.${field}' is the wrong type '${typeof v}', expected types '[long, int, decimal, double']`,
    );
  }
  return n;
}

function variables(cmd: Doc): Doc | undefined {
  return isPlainObject(cmd.let) ? cmd.let : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// selection

interface Selection {
  matcher: Matcher;
  sort?: SortSpec;
  skip?: number;
  limit?: number;
}

/** Matching documents in natural (or `sort`) order, using the `_id` map / an index when the filter allows. */
function select(coll: Collection | undefined, sel: Selection): Doc[] {
  if (!coll) return [];
  const { matcher, sort } = sel;
  const skip = sel.skip ?? 0;
  const limit = sel.limit && sel.limit > 0 ? sel.limit : Infinity;
  const source = coll.candidates(matcher.filter) ?? coll.docs.values();
  const out: Doc[] = [];
  const stopAt = sort ? Infinity : skip + limit;
  for (const d of source) {
    if (matcher.test(d)) {
      out.push(d);
      if (out.length >= stopAt) break;
    }
  }
  let ordered = out;
  if (sort && sort.length === 1 && sort[0][0] === '$natural') {
    if (sort[0][1] === -1) ordered = out.reverse();
  } else if (sort) {
    ordered = sortDocs(out, sort);
  }
  if (skip === 0 && limit === Infinity) return ordered;
  return ordered.slice(skip, limit === Infinity ? undefined : skip + limit);
}

function projector(projection: Doc | undefined, filter: Doc): ((docs: Doc[]) => Doc[]) | undefined {
  if (!projection) return undefined;
  return (docs) => project(docs, projection, filter);
}

// ---------------------------------------------------------------------------------------------------------------
// read commands

const find: Handler = (cmd, db, server) => {
  checkFields(cmd, [
    'filter',
    'sort',
    'projection',
    'skip',
    'limit',
    'batchSize',
    'singleBatch',
    'hint',
    'let',
    'collation',
    'allowDiskUse',
    'noCursorTimeout',
    'allowPartialResults',
    'min',
    'max',
    'returnKey',
    'showRecordId',
    'tailable',
    'awaitData',
    'oplogReplay',
    'readOnce',
    'term',
  ]);
  refuse(cmd, ['min', 'max', 'returnKey', 'showRecordId', 'tailable', 'awaitData', 'oplogReplay']);
  checkCollation(cmd.collation);
  const name = collectionName(cmd);
  const matcher = new Matcher(cmd.filter, variables(cmd));
  const projection = validateProjection(cmd.projection);
  let limit = optNumber(cmd, 'limit');
  let single = cmd.singleBatch === true;
  if (limit !== undefined && limit < 0) {
    limit = -limit;
    single = true;
  }
  const skip = optNumber(cmd, 'skip');
  if (skip !== undefined && skip < 0) throw badValue('skip value must be non-negative');
  const batchSize = optNumber(cmd, 'batchSize');
  if (batchSize !== undefined && batchSize < 0) throw badValue('batchSize value must be non-negative');
  const docs = select(server.store.getCollection(db, name), {
    matcher,
    sort: parseSort(cmd.sort),
    skip,
    limit,
  });
  const firstBatch = single && batchSize === undefined && limit ? limit : batchSize;
  return server.cursors.open(`${db}.${name}`, docs, firstBatch, single, projector(projection, matcher.filter));
};

const getMore: Handler = (cmd, db, server) => {
  checkFields(cmd, ['collection', 'batchSize', 'term', 'lastKnownCommittedOpTime']);
  const raw = cmd.getMore;
  const id = typeof raw === 'bigint' ? raw : BigInt(toNumber(raw) ?? 0);
  if (typeof cmd.collection !== 'string') throw badValue('getMore requires a collection name');
  return server.cursors.getMore(id, `${db}.${cmd.collection}`, optNumber(cmd, 'batchSize'));
};

const killCursors: Handler = (cmd, _db, server) => {
  checkFields(cmd, ['cursors']);
  if (!Array.isArray(cmd.cursors)) throw badValue('killCursors requires a cursors array');
  return server.cursors.kill(cmd.cursors.map((c) => (typeof c === 'bigint' ? c : BigInt(toNumber(c) ?? 0))));
};

const count: Handler = (cmd, db, server) => {
  checkFields(cmd, ['query', 'limit', 'skip', 'hint', 'collation', 'fields']);
  checkCollation(cmd.collation);
  const name = collectionName(cmd);
  const docs = select(server.store.getCollection(db, name), {
    matcher: new Matcher(cmd.query ?? {}),
    skip: optNumber(cmd, 'skip'),
    limit: Math.abs(optNumber(cmd, 'limit') ?? 0),
  });
  return { n: docs.length, ok: 1 };
};

const distinct: Handler = (cmd, db, server) => {
  checkFields(cmd, ['key', 'query', 'hint', 'collation']);
  checkCollation(cmd.collation);
  const name = collectionName(cmd);
  if (typeof cmd.key !== 'string' || cmd.key === '') throw badValue(`distinct key must be a non-empty string`);
  const docs = select(server.store.getCollection(db, name), { matcher: new Matcher(cmd.query ?? {}) });
  const seen = new Map<string, unknown>();
  for (const d of docs) {
    for (const v of pathValues(d, cmd.key)) {
      if (v === undefined) continue;
      const k = keyOf(v);
      if (!seen.has(k)) seen.set(k, v);
    }
  }
  return { values: [...seen.values()].sort(compareValues), ok: 1 };
};

const aggregate: Handler = (cmd, db, server) => {
  checkFields(cmd, ['pipeline', 'cursor', 'explain', 'allowDiskUse', 'let', 'collation', 'hint', 'bypassDocumentValidation']);
  refuse(cmd, ['explain']);
  checkCollation(cmd.collation);
  if (typeof cmd.aggregate !== 'string') throw notImplemented('database-level aggregate (aggregate: 1)');
  const name = collectionName(cmd);
  const pipeline = validatePipeline(cmd.pipeline);
  if (!isPlainObject(cmd.cursor)) {
    throw new MongoCommandError(9, `The 'cursor' option is required, except for aggregate with the explain argument`);
  }
  const coll = server.store.getCollection(db, name);
  let input: Doc[];
  let rest = pipeline;
  const firstStage = pipeline[0];
  if (firstStage && isPlainObject(firstStage.$match)) {
    input = select(coll, { matcher: new Matcher(firstStage.$match, variables(cmd)) });
    rest = pipeline.slice(1);
  } else {
    input = coll ? [...coll.docs.values()] : [];
  }
  const resolve = (other: string): Doc[] => [...(server.store.getCollection(db, other)?.docs.values() ?? [])];
  const out = rest.length === 0 ? input : runPipeline(input.map(cloneDeep), rest, resolve, variables(cmd));
  const batchSize = optNumber(cmd.cursor, 'batchSize');
  return server.cursors.open(`${db}.${name}`, out, batchSize, false);
};

// ---------------------------------------------------------------------------------------------------------------
// write commands

function writeErrorEntry(index: number, err: unknown): Doc {
  const e = toCommandError(err);
  return { index, code: e.code, codeName: e.codeName, errmsg: e.message, ...e.extra };
}

function writeResult(n: number, writeErrors: Doc[], extra: Doc = {}): Doc {
  const res: Doc = { n, ...extra };
  if (writeErrors.length) res.writeErrors = writeErrors;
  res.ok = 1;
  return res;
}

function checkBatch(arr: unknown, field: string): Doc[] {
  if (!Array.isArray(arr)) throw badValue(`'${field}' must be an array`);
  if (arr.length > MAX_WRITE_BATCH_SIZE) {
    throw new MongoCommandError(10, `Write batch sizes must be between 1 and ${MAX_WRITE_BATCH_SIZE}. Got ${arr.length} operations.`);
  }
  return arr as Doc[];
}

/** `_id` first, generated when missing; mongod rejects arrays and regexes as `_id`. */
export function prepareForInsert(doc: Doc): Doc {
  if (!isPlainObject(doc)) throw badValue('document to insert must be an object');
  const id = doc._id;
  if (Array.isArray(id)) throw new MongoCommandError(2, `can't use an array for _id`);
  if (id instanceof RegExp) throw new MongoCommandError(2, `can't use a regex for _id`);
  if (id === undefined) return { _id: new ObjectId(), ...doc };
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

const insert: Handler = (cmd, db, server) => {
  checkFields(cmd, ['documents', 'ordered', 'bypassDocumentValidation']);
  const name = collectionName(cmd);
  const docs = checkBatch(cmd.documents, 'documents');
  const ordered = cmd.ordered !== false;
  const coll = server.store.ensureCollection(db, name);
  let n = 0;
  const writeErrors: Doc[] = [];
  for (let i = 0; i < docs.length; i++) {
    try {
      coll.insert(prepareForInsert(docs[i]));
      n++;
    } catch (err) {
      writeErrors.push(writeErrorEntry(i, err));
      if (ordered) break;
    }
  }
  return writeResult(n, writeErrors);
};

/** The document an upsert inserts (filter equalities + update, or the replacement), `_id` first. */
function buildUpsert(filter: Doc, spec: UpdateSpec, arrayFilters: Doc[] | undefined, vars: Doc | undefined): Doc {
  let doc: Doc;
  if (spec.kind === 'replacement') {
    doc = cloneDeep(spec.doc);
    if (doc._id === undefined) {
      const seed = upsertSeed(filter);
      if (seed._id !== undefined) doc = { _id: seed._id, ...doc };
    }
  } else {
    const seed = upsertSeed(filter);
    doc = applyUpdate(seed, spec, { query: filter, arrayFilters, isInsert: true, variables: vars });
  }
  return prepareForInsert(doc);
}

function changed(a: Doc, b: Doc): boolean {
  return keyOf(a) !== keyOf(b);
}

function parseArrayFilters(v: unknown): Doc[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every(isPlainObject)) throw badValue('arrayFilters must be an array of objects');
  for (const f of v) new Matcher(f);
  return v;
}

const update: Handler = (cmd, db, server) => {
  checkFields(cmd, ['updates', 'ordered', 'bypassDocumentValidation', 'let']);
  const name = collectionName(cmd);
  const stmts = checkBatch(cmd.updates, 'updates');
  const ordered = cmd.ordered !== false;
  const vars = variables(cmd);
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors: Doc[] = [];
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i];
    try {
      if (!isPlainObject(s)) throw badValue('update statement must be an object');
      for (const k of Object.keys(s)) {
        if (!['q', 'u', 'upsert', 'multi', 'arrayFilters', 'hint', 'collation', 'c', 'sort', 'upsertSupplied'].includes(k)) {
          throw new MongoCommandError(40415, `BSON field 'update.updates.${k}' is an unknown field.`);
        }
      }
      checkCollation(s.collation);
      const filter = (s.q ?? {}) as Doc;
      const matcher = new Matcher(filter, vars);
      const spec = parseUpdate(s.u);
      const multi = s.multi === true;
      if (multi && spec.kind === 'replacement') {
        throw new MongoCommandError(9, 'multi update is not supported for replacement-style update');
      }
      const arrayFilters = parseArrayFilters(s.arrayFilters);
      const coll = server.store.getCollection(db, name);
      const matched = select(coll, { matcher, sort: parseSort(s.sort), limit: multi ? undefined : 1 });
      for (const doc of matched) {
        const next = applyUpdate(doc, spec, { query: filter, arrayFilters, isInsert: false, variables: vars });
        n++;
        if (changed(doc, next)) {
          coll!.replace(doc, next);
          nModified++;
        }
      }
      if (matched.length === 0 && s.upsert === true) {
        const doc = buildUpsert(filter, spec, arrayFilters, vars);
        server.store.ensureCollection(db, name).insert(doc);
        n++;
        upserted.push({ index: i, _id: doc._id });
      }
    } catch (err) {
      writeErrors.push(writeErrorEntry(i, err));
      if (ordered) break;
    }
  }
  const extra: Doc = { nModified };
  if (upserted.length) extra.upserted = upserted;
  return writeResult(n, writeErrors, extra);
};

const del: Handler = (cmd, db, server) => {
  checkFields(cmd, ['deletes', 'ordered', 'let']);
  const name = collectionName(cmd);
  const stmts = checkBatch(cmd.deletes, 'deletes');
  const ordered = cmd.ordered !== false;
  let n = 0;
  const writeErrors: Doc[] = [];
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i];
    try {
      if (!isPlainObject(s)) throw badValue('delete statement must be an object');
      for (const k of Object.keys(s)) {
        if (!['q', 'limit', 'hint', 'collation'].includes(k)) {
          throw new MongoCommandError(40415, `BSON field 'delete.deletes.${k}' is an unknown field.`);
        }
      }
      checkCollation(s.collation);
      const limit = toNumber(s.limit);
      if (limit !== 0 && limit !== 1) throw badValue(`The limit field in delete objects must be 0 or 1. Got ${String(s.limit)}`);
      const coll = server.store.getCollection(db, name);
      const matched = select(coll, { matcher: new Matcher(s.q ?? {}, variables(cmd)), limit: limit === 1 ? 1 : undefined });
      for (const d of matched) coll!.remove(d);
      n += matched.length;
    } catch (err) {
      writeErrors.push(writeErrorEntry(i, err));
      if (ordered) break;
    }
  }
  return writeResult(n, writeErrors);
};

const findAndModify: Handler = (cmd, db, server) => {
  checkFields(cmd, [
    'query',
    'sort',
    'remove',
    'update',
    'new',
    'fields',
    'upsert',
    'arrayFilters',
    'bypassDocumentValidation',
    'collation',
    'hint',
    'let',
  ]);
  checkCollation(cmd.collation);
  const name = collectionName(cmd);
  const filter = (cmd.query ?? {}) as Doc;
  const vars = variables(cmd);
  const matcher = new Matcher(filter, vars);
  const sort = parseSort(cmd.sort);
  const projection = validateProjection(cmd.fields);
  const remove = cmd.remove === true;
  if (remove && cmd.update !== undefined) throw new MongoCommandError(9, 'Cannot specify both an update and remove=true');
  if (!remove && cmd.update === undefined) throw new MongoCommandError(9, 'Either an update or remove=true must be specified');
  if (remove && cmd.upsert === true) throw new MongoCommandError(9, 'Cannot specify both upsert=true and remove=true');
  if (remove && cmd.new === true)
    throw new MongoCommandError(9, "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
  const spec = remove ? undefined : parseUpdate(cmd.update);
  const arrayFilters = parseArrayFilters(cmd.arrayFilters);
  const coll = server.store.getCollection(db, name);
  const [doc] = select(coll, { matcher, sort, limit: 1 });
  const shape = (d: Doc | undefined): Doc | null => {
    if (!d) return null;
    return projection ? project([d], projection, matcher.filter)[0] : d;
  };
  if (remove) {
    if (doc) coll!.remove(doc);
    return { lastErrorObject: { n: doc ? 1 : 0 }, value: shape(doc), ok: 1 };
  }
  if (doc) {
    const next = applyUpdate(doc, spec!, { query: filter, arrayFilters, isInsert: false, variables: vars });
    if (changed(doc, next)) coll!.replace(doc, next);
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: shape(cmd.new === true ? next : doc), ok: 1 };
  }
  if (cmd.upsert === true) {
    const created = buildUpsert(filter, spec!, arrayFilters, vars);
    server.store.ensureCollection(db, name).insert(created);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: created._id },
      value: cmd.new === true ? shape(created) : null,
      ok: 1,
    };
  }
  return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
};

// ---------------------------------------------------------------------------------------------------------------
// collections, databases, indexes

const COLLECTION_OPTIONS_UNSUPPORTED = [
  'capped',
  'size',
  'max',
  'validator',
  'validationLevel',
  'validationAction',
  'viewOn',
  'pipeline',
  'timeseries',
  'clusteredIndex',
  'changeStreamPreAndPostImages',
  'expireAfterSeconds',
  'encryptedFields',
  'storageEngine',
  'indexOptionDefaults',
  'idIndex',
];

const create: Handler = (cmd, db, server) => {
  checkFields(cmd, [...COLLECTION_OPTIONS_UNSUPPORTED, 'collation', 'autoIndexId', 'flags']);
  const name = collectionName(cmd);
  for (const f of COLLECTION_OPTIONS_UNSUPPORTED) {
    const v = cmd[f];
    if (v === undefined || v === false) continue;
    if (f === 'validator' && isPlainObject(v) && Object.keys(v).length === 0) continue;
    throw notImplemented(`collection option '${f}'`);
  }
  checkCollation(cmd.collation);
  server.store.createCollection(db, name, {});
  return { ok: 1 };
};

const drop: Handler = (cmd, db, server) => {
  checkFields(cmd, []);
  const name = collectionName(cmd);
  const c = server.store.dropCollection(db, name);
  if (!c) return { ok: 1 };
  return { nIndexesWas: c.indexes.size + 1, ns: `${db}.${name}`, ok: 1 };
};

const dropDatabase: Handler = (cmd, db, server) => {
  checkFields(cmd, []);
  server.store.dropDatabase(db);
  return { dropped: db, ok: 1 };
};

const renameCollection: Handler = (cmd, db, server) => {
  checkFields(cmd, ['to', 'dropTarget', 'stayTemp']);
  if (db !== 'admin') throw new MongoCommandError(13, 'renameCollection may only be run against the admin database.');
  const split = (ns: unknown): [string, string] => {
    if (typeof ns !== 'string' || !ns.includes('.')) throw new MongoCommandError(73, `Invalid namespace specified '${String(ns)}'`);
    const i = ns.indexOf('.');
    return [ns.slice(0, i), ns.slice(i + 1)];
  };
  const [fromDb, from] = split(cmd.renameCollection);
  const [toDb, to] = split(cmd.to);
  server.store.renameCollection(fromDb, from, toDb, to, cmd.dropTarget === true);
  return { ok: 1 };
};

const createIndexes: Handler = (cmd, db, server) => {
  checkFields(cmd, ['indexes', 'commitQuorum', 'ignoreUnknownIndexOptions']);
  const name = collectionName(cmd);
  if (!Array.isArray(cmd.indexes) || cmd.indexes.length === 0) throw badValue('Must specify at least one index to create');
  const specs = (cmd.indexes as Doc[]).map((raw) => {
    if (!isPlainObject(raw)) throw badValue('index specification must be an object');
    const spec = normalizeIndexSpec(raw);
    return { ...raw, name: spec.name };
  });
  const existed = server.store.getCollection(db, name);
  const coll = existed ?? server.store.ensureCollection(db, name);
  const before = coll.indexes.size + 1;
  let created = 0;
  for (const raw of specs) if (coll.createIndex(raw)) created++;
  const res: Doc = {
    numIndexesBefore: before,
    numIndexesAfter: coll.indexes.size + 1,
    createdCollectionAutomatically: !existed,
  };
  if (created === 0) res.note = 'all indexes already exist';
  res.ok = 1;
  return res;
};

const listIndexes: Handler = (cmd, db, server) => {
  checkFields(cmd, ['cursor']);
  const name = collectionName(cmd);
  const coll = server.store.getCollection(db, name);
  if (!coll) throw new MongoCommandError(26, `ns does not exist: ${db}.${name}`);
  const batchSize = isPlainObject(cmd.cursor) ? optNumber(cmd.cursor, 'batchSize') : undefined;
  return server.cursors.open(`${db}.$cmd.listIndexes.${name}`, coll.indexSpecs(), batchSize, false);
};

const dropIndexes: Handler = (cmd, db, server) => {
  checkFields(cmd, ['index']);
  const name = collectionName(cmd);
  const coll = server.store.getCollection(db, name);
  if (!coll) throw new MongoCommandError(26, `ns not found ${db}.${name}`);
  const was = coll.indexes.size + 1;
  const target = cmd.index;
  const byName = (n: string): void => {
    if (n === '_id_') throw new MongoCommandError(72, 'cannot drop _id index');
    if (!coll.indexes.has(n)) throw new MongoCommandError(27, `index not found with name [${n}]`);
    coll.dropIndex(n);
  };
  if (target === '*') {
    for (const n of [...coll.indexes.keys()]) coll.dropIndex(n);
  } else if (typeof target === 'string') {
    byName(target);
  } else if (Array.isArray(target)) {
    for (const n of target)
      if (!coll.indexes.has(String(n)) && n !== '_id_') throw new MongoCommandError(27, `index not found with name [${String(n)}]`);
    target.forEach((n) => byName(String(n)));
  } else if (isPlainObject(target)) {
    const k = keyOf(target);
    const found = [...coll.indexes.values()].find((i) => keyOf(i.spec.key) === k);
    if (!found) {
      if (k === keyOf({ _id: 1 })) throw new MongoCommandError(72, 'cannot drop _id index');
      throw new MongoCommandError(27, `can't find index with key: ${defaultIndexName(target)}`);
    }
    coll.dropIndex(found.spec.name);
  } else {
    throw badValue('dropIndexes requires an index name, key pattern, array of names or "*"');
  }
  return { nIndexesWas: was, ok: 1 };
};

const listCollections: Handler = (cmd, db, server) => {
  checkFields(cmd, ['filter', 'nameOnly', 'authorizedCollections', 'cursor']);
  const colls = server.store.dbs.get(db);
  const nameOnly = cmd.nameOnly === true;
  let entries: Doc[] = [...(colls?.values() ?? [])].map((c) =>
    nameOnly
      ? { name: c.name, type: 'collection' }
      : {
          name: c.name,
          type: 'collection',
          options: { ...c.options },
          info: { readOnly: false },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        },
  );
  if (isPlainObject(cmd.filter) && Object.keys(cmd.filter).length) {
    const m = new Matcher(cmd.filter);
    entries = entries.filter((e) => m.test(e));
  }
  const batchSize = isPlainObject(cmd.cursor) ? optNumber(cmd.cursor, 'batchSize') : undefined;
  return server.cursors.open(`${db}.$cmd.listCollections`, entries, batchSize, false);
};

function dataSize(coll: Collection): number {
  let s = 0;
  for (const d of coll.docs.values()) s += bsonSize(d);
  return s;
}

const listDatabases: Handler = (cmd, _db, server) => {
  checkFields(cmd, ['filter', 'nameOnly', 'authorizedDatabases']);
  let dbs: Doc[] = [...server.store.dbs.entries()].map(([name, colls]) => {
    if (cmd.nameOnly === true) return { name };
    let size = 0;
    for (const c of colls.values()) size += dataSize(c);
    return { name, sizeOnDisk: size, empty: size === 0 };
  });
  if (isPlainObject(cmd.filter) && Object.keys(cmd.filter).length) {
    const m = new Matcher(cmd.filter);
    dbs = dbs.filter((d) => m.test(d));
  }
  if (cmd.nameOnly === true) return { databases: dbs, ok: 1 };
  const totalSize = dbs.reduce((a, d) => a + Number(d.sizeOnDisk ?? 0), 0);
  return { databases: dbs, totalSize, totalSizeMb: Math.floor(totalSize / 1048576), ok: 1 };
};

const dbStats: Handler = (cmd, db, server) => {
  checkFields(cmd, ['scale', 'freeStorage']);
  const colls = [...(server.store.dbs.get(db)?.values() ?? [])];
  const objects = colls.reduce((a, c) => a + c.docs.size, 0);
  const size = colls.reduce((a, c) => a + dataSize(c), 0);
  return {
    db,
    collections: colls.length,
    views: 0,
    objects,
    avgObjSize: objects ? size / objects : 0,
    dataSize: size,
    storageSize: size,
    indexes: colls.reduce((a, c) => a + c.indexes.size + 1, 0),
    indexSize: 0,
    totalSize: size,
    scaleFactor: 1,
    ok: 1,
  };
};

const collStats: Handler = (cmd, db, server) => {
  checkFields(cmd, ['scale']);
  const name = collectionName(cmd);
  const coll = server.store.getCollection(db, name);
  if (!coll) throw new MongoCommandError(26, `ns not found ${db}.${name}`);
  const size = dataSize(coll);
  const indexSizes: Doc = {};
  for (const s of coll.indexSpecs()) indexSizes[s.name] = 0;
  return {
    ns: `${db}.${name}`,
    count: coll.docs.size,
    size,
    avgObjSize: coll.docs.size ? size / coll.docs.size : 0,
    storageSize: size,
    nindexes: coll.indexes.size + 1,
    totalIndexSize: 0,
    indexSizes,
    ok: 1,
  };
};

// ---------------------------------------------------------------------------------------------------------------
// server information

export function helloReply(conn: ConnectionInfo): Doc {
  return {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: conn.id,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const hello: Handler = (cmd, _db, _server, conn) => {
  if (cmd.speculativeAuthenticate !== undefined) {
    throw new MongoCommandError(18, 'Authentication is not supported by the embedded dev server; connect without credentials');
  }
  return helloReply(conn);
};

const buildInfo: Handler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'devserver',
  versionArray: VERSION_ARRAY,
  modules: [],
  allocator: 'system',
  javascriptEngine: 'none',
  sysInfo: 'deprecated',
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['devserver'],
  openssl: { running: 'disabled', compiled: 'disabled' },
  buildEnvironment: { target_os: process.platform, target_arch: process.arch },
  ok: 1,
});

const serverStatus: Handler = (_cmd, _db, server) => {
  const now = Date.now();
  return {
    host: `${os.hostname()}:${server.port}`,
    version: SERVER_VERSION,
    process: 'devserver',
    pid: BigInt(process.pid),
    uptime: Math.floor((now - server.startedAt) / 1000),
    uptimeMillis: BigInt(now - server.startedAt),
    uptimeEstimate: BigInt(Math.floor((now - server.startedAt) / 1000)),
    localTime: new Date(now),
    connections: { current: server.connections(), available: 10_000, totalCreated: server.totalConnections() },
    storageEngine: { name: 'devserver', persistent: server.dbpath !== undefined },
    mem: { bits: 64, resident: Math.round(process.memoryUsage().rss / 1048576), virtual: 0, supported: true },
    ok: 1,
  };
};

const hostInfo: Handler = () => ({
  system: {
    currentTime: new Date(),
    hostname: os.hostname(),
    cpuAddrSize: 64,
    memSizeMB: Math.round(os.totalmem() / 1048576),
    numCores: os.cpus().length,
    cpuArch: process.arch,
  },
  os: { type: os.type(), name: os.platform(), version: os.release() },
  extra: {},
  ok: 1,
});

const PARAMETERS: Doc = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: [],
  logLevel: 0,
  quiet: false,
  requireApiVersion: false,
  transactionLifetimeLimitSeconds: 60,
};

const getParameter: Handler = (cmd) => {
  const all = cmd.getParameter === '*' || (isPlainObject(cmd.getParameter) && cmd.getParameter.allParameters === true);
  const out: Doc = {};
  for (const [k, v] of Object.entries(PARAMETERS)) if (all || cmd[k] !== undefined) out[k] = v;
  if (!all) {
    for (const k of Object.keys(cmd)) {
      if (k === 'getParameter' || GENERIC_FIELDS.includes(k)) continue;
      if (!(k in PARAMETERS)) throw new MongoCommandError(72, 'no option found to get');
    }
  }
  return { ...out, ok: 1 };
};

const getCmdLineOpts: Handler = (_cmd, _db, server) => ({
  argv: process.argv,
  parsed: { net: { bindIp: server.host, port: server.port }, storage: server.dbpath ? { dbPath: server.dbpath } : {} },
  ok: 1,
});

const getLog: Handler = (cmd) => {
  if (cmd.getLog === '*') return { names: ['global', 'startupWarnings'], ok: 1 };
  if (cmd.getLog === 'startupWarnings' || cmd.getLog === 'global') {
    const line = JSON.stringify({
      t: { $date: new Date().toISOString() },
      s: 'W',
      c: 'CONTROL',
      msg: 'This is the embedded MongoDB-compatible dev server: for development and tests, not production',
    });
    return { totalLinesWritten: 1, log: [line], ok: 1 };
  }
  throw badValue(`getLog: unknown log '${String(cmd.getLog)}'`);
};

const transactionRefused: Handler = () => {
  throw new MongoCommandError(20, 'Transaction numbers are only allowed on a replica set member or mongos');
};

const ok: Handler = () => ({ ok: 1 });

export const COMMANDS: Record<string, Handler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  serverStatus,
  hostInfo,
  getParameter,
  getCmdLineOpts,
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  whatsmyuri: (_c, _d, _s, conn) => ({ you: conn.peer, ok: 1 }),
  getLog,
  endSessions: ok,
  refreshSessions: ok,
  killAllSessions: ok,
  killSessions: ok,
  startSession: () => ({ id: { id: new ObjectId() }, timeoutMinutes: 30, ok: 1 }),
  logout: ok,
  fsync: () => ({ numFiles: 1, ok: 1 }),
  listCommands: () => ({ commands: Object.fromEntries(Object.keys(COMMANDS).map((k) => [k, { help: '' }])), ok: 1 }),
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
  insert,
  update,
  delete: del,
  findAndModify,
  findandmodify: findAndModify,
  create,
  drop,
  dropDatabase,
  renameCollection,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  listCollections,
  listDatabases,
  dbStats,
  collStats,
  commitTransaction: transactionRefused,
  abortTransaction: transactionRefused,
  saslStart: () => {
    throw new MongoCommandError(18, 'Authentication is not supported by the embedded dev server; connect without credentials');
  },
  authenticate: () => {
    throw new MongoCommandError(18, 'Authentication is not supported by the embedded dev server; connect without credentials');
  },
};

/** Commands mongod has that this server refuses by name rather than "no such command". */
const KNOWN_UNSUPPORTED = [
  'explain',
  'collMod',
  'validate',
  'compact',
  'mapReduce',
  'mapreduce',
  'geoNear',
  'eval',
  'currentOp',
  'killOp',
  'createUser',
  'dropUser',
  'updateUser',
  'usersInfo',
  'createRole',
  'grantRolesToUser',
  'replSetGetStatus',
  'replSetInitiate',
  'shutdown',
  'bulkWrite',
  'cloneCollectionAsCapped',
  'convertToCapped',
  'reIndex',
  'createSearchIndexes',
  'dropSearchIndex',
  'updateSearchIndex',
  'setParameter',
  'setFeatureCompatibilityVersion',
];

/** Runs one command document against `db`. Throws MongoCommandError for failures. */
export function runCommand(cmd: Doc, db: string, server: ServerState, conn: ConnectionInfo): Doc {
  const name = Object.keys(cmd)[0];
  if (name === undefined) throw new MongoCommandError(59, "no such command: ''");
  if (cmd.txnNumber !== undefined || cmd.startTransaction !== undefined || cmd.autocommit !== undefined) {
    transactionRefused(cmd, db, server, conn);
  }
  const rc = cmd.readConcern;
  if (isPlainObject(rc) && rc.level !== undefined && !['local', 'majority', 'available'].includes(String(rc.level))) {
    throw notImplemented(`readConcern level '${String(rc.level)}'`);
  }
  const handler = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!handler) {
    if (KNOWN_UNSUPPORTED.includes(name)) throw notImplemented(`command '${name}'`);
    throw new MongoCommandError(59, `no such command: '${name}'`);
  }
  return withBigIntJson(() => handler(cmd, db, server, conn));
}

/**
 * mingo's Query constructor always evaluates `JSON.stringify(condition)` (for an assertion message), which throws
 * on int64 values (bigint). While a command runs — synchronously, so nothing else can observe it — bigint gets a
 * `toJSON`, unless the application already defined one.
 */
function withBigIntJson<T>(fn: () => T): T {
  const proto = BigInt.prototype as unknown as { toJSON?: () => string };
  if (Object.prototype.hasOwnProperty.call(proto, 'toJSON')) return fn();
  Object.defineProperty(proto, 'toJSON', {
    value(this: bigint) {
      return this.toString();
    },
    configurable: true,
    writable: true,
  });
  try {
    return fn();
  } finally {
    delete proto.toJSON;
  }
}
