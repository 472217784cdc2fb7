/**
 * Update operators, implemented here rather than with mingo's updater because mongod's type errors must be raised
 * (mingo silently ignores `$inc` on a string, `$set` through a scalar, …).
 */
import { Query } from 'mingo';
import { Timestamp } from 'bson';
import { badValue, MongoCommandError, notImplemented } from './errors';
import { mingoOptions, runPipeline, UPDATE_STAGES, validateFilter, validatePipeline } from './query';
import { cloneDeep, compareValues, formatValue, isNumeric, isPlainObject, keyOf, setPath, typeName, valuesEqual, type Doc } from './values';

const MODIFIERS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$setOnInsert',
  '$currentDate',
  '$push',
  '$addToSet',
  '$pop',
  '$pull',
  '$pullAll',
  '$bit',
]);

export type UpdateSpec = { kind: 'modifiers'; ops: Array<[string, Doc]> } | { kind: 'replacement'; doc: Doc } | { kind: 'pipeline'; stages: Doc[] };

/** Classifies and validates the `u` of an update statement (mongod's parse-time errors). */
export function parseUpdate(u: unknown): UpdateSpec {
  if (Array.isArray(u)) return { kind: 'pipeline', stages: validatePipeline(u, UPDATE_STAGES) };
  if (!isPlainObject(u)) throw new MongoCommandError(9, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  if (keys.length === 0 || !keys[0].startsWith('$')) {
    for (const k of keys) {
      if (k.startsWith('$')) {
        throw new MongoCommandError(
          52,
          `The dollar ($) prefixed field '${k}' in '${k}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
        );
      }
    }
    return { kind: 'replacement', doc: u };
  }
  const ops: Array<[string, Doc]> = [];
  for (const k of keys) {
    if (!MODIFIERS.has(k)) {
      throw new MongoCommandError(9, `Unknown modifier: ${k}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    const arg = u[k];
    if (!isPlainObject(arg)) {
      throw new MongoCommandError(
        9,
        `Modifiers operate on fields but we found type ${typeName(arg)} instead. For example: {$mod: {<field>: ...}} not {${k}: ${formatValue(arg)}}`,
      );
    }
    for (const path of Object.keys(arg)) {
      if (path === '' || path.split('.').some((p) => p === '')) {
        throw new MongoCommandError(56, `An empty update path is not valid.`);
      }
    }
    ops.push([k, arg]);
  }
  checkConflicts(ops);
  return { kind: 'modifiers', ops };
}

function checkConflicts(ops: Array<[string, Doc]>): void {
  const paths: string[] = [];
  for (const [op, arg] of ops) {
    for (const p of Object.keys(arg)) {
      paths.push(p);
      if (op === '$rename') paths.push(String(arg[p]));
    }
  }
  const norm = paths.map((p) => p.split('.').map((s) => (s.startsWith('$') ? '$' : s)));
  for (let i = 0; i < norm.length; i++) {
    for (let j = i + 1; j < norm.length; j++) {
      const a = norm[i];
      const b = norm[j];
      const n = Math.min(a.length, b.length);
      let prefix = true;
      for (let x = 0; x < n; x++) if (a[x] !== b[x]) prefix = false;
      if (prefix) {
        throw new MongoCommandError(40, `Updating the path '${paths[j]}' would create a conflict at '${paths[i]}'`);
      }
    }
  }
}

export interface UpdateContext {
  /** The statement's filter (for the positional `$` operator). */
  query: Doc;
  arrayFilters?: Doc[];
  /** True when building an upserted document ($setOnInsert applies). */
  isInsert: boolean;
  variables?: Doc;
}

/**
 * Applies an update to `doc` and returns the resulting document (a new object; `doc` is not modified).
 * Throws mongod's errors for type mismatches, impossible paths and `_id` changes.
 */
export function applyUpdate(doc: Doc, spec: UpdateSpec, ctx: UpdateContext): Doc {
  let out: Doc;
  if (spec.kind === 'replacement') {
    out = {};
    if (doc._id !== undefined) out._id = doc._id;
    for (const [k, v] of Object.entries(spec.doc)) if (k !== '_id' || doc._id === undefined) out[k] = cloneDeep(v);
    if (spec.doc._id !== undefined && doc._id !== undefined && !valuesEqual(spec.doc._id, doc._id)) {
      throw new MongoCommandError(
        66,
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(spec.doc._id)}`,
      );
    }
    return out;
  }
  if (spec.kind === 'pipeline') {
    const [res] = runPipeline([cloneDeep(doc)], spec.stages, () => [], ctx.variables);
    if (!res || !isPlainObject(res)) throw badValue('pipeline update did not produce a document');
    out = res;
  } else {
    out = cloneDeep(doc);
    const applier = new Applier(out, ctx);
    for (const [op, arg] of spec.ops) applier.apply(op, arg);
  }
  if (doc._id !== undefined && !valuesEqual(doc._id, out._id)) {
    throw new MongoCommandError(66, `Performing an update on the path '_id' would modify the immutable field '_id'`);
  }
  return out;
}

type Container = Doc | unknown[];

function isIndex(p: string): boolean {
  return /^\d+$/.test(p);
}

function getChild(c: Container, key: string): unknown {
  if (Array.isArray(c)) return isIndex(key) ? c[Number(key)] : undefined;
  return c[key];
}

class Applier {
  private positional: number | undefined;

  constructor(
    private readonly doc: Doc,
    private readonly ctx: UpdateContext,
  ) {}

  apply(op: string, arg: Doc): void {
    for (const [path, value] of Object.entries(arg)) {
      if (op === '$setOnInsert' && !this.ctx.isInsert) continue;
      if (op === '$rename') {
        this.rename(path, value);
        continue;
      }
      const creates = !['$unset', '$pop', '$pull', '$pullAll'].includes(op);
      for (const parts of this.expand(path.split('.'), creates)) {
        const target = this.resolve(parts, creates, path);
        if (!target) continue;
        const [container, key] = target;
        this.applyOne(op, container, key, value, path);
      }
    }
  }

  /** Expands positional parts (`$`, `$[]`, `$[id]`) into concrete paths. */
  private expand(parts: string[], creates: boolean): string[][] {
    let paths: string[][] = [[]];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (!p.startsWith('$')) {
        for (const q of paths) q.push(p);
        continue;
      }
      const next: string[][] = [];
      for (const q of paths) {
        const arr = this.valueAt(q);
        if (p === '$') {
          next.push([...q, String(this.positionalIndex(parts.slice(0, i).join('.')))]);
          continue;
        }
        if (!Array.isArray(arr)) {
          if (arr === undefined && !creates) continue;
          throw new MongoCommandError(2, `The path '${q.join('.')}' must exist in the document in order to apply array updates.`);
        }
        if (p === '$[]') {
          for (let j = 0; j < arr.length; j++) next.push([...q, String(j)]);
          continue;
        }
        const m = /^\$\[([a-z][a-zA-Z0-9]*)\]$/.exec(p);
        if (!m) throw badValue(`Unknown positional or array update operator in path part '${p}'`);
        const test = this.arrayFilter(m[1]);
        for (let j = 0; j < arr.length; j++) if (test(arr[j])) next.push([...q, String(j)]);
      }
      paths = next;
    }
    return paths;
  }

  private arrayFilter(id: string): (v: unknown) => boolean {
    const filters = this.ctx.arrayFilters ?? [];
    const f = filters.find((af) => Object.keys(af).some((k) => k === id || k.startsWith(`${id}.`)));
    if (!f) {
      throw new MongoCommandError(2, `No array filter found for identifier '${id}' in path`);
    }
    const q = new Query(f, mingoOptions());
    return (v) => q.test({ [id]: v });
  }

  /** Index of the first array element the query matched, for `arr.$`. */
  private positionalIndex(arrayPath: string): number {
    if (this.positional !== undefined) return this.positional;
    const fail = (): never => {
      throw new MongoCommandError(2, 'The positional operator did not find the match needed from the query.');
    };
    if (this.ctx.isInsert) fail();
    const conditions: Doc = {};
    const gather = (f: Doc): void => {
      for (const [k, v] of Object.entries(f)) {
        if (k === '$and' && Array.isArray(v)) v.forEach((s) => isPlainObject(s) && gather(s));
        else if (k === arrayPath || k.startsWith(`${arrayPath}.`)) conditions[k] = v;
      }
    };
    gather(this.ctx.query);
    if (Object.keys(conditions).length === 0) fail();
    const arr = this.valueAt(arrayPath.split('.'));
    if (!Array.isArray(arr)) fail();
    const q = new Query(conditions, mingoOptions());
    const elems = arr as unknown[];
    for (let i = 0; i < elems.length; i++) {
      const probe: Doc = {};
      setPath(probe, arrayPath, [elems[i]]);
      if (q.test(probe)) {
        this.positional = i;
        return i;
      }
    }
    return fail();
  }

  private valueAt(parts: string[]): unknown {
    let cur: unknown = this.doc;
    for (const p of parts) {
      if (Array.isArray(cur) || isPlainObject(cur)) cur = getChild(cur, p);
      else return undefined;
    }
    return cur;
  }

  /** Walks to the parent of the last part, creating documents when `create`; throws mongod's PathNotViable. */
  private resolve(parts: string[], create: boolean, fullPath: string): [Container, string] | undefined {
    let cur: Container = this.doc;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i];
      let next = getChild(cur, p);
      if (next === undefined) {
        if (!create) return undefined;
        if (Array.isArray(cur) && !isIndex(p)) this.notViable(p, cur, parts.slice(0, i).join('.'));
        next = {};
        this.put(cur, p, next);
      } else if (!isPlainObject(next) && !Array.isArray(next)) {
        if (!create) return undefined;
        this.notViable(parts[i + 1], next, parts.slice(0, i + 1).join('.'));
      } else if (Array.isArray(next) && !isIndex(parts[i + 1])) {
        if (!create) return undefined;
        throw new MongoCommandError(28, `Cannot create field '${parts[i + 1]}' in element {${parts[i]}: ${formatValue(next)}}`);
      }
      cur = next as Container;
    }
    void fullPath;
    return [cur, parts[parts.length - 1]];
  }

  private notViable(field: string, element: unknown, path: string): never {
    const name = path.split('.').pop() || path;
    throw new MongoCommandError(28, `Cannot create field '${field}' in element {${name}: ${formatValue(element)}}`);
  }

  private put(c: Container, key: string, value: unknown): void {
    if (Array.isArray(c)) {
      const i = Number(key);
      while (c.length < i) c.push(null);
      c[i] = value;
    } else {
      c[key] = value;
    }
  }

  private idText(): string {
    return `{_id: ${formatValue(this.doc._id)}}`;
  }

  private applyOne(op: string, c: Container, key: string, value: unknown, path: string): void {
    const cur = getChild(c, key);
    const exists = Array.isArray(c) ? Number(key) < c.length : Object.prototype.hasOwnProperty.call(c, key);
    switch (op) {
      case '$set':
      case '$setOnInsert':
        this.put(c, key, cloneDeep(value));
        return;
      case '$unset':
        if (!exists) return;
        if (Array.isArray(c)) c[Number(key)] = null;
        else delete c[key];
        return;
      case '$inc':
      case '$mul': {
        const name = op === '$inc' ? 'increment' : 'multiply';
        if (!isNumeric(value)) {
          throw new MongoCommandError(14, `Cannot ${name} with non-numeric argument: {${path}: ${formatValue(value)}}`);
        }
        if (!exists) {
          this.put(c, key, op === '$inc' ? value : typeof value === 'bigint' ? 0n : 0);
          return;
        }
        if (!isNumeric(cur)) {
          throw new MongoCommandError(
            14,
            `Cannot apply ${op} to a value of non-numeric type. ${this.idText()} has the field '${key}' of non-numeric type ${typeName(cur)}`,
          );
        }
        this.put(c, key, arith(cur, value, op === '$inc' ? 'add' : 'mul'));
        return;
      }
      case '$min':
      case '$max': {
        if (!exists) {
          this.put(c, key, cloneDeep(value));
          return;
        }
        const cmp = compareValues(value, cur);
        if ((op === '$min' && cmp < 0) || (op === '$max' && cmp > 0)) this.put(c, key, cloneDeep(value));
        return;
      }
      case '$currentDate': {
        let type = 'date';
        if (isPlainObject(value)) {
          type = String(value.$type);
          if (type !== 'date' && type !== 'timestamp') {
            throw badValue(`The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}`);
          }
        } else if (typeof value !== 'boolean') {
          throw badValue(
            `${typeName(value)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`,
          );
        }
        const now = Date.now();
        this.put(c, key, type === 'date' ? new Date(now) : new Timestamp({ t: Math.floor(now / 1000), i: 1 }));
        return;
      }
      case '$push':
      case '$addToSet': {
        let items: unknown[] = [value];
        let mods: Doc = {};
        if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, '$each')) {
          if (!Array.isArray(value.$each))
            throw badValue(`The argument to $each in ${op} must be an array but it was of type: ${typeName(value.$each)}`);
          items = value.$each;
          mods = value;
          for (const m of Object.keys(mods)) {
            const allowed = op === '$push' ? ['$each', '$slice', '$sort', '$position'] : ['$each'];
            if (!allowed.includes(m)) badModifier(op, m);
          }
        }
        let arr: unknown[];
        if (!exists) arr = [];
        else if (Array.isArray(cur)) arr = cur;
        else {
          throw badValue(`The field '${key}' must be an array but is of type ${typeName(cur)} in document ${this.idText()}`);
        }
        if (op === '$addToSet') {
          const keys = new Set(arr.map(keyOf));
          for (const it of items) {
            const k = keyOf(it);
            if (!keys.has(k)) {
              keys.add(k);
              arr.push(cloneDeep(it));
            }
          }
        } else {
          const pos = mods.$position === undefined ? arr.length : Number(mods.$position);
          const at = pos < 0 ? Math.max(0, arr.length + pos) : Math.min(pos, arr.length);
          arr.splice(at, 0, ...items.map(cloneDeep));
          if (mods.$sort !== undefined) sortArray(arr, mods.$sort);
          if (mods.$slice !== undefined) {
            const n = Number(mods.$slice);
            const sliced = n >= 0 ? arr.slice(0, n) : arr.slice(Math.max(0, arr.length + n));
            arr.length = 0;
            arr.push(...sliced);
          }
        }
        this.put(c, key, arr);
        return;
      }
      case '$pop': {
        if (!exists) return;
        if (!Array.isArray(cur)) {
          throw new MongoCommandError(14, `Path '${path}' contains an element of non-array type '${typeName(cur)}'`);
        }
        const n = Number(value);
        if (n !== 1 && n !== -1) throw new MongoCommandError(9, `$pop expects 1 or -1, found: ${formatValue(value)}`);
        if (n === 1) cur.pop();
        else cur.shift();
        return;
      }
      case '$pull':
      case '$pullAll': {
        if (!exists) return;
        if (!Array.isArray(cur)) throw badValue(`Cannot apply ${op} to a non-array value`);
        let keep: (v: unknown) => boolean;
        if (op === '$pullAll') {
          if (!Array.isArray(value)) throw badValue(`$pullAll requires an array argument but was given a ${typeName(value)}`);
          const keys = new Set(value.map(keyOf));
          keep = (v) => !keys.has(keyOf(v));
        } else {
          keep = pullPredicate(value);
        }
        const kept = cur.filter(keep);
        cur.length = 0;
        cur.push(...kept);
        return;
      }
      case '$bit': {
        if (!isPlainObject(value)) throw badValue(`The $bit modifier is not compatible with a ${typeName(value)}`);
        let n: unknown = exists ? cur : 0;
        if (typeof n !== 'number' && typeof n !== 'bigint') {
          throw badValue(
            `Cannot apply $bit to a value of non-integral type.${this.idText()} has the field ${key} of non-integer type ${typeName(n)}`,
          );
        }
        for (const [bop, operand] of Object.entries(value)) {
          if (typeof operand !== 'number' && typeof operand !== 'bigint') throw badValue(`The $bit modifier field must be an Integer(32/64 bit)`);
          const big = typeof n === 'bigint' || typeof operand === 'bigint';
          const a = big ? BigInt(n as number) : (n as number);
          const b = big ? BigInt(operand) : operand;
          if (bop === 'and') n = big ? (a as bigint) & (b as bigint) : (a as number) & (b as number);
          else if (bop === 'or') n = big ? (a as bigint) | (b as bigint) : (a as number) | (b as number);
          else if (bop === 'xor') n = big ? (a as bigint) ^ (b as bigint) : (a as number) ^ (b as number);
          else throw badValue(`The $bit modifier only supports 'and', 'or', and 'xor', not '${bop}'`);
        }
        this.put(c, key, n);
        return;
      }
      default:
        throw notImplemented(`update operator ${op}`);
    }
  }

  private rename(from: string, to: unknown): void {
    if (typeof to !== 'string' || to === '') throw badValue(`The 'to' field for $rename must be a string: ${from}: ${formatValue(to)}`);
    if (from === to) throw badValue(`The source and target field for $rename must differ: ${from}: "${to}"`);
    if (from.includes('$') || to.includes('$')) throw badValue(`The source and target field for $rename must not contain positional operators`);
    const src = this.resolve(from.split('.'), false, from);
    if (!src) return;
    const [c, key] = src;
    if (Array.isArray(c))
      throw badValue(`The source field cannot be an array element, '${from}' in doc with ${this.idText()} has an array field called '${key}'`);
    if (!Object.prototype.hasOwnProperty.call(c, key)) return;
    const value = c[key];
    delete c[key];
    const dst = this.resolve(to.split('.'), true, to);
    if (!dst) return;
    if (Array.isArray(dst[0])) throw badValue(`The destination field cannot be an array element, '${to}'`);
    this.put(dst[0], dst[1], value);
  }
}

function badModifier(op: string, m: string): never {
  throw badValue(`Unrecognized clause in ${op}: ${m}`);
}

function arith(a: number | bigint, b: number | bigint, kind: 'add' | 'mul'): number | bigint {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = typeof a === 'bigint' ? a : Number.isInteger(a) ? BigInt(a) : undefined;
    const y = typeof b === 'bigint' ? b : Number.isInteger(b) ? BigInt(b) : undefined;
    if (x === undefined || y === undefined) return kind === 'add' ? Number(a) + Number(b) : Number(a) * Number(b);
    return kind === 'add' ? x + y : x * y;
  }
  return kind === 'add' ? a + b : a * b;
}

function sortArray(arr: unknown[], spec: unknown): void {
  if (typeof spec === 'number') {
    arr.sort((x, y) => compareValues(x, y) * (spec < 0 ? -1 : 1));
    return;
  }
  if (!isPlainObject(spec)) throw badValue('The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields');
  const fields = Object.entries(spec).map(([k, v]) => [k, Number(v) < 0 ? -1 : 1] as const);
  arr.sort((x, y) => {
    for (const [k, dir] of fields) {
      const a = isPlainObject(x) ? x[k] : undefined;
      const b = isPlainObject(y) ? y[k] : undefined;
      const c = compareValues(a, b);
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}

/** `$pull` condition: a query on each element (documents or operator expressions) or plain equality. */
function pullPredicate(cond: unknown): (v: unknown) => boolean {
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    const isOps = keys.length > 0 && keys[0].startsWith('$') && !['$and', '$or', '$nor'].includes(keys[0]);
    if (isOps) {
      validateFilter({ v: cond });
      const q = new Query({ v: cond }, mingoOptions());
      return (v) => !q.test({ v });
    }
    validateFilter(cond);
    const q = new Query(cond, mingoOptions());
    return (v) => !(isPlainObject(v) && q.test(v));
  }
  const k = keyOf(cond);
  return (v) => keyOf(v) !== k;
}

/**
 * The document an upsert starts from: the filter's equality conditions (`{a: 1}`, `{a: {$eq: 1}}`, inside `$and`),
 * with dotted paths expanded.
 */
export function upsertSeed(filter: Doc): Doc {
  const seed: Doc = {};
  const visit = (f: Doc): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const s of v) if (isPlainObject(s)) visit(s);
        continue;
      }
      if (k.startsWith('$')) continue;
      if (isPlainObject(v)) {
        const keys = Object.keys(v);
        if (keys.length > 0 && keys[0].startsWith('$')) {
          if (Object.prototype.hasOwnProperty.call(v, '$eq')) setPath(seed, k, cloneDeep(v.$eq));
          continue;
        }
      }
      if (v instanceof RegExp) continue;
      setPath(seed, k, cloneDeep(v));
    }
  };
  visit(filter);
  return seed;
}
