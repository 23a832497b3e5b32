import { Client } from 'pg';
import { type TestGraph, startGraph } from '../support/graph';

// A subgraph stops the work of a request whose client has gone (the gateway after its time
// bound, a closed tab): once the connection closes, no further statement runs for it
// (RowBudget in subgraphs/kit/src/context.ts, fed by subgraphs/kit/src/http-server.ts).

const MEETINGS = `{ meetings { nodes { title host { name } delegations { count } } } }`;
const statements: string[] = [];
let graph: TestGraph;

beforeAll(async () => {
  graph = await startGraph('client_gone', {
    onSql: (subgraph, sql) => {
      if (subgraph === 'network') statements.push(sql);
    },
  });
});
afterAll(() => graph?.stop());

const until = async (condition: () => boolean) => {
  for (let attempt = 0; attempt < 100 && !condition(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Sends MEETINGS to the network subgraph while its meeting table is locked, giving up after a while when asked. */
async function meetingsBehindALock(abandon: boolean): Promise<string[]> {
  statements.length = 0;
  const lock = new Client({ connectionString: graph.databaseUrl });
  await lock.connect();
  await lock.query('begin');
  await lock.query('lock table network.meeting in access exclusive mode');
  const client = new AbortController();
  const answer = fetch(graph.subgraphs.get('network')!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: MEETINGS }),
    signal: client.signal,
  }).then(
    (response) => response.json(),
    () => 'abandoned',
  );
  // The request is inside the subgraph, its first statement waiting for the lock.
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (abandon) client.abort();
  await new Promise((resolve) => setTimeout(resolve, 100));
  await lock.query('commit');
  await lock.end();
  await answer;
  // The page of meetings now runs; whatever follows it would run right after.
  await until(() => statements.some((sql) => /"meeting"/.test(sql)));
  await new Promise((resolve) => setTimeout(resolve, 300));
  return [...statements];
}

test('with its client there, the meetings, their hosts and their delegations are loaded', async () => {
  const ran = await meetingsBehindALock(false);
  expect(ran.some((sql) => /"meeting"/.test(sql))).toBe(true);
  expect(ran.some((sql) => /"partner"/.test(sql))).toBe(true);
  expect(ran.some((sql) => /"delegation"/.test(sql))).toBe(true);
});

test('with its client gone, the statement under way finishes and nothing more is loaded', async () => {
  const ran = await meetingsBehindALock(true);
  expect(ran.some((sql) => /"meeting"/.test(sql))).toBe(true);
  expect(ran.filter((sql) => /"partner"|"delegation"/.test(sql))).toEqual([]);
});
