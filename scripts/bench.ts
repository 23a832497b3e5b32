import { performance } from 'node:perf_hooks';
import { startGraph, type TestGraph } from '../test/support/graph';
import { growNetwork } from '../test/support/grow';

/**
 * `npm run bench`: how the network-wide fan-out scales. Starts the whole graph in this
 * process on a throwaway database (TEST_DATABASE_URL, or PostgreSQL on 127.0.0.1:5432),
 * grows the network, and times the same query at each size. The ratios between sizes,
 * measured in one run on one machine, are the result; absolute times vary by machine.
 */
const QUERY = `{
  partners(first: 100) {
    nodes {
      name
      activities(first: 100) { nodes { title partner { name } } }
      members { nodes { name } }
    }
  }
}`;
const WARM_UP = 5;
const RUNS = 30;

interface Measurement {
  partners: number;
  activities: number;
  statements: number;
  medianMs: number;
  p95Ms: number;
}

async function measure(graph: TestGraph, statements: { count: number }): Promise<Measurement> {
  const times: number[] = [];
  let activities = 0;
  let partners = 0;
  for (let run = 0; run < WARM_UP + RUNS; run += 1) {
    statements.count = 0;
    const started = performance.now();
    const response = await graph.query<{ partners: { nodes: { activities: { nodes: unknown[] } }[] } }>(QUERY);
    const elapsed = performance.now() - started;
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    if (run >= WARM_UP) times.push(elapsed);
    partners = response.data!.partners.nodes.length;
    activities = response.data!.partners.nodes.reduce((sum, partner) => sum + partner.activities.nodes.length, 0);
  }
  times.sort((a, b) => a - b);
  return {
    partners,
    activities,
    statements: statements.count,
    medianMs: times[Math.floor(times.length / 2)],
    p95Ms: times[Math.floor(times.length * 0.95)],
  };
}

async function main(): Promise<void> {
  const statements = { count: 0 };
  const graph = await startGraph('bench', { onSql: () => (statements.count += 1) });
  try {
    const results: Measurement[] = [await measure(graph, statements)];
    await growNetwork(graph, 1, 100, 1);
    results.push(await measure(graph, statements));
    await growNetwork(graph, 5, 100, 2);
    results.push(await measure(graph, statements));

    const base = results[0];
    const lines = [
      `fan-out query, median of ${RUNS} runs after ${WARM_UP} warm-up runs`,
      'partners  activities  statements  median ms  p95 ms  time x  rows x',
      ...results.map((result) =>
        [
          String(result.partners).padStart(8),
          String(result.activities).padStart(10),
          String(result.statements).padStart(10),
          result.medianMs.toFixed(1).padStart(9),
          result.p95Ms.toFixed(1).padStart(6),
          (result.medianMs / base.medianMs).toFixed(2).padStart(6),
          ((result.activities + result.partners) / (base.activities + base.partners)).toFixed(1).padStart(6),
        ].join('  '),
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await graph.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
