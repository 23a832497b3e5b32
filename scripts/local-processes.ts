import { spawnSync } from 'node:child_process';
import { readFile, readlink, stat } from 'node:fs/promises';

/**
 * What `npm start` needs to know about other processes before it trusts a pid it read from
 * a file: a pid is only a number, and after a crash or a reboot it may belong to anything.
 * Linux answers from /proc; other systems from `ps`.
 */

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ps(pid: number, field: string): string | undefined {
  const result = spawnSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8' });
  const text = result.status === 0 ? result.stdout.trim() : '';
  return text || undefined;
}

let bootId: Promise<string> | undefined;

/**
 * When the process started, as an opaque string: with the pid it names one process, never a
 * later one that got the same pid. Undefined when the process is gone or the system does not
 * tell.
 */
export async function processStartTime(pid: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return ps(pid, 'lstart');
  try {
    const fields = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 2 is the command name in parentheses, which may itself hold spaces and ")";
    // the start time (in clock ticks since boot) is field 22, the 20th after it.
    const startTicks = fields.slice(fields.lastIndexOf(')') + 2).split(' ')[19];
    // Ticks count from the boot: the boot's id keeps them apart across reboots.
    bootId ??= readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
      (id) => id.trim(),
      () => 'boot',
    );
    return startTicks ? `${await bootId}:${startTicks}` : undefined;
  } catch {
    return undefined;
  }
}

export interface ProcessView {
  /** Its command line, as it stands now (a process may rewrite it, as PostgreSQL's backends do). */
  argv: string[];
  /** A path that resolves to its working directory, when the system lets us see it. */
  cwd?: string;
}

/** A running process's command line and working directory; undefined when it has exited. */
export async function describeProcess(pid: number): Promise<ProcessView | undefined> {
  if (process.platform !== 'linux') {
    // `ps` joins the arguments with spaces: a path with a space in it will not match, which
    // errs on the side of leaving a process alone.
    const args = ps(pid, 'args');
    return args ? { argv: args.split(' ') } : undefined;
  }
  let cmdline: string;
  try {
    cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
  const argv = cmdline.split('\0');
  if (argv.at(-1) === '') argv.pop();
  // /proc/<pid>/cwd leads to the directory itself, even when its path reads differently
  // here (another mount namespace, a bind mount); it is hidden for other users' processes.
  const cwd = `/proc/${pid}/cwd`;
  const visible = await readlink(cwd).then(
    () => true,
    () => false,
  );
  return { argv, ...(visible && { cwd }) };
}

/**
 * The identity of a directory (device and inode), to tell whether two paths are one folder:
 * unlike comparing paths, it sees through symlinks, bind mounts and relative paths.
 */
export async function folderIdentity(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}
