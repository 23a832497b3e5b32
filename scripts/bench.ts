import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { subgraphUrlVariable } from '@citipart/gateway';
import { createTestDatabase } from '../test/support/database';
import { freePort } from '../test/support/ports';
import { type BenchProcess, startProcess } from './bench/processes';
import { SCENARIOS, type Scenario } from './bench/scenarios';

/**
 * `npm run bench` (issue 11): the gateway against a monolith baseline on the same data.
 * Starts, on a throwaway database (TEST_DATABASE_URL, or PostgreSQL on 127.0.0.1:5432)
 * seeded with the built-in dataset, three processes: the five subgraphs, the gateway, and
 * the monolith (./bench/monolith.ts). Checks that the monolith answers each scenario as the
 * gateway does, then loads each target with autocannon from this process: a warm-up, then
 * interleaved rounds (gateway, monolith, the subgraph directly where one answers alone) at
 * each concurrency, again after growing the activities tenfold. CPU per request and the
 * gateway's memory come from /proc. Prints a table and writes bench-results/latest.json.
 *
 * Flags: --duration <s> (5), --warmup <s> (2), --rounds <n> (3), --connections 10,50,
 * --data base,10x, --quick (1 s runs, 0.5 s warm-up).
 */
const ROOT = join(__dirname, '..');

function flags() {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const quick = args.includes('--quick');
  return {
    quick,
    durationS: Number(value('duration') ?? (quick ? 1 : 5)),
    warmupS: Number(value('warmup') ?? (quick ? 0.5 : 2)),
    rounds: Number(value('rounds') ?? 3),
    connections: (value('connections') ?? '10,50').split(',').map(Number),
    data: (value('data') ?? 'base,10x').split(','),
  };
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
  /** CPU milliseconds per request, by process. */
  cpuPerRequest: Record<string, number>;
  gatewayRssMaxBytes?: number;
}

interface Row {
  data: string;
  scenario: string;
  target: string;
  connections: number;
  samples: Sample[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function post(url: string, query: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`${url}: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

/** Fails loudly when a target answers a scenario otherwise than the gateway. */
async function checkAnswers(scenario: Scenario, targets: Map<string, string>): Promise<void> {
  const expected = JSON.stringify(await post(targets.get('gateway')!, scenario.query));
  for (const [target, url] of targets) {
    if (target === 'gateway') continue;
    const actual = JSON.stringify(await post(url, scenario.query));
    if (actual !== expected) {
      let at = 0;
      while (actual[at] === expected[at]) at += 1;
      throw new Error(
        `${scenario.id}: ${target} answers otherwise than the gateway, from character ${at}:\n` +
          `  gateway: ${expected.slice(Math.max(0, at - 80), at + 120)}\n  ${target}: ${actual.slice(Math.max(0, at - 80), at + 120)}`,
      );
    }
  }
}

/** Adds 9 copies of every activity of the built-in dataset (same partner, later dates). */
async function growActivities(databaseUrl: string, schemas: string[]): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let total = 0;
    for (const schema of schemas) {
      await client.query(
        `insert into ${schema}.activity (id, partner_id, kind, theme, title, starts_on, original_locale, translations, presented_at_id)
         select a.id || '-x' || n, a.partner_id, a.kind, a.theme, a.title, a.starts_on + n, a.original_locale, a.translations, a.presented_at_id
         from ${schema}.activity a, generate_series(1, 9) as n`,
      );
      total += Number((await client.query(`select count(*) from ${schema}.activity`)).rows[0].count);
      await client.query(`analyze ${schema}.activity`);
    }
    return total;
  } finally {
    await client.end();
  }
}

async function countActivities(databaseUrl: string, schemas: string[]): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const union = schemas.map((schema) => `select count(*) from ${schema}.activity`).join(' union all ');
    return (await client.query(union)).rows.reduce((sum: number, row: { count: string }) => sum + Number(row.count), 0);
  } finally {
    await client.end();
  }
}

async function load(url: string, query: string, connections: number, durationS: number) {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections,
    duration: durationS,
  });
}

async function measure(
  url: string,
  query: string,
  connections: number,
  durationS: number,
  processes: BenchProcess[],
  gateway: BenchProcess,
): Promise<Sample> {
  const before = processes.map((each) => each.cpuMs());
  let rssMax = gateway.rssBytes();
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, gateway.rssBytes())), 200);
  const result = await load(url, query, connections, durationS);
  clearInterval(sampler);
  const after = processes.map((each) => each.cpuMs());
  const requests = result['2xx'] + result.non2xx;
  const latency = result.latency as unknown as Record<string, number>;
  return {
    rps: requests / result.duration,
    p50: latency.p50,
    p99: latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    requests,
    cpuPerRequest: Object.fromEntries(
      processes.map((each, i) => [each.name, (after[i] - before[i]) / Math.max(1, requests)]),
    ),
    gatewayRssMaxBytes: rssMax,
  };
}

function summarise(row: Row) {
  const pick = (get: (sample: Sample) => number) => {
    const values = row.samples.map(get);
    return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
  };
  const cpu = (name: string) => pick((sample) => sample.cpuPerRequest[name] ?? 0).median;
  return {
    data: row.data,
    scenario: row.scenario,
    target: row.target,
    connections: row.connections,
    rps: pick((sample) => sample.rps),
    p50Ms: pick((sample) => sample.p50).median,
    p99Ms: pick((sample) => sample.p99).median,
    errors: row.samples.reduce((sum, sample) => sum + sample.errors, 0),
    non2xx: row.samples.reduce((sum, sample) => sum + sample.non2xx, 0),
    cpuMsPerRequest: { gateway: cpu('gateway'), subgraphs: cpu('subgraphs'), monolith: cpu('monolith') },
    gatewayRssMaxMb: Math.max(...row.samples.map((sample) => sample.gatewayRssMaxBytes ?? 0)) / 2 ** 20,
    rounds: row.samples.length,
  };
}

async function main(): Promise<void> {
  const options = flags();
  const database = await createTestDatabase('bench');
  const keys = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const gatewaySecret = randomBytes(32).toString('base64url');
  const processes: BenchProcess[] = [];
  try {
    process.stderr.write('starting the subgraphs, the gateway and the monolith...\n');
    const subgraphs = await startProcess('subgraphs', join(ROOT, 'scripts', 'bench', 'subgraphs-process.ts'), {
      BENCH_DATABASE_URL: database.url,
      GATEWAY_SECRET: gatewaySecret,
    });
    processes.push(subgraphs);
    const running = subgraphs.ready.subgraphs as { name: string; url: string; schema: string; partnerType?: string }[];
    const partnerSchemas = running.filter((each) => each.partnerType).map((each) => each.schema);
    const port = await freePort();
    const gateway = await startProcess('gateway', join(ROOT, 'gateway', 'src', 'main.ts'), {
      PORT: String(port),
      GATEWAY_SECRET: gatewaySecret,
      JWT_PUBLIC_KEY: keys.publicKey,
      ...Object.fromEntries(running.map((each) => [subgraphUrlVariable(each.name), each.url])),
    });
    processes.push(gateway);
    const monolith = await startProcess('monolith', join(ROOT, 'scripts', 'bench', 'monolith.ts'), {
      BENCH_DATABASE_URL: database.url,
      BENCH_PARTNER_SCHEMAS: JSON.stringify(partnerSchemas),
    });
    processes.push(monolith);
    const gatewayUrl = `http://127.0.0.1:${port}/graphql`;
    const idleRssMb = Object.fromEntries(processes.map((each) => [each.name, each.rssBytes() / 2 ** 20]));

    const rows: Row[] = [];
    const datasets: { data: string; activities: number }[] = [];
    for (const data of options.data) {
      if (data === '10x') await growActivities(database.url, partnerSchemas);
      datasets.push({ data, activities: await countActivities(database.url, partnerSchemas) });
      for (const scenario of SCENARIOS) {
        const targets = new Map([
          ['gateway', gatewayUrl],
          ['monolith', monolith.ready.url as string],
        ]);
        if (scenario.subgraph) {
          targets.set(`subgraph:${scenario.subgraph}`, running.find((each) => each.name === scenario.subgraph)!.url);
        }
        await checkAnswers(scenario, targets);
        for (const url of targets.values()) await load(url, scenario.query, 10, options.warmupS);
        for (const connections of options.connections) {
          const byTarget = new Map<string, Row>();
          for (const target of targets.keys()) {
            const row: Row = { data, scenario: scenario.id, target, connections, samples: [] };
            byTarget.set(target, row);
            rows.push(row);
          }
          for (let round = 0; round < options.rounds; round += 1) {
            for (const [target, url] of targets) {
              process.stderr.write(`${data} ${scenario.id} c${connections} round ${round + 1} ${target}\n`);
              byTarget
                .get(target)!
                .samples.push(await measure(url, scenario.query, connections, options.durationS, processes, gateway));
            }
          }
        }
      }
    }

    const summaries = rows.map(summarise);
    const ratios = summaries
      .filter((summary) => summary.target !== 'monolith')
      .map((summary) => {
        const monolithRow = summaries.find(
          (other) =>
            other.target === 'monolith' &&
            other.data === summary.data &&
            other.scenario === summary.scenario &&
            other.connections === summary.connections,
        )!;
        return {
          data: summary.data,
          scenario: summary.scenario,
          connections: summary.connections,
          target: summary.target,
          ratioToMonolith: summary.rps.median / monolithRow.rps.median,
        };
      });
    const fixed = (value: number, digits = 1) => value.toFixed(digits);
    const header = [
      'data',
      'scen',
      'target',
      'c',
      'req/s median [min-max]',
      'p50 ms',
      'p99 ms',
      'err/non2xx',
      'cpu ms/req gw',
      'subgraphs',
      'monolith',
      'gw RSS MB',
    ];
    const table = [
      header,
      ...summaries.map((summary) => [
        summary.data,
        summary.scenario,
        summary.target,
        String(summary.connections),
        `${fixed(summary.rps.median, 0)} [${fixed(summary.rps.min, 0)}-${fixed(summary.rps.max, 0)}]`,
        fixed(summary.p50Ms, 0),
        fixed(summary.p99Ms, 0),
        `${summary.errors}/${summary.non2xx}`,
        fixed(summary.cpuMsPerRequest.gateway, 2),
        fixed(summary.cpuMsPerRequest.subgraphs, 2),
        fixed(summary.cpuMsPerRequest.monolith, 2),
        summary.target === 'gateway' ? fixed(summary.gatewayRssMaxMb, 0) : '',
      ]),
    ];
    const widths = header.map((_, column) => Math.max(...table.map((line) => line[column].length)));
    const lines = [
      `npm run bench: ${options.rounds} interleaved rounds of ${options.durationS} s after ${options.warmupS} s warm-up, autocannon, node ${process.version}`,
      `activities: ${datasets.map((each) => `${each.data} ${each.activities}`).join(', ')}; idle RSS MB: ${Object.entries(
        idleRssMb,
      )
        .map(([name, mb]) => `${name} ${fixed(mb, 0)}`)
        .join(', ')}`,
      ...table.map((line) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ')),
      '',
      'req/s ratio to the monolith (medians):',
      ...ratios.map(
        (ratio) =>
          `  ${ratio.data} ${ratio.scenario} c${ratio.connections} ${ratio.target}: ${fixed(ratio.ratioToMonolith, 2)}x`,
      ),
      'not measured yet: S5 (a write), @graphql-hive/gateway, PostgreSQL CPU, cached vs uncached',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench-results', 'latest.json'),
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          node: process.version,
          options,
          datasets,
          idleRssMb,
          results: summaries,
          ratios,
          samples: rows,
          notMeasured: ['S5 write', '@graphql-hive/gateway', 'PostgreSQL CPU', 'response cache'],
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    for (const each of processes.reverse()) await each.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
