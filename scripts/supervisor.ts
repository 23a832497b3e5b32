import { type ChildProcess, fork } from 'node:child_process';
import { log } from '@citipart/subgraph-kit/runtime';

/**
 * The supervisor of `npm start`: one Node process per service, and a crash is not an outage.
 * A service that dies is started again after a pause that doubles with each crash in a row,
 * while the others keep running; everything stops only on SIGINT or SIGTERM, or when a
 * service keeps dying before it ever becomes ready (a broken database, a taken port: waiting
 * longer would not help, and saying so beats a silent loop).
 *
 * Each service is a small state machine:
 *
 *   starting --ready message--> ready
 *   starting, ready --exit--> backing off (a timer) --> starting
 *                      \--exit before ready, too often--> everything stops, exit code 1
 *   any --stop()--> stopped
 *
 * When to restart is decided by `decideRestart`, a pure function of the service's recent
 * history, so that the policy is tested on its own (test/start/restart-policy.test.ts) and
 * the processes only carry it out (test/start/supervisor.test.ts).
 */

export interface RestartPolicy {
  /** The pause before the first restart in a row. */
  firstDelayMs: number;
  /** The longest pause: doubling stops here. */
  maxDelayMs: number;
  /** A service that was ready this long before it died counts as healthy: its next crash is a first one again. */
  stableAfterMs: number;
  /** This many exits in a row before becoming ready, and the supervisor gives up. */
  maxFailedStarts: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 500,
  maxDelayMs: 15_000,
  stableAfterMs: 30_000,
  maxFailedStarts: 5,
};

/** The pause before restart number `attempt` (1, 2, ...) of a row: doubling, up to the cap. */
export function backoffDelay(attempt: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be 1 or more, not ${attempt}`);
  // 2 ** 1100 is Infinity, which the cap turns back into a number.
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1));
}

/** What a service's past says about its next crash. */
export interface RestartHistory {
  /** Restarts in the current row (since the service last stayed up long enough). */
  restarts: number;
  /** Exits in a row before becoming ready. */
  failedStarts: number;
}

export const NO_HISTORY: RestartHistory = { restarts: 0, failedStarts: 0 };

export type RestartDecision =
  | { action: 'restart'; attempt: number; delayMs: number; history: RestartHistory }
  | { action: 'give up'; failedStarts: number; history: RestartHistory };

/**
 * What to do when a service has died: `readyForMs` is how long it had been ready, or
 * undefined when it died before becoming ready.
 */
export function decideRestart(
  history: RestartHistory,
  death: { readyForMs?: number },
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  const failedStarts = death.readyForMs === undefined ? history.failedStarts + 1 : 0;
  if (failedStarts >= policy.maxFailedStarts) {
    return { action: 'give up', failedStarts, history: { ...history, failedStarts } };
  }
  const stable = death.readyForMs !== undefined && death.readyForMs >= policy.stableAfterMs;
  const attempt = stable ? 1 : history.restarts + 1;
  return {
    action: 'restart',
    attempt,
    delayMs: backoffDelay(attempt, policy),
    history: { restarts: attempt, failedStarts },
  };
}

export interface ServiceSpec {
  name: string;
  /** The script the service's Node process runs. */
  entry: string;
  args?: readonly string[];
  /** Node's own options, such as `-r @swc-node/register`. */
  execArgv?: readonly string[];
  cwd: string;
  /** The whole environment of the service, the same at every start: its port comes from here. */
  env: NodeJS.ProcessEnv;
}

export type ServiceState = 'starting' | 'ready' | 'backing off' | 'stopped';

export interface SupervisorOptions {
  policy?: RestartPolicy;
  /** How long a service may take to stop after SIGTERM before it gets SIGKILL. */
  killAfterMs?: number;
  /** Where the supervisor's events go: one line each. */
  log?: (message: string) => void;
}

export interface StopResult {
  reason: string;
  exitCode: number;
}

interface Run {
  spec: ServiceSpec;
  state: ServiceState;
  child?: ChildProcess;
  /** When the current process became ready (monotonic clock), if it did. */
  readyAt?: number;
  /** Pending restart while backing off. */
  timer?: NodeJS.Timeout;
  history: RestartHistory;
  /** The restart this process is (0 for the first start). */
  attempt: number;
  url?: string;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
const howItDied = (code: number | null, signal: NodeJS.Signals | null) =>
  signal ? `was killed by ${signal}` : `exited with code ${code}`;

export class Supervisor {
  private readonly runs: Run[];
  private readonly policy: RestartPolicy;
  private readonly killAfterMs: number;
  private readonly log: (message: string) => void;
  private stopping?: Promise<StopResult>;
  private resolveAllReady!: (urls: ReadonlyMap<string, string>) => void;
  private resolveStopped!: (result: StopResult) => void;

  /** Every service's URL, once each has been ready at least once. Never settles if the supervisor stops first. */
  readonly allReady = new Promise<ReadonlyMap<string, string>>((resolve) => (this.resolveAllReady = resolve));
  /** Settles once the supervisor stopped (asked to, or gave up) and every service is gone. */
  readonly stopped = new Promise<StopResult>((resolve) => (this.resolveStopped = resolve));

  constructor(services: readonly ServiceSpec[], options: SupervisorOptions = {}) {
    this.runs = services.map((spec) => ({ spec, state: 'stopped', history: NO_HISTORY, attempt: 0 }));
    this.policy = options.policy ?? DEFAULT_RESTART_POLICY;
    this.killAfterMs = options.killAfterMs ?? 10_000;
    this.log = options.log ?? ((message) => log('start', message));
  }

  /** Starts every service. */
  start(): void {
    for (const run of this.runs) this.launch(run);
  }

  /**
   * Stops every service (SIGTERM, then SIGKILL after `killAfterMs`) and cancels pending
   * restarts. Asking again returns the first stop's result.
   */
  stop(reason: string, exitCode = 0): Promise<StopResult> {
    if (this.stopping) return this.stopping;
    this.log(`stopping everything (${reason})`);
    this.stopping = Promise.all(this.runs.map((run) => this.halt(run))).then(() => ({ reason, exitCode }));
    void this.stopping.then(this.resolveStopped);
    return this.stopping;
  }

  private launch(run: Run): void {
    const { spec } = run;
    run.state = 'starting';
    run.readyAt = undefined;
    // Each service in a Node process of its own, as in production. The IPC channel says when
    // it is ready, and closes when this supervisor dies, even by SIGKILL: the services exit
    // then (subgraphs/kit/src/serve.ts), so none is left holding its port.
    const child = fork(spec.entry, [...(spec.args ?? [])], {
      cwd: spec.cwd,
      execArgv: [...(spec.execArgv ?? [])],
      env: spec.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    run.child = child;
    if (run.attempt > 0) this.log(`restarting ${spec.name} (pid ${child.pid}, attempt ${run.attempt})`);

    child.on('message', (message: { type?: string; url?: string }) => {
      // Only the current process of a service that is starting; and none once stopping began,
      // lest the graph be announced as it goes down.
      if (this.stopping || run.child !== child || run.state !== 'starting') return;
      if (message?.type !== 'ready' || !message.url) return;
      run.state = 'ready';
      run.readyAt = performance.now();
      run.url = message.url;
      if (run.attempt > 0) this.log(`${spec.name} is ready again (pid ${child.pid}, attempt ${run.attempt})`);
      if (this.runs.every((other) => other.url !== undefined)) {
        this.resolveAllReady(new Map(this.runs.map((other) => [other.spec.name, other.url!])));
      }
    });
    let gone = false;
    const died = (how: string) => {
      if (gone) return;
      gone = true;
      if (run.child === child) this.died(run, child.pid, how);
    };
    child.once('exit', (code, signal) => died(howItDied(code, signal)));
    // A process that could not be started at all has no pid and may never emit 'exit'.
    child.on('error', (error) => {
      if (child.pid === undefined) died(`could not be started (${error.message})`);
      else this.log(`${spec.name} (pid ${child.pid}): ${error.message}`);
    });
  }

  private died(run: Run, pid: number | undefined, how: string): void {
    const { spec } = run;
    run.child = undefined;
    if (this.stopping) {
      run.state = 'stopped';
      return;
    }
    const readyForMs = run.readyAt === undefined ? undefined : performance.now() - run.readyAt;
    const decision = decideRestart(run.history, { readyForMs }, this.policy);
    run.history = decision.history;
    const who = `${spec.name}${pid === undefined ? '' : ` (pid ${pid})`}`;
    if (decision.action === 'give up') {
      run.state = 'stopped';
      this.log(
        `${spec.name} keeps dying at start: it exited before becoming ready ${decision.failedStarts} times in a row ` +
          `(the last time it ${how}); giving up`,
      );
      void this.stop(`${spec.name} keeps dying at start`, 1);
      return;
    }
    const when =
      readyForMs === undefined
        ? `before it was ready (failed start ${decision.history.failedStarts} in a row; at ${this.policy.maxFailedStarts} everything stops)`
        : `after ${seconds(readyForMs)} ready`;
    this.log(`${who} ${how} ${when}; restarting in ${seconds(decision.delayMs)} (attempt ${decision.attempt})`);
    run.state = 'backing off';
    run.attempt = decision.attempt;
    run.timer = setTimeout(() => {
      run.timer = undefined;
      this.launch(run);
    }, decision.delayMs);
  }

  private halt(run: Run): Promise<void> {
    clearTimeout(run.timer);
    run.timer = undefined;
    const child = run.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      run.state = 'stopped';
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), this.killAfterMs);
      child.once('exit', () => {
        clearTimeout(timer);
        run.state = 'stopped';
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}

/**
 * Makes the supervisor the life of this process: it starts the services, SIGINT or SIGTERM
 * stop everything with exit code 0 (a pending restart is cancelled), a service that keeps
 * dying at start stops everything with exit code 1. `cleanup` runs once the services are
 * gone, before the process exits.
 */
export function superviseUntilStopped(supervisor: Supervisor, cleanup: () => Promise<void> = async () => {}): void {
  process.on('SIGINT', () => void supervisor.stop('SIGINT'));
  process.on('SIGTERM', () => void supervisor.stop('SIGTERM'));
  void supervisor.stopped.then(async ({ exitCode }) => {
    try {
      await cleanup();
    } catch (error) {
      log('start', 'failed to clean up', error);
      exitCode = exitCode || 1;
    }
    log('start', 'stopped');
    process.exit(exitCode);
  });
  supervisor.start();
}
