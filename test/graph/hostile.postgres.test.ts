import { type GatewayProcess, startGatewayProcess } from '../support/gateway-process';
import { type TestGraph, postGraphQL, startGraph } from '../support/graph';
import { expectNoLeaks } from '../support/leaks';

// The hostile suite: hundreds of generated requests of every kind a careless or hostile
// client can send, through the real gateway, run as a process of its own (as `npm start`
// runs it) so that its CPU and memory are its own. None may get a 5xx, an HTML page or a
// leak, or cost the gateway more than a bounded amount of CPU; afterwards the gateway still
// answers a normal query and its memory has not run away.

let graph: TestGraph;
let gateway: GatewayProcess;
beforeAll(async () => {
  graph = await startGraph('hostile');
  gateway = await startGatewayProcess(graph);
});
afterAll(async () => {
  await gateway?.stop();
  await graph?.stop();
});

interface Hostile {
  kind: string;
  method?: 'GET' | 'POST' | 'PUT';
  /** Query string for GET. */
  search?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** A small seeded generator, so that a failure can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

const json = (body: unknown): Hostile['body'] => JSON.stringify(body);
const JSON_TYPE = { 'content-type': 'application/json' };

function cycle(hops: number): string {
  let inner = 'name';
  for (let hop = 0; hop < hops; hop += 1) {
    inner =
      hop % 2 === 0
        ? `activities(first: 100) { nodes { title partner { ${inner} } presentedAt { host { name } } } }`
        : `... on City { ${inner} }`;
  }
  return `{ partners(first: 100) { nodes { ${inner} } } }`;
}

function fragmentFanOut(levels: number): string {
  const fragments = Array.from(
    { length: levels },
    (_, level) =>
      `fragment F${level} on Partner { name ${level + 1 < levels ? `activities { nodes { partner { ...F${level + 1} ...F${level + 1} } } }` : ''} }`,
  );
  return `{ partners { nodes { ...F0 } } } ${fragments.join(' ')}`;
}

function hostileRequests(): Hostile[] {
  const random = generator(20161128);
  const requests: Hostile[] = [];
  const post = (kind: string, query: unknown, extra: Record<string, unknown> = {}) =>
    requests.push({ kind, headers: JSON_TYPE, body: json({ query, ...extra }) });

  for (let hops = 1; hops <= 40; hops += 1) post('depth cycle', cycle(hops));
  for (let levels = 1; levels <= 30; levels += 1) post('fragment fan-out', fragmentFanOut(levels));
  post(
    'fragment cycle',
    '{ partners { nodes { ...A } } } fragment A on Partner { ...B } fragment B on Partner { ...A }',
  );
  for (const count of [10, 31, 50, 100, 500, 1000, 2000]) {
    post(
      'alias flood',
      `{ ${Array.from({ length: count }, (_, n) => `a${n}: partners { nodes { activities { totalCount } } }`).join(' ')} }`,
    );
    post('typename flood', `{ ${Array.from({ length: count }, (_, n) => `t${n}: __typename`).join(' ')} }`);
    post('directive flood', `{ network { name ${'@include(if: true) '.repeat(count)} } }`);
    post('operation flood', Array.from({ length: count }, (_, n) => `query Q${n} { network { name } }`).join(' '), {
      operationName: 'Q0',
    });
  }
  post(
    'fragment chain',
    `{ network { ...F0 } } ${Array.from({ length: 5000 }, (_, n) => `fragment F${n} on Network { ${n + 1 < 5000 ? `...F${n + 1}` : 'name'} }`).join(' ')}`,
  );
  for (const size of [300_000, 1_000_000, 10_000_000]) {
    requests.push({
      kind: 'huge body',
      headers: JSON_TYPE,
      body: json({ query: `{ ${'__typename '.repeat(size / 11)} }` }),
    });
  }
  for (let n = 0; n < 60; n += 1) {
    const bytes = new Uint8Array(1 + random.int(300)).map(() => random.int(256));
    requests.push({ kind: 'random bytes', headers: JSON_TYPE, body: bytes });
  }
  for (const body of [
    '',
    '{',
    '{"query":',
    'null',
    '[]',
    '"{ network { name } }"',
    '{"query": 42}',
    '{"query": ["x"]}',
    '{"query": {"a": 1}}',
    '{"query": "{ network { name } }", "variables": "x"}',
    '{"query": "{ network { name } }", "variables": [1]}',
    '{"query": "{ network { name } }", "extensions": 7}',
    '{"query": "{ network { name } }", "operationName": 3}',
  ]) {
    requests.push({ kind: 'malformed JSON', headers: JSON_TYPE, body });
  }
  for (let n = 0; n < 10; n += 1) {
    requests.push({
      kind: 'batch',
      headers: JSON_TYPE,
      body: json(Array.from({ length: 1 + n * 20 }, () => ({ query: '{ network { name } }' }))),
    });
  }
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/json; charset=utf-16',
    'application/json; charset=latin1',
    '',
  ]) {
    requests.push({
      kind: 'CSRF or wrong content type',
      headers: type ? { 'content-type': type } : {},
      body: json({ query: '{ network { name } }' }),
    });
  }
  for (const query of [
    'mutation { deleteMeeting(id: "tolerance-potsdam-2016", version: 1) }',
    '{ network { name } }',
  ]) {
    requests.push({ kind: 'GET', method: 'GET', search: `?query=${encodeURIComponent(query)}` });
    requests.push({
      kind: 'GET with preflight header',
      method: 'GET',
      search: `?query=${encodeURIComponent(query)}`,
      headers: { 'apollo-require-preflight': '1' },
    });
  }
  requests.push({ kind: 'PUT', method: 'PUT', headers: JSON_TYPE, body: json({ query: '{ network { name } }' }) });

  const INJECTION = [
    "' OR 1=1 --",
    '"; drop table partner; --',
    '${7*7}',
    '{{7*7}}',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '\u0000',
    'a\u0000b',
    '%00',
    '\u202eevil',
    'x'.repeat(100_000),
    '🙂'.repeat(1000),
    '\\',
    '$where',
    '{"$ne": null}',
  ];
  for (const value of INJECTION) {
    post('injection-looking id', `query ($id: ID!) { partner(id: $id) { name } meeting(id: $id) { title } }`, {
      variables: { id: value },
    });
    post('injection-looking cursor', `query ($after: String) { partners(after: $after) { totalCount } }`, {
      variables: { after: value },
    });
    post('injection-looking filter', `query ($c: CountryCode) { partners(filter: {countryCode: $c}) { totalCount } }`, {
      variables: { c: value },
    });
    post('injection-looking date', `query ($d: Date) { meetings(filter: {from: $d}) { totalCount } }`, {
      variables: { d: value },
    });
    post(
      'injection-looking write',
      `mutation ($t: String!) { createCityActivity(partnerId: "miasto-sosnowiec", input: {kind: DEBATE, theme: PEACE, title: $t, startsOn: "2016-01-01"}) { id } }`,
      { variables: { t: value } },
    );
  }
  const ABSURD = [-1, 101, 1e6, 2 ** 31, 2 ** 53, 1e20, -1e20, 1.5, 0.1, Number.MAX_VALUE];
  for (const first of ABSURD) {
    post('absurd number', `query ($n: Int) { partners(first: $n) { totalCount } }`, { variables: { n: first } });
    post(
      'absurd literal',
      `{ partners(first: ${String(first)}) { nodes { activities(first: ${String(first)}) { totalCount } } } }`,
    );
  }
  for (let n = 0; n < 40; n += 1) {
    const control = String.fromCharCode(
      random.pick([0, 1, 7, 8, 11, 12, 27, 127, 0x85, 0x2028, 0x202e, 0xfeff, 0xd800]),
    );
    post('control characters', `{ partner(id: "europski${control}dom") { name } }`);
  }
  while (requests.length < 420)
    post(
      'random junk query',
      `{ ${'{'.repeat(random.int(50))}${random.pick(['partners', 'network', '__schema', '...', '@x', '$v'])} }`,
    );
  return requests;
}

const LEAK = /<html|<pre>|node_modules|\/work\/|\.ts:\d+|at \S+ \(|select .* from|ECONNREFUSED|127\.0\.0\.1:\d+/i;

test('four hundred hostile requests: no 5xx, no leak, bounded CPU, and the gateway still answers', async () => {
  const requests = hostileRequests();
  expect(requests.length).toBeGreaterThanOrEqual(400);
  const statuses = new Map<number, number>();
  const worst: { kind: string; cpuMs: number; bytes: number }[] = [];
  for (const request of requests) {
    const url = `${gateway.url}${request.search ?? ''}`;
    const cpuBefore = gateway.cpuMs();
    const response = await fetch(url, {
      method: request.method ?? 'POST',
      headers: request.headers,
      body: request.body,
    });
    const text = await response.text();
    const cpuMs = gateway.cpuMs() - cpuBefore;
    worst.push({ kind: request.kind, cpuMs, bytes: text.length });
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const context = `${request.kind} → ${response.status} ${text.slice(0, 200)}`;
    expect([context, response.status < 500]).toEqual([context, true]);
    expect([context, LEAK.test(text)]).toEqual([context, false]);
    if (response.headers.get('content-type')?.startsWith('application/json')) {
      const body = JSON.parse(text) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
      expectNoLeaks(body);
      expect([context, JSON.stringify(body.errors ?? []).includes('INTERNAL_SERVER_ERROR')]).toEqual([context, false]);
      expect(JSON.stringify(body)).not.toMatch(/Did you mean/);
    } else {
      // Only the explorer page may be HTML, and only for a browser's GET.
      expect([context, request.method]).toEqual([context, 'GET']);
    }
    // The gateway's CPU for one request (the costliest of these once took 142 s): a generous
    // bound, in CPU time, not wall time.
    expect([context, cpuMs < 1_000]).toEqual([context, true]);
  }
  worst.sort((a, b) => b.cpuMs - a.cpuMs);
  process.stdout.write(
    `hostile: ${requests.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}; costliest: ${worst
      .slice(0, 5)
      .map((entry) => `${entry.kind} ${entry.cpuMs.toFixed(1)} ms CPU, ${entry.bytes} B`)
      .join('; ')}\n`,
  );
  const after = await postGraphQL<{ network: { name: string } }>(gateway.url, '{ network { name } }');
  expect(after).toEqual({ data: { network: { name: 'CitiPart' } } });
  // The gateway's resident memory (heap, code and buffers alike) after all of it.
  const rss = gateway.rssBytes();
  process.stdout.write(`hostile: gateway resident memory after the suite ${(rss / 2 ** 20).toFixed(0)} MiB\n`);
  expect(rss).toBeLessThan(500 * 1024 * 1024);
});
