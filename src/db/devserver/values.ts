/**
 * Value helpers for documents decoded by `bson` (with `useBigInt64`: int64 ⇒ bigint; int32/double ⇒ number;
 * ObjectId, Decimal128, Binary, Timestamp… stay bson class instances, which we treat as immutable values).
 */
import { ObjectId } from 'bson';

export type Doc = Record<string, unknown>;

/** The `_bsontype` tag of a bson class instance, if any. */
export function bsonType(v: unknown): string | undefined {
  if (v !== null && typeof v === 'object') {
    const t = (v as { _bsontype?: unknown })._bsontype;
    if (typeof t === 'string') return t;
  }
  return undefined;
}

/** A plain document (not an array, Date, RegExp, Buffer or bson value). */
export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v) || v instanceof Date || v instanceof RegExp || ArrayBuffer.isView(v)) return false;
  if (bsonType(v) !== undefined) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Deep clone of plain objects, arrays, Dates and byte arrays; bson value instances are shared (immutable). */
export function cloneDeep<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(cloneDeep) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (ArrayBuffer.isView(v)) return (v as unknown as Uint8Array).slice() as unknown as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = cloneDeep(v[k]);
    return out as T;
  }
  return v;
}

export function isNumeric(v: unknown): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}

/** Number from a command argument that may arrive as int32, double or int64 (bigint / Long). */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const t = bsonType(v);
  if (t === 'Long' || t === 'Int32' || t === 'Double') return Number((v as { valueOf(): unknown }).valueOf());
  return undefined;
}

/** Numeric string for equality keys: 5, 5n and 5.0 give the same key. */
function numberKey(v: number | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  if (Number.isNaN(v)) return 'NaN';
  if (Number.isInteger(v) && Math.abs(v) < 2 ** 63) return BigInt(v).toString();
  return String(v);
}

/**
 * The same ASCII string as one flat piece. V8 keeps a concatenation of 13 characters or more (`'o' + hex`, and
 * bson's `toHexString` itself) as a tree of pieces: eight string objects for an ObjectId key instead of one, held
 * by the store's maps for as long as the document lives (in a large store, most of what a major collection marks).
 */
function flatAscii(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'latin1').toString('latin1');
}

/**
 * Canonical string of a value: equal under MongoDB equality ⇔ equal strings (numbers compare across types,
 * embedded documents are field-order sensitive as in MongoDB; missing and null are the same key, as in indexes).
 */
export function keyOf(v: unknown): string {
  switch (typeof v) {
    case 'undefined':
      return 'N';
    case 'number':
    case 'bigint':
      return flatAscii(`n${numberKey(v)}`);
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'T' : 'F';
    default:
      break;
  }
  if (v === null) return 'N';
  if (Array.isArray(v)) return `[${v.map(keyOf).join(',')}]`;
  if (v instanceof Date) return flatAscii(`d${v.getTime()}`);
  if (v instanceof RegExp) return `r/${v.source}/${v.flags}`;
  if (ArrayBuffer.isView(v)) return `x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}`;
  const t = bsonType(v);
  if (t !== undefined) {
    switch (t) {
      case 'ObjectId':
        return flatAscii(`o${(v as ObjectId).toHexString()}`);
      case 'Long':
      case 'Int32':
      case 'Double':
        return flatAscii(`n${numberKey(Number((v as { valueOf(): unknown }).valueOf()))}`);
      case 'Decimal128': {
        const s = String(v);
        const n = Number(s);
        return Number.isFinite(n) && String(n) === s ? `n${numberKey(n)}` : `D${s}`;
      }
      case 'Binary': {
        const b = v as { sub_type: number; buffer: Uint8Array };
        return `x${b.sub_type}:${Buffer.from(b.buffer).toString('base64')}`;
      }
      default:
        return `${t}:${JSON.stringify(v)}`;
    }
  }
  const o = v as Doc;
  return `{${Object.keys(o)
    .map((k) => `${JSON.stringify(k)}:${keyOf(o[k])}`)
    .join(',')}}`;
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return keyOf(a) === keyOf(b);
}

/** MongoDB's cross-type sort order (simplified to the types this server stores). */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
    default:
      break;
  }
  if (Array.isArray(v)) return 6;
  if (v instanceof Date) return 10;
  if (v instanceof RegExp) return 12;
  if (ArrayBuffer.isView(v)) return 7;
  switch (bsonType(v)) {
    case undefined:
      return 5;
    case 'MinKey':
      return 1;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return 3;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'MaxKey':
      return 13;
    default:
      return 5;
  }
}

function asNumber(v: unknown): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  return Number(String((v as { valueOf(): unknown }).valueOf()));
}

/** Compares two values in MongoDB order; returns <0, 0, >0. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 2:
      return 0;
    case 3: {
      const x = asNumber(a);
      const y = asNumber(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 4:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 9:
      return Number(a) - Number(b);
    case 10:
      return (a as Date).getTime() - (b as Date).getTime();
    case 8: {
      const x = (a as ObjectId).toHexString();
      const y = (b as ObjectId).toHexString();
      return x === y ? 0 : x < y ? -1 : 1;
    }
    case 6: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 5: {
      const x = a as Doc;
      const y = b as Doc;
      const kx = Object.keys(x);
      const ky = Object.keys(y);
      for (let i = 0; i < Math.min(kx.length, ky.length); i++) {
        const c = compareValues(x[kx[i]], y[ky[i]]);
        if (c !== 0) return c;
        if (kx[i] !== ky[i]) return kx[i] < ky[i] ? -1 : 1;
      }
      return kx.length - ky.length;
    }
    default: {
      const x = keyOf(a);
      const y = keyOf(b);
      return x === y ? 0 : x < y ? -1 : 1;
    }
  }
}

/** mongod's shell-like rendering of a value in error messages: `"x"`, `ObjectId('…')`, `new Date(…)`, `{ a: 1 }`. */
export function formatValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof RegExp) return String(v);
  const t = bsonType(v);
  if (t === 'ObjectId') return `ObjectId('${(v as ObjectId).toHexString()}')`;
  if (t !== undefined) return `${t}(${JSON.stringify(String(v))})`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) return '{}';
    return `{ ${keys.map((k) => `${k}: ${formatValue(v[k])}`).join(', ')} }`;
  }
  return String(v);
}

/** mongod's type names, for TypeMismatch messages. */
export function typeName(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) && Math.abs(v) <= 0x7fffffff ? 'int' : 'double';
    case 'bigint':
      return 'long';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      break;
  }
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (ArrayBuffer.isView(v)) return 'binData';
  const t = bsonType(v);
  if (t === 'ObjectId') return 'objectId';
  if (t === 'Decimal128') return 'decimal';
  if (t === 'Binary') return 'binData';
  if (t === 'Timestamp') return 'timestamp';
  if (t !== undefined) return t.toLowerCase();
  return 'object';
}

/**
 * All values a dotted path reaches in a document, expanding arrays like MongoDB index keys do
 * (multikey): `a.b` over `{a: [{b: 1}, {b: 2}]}` gives [1, 2]; an array leaf gives its elements; an empty array
 * leaf or a missing field gives [undefined].
 */
export function pathValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out.length === 0 ? [undefined] : out;
}

function collect(v: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(undefined);
      else out.push(...v);
    } else out.push(v);
    return;
  }
  if (Array.isArray(v)) {
    const p = parts[i];
    if (/^\d+$/.test(p) && Number(p) < v.length) collect(v[Number(p)], parts, i + 1, out);
    for (const e of v) if (isPlainObject(e)) collect(e, parts, i, out);
    return;
  }
  if (isPlainObject(v)) {
    collect(v[parts[i]], parts, i + 1, out);
    return;
  }
  out.push(undefined);
}

/** The value at a dotted path without array expansion (numeric parts index arrays). */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const p of path.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(p)) cur = cur[Number(p)];
    else if (isPlainObject(cur)) cur = cur[p];
    else return undefined;
  }
  return cur;
}

/** Sets a dotted path in a plain document, creating embedded documents on the way. */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]];
    if (!isPlainObject(next)) cur[parts[i]] = {};
    cur = cur[parts[i]] as Doc;
  }
  cur[parts[parts.length - 1]] = value;
}

/**
 * A value whose MongoDB equality is exactly canonical-key equality (so an index lookup or a key comparison
 * decides a match): strings, booleans, numbers (not NaN), int64, Dates and ObjectIds.
 */
export function isSimpleScalar(v: unknown): boolean {
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return true;
  if (typeof v === 'number') return !Number.isNaN(v);
  if (v instanceof Date) return true;
  return bsonType(v) === 'ObjectId';
}

export function newObjectId(): ObjectId {
  return new ObjectId();
}
