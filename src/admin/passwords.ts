/**
 * Password hashing with scrypt (built into Node: memory-hard and slow, no native add-on to install), and the
 * strength check for new passwords (zxcvbn-ts: dictionaries of common passwords, keyboard patterns, sequences).
 * Stored form: `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`, so the cost can be raised later and old hashes
 * still verify (and are re-hashed at the next login).
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

type Cost = { N: number; r: number; p: number };

/** Current cost: OWASP's recommendation for scrypt, N=2^17, r=8, p=1 (128 MiB, roughly 0.3 s per hash here). */
export const SCRYPT_COST: Cost = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });
const KEY_LENGTH = 32;

/** Memory scrypt needs is about 128·r·(N + p + 2) bytes; Node refuses above `maxmem` (32 MiB by default). */
const maxmemFor = ({ N, r, p }: Cost) => 128 * r * (N + p + 2) + 1024 * 1024;

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string, cost: Cost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem: maxmemFor(cost) });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. Constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await scrypt(password.normalize('NFC'), salt, expected.length, { N, r, p, maxmem: maxmemFor({ N, r, p }) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash was made with a lower cost than today's. */
export function needsRehash(stored: string): boolean {
  const [, N, r, p] = stored.split('$');
  return Number(N) < SCRYPT_COST.N || Number(r) < SCRYPT_COST.r || Number(p) < SCRYPT_COST.p;
}

/** A hash of a random password, verified against when the username is unknown (same time either way). */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(12).toString('hex')));
}

/** The estimator, built on first use (its dictionaries take a few MB). */
let estimator: ZxcvbnFactory | undefined;
function strength(): ZxcvbnFactory {
  return (estimator ??= new ZxcvbnFactory({ dictionary: { ...zxcvbnCommon.dictionary }, graphs: zxcvbnCommon.adjacencyGraphs }));
}

/** zxcvbn's score (0–4) a new password must reach: 3 = "safely unguessable" (about 10^8 guesses or more). */
export const MIN_PASSWORD_SCORE = 3;

/** Words of this deployment an attacker would try first (the centre's names). */
const LOCAL_WORDS = ['chaeson', 'jaeson', 'chae son', 'lampang', 'admin', 'staff', 'แจ้ซ้อน', 'ลำปาง', 'เมืองปาน'];

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `รหัสผ่านต้องยาวอย่างน้อย ${MIN_PASSWORD_LENGTH} ตัวอักษร`;
  if (password.length > 200) return 'รหัสผ่านยาวเกินไป';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'รหัสผ่านต้องไม่มีชื่อผู้ใช้อยู่ในนั้น';
  const userInputs = username ? [...LOCAL_WORDS, username] : LOCAL_WORDS;
  // Long passphrases are strong enough by length; the estimator's cost grows with length, so it sees the first 100.
  if (strength().check(password.slice(0, 100), userInputs).score < MIN_PASSWORD_SCORE) {
    return 'รหัสผ่านนี้เดาง่ายเกินไป (เป็นรหัสที่ใช้กันบ่อย หรือเป็นตัวเลข/ตัวอักษรเรียงกัน) กรุณาใช้หลายคำต่อกัน เช่น ชื่อสิ่งของ 3 อย่างกับตัวเลข';
  }
  return undefined;
}
