/**
 * MongoDB wire protocol framing: OP_MSG (2013) both ways, legacy OP_QUERY (2004) in and OP_REPLY (1) out for the
 * handshake of old clients. OP_COMPRESSED is never negotiated (hello advertises no compressors).
 * https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/
 */
import { deserialize, serialize, calculateObjectSize } from 'bson';
import type { Doc } from './values';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MSG_CHECKSUM_PRESENT = 1 << 0;
export const MSG_MORE_TO_COME = 1 << 1;
export const MSG_EXHAUST_ALLOWED = 1 << 16;

export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE = 48_000_000;

/** How incoming BSON is decoded everywhere in the server: int64 ⇒ bigint so it round-trips as int64. */
export const DESERIALIZE_OPTIONS = { useBigInt64: true } as const;

export function decode(buf: Uint8Array): Doc {
  return deserialize(buf, DESERIALIZE_OPTIONS) as Doc;
}

export function encode(doc: Doc): Buffer {
  return Buffer.from(serialize(doc, { ignoreUndefined: true }));
}

export function bsonSize(doc: Doc): number {
  return calculateObjectSize(doc, { ignoreUndefined: true });
}

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export type IncomingMessage =
  | { kind: 'msg'; header: MessageHeader; flags: number; body: Doc }
  | { kind: 'query'; header: MessageHeader; flags: number; collection: string; skip: number; limit: number; query: Doc }
  | { kind: 'unsupported'; header: MessageHeader };

export class ProtocolError extends Error {}

/** Reads one complete message (header included) from `buf`. Document sequences are folded into the body. */
export function parseMessage(buf: Buffer): IncomingMessage {
  const header: MessageHeader = {
    length: buf.readInt32LE(0),
    requestId: buf.readInt32LE(4),
    responseTo: buf.readInt32LE(8),
    opCode: buf.readInt32LE(12),
  };
  if (header.opCode === OP_MSG) {
    const flags = buf.readUInt32LE(16);
    const end = flags & MSG_CHECKSUM_PRESENT ? header.length - 4 : header.length;
    let off = 20;
    let body: Doc | undefined;
    const sequences: Array<[string, Doc[]]> = [];
    while (off < end) {
      const kind = buf[off];
      off += 1;
      if (kind === 0) {
        const size = buf.readInt32LE(off);
        body = decode(buf.subarray(off, off + size));
        off += size;
      } else if (kind === 1) {
        const size = buf.readInt32LE(off);
        const sectionEnd = off + size;
        let p = off + 4;
        const nul = buf.indexOf(0, p);
        if (nul < 0 || nul >= sectionEnd) throw new ProtocolError('bad document sequence identifier');
        const id = buf.toString('utf8', p, nul);
        p = nul + 1;
        const docs: Doc[] = [];
        while (p < sectionEnd) {
          const dsize = buf.readInt32LE(p);
          docs.push(decode(buf.subarray(p, p + dsize)));
          p += dsize;
        }
        sequences.push([id, docs]);
        off = sectionEnd;
      } else {
        throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!body) throw new ProtocolError('OP_MSG without a body section');
    for (const [id, docs] of sequences) body[id] = docs;
    return { kind: 'msg', header, flags, body };
  }
  if (header.opCode === OP_QUERY) {
    const flags = buf.readInt32LE(16);
    const nul = buf.indexOf(0, 20);
    const collection = buf.toString('utf8', 20, nul);
    let off = nul + 1;
    const skip = buf.readInt32LE(off);
    const limit = buf.readInt32LE(off + 4);
    off += 8;
    const size = buf.readInt32LE(off);
    const query = decode(buf.subarray(off, off + size));
    return { kind: 'query', header, flags, collection, skip, limit, query };
  }
  return { kind: 'unsupported', header };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.allocUnsafe(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** OP_MSG reply with a single body section. */
export function buildMsgReply(requestId: number, responseTo: number, body: Doc): Buffer {
  const bson = encode(body);
  const flagsAndKind = Buffer.alloc(5);
  return Buffer.concat([header(16 + 5 + bson.length, requestId, responseTo, OP_MSG), flagsAndKind, bson]);
}

/** OP_REPLY carrying one document (answer to a legacy OP_QUERY). */
export function buildOpReply(requestId: number, responseTo: number, doc: Doc, responseFlags = 0): Buffer {
  const bson = encode(doc);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(responseFlags, 0);
  fields.writeBigInt64LE(0n, 4);
  fields.writeInt32LE(0, 12);
  fields.writeInt32LE(1, 16);
  return Buffer.concat([header(16 + 20 + bson.length, requestId, responseTo, OP_REPLY), fields, bson]);
}
