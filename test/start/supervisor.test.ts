import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, isListening } from '../support/ports';
import { isAlive } from '../../scripts/local-processes';
import { type RestartPolicy } from '../../scripts/supervisor';

// The supervisor of `npm start` (scripts/supervisor.ts) over real processes: it runs in a
// process of its own (./supervise.ts) over stand-in services (./fake-service.ts) that say
// `ready` over IPC as the real ones do, and crash on command or at every start. It shows
// that a crashed service comes back on its port while the others run on untouched, that a
// service that keeps dying at start stops everything with exit code 1, and that SIGTERM
// during a backoff stops everything at once and cleanly. The policy itself is tested in
// restart-policy.test.ts. No port of the graph (4000-4005) is used.

const ROOT = join(__dirname, '..', '..');

interface Supervised {
  child: ChildProcess;
  output(): string;
  /** Resolves with the match of the first output line matching `pattern`; rejects if the supervisor exits first. */
  line(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
/** Every stand-in's pid, from its own output: none may outlive its supervisor. */
const servicePids = new Set<number>();

afterEach(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
  for (const pid of servicePids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  servicePids.clear();
});

type Mode = 'serve' | 'die-at-start';

async function supervise(services: Record<string, Mode>, policy?: Partial<RestartPolicy>): Promise<Supervised> {
  const plan = {
    services: await Promise.all(
      Object.entries(services).map(async ([name, mode]) => ({
        name,
        mode,
        port: await freePort(),
        mark: `${name}-env`,
      })),
    ),
    ...(policy && {
      policy: { firstDelayMs: 500, maxDelayMs: 15_000, stableAfterMs: 30_000, maxFailedStarts: 5, ...policy },
    }),
  };
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/start/supervise.ts', JSON.stringify(plan)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  // Kept apart: two streams' chunks interleaved could cut a line in two.
  const streams = { stdout: '', stderr: '' };
  const all = () => `${streams.stdout}\n${streams.stderr}`;
  const waiters = new Set<() => void>();
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]!.on('data', (chunk: Buffer) => {
      streams[stream] += chunk.toString();
      for (const match of streams.stdout.matchAll(/started pid (\d+)/g)) servicePids.add(Number(match[1]));
      waiters.forEach((wake) => wake());
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        for (const text of all().split('\n')) {
          const match = text.match(pattern);
          if (match) {
            waiters.delete(check);
            return resolve(match);
          }
        }
      };
      waiters.add(check);
      check();
      void exited.then(() => {
        check();
        reject(new Error(`the supervisor exited without a line matching ${pattern}:\n${all()}`));
      });
    });
  return { child, output: all, line, exited };
}

const count = (text: string, pattern: RegExp) =>
  text.match(new RegExp(pattern.source, `${pattern.flags}g`))?.length ?? 0;

test('a crashed service is restarted after its backoff and is ready again on its port, while another runs on', async () => {
  const supervisor = await supervise({ steady: 'serve', flaky: 'serve' });
  await supervisor.line(/^all ready$/);
  const [, steadyPid] = await supervisor.line(/^steady ready pid (\d+)/);
  const [, flakyPid, port, mark] = await supervisor.line(/^flaky ready pid (\d+) port (\d+) mark (\S+)/);

  // A crash: the service exits with an error code of its own.
  process.kill(Number(flakyPid), 'SIGUSR2');
  await supervisor.line(
    new RegExp(
      `\\[start\\] flaky \\(pid ${flakyPid}\\) exited with code 70 after [\\d.]+ s ready; restarting in 0.5 s \\(attempt 1\\)$`,
    ),
  );
  const [, secondPid] = await supervisor.line(/\[start\] flaky is ready again \(pid (\d+), attempt 1\)$/);
  expect(secondPid).not.toBe(flakyPid);
  expect(isAlive(Number(flakyPid))).toBe(false);
  // The same environment, hence the same port, which it listens on again.
  await supervisor.line(new RegExp(`^flaky ready pid ${secondPid} port ${port} mark ${mark}$`));
  expect(mark).toBe('flaky-env');
  expect(await isListening(Number(port))).toBe(true);

  // Killed outright, soon after: the second crash in a row waits twice as long.
  process.kill(Number(secondPid), 'SIGKILL');
  await supervisor.line(
    new RegExp(
      `\\[start\\] flaky \\(pid ${secondPid}\\) was killed by SIGKILL after .*; restarting in 1 s \\(attempt 2\\)$`,
    ),
  );
  const [, thirdPid] = await supervisor.line(/\[start\] flaky is ready again \(pid (\d+), attempt 2\)$/);
  await supervisor.line(new RegExp(`^flaky ready pid ${thirdPid} port ${port} mark flaky-env$`));

  // The other service was never touched: the same process, started once.
  expect(isAlive(Number(steadyPid))).toBe(true);
  expect(count(supervisor.output(), /^steady started pid/m)).toBe(1);
  expect(supervisor.output()).not.toMatch(/stopping everything/);

  supervisor.child.kill('SIGTERM');
  expect(await supervisor.exited).toBe(0);
  for (const pid of servicePids) expect(isAlive(pid)).toBe(false);
}, 60_000);

test('a service that keeps dying at start makes the supervisor stop everything with exit code 1, naming it', async () => {
  // Short pauses: the number of tries is what this is about, not their timing.
  const supervisor = await supervise(
    { steady: 'serve', broken: 'die-at-start' },
    { firstDelayMs: 20, maxDelayMs: 100 },
  );
  const [, steadyPid] = await supervisor.line(/^steady ready pid (\d+)/);

  expect(await supervisor.exited).toBe(1);
  const output = supervisor.output();
  expect(output).toContain(
    '[start] broken keeps dying at start: it exited before becoming ready 5 times in a row (the last time it exited with code 3); giving up',
  );
  expect(output).toContain('[start] stopping everything (broken keeps dying at start)');
  expect(count(output, /^broken started pid/m)).toBe(5);
  for (let failed = 1; failed <= 4; failed++) {
    expect(output).toMatch(
      new RegExp(
        `broken \\(pid \\d+\\) exited with code 3 before it was ready \\(failed start ${failed} in a row; at 5 everything stops\\); restarting in [\\d.]+ s \\(attempt ${failed}\\)`,
      ),
    );
  }
  // The healthy service was stopped with it, and the supervisor never said it was all ready.
  expect(isAlive(Number(steadyPid))).toBe(false);
  for (const pid of servicePids) expect(isAlive(pid)).toBe(false);
  expect(output).not.toMatch(/^all ready$/m);
}, 60_000);

test('SIGTERM during a backoff cancels the restart and stops everything with exit code 0, leaving no process', async () => {
  // A backoff far longer than the test may take: only the cancelled restart can end it in time.
  const supervisor = await supervise(
    { steady: 'serve', broken: 'die-at-start' },
    { firstDelayMs: 600_000, maxDelayMs: 600_000 },
  );
  const [, steadyPid] = await supervisor.line(/^steady ready pid (\d+)/);
  await supervisor.line(
    /\[start\] broken \(pid \d+\) exited with code 3 before it was ready .*; restarting in 600 s \(attempt 1\)$/,
  );

  supervisor.child.kill('SIGTERM');
  expect(await supervisor.exited).toBe(0);
  const output = supervisor.output();
  expect(output).toContain('[start] stopping everything (SIGTERM)');
  expect(output).toMatch(/\[start\] stopped$/m);
  expect(output).not.toMatch(/restarting broken/);
  expect(count(output, /^broken started pid/m)).toBe(1);
  expect(isAlive(Number(steadyPid))).toBe(false);
  for (const pid of servicePids) expect(isAlive(pid)).toBe(false);
}, 60_000);
