import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time of the PostgreSQL server the benchmark runs on (a system service beside it, or
 * another server on this machine), read from /proc: utime + stime of every process named
 * `postgres`, keyed by pid and start time so that a reused pid is not taken for the same
 * process.
 *
 * Two sums: `all` is every postgres process; `ours` leaves out the client backends of other
 * databases (other test runs share the server), keeping the bench database's backends and the
 * server's own processes (checkpointer, WAL writer, background writer, autovacuum, ...), whose
 * work the bench's writes cause too, though not only they.
 *
 * Processes that come and go: a process that starts during a measurement counts whole (all
 * its CPU was spent in it); one that ends during it loses what it spent since the first
 * snapshot, and one that lives and dies in between is not seen at all. The bench's own
 * backends are pooled and live as long as the run, so this undercounts only short-lived
 * processes (autovacuum workers, other clients' connections).
 */
export interface PostgresCpu {
  /** CPU milliseconds so far, by `pid:starttime`. */
  ours: Map<string, number>;
  all: Map<string, number>;
}

/** `postgres: 15/main: user database 127.0.0.1(5678) idle` (the cluster part is Debian's). */
const BACKEND_TITLE = /^postgres: (?:[^:]*: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])/;

export function postgresCpu(database: string): PostgresCpu {
  const ours = new Map<string, number>();
  const all = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    let title: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
    } catch {
      continue; // gone meanwhile
    }
    // After the command name: state is field 3; utime, stime and starttime are 14, 15 and 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const key = `${pid}:${fields[19]}`;
    const ms = (Number(fields[11]) + Number(fields[12])) * 10;
    all.set(key, ms);
    const backend = BACKEND_TITLE.exec(title.trim());
    if (!backend || backend[1] === database) ours.set(key, ms);
  }
  return { ours, all };
}

/** CPU milliseconds spent between two snapshots, by the processes seen in the second. */
export function cpuSince(before: Map<string, number>, after: Map<string, number>): number {
  let ms = 0;
  for (const [key, now] of after) ms += now - (before.get(key) ?? 0);
  return ms;
}
