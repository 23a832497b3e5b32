import { createHash, randomBytes } from 'node:crypto';
import { link, readFile, readdir, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { folderIdentity, isAlive, processStartTime } from './local-processes';
import { SetupError } from './setup-error';

/**
 * The lock that lets one `npm start` at a time run over a data folder: the file `start.lock`
 * in it, naming its owner (pid, start time, folder). It is created atomically, so of two
 * starts racing for a free folder exactly one wins.
 *
 * A start killed with SIGKILL leaves its lock behind. The next start takes it over once it
 * has seen that the owner is gone: no live process has that pid and start time (a reused
 * pid is someone else), or the lock names another folder (a copy of this one). Taking over
 * must itself be race-free: two starts that both read the same stale lock must not both
 * delete it, or the slower one would delete the faster one's new lock. So the check and the
 * delete happen under a second lock, `start.lock.<hash of the stale content>`, which only
 * one of them gets; a stale one of those is taken over the same way. Once the stale content
 * is gone it never comes back (its process is dead), so the guard is needed only while it is
 * there.
 */

const LOCK_NAME = 'start.lock';
const TAKE_TIMEOUT_MS = 30_000;

export interface StartLock {
  /** Removes the lock (at the end of the run). */
  release(): Promise<void>;
}

export interface StartLockOptions {
  /**
   * Runs between checking that a stale lock is unchanged and deleting it: the window the
   * guard keeps to one start at a time. Tests widen it to show that the guard holds.
   */
  beforeRemovingStale?: () => Promise<void>;
}

interface Owner {
  pid: number;
  started: string;
  dataDir: string;
  folder: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Creates `path` with `content`, unless it exists. The content goes to a file of its own
 * first and is then linked into place (atomic, and refused if the name exists): nobody ever
 * reads a lock that is there but not yet written.
 */
async function createExclusive(path: string, content: string): Promise<boolean> {
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.draft`;
  try {
    await writeFile(draft, content);
    await link(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/** Removes `path` if it still holds `content`: for a lock this process owns, which nobody else touches. */
async function removeOwn(path: string, content: string): Promise<void> {
  if ((await readIfExists(path)) === content) await unlink(path).catch(() => undefined);
}

/** The pid of the live owner of a lock's content; undefined when the lock is stale. */
async function liveOwner(content: string, folder: string): Promise<number | undefined> {
  let owner: Partial<Owner> | null;
  try {
    owner = JSON.parse(content) as Partial<Owner> | null;
  } catch {
    owner = null;
  }
  // Not written by this code: nobody to wait for.
  if (typeof owner !== 'object' || owner === null) return undefined;
  const { pid } = owner;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || owner.folder !== folder) return undefined;
  if (!isAlive(pid)) return undefined;
  const started = await processStartTime(pid);
  // Where the system does not tell start times, a live pid counts as the owner: refusing to
  // start is the safe mistake.
  if (started !== undefined && started !== owner.started) return undefined;
  return pid;
}

class Locker {
  private readonly deadline = Date.now() + TAKE_TIMEOUT_MS;

  constructor(
    private readonly content: string,
    private readonly folder: string,
    private readonly options: StartLockOptions,
  ) {}

  /** Takes the lock at `path`; when a live process holds it, returns that process's pid. */
  async take(path: string): Promise<number | undefined> {
    for (;;) {
      if (await createExclusive(path, this.content)) return undefined;
      const found = await readIfExists(path);
      if (found === undefined) continue; // released meanwhile: try again
      const owner = await liveOwner(found, this.folder);
      if (owner !== undefined) return owner;
      await this.removeStale(path, found);
      if (Date.now() > this.deadline) {
        throw new SetupError(
          `Could not take the lock ${path} within ${TAKE_TIMEOUT_MS / 1000} s: other starts keep changing it. Stop them and start again.`,
        );
      }
    }
  }

  /** Deletes the stale lock at `path` if it still holds `stale`, with only one contender checking at a time. */
  private async removeStale(path: string, stale: string): Promise<void> {
    const guard = `${path}.${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
    if ((await this.take(guard)) !== undefined) {
      // Another start is removing it: look again in a moment.
      await pause(10 + Math.random() * 40);
      return;
    }
    try {
      if ((await readIfExists(path)) === stale) {
        await this.options.beforeRemovingStale?.();
        await unlink(path);
      }
    } finally {
      await removeOwn(guard, this.content);
    }
  }
}

const startLockFile = (dataDir: string) => join(dataDir, LOCK_NAME);

/**
 * Takes the data folder's start lock for this process, or fails with a clear message when
 * a live `npm start` holds it. The folder must exist.
 */
export async function takeStartLock(dataDir: string, options: StartLockOptions = {}): Promise<StartLock> {
  const folder = await folderIdentity(dataDir);
  if (!folder) throw new SetupError(`The data folder ${dataDir} does not exist or is not a folder.`);
  const owner: Owner = {
    pid: process.pid,
    started: (await processStartTime(process.pid)) ?? 'unknown',
    dataDir: resolve(dataDir),
    folder,
  };
  const content = `${JSON.stringify(owner)}\n`;
  const path = startLockFile(dataDir);
  const holder = await new Locker(content, folder, options).take(path);
  if (holder !== undefined) {
    throw new SetupError(
      `The graph is already running over ${owner.dataDir} (npm start, pid ${holder}). Stop it first, or set CITIPART_DATA_DIR to another folder.`,
    );
  }
  await removeLeftovers(dataDir);
  return { release: () => removeOwn(path, content) };
}

/**
 * Guards and drafts left by starts killed halfway through taking the lock. Now that this
 * process holds the lock, no guard protects anything any more (the stale content it was for
 * is gone); a draft is removed only when its process is gone.
 */
async function removeLeftovers(dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir)) {
    if (!name.startsWith(`${LOCK_NAME}.`)) continue;
    const draft = /\.(\d+)\.[0-9a-f]+\.draft$/.exec(name);
    if (draft && isAlive(Number(draft[1]))) continue;
    await unlink(join(dataDir, name)).catch(() => undefined);
  }
}

/** The pid of the live `npm start` that holds the data folder's lock, if one does (not this process). */
export async function startLockHolder(dataDir: string): Promise<number | undefined> {
  const folder = await folderIdentity(dataDir);
  const content = folder && (await readIfExists(startLockFile(dataDir)));
  if (!folder || !content) return undefined;
  const pid = await liveOwner(content, folder);
  return pid === process.pid ? undefined : pid;
}
