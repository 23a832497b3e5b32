import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { importSigningKey, issueToken, subgraphUrlVariable } from '@citipart/gateway';
import { IDENTITY_HEADER, type Identity, Role, createIdentityProof } from '@citipart/subgraph-kit/runtime';
import { createTestDatabase } from '../test/support/database';
import { freePort } from '../test/support/ports';
import { startHiveGateway } from './bench/hive';
import { cpuSince, postgresCpu } from './bench/postgres-cpu';
import { type BenchProcess, processGroup, startProcess } from './bench/processes';
import { type Row, type Sample, goals, ratios, reportLines, summarise } from './bench/report';
import { SCENARIOS, SCENARIO_IDS, type Scenario, WRITE_SCENARIO } from './bench/scenarios';
import { type WriteTally, writeRequests } from './bench/writes';
import { buildServices, compileFile, compiledPath } from './build';
import { SUBGRAPHS } from './subgraphs';

/**
 * `npm run bench` (issue 11): the gateway against a monolith baseline and Hive Gateway on the
 * same data. Starts, on a throwaway database (TEST_DATABASE_URL, or PostgreSQL on
 * 127.0.0.1:5432) seeded with the built-in dataset, each in a process of its own and all
 * compiled to JavaScript first (scripts/build.ts): the five subgraphs (their CPU and memory
 * summed as "subgraphs"); the gateway (RESPONSE_CACHE=off); `gateway+cache`, a second gateway
 * with RESPONSE_CACHE=memory, restarted when the data grows behind its back; @graphql-hive/gateway with its defaults on
 * the same supergraph (./bench/hive.ts); and the monolith (./bench/monolith.ts). Checks that
 * every target answers each read as the gateway does and that writes work, then loads each
 * target with autocannon from this process: a warm-up, then interleaved rounds at each
 * concurrency, again after growing the activities tenfold.
 *
 * Scenarios: S1-S4 reads (./bench/scenarios.ts), also against the network subgraph directly
 * where it answers alone (S1, S4); S5 a write, an editor's create and delete of an activity
 * through the gateways with a token, and through the cities subgraph directly with the
 * identity header signed as the gateway signs it. One S5 "request" is that pair: its req/s
 * are pairs per second and its CPU is per pair (latencies stay per HTTP request). S5 is not
 * run against Hive Gateway (it cannot sign that header) nor the monolith (it has no writes).
 *
 * Measured: req/s, p50 and p99; connection errors, non-2xx answers and bad answers (a read
 * whose body differs from the answer checked before, so GraphQL errors in a 200 count; an S5
 * create or delete that failed); CPU per request per process from /proc, PostgreSQL's
 * included (./bench/postgres-cpu.ts: its processes that serve this database, and all of
 * them in the JSON); the largest RSS of the loaded target's process. Prints a table, the
 * cached target apart, ratios to the monolith and to Hive, and issue 11's goals; writes it
 * all to bench-results/latest.json.
 *
 * Flags: --duration <s> (3), --warmup <s> (1), --rounds <n> (3, keep at least 3),
 * --connections 10,50, --data base,10x, --scenarios S1,...,S5,
 * --targets gateway,gateway+cache,hive,monolith,subgraph (all), --dedup true|false
 * (DEDUPLICATE_SUBGRAPH_REQUESTS for both gateways; unset, the gateway's default), --quick (1 s
 * runs, 0.5 s warm-up), --profile (a V8 CPU profile of each server process, summarised by
 * ./bench/profile-summary.ts), --node-options "<flags>" (NODE_OPTIONS of every server process,
 * e.g. a heap bound: --max-old-space-size=256). The defaults take about 14 minutes on 2 cores: 252 runs of 3 s
 * (2 datasets, 21 target-scenario pairs, 2 concurrencies, 3 rounds), warm-ups and starts.
 * Runs that short are noisy: read the min-max beside each median.
 */
const ROOT = join(__dirname, '..');
const TARGET_KINDS = ['gateway', 'gateway+cache', 'hive', 'monolith', 'subgraph'] as const;
type TargetKind = (typeof TARGET_KINDS)[number];

function flags() {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const quick = args.includes('--quick');
  const list = <T extends string>(name: string, all: readonly T[]): T[] => {
    const given = value(name)?.split(',') ?? all;
    const unknown = given.filter((each) => !all.includes(each as T));
    if (unknown.length) throw new Error(`--${name}: unknown ${unknown.join(', ')} (known: ${all.join(', ')})`);
    return given as T[];
  };
  const dedup = value('dedup');
  if (dedup !== undefined && dedup !== 'true' && dedup !== 'false') throw new Error('--dedup: true or false');
  return {
    quick,
    durationS: Number(value('duration') ?? (quick ? 1 : 3)),
    warmupS: Number(value('warmup') ?? (quick ? 0.5 : 1)),
    rounds: Number(value('rounds') ?? 3),
    connections: (value('connections') ?? '10,50').split(',').map(Number),
    data: list('data', ['base', '10x']),
    scenarios: list('scenarios', SCENARIO_IDS),
    targets: list<TargetKind>('targets', TARGET_KINDS),
    dedup,
    /** Writes a CPU profile of each server process to bench-results/profiles/ (read with profile-summary.ts). */
    profile: args.includes('--profile'),
    /** NODE_OPTIONS for every server process, e.g. "--max-old-space-size=256" (a heap bound). */
    nodeOptions: value('node-options'),
  };
}

/** A server the bench loads: where it answers, and the process whose memory under load is reported. */
interface Target {
  name: string;
  url: string;
  process: BenchProcess;
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ raw: string; data: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const raw = await response.text();
  const body = JSON.parse(raw) as { data?: unknown; errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`${url}: ${response.status} ${raw.slice(0, 500)}`);
  return { raw, data: body.data };
}

/**
 * Fails loudly when a target answers a scenario otherwise than the gateway. Returns the body
 * each target gave the second time it was asked (a cache answers from then on): the body
 * autocannon expects from it under load.
 */
async function checkAnswers(scenario: Scenario, targets: Target[], gatewayUrl: string): Promise<Map<string, string>> {
  const expected = JSON.stringify((await post(gatewayUrl, scenario.query)).data);
  const bodies = new Map<string, string>();
  for (const target of targets) {
    for (let time = 0; time < 2; time += 1) {
      const answer = await post(target.url, scenario.query);
      const actual = JSON.stringify(answer.data);
      if (actual !== expected) {
        let at = 0;
        while (actual[at] === expected[at]) at += 1;
        throw new Error(
          `${scenario.id}: ${target.name} answers otherwise than the gateway, from character ${at}:\n` +
            `  gateway: ${expected.slice(Math.max(0, at - 80), at + 120)}\n  ${target.name}: ${actual.slice(Math.max(0, at - 80), at + 120)}`,
        );
      }
      bodies.set(target.name, answer.raw);
    }
  }
  return bodies;
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

/** A load: a read with the body it must answer, or S5's pairs with the headers of the caller. */
type Load =
  { kind: 'read'; query: string; expectBody: string } | { kind: 'write'; headers: () => Record<string, string> };

async function load(url: string, what: Load, connections: number, durationS: number) {
  const common = {
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    connections,
    duration: durationS,
  };
  if (what.kind === 'read') {
    // expectBody: every answer unlike the checked one is counted in `mismatches`.
    const result = await autocannon({
      ...common,
      body: JSON.stringify({ query: what.query }),
      expectBody: what.expectBody,
    });
    return { result, tally: undefined };
  }
  const { requests, tally } = writeRequests(what.headers);
  const result = await autocannon({ ...common, requests });
  return { result, tally };
}

/**
 * Deletes, through the gateway, every activity S5 made that is still there: a pair cut off
 * when autocannon stopped. Requests it had in flight may still land, so it waits a moment
 * first, and a row already gone (NOT_FOUND) is what a late delete did.
 */
async function removeWrites(databaseUrl: string, schema: string, gatewayUrl: string, token: string): Promise<number> {
  await sleep(500);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let rows: { id: string; version: number }[];
  try {
    const select = `select id, version from ${schema}.activity where title = $1`;
    rows = (await client.query<{ id: string; version: number }>(select, [WRITE_SCENARIO.title])).rows;
  } finally {
    await client.end();
  }
  let removed = 0;
  for (const { id, version } of rows) {
    try {
      await post(gatewayUrl, WRITE_SCENARIO.remove, { id, version }, { authorization: `Bearer ${token}` });
      removed += 1;
    } catch (error) {
      if (!String(error).includes('NOT_FOUND')) throw error;
    }
  }
  return removed;
}

/** Reads the CPU so far of the bench's processes and of PostgreSQL's (see ./bench/postgres-cpu.ts). */
function cpuSnapshot(processes: BenchProcess[], database: string) {
  return { processes: processes.map((each) => each.cpuMs()), postgres: postgresCpu(database) };
}

async function measure(
  target: Target,
  what: Load,
  connections: number,
  durationS: number,
  processes: BenchProcess[],
  database: string,
): Promise<{ sample: Sample; tally?: WriteTally }> {
  const before = cpuSnapshot(processes, database);
  let rssMax = target.process.rssBytes();
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, target.process.rssBytes())), 200);
  const { result, tally } = await load(target.url, what, connections, durationS);
  clearInterval(sampler);
  const after = cpuSnapshot(processes, database);
  const httpRequests = result['2xx'] + result.non2xx;
  const requests = tally ? tally.pairs : httpRequests;
  const latency = result.latency as unknown as Record<string, number>;
  const cpu: [string, number][] = [
    ...processes.map((each, i): [string, number] => [each.name, after.processes[i] - before.processes[i]]),
    ['postgres', cpuSince(before.postgres.ours, after.postgres.ours)],
    ['postgres-all', cpuSince(before.postgres.all, after.postgres.all)],
  ];
  return {
    sample: {
      rps: requests / result.duration,
      p50: latency.p50,
      p99: latency.p99,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      bad: tally ? tally.bad : result.mismatches,
      requests,
      httpRequests,
      cpuPerRequest: Object.fromEntries(cpu.map(([name, ms]) => [name, ms / Math.max(1, requests)])),
      rssMaxBytes: rssMax,
    },
    tally,
  };
}

async function main(): Promise<void> {
  const options = flags();
  const database = await createTestDatabase('bench');
  const databaseName = decodeURIComponent(new URL(database.url).pathname.slice(1));
  const keys = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const gatewaySecret = randomBytes(32).toString('base64url');
  const processes: BenchProcess[] = [];
  const profileDir = options.profile ? join(ROOT, 'bench-results', 'profiles') : undefined;
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  const wants = (kind: TargetKind) => options.targets.includes(kind);
  try {
    const startedAt = Date.now();
    process.stderr.write(`starting the subgraphs and the gateway, for ${options.targets.join(', ')}...\n`);
    // Compiled, as `npm start` and the image run them; the baselines are compiled the same way.
    await buildServices();
    const compiledDir = join(ROOT, 'bench-results', 'compiled');
    for (const script of ['monolith', 'hive-process']) {
      await compileFile(join(ROOT, 'scripts', 'bench', `${script}.ts`), join(compiledDir, `${script}.js`));
    }
    // The five subgraphs, each in its process as in production, migrating and seeding at start.
    const members = await Promise.all(
      SUBGRAPHS.map(async (definition) =>
        startProcess(
          definition.name,
          join(ROOT, compiledPath(join('subgraphs', definition.name, 'src', 'main.ts'))),
          {
            DATABASE_URL: database.url,
            PORT: String(await freePort()),
            MIGRATE_ON_START: 'true',
            SEED_ON_START: 'true',
            GATEWAY_SECRET: gatewaySecret,
          },
          { profileDir, nodeOptions: options.nodeOptions },
        ),
      ),
    );
    const subgraphs = processGroup('subgraphs', members);
    processes.push(subgraphs);
    const running = SUBGRAPHS.map((definition, index) => ({
      name: definition.name,
      url: members[index].ready.url as string,
      schema: definition.defaultSchema,
      partnerType: definition.partnerType,
    }));
    const partnerSchemas = running.filter((each) => each.partnerType).map((each) => each.schema);
    const subgraphUrls = Object.fromEntries(running.map((each) => [each.name, each.url]));
    const startGateway = async (name: string, responseCache: string) => {
      const port = await freePort();
      const gateway = await startProcess(
        name,
        join(ROOT, 'gateway', 'dist', 'main.js'),
        {
          PORT: String(port),
          GATEWAY_SECRET: gatewaySecret,
          JWT_PUBLIC_KEY: keys.publicKey,
          RESPONSE_CACHE: responseCache,
          ...(options.dedup && { DEDUPLICATE_SUBGRAPH_REQUESTS: options.dedup }),
          ...Object.fromEntries(running.map((each) => [subgraphUrlVariable(each.name), each.url])),
        },
        { profileDir, nodeOptions: options.nodeOptions },
      );
      processes.push(gateway);
      return { name, url: `http://127.0.0.1:${port}/graphql`, process: gateway };
    };
    // The gateway always runs: it is the reference of the answers, and S5's rows are deleted through it.
    const gateway = await startGateway('gateway', 'off');
    let cachedGateway = wants('gateway+cache') ? await startGateway('gateway+cache', 'memory') : undefined;
    const hive = wants('hive')
      ? await startHiveGateway(ROOT, subgraphUrls, { profileDir, nodeOptions: options.nodeOptions })
      : undefined;
    if (hive) processes.push(hive);
    const monolith = wants('monolith')
      ? await startProcess(
          'monolith',
          join(compiledDir, 'monolith.js'),
          { BENCH_DATABASE_URL: database.url, BENCH_PARTNER_SCHEMAS: JSON.stringify(partnerSchemas) },
          { profileDir, nodeOptions: options.nodeOptions },
        )
      : undefined;
    if (monolith) processes.push(monolith);
    // Each subgraph's own, and the five summed as "subgraphs".
    const idleRssMb = Object.fromEntries(
      [...members, ...processes].map((each) => [each.name, each.rssBytes() / 2 ** 20]),
    );

    const editor: Identity = {
      kind: 'editor',
      subject: 'bench@miasto-sosnowiec.example.org',
      partnerId: WRITE_SCENARIO.partnerId,
    };
    const token = await issueToken(await importSigningKey(keys.privateKey), {
      role: Role.PARTNER_EDITOR,
      partnerId: editor.partnerId,
      subject: editor.subject,
      expiresIn: '12h',
    });
    const writeSchema = running.find((each) => each.name === WRITE_SCENARIO.subgraph)!.schema;
    const subgraphTarget = (name: string): Target => ({
      name: `subgraph:${name}`,
      url: subgraphUrls[name],
      // Its own process, for its memory (the CPU columns count the five together).
      process: members[SUBGRAPHS.findIndex((definition) => definition.name === name)],
    });

    const notes: string[] = [];
    if (options.rounds < 3)
      notes.push(`${options.rounds} round(s): a check of the bench, not figures to quote (3 or more).`);
    if (options.scenarios.includes('S5')) {
      notes.push(
        'S5: one request is a pair, a create and the delete of what it created (latencies are per HTTP request).',
      );
      if (hive)
        notes.push('S5 is not run against Hive Gateway: it cannot sign the identity header the subgraphs trust.');
      if (monolith) notes.push('S5 is not run against the monolith: it has no writes.');
    }
    notes.push(
      'postgres: CPU of the PostgreSQL processes serving this database (and the server-wide ones); postgres-all in the JSON counts every postgres process, other test runs included.',
    );

    const rows: Row[] = [];
    const datasets: { data: string; activities: number }[] = [];
    for (const data of options.data) {
      if (data === '10x') {
        await growActivities(database.url, partnerSchemas);
        if (cachedGateway) {
          // Its cache holds answers from before the data grew behind its back.
          process.stderr.write('restarting gateway+cache on the grown data...\n');
          await cachedGateway.process.stop();
          processes.splice(processes.indexOf(cachedGateway.process), 1);
          cachedGateway = await startGateway('gateway+cache', 'memory');
        }
      }
      datasets.push({ data, activities: await countActivities(database.url, partnerSchemas) });
      const plans: { scenario: string; targets: Target[]; loads: Map<string, Load> }[] = [];
      for (const scenario of SCENARIOS.filter((each) => options.scenarios.includes(each.id))) {
        const targets = [
          ...(wants('gateway') ? [gateway] : []),
          ...(cachedGateway ? [cachedGateway] : []),
          ...(hive ? [{ name: 'hive', url: hive.ready.url as string, process: hive }] : []),
          ...(monolith ? [{ name: 'monolith', url: monolith.ready.url as string, process: monolith }] : []),
          ...(scenario.subgraph && wants('subgraph') ? [subgraphTarget(scenario.subgraph)] : []),
        ];
        const bodies = await checkAnswers(scenario, targets, gateway.url);
        const loads = new Map<string, Load>(
          targets.map((target) => [
            target.name,
            { kind: 'read', query: scenario.query, expectBody: bodies.get(target.name)! },
          ]),
        );
        plans.push({ scenario: scenario.id, targets, loads });
      }
      if (options.scenarios.includes('S5')) {
        const viaGateway: Load = { kind: 'write', headers: () => ({ authorization: `Bearer ${token}` }) };
        const direct: Load = {
          kind: 'write',
          // What the gateway sends for this editor; a proof lives a minute, so one per request.
          headers: () => ({ [IDENTITY_HEADER]: createIdentityProof(gatewaySecret, editor)! }),
        };
        const targets = [
          ...(wants('gateway') ? [gateway] : []),
          ...(cachedGateway ? [cachedGateway] : []),
          ...(wants('subgraph') ? [subgraphTarget(WRITE_SCENARIO.subgraph)] : []),
        ];
        const loads = new Map(
          targets.map((target): [string, Load] => [
            target.name,
            target.name.startsWith('subgraph:') ? direct : viaGateway,
          ]),
        );
        // One pair through each target first: a write that fails here fails the bench.
        for (const target of targets) {
          const write = loads.get(target.name) as Extract<Load, { kind: 'write' }>;
          const created = (await post(
            target.url,
            WRITE_SCENARIO.create,
            {
              partnerId: WRITE_SCENARIO.partnerId,
              input: { kind: 'DEBATE', theme: 'PEACE', title: WRITE_SCENARIO.title, startsOn: '2016-05-01' },
            },
            write.headers(),
          )) as { data: { createCityActivity: { id: string; version: number } } };
          await post(target.url, WRITE_SCENARIO.remove, created.data.createCityActivity, write.headers());
        }
        plans.push({ scenario: WRITE_SCENARIO.id, targets, loads });
      }

      for (const { scenario, targets, loads } of plans) {
        const afterWrites = async () => {
          if (scenario !== WRITE_SCENARIO.id) return;
          const left = await removeWrites(database.url, writeSchema, gateway.url, token);
          if (left) process.stderr.write(`  removed ${left} S5 activities left by pairs cut off at the end\n`);
        };
        for (const target of targets) await load(target.url, loads.get(target.name)!, 10, options.warmupS);
        await afterWrites();
        for (const connections of options.connections) {
          const byTarget = new Map<string, Row>();
          for (const target of targets) {
            const row: Row = { data, scenario, target: target.name, connections, samples: [] };
            byTarget.set(target.name, row);
            rows.push(row);
          }
          for (let round = 0; round < options.rounds; round += 1) {
            for (const target of targets) {
              process.stderr.write(`${data} ${scenario} c${connections} round ${round + 1} ${target.name}\n`);
              const { sample } = await measure(
                target,
                loads.get(target.name)!,
                connections,
                options.durationS,
                processes,
                databaseName,
              );
              byTarget.get(target.name)!.samples.push(sample);
              await afterWrites();
            }
          }
        }
      }
    }

    const tookS = Math.round((Date.now() - startedAt) / 1000);
    const summaries = rows.map(summarise);
    const allRatios = ratios(summaries);
    const measuredScenarios = options.scenarios.filter((id) => rows.some((row) => row.scenario === id));
    const allGoals = goals(summaries, allRatios, measuredScenarios);
    const lines = [
      `npm run bench: ${options.rounds} interleaved rounds of ${options.durationS} s after ${options.warmupS} s warm-up, autocannon, node ${process.version}, ${cpus().length} cores, ${options.targets.join(', ')}${options.dedup ? `, DEDUPLICATE_SUBGRAPH_REQUESTS=${options.dedup}` : ''}; took ${tookS} s`,
      `activities: ${datasets.map((each) => `${each.data} ${each.activities}`).join(', ')}; idle RSS MB: ${Object.entries(
        idleRssMb,
      )
        .map(([name, mb]) => `${name} ${mb.toFixed(0)}`)
        .join(', ')}`,
      ...reportLines(summaries, allRatios, allGoals, notes),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench-results', 'latest.json'),
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          node: process.version,
          cores: cpus().length,
          tookS,
          options,
          datasets,
          idleRssMb,
          notes,
          results: summaries,
          ratios: allRatios,
          goals: allGoals,
          samples: rows,
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
