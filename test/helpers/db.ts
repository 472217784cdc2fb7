/**
 * Shared test database helper.
 *
 * - If `MONGODB_URI` is set, tests run against that server (a real MongoDB), so the same persistence tests
 *   prove the app against the real thing.
 * - Otherwise an in-memory dev server (src/db/devserver) is started inside the jest worker. Jest gives every test
 *   file its own module registry, so the server lives as long as the test file that started it; starting one costs
 *   a few milliseconds.
 *
 * Every call gets its own database name, so test files (and parallel workers) never see each other's data.
 *
 * Usage:
 *   let db: TestDb;
 *   beforeAll(async () => { db = await connectTestDb(); });
 *   afterAll(async () => { await db.close(); });
 */
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { startDevServer, type DevServer } from '../../src/db/devserver';

export interface TestDb {
  /** Server address without database name, e.g. mongodb://127.0.0.1:40123 */
  uri: string;
  /** The unique database this test file uses. */
  dbName: string;
  /** mongoose's default connection (the one `mongoose.model(...)` uses), connected to `dbName`. */
  connection: mongoose.Connection;
  /** Drops the database, disconnects mongoose and stops the dev server if this helper started it. */
  close(): Promise<void>;
}

let server: DevServer | undefined;
let users = 0;

/** True when tests run against an external MongoDB given by MONGODB_URI (devserver-only tests should skip). */
export const usingExternalMongo = Boolean(process.env.MONGODB_URI);

function uniqueDbName(): string {
  const worker = process.env.JEST_WORKER_ID ?? '0';
  return `test_${worker}_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

async function acquireUri(): Promise<string> {
  const external = process.env.MONGODB_URI;
  if (external) return external;
  if (!server) server = await startDevServer({ port: 0 });
  users += 1;
  return server.uri;
}

async function releaseServer(): Promise<void> {
  if (process.env.MONGODB_URI || !server) return;
  users -= 1;
  if (users <= 0) {
    const s = server;
    server = undefined;
    users = 0;
    await s.close();
  }
}

/** Connects mongoose's default connection to a fresh database for this test file. */
export async function connectTestDb(): Promise<TestDb> {
  const uri = await acquireUri();
  const dbName = uniqueDbName();
  try {
    await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 5000 });
  } catch (err) {
    await releaseServer();
    throw err;
  }
  const connection = mongoose.connection;
  let closed = false;
  return {
    uri: uri.replace(/\/+$/, ''),
    dbName,
    connection,
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (connection.readyState === 1) await connection.dropDatabase();
      } finally {
        await mongoose.disconnect();
        await releaseServer();
      }
    },
  };
}

/** Gives the calling test file its own database for all its tests (connected before, dropped after). */
export function useTestDb(): void {
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
}
