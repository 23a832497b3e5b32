import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openLocalDatabase, type LocalDatabase } from '../../scripts/local-database';
import { ADMIN_URL } from './database';
import { freePort } from './ports';

declare global {
  var __citipartTestDatabase: { database: LocalDatabase; dir: string } | undefined;
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * The tests need a real PostgreSQL. They use TEST_DATABASE_URL, or the server on
 * 127.0.0.1:5432; on a machine that has neither, an embedded PostgreSQL is started for the
 * run (workers inherit TEST_DATABASE_URL) and stopped at the end.
 */
export default async function globalSetup(): Promise<void> {
  if (await reachable(ADMIN_URL)) return;
  if (process.env.TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL does not answer');
  const dir = await mkdtemp(join(tmpdir(), 'citipart-test-pg-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  const database = await openLocalDatabase({ dataDir: dir, port });
  globalThis.__citipartTestDatabase = { database, dir };
  process.env.TEST_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}
