import { type ChildProcess, fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type GatewayServer, createGatewayServer } from '@citipart/gateway';
import { type GraphQLResponse, type TestGraph, startGraph } from '../support/graph';
import { codes, expectNoLeaks } from '../support/leaks';

// A subgraph that hangs: the cities subgraph runs as a process of its own and is frozen with
// SIGSTOP. The gateway gives up on it after its time bound (gateway/src/subgraph-data-source.ts),
// answers with everyone else's data, does not pile up sockets, and is whole again soon after
// the subgraph is thawed, on the same connections.

const ROOT = join(__dirname, '..', '..');
// Short, so the test is quick, but well above what the other (in-process) subgraphs need under load.
const TIMEOUT_MS = 2_000;
const FANOUT = `{ partners { nodes { name activities { totalCount } } } }`;

type Fanout = { partners: { nodes: { name: string; activities: { totalCount: number } | null }[] } };

let graph: TestGraph;
let cities: ChildProcess;
let gateway: GatewayServer;
let url: string;
let citiesPort: number;

beforeAll(async () => {
  graph = await startGraph('timeouts');
  cities = fork(join(ROOT, 'subgraphs', 'cities', 'src', 'main.ts'), [], {
    cwd: ROOT,
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, DATABASE_URL: graph.databaseUrl, PORT: '0', MIGRATE_ON_START: 'false' },
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  const citiesUrl = await new Promise<string>((resolve, reject) => {
    cities.on('message', (message: { type?: string; url?: string }) => {
      if (message.type === 'ready' && message.url) resolve(message.url);
    });
    cities.once('exit', (code) => reject(new Error(`the cities subgraph exited (${code})`)));
  });
  citiesPort = Number(new URL(citiesUrl).port);
  const subgraphUrls = Object.fromEntries([...graph.subgraphs].map(([name, subgraph]) => [name, subgraph.url]));
  gateway = await createGatewayServer({
    supergraphSdl: await readFile(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
    subgraphUrls: { ...subgraphUrls, cities: citiesUrl },
    subgraphTimeoutMs: TIMEOUT_MS,
  });
  url = await gateway.listen(0);
});
afterAll(async () => {
  await gateway?.stop();
  if (cities && cities.exitCode === null) {
    cities.kill('SIGCONT');
    cities.kill('SIGKILL');
  }
  await graph?.stop();
});

async function fanout(): Promise<GraphQLResponse<Fanout>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: FANOUT }),
  });
  return (await response.json()) as GraphQLResponse<Fanout>;
}

/**
 * Connections to `port` that a process still holds open, from the kernel's tables: states
 * ESTABLISHED, SYN_SENT and CLOSE_WAIT. Sockets the gateway closed but the frozen peer
 * cannot answer linger in FIN_WAIT in the kernel with no process behind them: not counted.
 */
async function connectionsTo(port: number): Promise<number> {
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, , remote, state] = line.trim().split(/\s+/);
      if (remote && parseInt(remote.split(':')[1], 16) === port && ['01', '02', '08'].includes(state)) count += 1;
    }
  }
  return count;
}

test('a frozen subgraph costs its part of the answer, within the time bound, and nothing piles up', async () => {
  const full = await fanout();
  expect(full.errors).toBeUndefined();
  expect(full.data!.partners.nodes.every((partner) => partner.activities !== null)).toBe(true);

  cities.kill('SIGSTOP');
  const sockets: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const answers = await Promise.all(Array.from({ length: 10 }, fanout));
    for (const answer of answers) {
      const nodes = answer.data!.partners.nodes;
      expect(nodes).toHaveLength(8);
      expect(nodes.filter((partner) => partner.activities === null).map((partner) => partner.name)).toEqual([
        'Miasto Sosnowiec',
      ]);
      expect(codes(answer)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(answer.errors![0].message).toBe(
        'The cities service did not answer in time; its part of the answer is missing.',
      );
      expectNoLeaks(answer);
    }
    sockets.push(await connectionsTo(citiesPort));
  }
  process.stdout.write(`connections to the frozen subgraph after each round of 10: ${sockets.join(', ')}\n`);
  // Timed-out calls close their connections: three rounds hold no more than one did.
  expect(sockets[2]).toBeLessThanOrEqual(sockets[0]);

  cities.kill('SIGCONT');
  // Whole again soon: a bounded number of tries, a quarter of a second apart.
  let whole = false;
  for (let attempt = 0; attempt < 20 && !whole; attempt += 1) {
    whole = (await fanout()).errors === undefined;
    if (!whole) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(whole).toBe(true);
  // And on reused connections nothing fails.
  const after = await Promise.all(Array.from({ length: 20 }, fanout));
  expect(after.filter((answer) => answer.errors !== undefined)).toEqual([]);
});
