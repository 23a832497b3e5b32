import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { COMPILED_EXEC_ARGV } from '../build';

/** A server the benchmark started in a process of its own, measured from /proc. */
export interface BenchProcess {
  name: string;
  pid: number;
  /** The first message the process sent (its `ready` message). */
  ready: Record<string, unknown>;
  /** CPU time (user + system) used so far, in milliseconds (10 ms clock ticks). */
  cpuMs(): number;
  /** Resident memory now, in bytes. */
  rssBytes(): number;
  stop(): Promise<void>;
}

/**
 * Forks `entry`, compiled JavaScript (scripts/build.ts), as `npm start` and the Docker image
 * run the services, and waits for its first IPC message with `type: 'ready'`. No TypeScript
 * loader: it would cost every process memory and map every stack it reads.
 */
export async function startProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  options: { profileDir?: string; nodeOptions?: string } = {},
): Promise<BenchProcess> {
  // --cpu-prof writes the profile when the process exits of its own accord (SIGTERM is handled).
  const profile = options.profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  const child: ChildProcess = fork(entry, [], {
    execArgv: [...COMPILED_EXEC_ARGV, ...profile],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      APOLLO_TELEMETRY_DISABLED: 'true',
      ...(options.nodeOptions && { NODE_OPTIONS: options.nodeOptions }),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000, undefined, { ref: false }).then(() => child.kill('SIGKILL'))]);
  };
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not get ready in 120 s: ${stderr}`)), 120_000);
    child.on('message', (message: Record<string, unknown>) => {
      if (message?.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready: ${stderr}`));
    });
  });
  const proc = (file: string) => readFileSync(`/proc/${child.pid}/${file}`, 'utf8');
  return {
    name,
    pid: child.pid!,
    ready,
    cpuMs: () => {
      // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks of 10 ms.
      const stat = proc('stat');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(proc('status'))![1]) * 1024,
    stop,
  };
}

/**
 * Several processes measured as one (the five subgraphs): CPU and resident memory summed.
 * `ready` holds each one's `ready` message by name.
 */
export function processGroup(name: string, members: BenchProcess[]): BenchProcess {
  return {
    name,
    pid: members[0].pid,
    ready: Object.fromEntries(members.map((member) => [member.name, member.ready])),
    cpuMs: () => members.reduce((sum, member) => sum + member.cpuMs(), 0),
    rssBytes: () => members.reduce((sum, member) => sum + member.rssBytes(), 0),
    stop: async () => {
      await Promise.all(members.map((member) => member.stop()));
    },
  };
}
