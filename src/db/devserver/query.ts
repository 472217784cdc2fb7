/**
 * Query language front end: validates filters, projections and pipelines the way mongod does (so nothing the
 * dev server cannot do passes silently), then delegates evaluation to mingo.
 */
import { Query, Aggregator } from 'mingo';
import { badValue, MongoCommandError, notImplemented } from './errors';
import { cloneDeep, compareValues, isPlainObject, isSimpleScalar, keyOf, pathValues, type Doc } from './values';

/** mingo options shared by every evaluation: no server-side JavaScript, MongoDB-strict semantics. */
export function mingoOptions(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { scriptEnabled: false, useStrictMode: true, ...extra };
}

const TOP_LEVEL_OPS = new Set(['$and', '$or', '$nor', '$expr', '$comment']);
const TOP_LEVEL_UNSUPPORTED = new Set(['$where', '$text', '$jsonSchema', '$sampleRate', '$alwaysTrue', '$alwaysFalse', '$atomic', '$isolated']);
const FIELD_OPS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$type',
  '$regex',
  '$options',
  '$not',
  '$elemMatch',
  '$size',
  '$all',
  '$mod',
  '$bitsAllClear',
  '$bitsAllSet',
  '$bitsAnyClear',
  '$bitsAnySet',
]);
const FIELD_UNSUPPORTED = new Set([
  '$near',
  '$nearSphere',
  '$geoWithin',
  '$geoIntersects',
  '$within',
  '$box',
  '$center',
  '$centerSphere',
  '$polygon',
  '$geometry',
  '$maxDistance',
  '$minDistance',
  '$where',
  '$text',
  '$jsonSchema',
]);
/** $type aliases whose matching does not depend on bson wrapper classes (mingo cannot see ObjectId etc.). */
const TYPE_ALIASES_OK = new Set(['double', 'string', 'object', 'array', 'bool', 'null', 'int', 'date', 'regex', 'number']);
const TYPE_CODES_OK = new Set([1, 2, 3, 4, 8, 9, 10, 11, 16]);

/** Throws mongod's error for any operator that is unknown or that the dev server does not implement. */
export function validateFilter(filter: unknown, what = 'filter'): void {
  if (!isPlainObject(filter)) throw badValue(`${what} must be an object`);
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$')) {
      if (TOP_LEVEL_UNSUPPORTED.has(k)) throw notImplemented(`query operator ${k}`);
      if (!TOP_LEVEL_OPS.has(k)) throw new MongoCommandError(2, `unknown top level operator: ${k}`);
      if (k === '$and' || k === '$or' || k === '$nor') {
        if (!Array.isArray(v) || v.length === 0) throw badValue(`${k} must be a nonempty array`);
        for (const sub of v) {
          if (!isPlainObject(sub)) throw badValue(`$or/$and/$nor entries need to be full objects`);
          validateFilter(sub, what);
        }
      } else if (k === '$expr') {
        validateExpression(v);
      }
    } else {
      validateCondition(k, v);
    }
  }
}

function isOperatorObject(v: unknown): v is Doc {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys[0].startsWith('$');
}

function validateCondition(field: string, cond: unknown): void {
  if (!isOperatorObject(cond)) return; // literal equality (value, embedded document, array, regex)
  for (const [op, arg] of Object.entries(cond)) {
    if (!op.startsWith('$')) throw badValue(`unknown operator: ${op}`);
    if (FIELD_UNSUPPORTED.has(op)) throw notImplemented(`query operator ${op}`);
    if (!FIELD_OPS.has(op)) throw new MongoCommandError(2, `unknown operator: ${op}`);
    switch (op) {
      case '$in':
      case '$nin':
      case '$all':
        if (!Array.isArray(arg)) throw badValue(`${op} needs an array`);
        break;
      case '$not':
        if (!(arg instanceof RegExp) && !isOperatorObject(arg)) throw badValue('$not needs a regex or a document');
        if (isOperatorObject(arg)) validateCondition(field, arg);
        break;
      case '$elemMatch':
        if (!isPlainObject(arg)) throw badValue('$elemMatch needs an Object');
        if (isOperatorObject(arg) && !['$and', '$or', '$nor', '$expr'].includes(Object.keys(arg)[0])) validateCondition(field, arg);
        else validateFilter(arg, '$elemMatch');
        break;
      case '$type': {
        const types = Array.isArray(arg) ? arg : [arg];
        for (const t of types) {
          const ok = typeof t === 'string' ? TYPE_ALIASES_OK.has(t) : TYPE_CODES_OK.has(Number(t));
          if (!ok) throw notImplemented(`$type ${JSON.stringify(t)}`);
        }
        break;
      }
      case '$regex':
        if (typeof arg !== 'string' && !(arg instanceof RegExp)) throw badValue('$regex has to be a string');
        break;
      default:
        break;
    }
  }
}

const EXPRESSION_UNSUPPORTED = new Set(['$function', '$accumulator', '$meta', '$where', '$toHashedIndexKey']);

/** Walks an aggregation expression for operators the dev server refuses (mingo reports the unknown ones). */
export function validateExpression(expr: unknown): void {
  if (Array.isArray(expr)) {
    for (const e of expr) validateExpression(e);
    return;
  }
  if (!isPlainObject(expr)) return;
  for (const [k, v] of Object.entries(expr)) {
    if (EXPRESSION_UNSUPPORTED.has(k)) throw notImplemented(`expression operator ${k}`);
    validateExpression(v);
  }
}

/**
 * Compiled filter. `$comment` is dropped (mingo does not know it); everything else was validated. Filters made
 * only of equalities with simple scalars (`{lineUserId: 'U1'}`, the common case) are matched without mingo:
 * a field matches when any value its path reaches (arrays expanded) has the same canonical key.
 */
export class Matcher {
  private readonly query: Query | undefined;
  private readonly equalities: Array<[string, string]> | undefined;
  readonly filter: Doc;

  constructor(filter: unknown, variables?: Doc) {
    const f = (filter ?? {}) as Doc;
    validateFilter(f);
    const { $comment: _ignored, ...rest } = f;
    this.filter = rest;
    const keys = Object.keys(rest);
    this.equalities = simpleEqualities(rest);
    this.query = keys.length === 0 || this.equalities ? undefined : new Query(rest, mingoOptions(variables ? { variables } : {}));
  }

  get matchesAll(): boolean {
    return this.query === undefined && (this.equalities === undefined || this.equalities.length === 0);
  }

  test(doc: Doc): boolean {
    if (this.equalities) {
      for (const [path, key] of this.equalities) {
        if (!pathValues(doc, path).some((v) => keyOf(v) === key)) return false;
      }
      return true;
    }
    return this.query === undefined ? true : this.query.test(doc);
  }
}

function simpleEqualities(filter: Doc): Array<[string, string]> | undefined {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$')) return undefined;
    let value = v;
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (keys.length !== 1 || keys[0] !== '$eq') return undefined;
      value = v.$eq;
    }
    if (!isSimpleScalar(value)) return undefined;
    out.push([k, keyOf(value)]);
  }
  return out;
}

export type SortSpec = Array<[string, 1 | -1]>;

export function parseSort(sort: unknown): SortSpec | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (!isPlainObject(sort)) throw badValue('sort must be an object');
  const out: SortSpec = [];
  for (const [k, v] of Object.entries(sort)) {
    if (isPlainObject(v)) throw notImplemented(`sort by ${JSON.stringify(v)}`);
    const n = Number(v);
    if (n !== 1 && n !== -1) throw badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    out.push([k, n]);
  }
  return out.length ? out : undefined;
}

function sortKey(doc: Doc, path: string, dir: 1 | -1): unknown {
  const values = pathValues(doc, path);
  if (values.length === 1) return values[0];
  let best = values[0];
  for (const v of values) {
    const c = compareValues(v, best);
    if ((dir === 1 && c < 0) || (dir === -1 && c > 0)) best = v;
  }
  return best;
}

/** Stable sort in MongoDB order (arrays sort by their smallest element ascending, largest descending). */
export function sortDocs(docs: Doc[], spec: SortSpec): Doc[] {
  const keyed = docs.map((d) => ({ d, k: spec.map(([p, dir]) => sortKey(d, p, dir)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < spec.length; i++) {
      const c = compareValues(a.k[i], b.k[i]);
      if (c !== 0) return c * spec[i][1];
    }
    return 0;
  });
  return keyed.map((x) => x.d);
}

/** Validates a find projection before use. */
export function validateProjection(projection: unknown): Doc | undefined {
  if (projection === undefined || projection === null) return undefined;
  if (!isPlainObject(projection)) throw badValue('projection must be an object');
  if (Object.keys(projection).length === 0) return undefined;
  for (const [k, v] of Object.entries(projection)) {
    if (k.startsWith('$')) throw badValue(`FieldPath field names may not start with '$'. Given: ${k}`);
    if (isPlainObject(v)) {
      const op = Object.keys(v)[0];
      if (op === '$meta') throw notImplemented('projection $meta');
      validateExpression(v);
    }
  }
  return projection;
}

/** Applies a projection to copies of `docs` (mingo's projection may modify its input in place). */
export function project(docs: Doc[], projection: Doc, filter: Doc): Doc[] {
  const copies = docs.map(cloneDeep);
  const needsQuery = Object.keys(projection).some((k) => k.endsWith('.$'));
  return new Query(needsQuery ? filter : {}, mingoOptions()).find(copies, projection).all() as Doc[];
}

const STAGES_OK = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$densify',
  '$facet',
  '$fill',
  '$graphLookup',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$project',
  '$redact',
  '$replaceRoot',
  '$replaceWith',
  '$sample',
  '$set',
  '$setWindowFields',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unionWith',
  '$unset',
  '$unwind',
]);
const STAGES_UNSUPPORTED = new Set([
  '$out',
  '$merge',
  '$geoNear',
  '$changeStream',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$planCacheStats',
  '$listSearchIndexes',
  '$changeStreamSplitLargeEvent',
  '$listSampledQueries',
  '$shardedDataDistribution',
  '$queryStats',
  '$documents',
  '$listClusterCatalog',
  '$rankFusion',
  '$scoreFusion',
]);
/** Stages allowed in a pipeline-style update. */
export const UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

export function validatePipeline(pipeline: unknown, allowed: ReadonlySet<string> = STAGES_OK): Doc[] {
  if (!Array.isArray(pipeline)) throw new MongoCommandError(14, `'pipeline' option must be specified as an array`);
  for (const stage of pipeline) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
      throw new MongoCommandError(40323, 'A pipeline stage specification object must contain exactly one field.');
    }
    const [name, spec] = Object.entries(stage)[0];
    if (STAGES_UNSUPPORTED.has(name)) throw notImplemented(`aggregation stage ${name}`);
    if (!STAGES_OK.has(name)) throw new MongoCommandError(40324, `Unrecognized pipeline stage name: '${name}'`);
    if (!allowed.has(name)) {
      throw new MongoCommandError(72, `${name} is not allowed to be used within an update`);
    }
    switch (name) {
      case '$match':
        validateFilter(spec, '$match');
        break;
      case '$lookup':
      case '$unionWith':
        if (isPlainObject(spec) && spec.pipeline !== undefined) validatePipeline(spec.pipeline);
        if (isPlainObject(spec)) validateExpression(spec.let);
        break;
      case '$facet':
        if (!isPlainObject(spec)) throw badValue('$facet must be an object');
        for (const sub of Object.values(spec)) validatePipeline(sub);
        break;
      case '$sort':
        parseSort(spec);
        break;
      default:
        validateExpression(spec);
        break;
    }
  }
  return pipeline as Doc[];
}

/** Runs a validated pipeline over documents the caller owns (they may be modified). */
export function runPipeline(docs: Doc[], pipeline: Doc[], resolveCollection: (name: string) => Doc[], variables?: Doc): Doc[] {
  const cache = new Map<string, Doc[]>();
  const collectionResolver = (name: string): Doc[] => {
    let c = cache.get(name);
    if (!c) {
      c = resolveCollection(name).map(cloneDeep);
      cache.set(name, c);
    }
    return c;
  };
  const agg = new Aggregator(pipeline, mingoOptions({ collectionResolver, ...(variables ? { variables } : {}) }));
  return agg.run(docs) as Doc[];
}
