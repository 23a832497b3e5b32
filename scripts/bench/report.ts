/** What `npm run bench` measured, summed up: rows, ratios, goals (issue 11), and the printed report. */

/** One measurement of one target (a round). */
export interface Sample {
  /** Requests per second; for S5, create+delete pairs per second. */
  rps: number;
  /** Latency of single HTTP requests (for S5, creates and deletes alike), ms. */
  p50: number;
  p99: number;
  /** Connection errors (timeouts included). */
  errors: number;
  timeouts: number;
  non2xx: number;
  /**
   * Answers other than the right one: for a read, a body unlike the answer checked before
   * (GraphQL errors in a 200 answer included); for S5, an HTTP error, GraphQL errors or no id.
   */
  bad: number;
  /** Requests answered (for S5: pairs done). */
  requests: number;
  httpRequests: number;
  /** CPU milliseconds per request (S5: per pair), by process (and `postgres`, `postgres-all`). */
  cpuPerRequest: Record<string, number>;
  /** The largest resident memory of the target's own process while it was loaded. */
  rssMaxBytes: number;
}

export interface Row {
  data: string;
  scenario: string;
  target: string;
  connections: number;
  samples: Sample[];
}

/** The process whose CPU is a target's own (none for a subgraph called directly). */
export const frontProcess = (target: string): string | undefined =>
  target.startsWith('subgraph:') ? undefined : target;

/** A target that answers reads from a response cache: reported apart. */
export const isCached = (target: string) => target === 'gateway+cache';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export function summarise(row: Row) {
  const pick = (get: (sample: Sample) => number) => {
    const values = row.samples.map(get);
    return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
  };
  const sum = (get: (sample: Sample) => number) => row.samples.reduce((total, sample) => total + get(sample), 0);
  const processes = [...new Set(row.samples.flatMap((sample) => Object.keys(sample.cpuPerRequest)))];
  const cpuMsPerRequest = Object.fromEntries(
    processes.map((name) => [name, pick((sample) => sample.cpuPerRequest[name] ?? 0).median]),
  );
  const front = frontProcess(row.target);
  return {
    data: row.data,
    scenario: row.scenario,
    target: row.target,
    cached: isCached(row.target),
    connections: row.connections,
    rps: pick((sample) => sample.rps),
    p50Ms: pick((sample) => sample.p50).median,
    p99Ms: pick((sample) => sample.p99).median,
    errors: sum((sample) => sample.errors),
    timeouts: sum((sample) => sample.timeouts),
    non2xx: sum((sample) => sample.non2xx),
    bad: sum((sample) => sample.bad),
    requests: sum((sample) => sample.requests),
    cpuMsPerRequest,
    /** The target's own process, the subgraphs and PostgreSQL (this database): medians of the sums. */
    cpuMsPerRequestTotal: pick(
      (sample) =>
        (front ? (sample.cpuPerRequest[front] ?? 0) : 0) +
        (sample.cpuPerRequest.subgraphs ?? 0) +
        (sample.cpuPerRequest.postgres ?? 0),
    ).median,
    rssMaxMb: Math.max(...row.samples.map((sample) => sample.rssMaxBytes)) / 2 ** 20,
    rounds: row.samples.length,
  };
}
export type Summary = ReturnType<typeof summarise>;

export interface Ratio {
  data: string;
  scenario: string;
  connections: number;
  target: string;
  ratioToMonolith?: number;
  ratioToHive?: number;
}

export function ratios(summaries: Summary[]): Ratio[] {
  const find = (like: Summary, target: string) =>
    summaries.find(
      (other) =>
        other.target === target &&
        other.data === like.data &&
        other.scenario === like.scenario &&
        other.connections === like.connections,
    );
  return summaries
    .filter((summary) => summary.target !== 'monolith' && summary.target !== 'hive')
    .map((summary) => {
      const monolith = find(summary, 'monolith');
      const hive = find(summary, 'hive');
      return {
        data: summary.data,
        scenario: summary.scenario,
        connections: summary.connections,
        target: summary.target,
        ...(monolith && { ratioToMonolith: summary.rps.median / monolith.rps.median }),
        ...(hive && { ratioToHive: summary.rps.median / hive.rps.median }),
      };
    })
    .filter((ratio) => ratio.ratioToMonolith !== undefined || ratio.ratioToHive !== undefined);
}

export interface Goal {
  goal: string;
  /** The measured value (a ratio, or MB); null when this run did not measure it. */
  measured: number | null;
  /** Where the value comes from (the worst case where a goal covers several). */
  where?: string;
  met: boolean | null;
}

/** Issue 11's goals, each from this run's medians (the uncached gateway, unless said). */
export function goals(summaries: Summary[], allRatios: Ratio[], scenarioIds: readonly string[]): Goal[] {
  const worst = (
    goal: string,
    candidates: Ratio[],
    get: (ratio: Ratio) => number | undefined,
    threshold: number,
    note?: string,
  ): Goal => {
    const measured = candidates
      .map((ratio) => ({ ratio, value: get(ratio) }))
      .filter((each): each is { ratio: Ratio; value: number } => each.value !== undefined)
      .sort((a, b) => a.value - b.value)[0];
    if (!measured) return { goal, measured: null, where: note ?? 'not measured in this run', met: null };
    const { ratio, value } = measured;
    return { goal, measured: value, where: `${ratio.data} c${ratio.connections}`, met: value >= threshold };
  };
  const of = (target: string, scenario: string, data?: string, connections?: number) =>
    allRatios.filter(
      (ratio) =>
        ratio.target === target &&
        ratio.scenario === scenario &&
        (data === undefined || ratio.data === data) &&
        (connections === undefined || ratio.connections === connections),
    );
  const result: Goal[] = [
    worst(
      'S2 >= 0.5x the monolith, built-in data, c10',
      of('gateway', 'S2', 'base', 10),
      (r) => r.ratioToMonolith,
      0.5,
    ),
    worst(
      'S2 >= 0.5x the monolith, 10x the activities, c10',
      of('gateway', 'S2', '10x', 10),
      (r) => r.ratioToMonolith,
      0.5,
    ),
  ];
  for (const scenario of scenarioIds) {
    result.push(
      worst(
        `${scenario} >= 1.5x Hive Gateway (worst of data and concurrency)`,
        of('gateway', scenario),
        (r) => r.ratioToHive,
        1.5,
        scenario === 'S5'
          ? 'not measured: Hive Gateway cannot sign the identity header the subgraphs trust'
          : undefined,
      ),
    );
  }
  for (const scenario of ['S1', 'S4']) {
    result.push(
      worst(
        `${scenario}: the network subgraph called directly >= 0.7x the monolith (worst of data and concurrency)`,
        of('subgraph:network', scenario),
        (r) => r.ratioToMonolith,
        0.7,
      ),
    );
  }
  const gatewayRows = summaries.filter((summary) => summary.target === 'gateway');
  const rss = gatewayRows.sort((a, b) => b.rssMaxMb - a.rssMaxMb)[0];
  result.push(
    rss
      ? {
          goal: 'gateway resident memory < 300 MB under load (largest seen)',
          measured: rss.rssMaxMb,
          where: `${rss.data} ${rss.scenario} c${rss.connections}`,
          met: rss.rssMaxMb < 300,
        }
      : {
          goal: 'gateway resident memory < 300 MB under load',
          measured: null,
          where: 'not measured in this run',
          met: null,
        },
  );
  return result;
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

function table(summaries: Summary[]): string[] {
  const header = [
    'data',
    'scen',
    'target',
    'c',
    'req/s median [min-max]',
    'p50 ms',
    'p99 ms',
    'err/non2xx/bad',
    'cpu ms/req: target',
    'subgraphs',
    'postgres',
    'total',
    'RSS MB',
  ];
  const lines = [
    header,
    ...summaries.map((summary) => {
      const front = frontProcess(summary.target);
      return [
        summary.data,
        summary.scenario,
        summary.target,
        String(summary.connections),
        `${fixed(summary.rps.median, 0)} [${fixed(summary.rps.min, 0)}-${fixed(summary.rps.max, 0)}]`,
        fixed(summary.p50Ms, 0),
        fixed(summary.p99Ms, 0),
        `${summary.errors}/${summary.non2xx}/${summary.bad}`,
        front ? fixed(summary.cpuMsPerRequest[front] ?? 0, 2) : '-',
        fixed(summary.cpuMsPerRequest.subgraphs ?? 0, 2),
        fixed(summary.cpuMsPerRequest.postgres ?? 0, 2),
        fixed(summary.cpuMsPerRequestTotal, 2),
        fixed(summary.rssMaxMb, 0),
      ];
    }),
  ];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  return lines.map((line) => `  ${line.map((cell, column) => cell.padEnd(widths[column])).join('  ')}`.trimEnd());
}

function ratioLines(all: Ratio[], get: (ratio: Ratio) => number | undefined): string[] {
  const groups = new Map<string, string[]>();
  for (const ratio of all) {
    const value = get(ratio);
    if (value === undefined) continue;
    const key = `${ratio.data} ${ratio.scenario} c${ratio.connections}`;
    groups.set(key, [...(groups.get(key) ?? []), `${ratio.target} ${fixed(value, 2)}x`]);
  }
  return [...groups].map(([key, values]) => `  ${key}: ${values.join(', ')}`);
}

/** The printed report: uncached figures, then the cached ones apart, the ratios, the goals. */
export function reportLines(summaries: Summary[], allRatios: Ratio[], allGoals: Goal[], notes: string[]): string[] {
  const uncached = summaries.filter((summary) => !summary.cached);
  const cached = summaries.filter((summary) => summary.cached);
  const uncachedRatios = allRatios.filter((ratio) => !isCached(ratio.target));
  const cachedRatios = allRatios.filter((ratio) => isCached(ratio.target));
  const lines = [...table(uncached), ''];
  lines.push('req/s ratio to the monolith (medians; none for S5, the monolith has no writes):');
  lines.push(...ratioLines(uncachedRatios, (ratio) => ratio.ratioToMonolith), '');
  lines.push('req/s ratio to Hive Gateway (medians; S5 is not run against Hive):');
  lines.push(...ratioLines(uncachedRatios, (ratio) => ratio.ratioToHive), '');
  if (cached.length) {
    lines.push('cached: gateway+cache (a second gateway, RESPONSE_CACHE=memory), apart from the figures above:');
    lines.push(...table(cached));
    lines.push(
      '  ratio to the monolith:',
      ...ratioLines(cachedRatios, (ratio) => ratio.ratioToMonolith).map((l) => `  ${l}`),
    );
    lines.push(
      '  ratio to Hive Gateway:',
      ...ratioLines(cachedRatios, (ratio) => ratio.ratioToHive).map((l) => `  ${l}`),
    );
    lines.push('');
  }
  if (notes.length) lines.push('notes:', ...notes.map((note) => `  ${note}`), '');
  lines.push('goals (issue 11; the uncached gateway):');
  for (const goal of allGoals) {
    const state = goal.met === null ? 'n/a    ' : goal.met ? 'met    ' : 'NOT MET';
    // Three digits: a ratio just under its threshold must not print as the threshold itself.
    const value =
      goal.measured === null
        ? ''
        : goal.goal.includes(' MB')
          ? `${fixed(goal.measured, 0)} MB`
          : `${fixed(goal.measured, 3)}x`;
    lines.push(`  ${state}  ${goal.goal}${value ? `: ${value}` : ''}${goal.where ? ` (${goal.where})` : ''}`);
  }
  return lines;
}
