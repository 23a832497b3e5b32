import { readFile } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createGatewayServer } from '@citipart/gateway';
import { createSubgraphServer, openSubgraphDatabase } from '@citipart/subgraph-kit';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase } from '../support/database';
import { type TestGraph, startGraph } from '../support/graph';
import { expectNoLeaks } from '../support/leaks';

// The HTTP side of every service (subgraphs/kit/src/http-server.ts): what a careless or
// hostile client sends gets a JSON error in the GraphQL shape with a code, never an HTML page;
// /health and /ready say what an orchestrator needs; a stop lets requests in flight finish.

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph('http');
});
afterAll(() => graph?.stop());

/** A raw request, so that any method, header and body can be sent. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; chunked?: boolean } = {},
): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), text }),
      );
    });
    request.on('error', reject);
    if (options.chunked && options.body) {
      // No content-length: the size is only known as the body arrives.
      const body = Buffer.from(options.body);
      for (let at = 0; at < body.length; at += 64 * 1024) request.write(body.subarray(at, at + 64 * 1024));
      request.end();
    } else request.end(options.body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const services = () => [
  ['the gateway', graph.url],
  ['a subgraph', graph.subgraphs.get('network')!.url],
];

describe.each([['the gateway'], ['a subgraph']])('what %s refuses, as JSON with a code', (which) => {
  const url = () => services().find(([name]) => name === which)![1];

  test.each([
    ['malformed JSON', { headers: JSON_TYPE, body: '{"query": "{ network { name } }"' }, 400, 'BAD_REQUEST'],
    [
      'a text/plain body (CSRF)',
      { headers: { 'content-type': 'text/plain' }, body: '{}' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a form body',
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=x' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['no content type', { body: '{"query":"{ __typename }"}' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'another charset',
      { headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'bytes that are no UTF-8',
      { headers: JSON_TYPE, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) },
      400,
      'BAD_REQUEST',
    ],
    [
      'a body over the limit',
      { headers: JSON_TYPE, body: `{"query":"${' '.repeat(2 * 1024 * 1024)}"}` },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a body over the limit without content-length',
      { headers: JSON_TYPE, body: `{"query":"${' '.repeat(2 * 1024 * 1024)}"}`, chunked: true },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['a PUT', { method: 'PUT', headers: JSON_TYPE, body: '{}' }, 405, 'METHOD_NOT_ALLOWED'],
    ['a DELETE', { method: 'DELETE' }, 405, 'METHOD_NOT_ALLOWED'],
  ] as const)('%s', async (_what, request, status, code) => {
    const response = await send(url(), request);
    expect({ status: response.status, type: response.type }).toEqual({
      status,
      type: 'application/json; charset=utf-8',
    });
    const body = JSON.parse(response.text) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.map((error) => error.extensions.code)).toEqual([code]);
    expectNoLeaks(body);
    expect(response.text).not.toMatch(/<html|node_modules|\/work\/|at .+\.js/i);
  });

  test('an unknown path is a JSON 404', async () => {
    const response = await send(url().replace(/graphql$/, 'admin'), { method: 'GET' });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.text)).toEqual({
      errors: [{ message: 'GraphQL is served at /graphql.', extensions: { code: 'NOT_FOUND' } }],
    });
  });

  test('a NUL in the document is a parse error, not a fault', async () => {
    const response = await send(url(), { headers: JSON_TYPE, body: JSON.stringify({ query: '{ net\u0000work }' }) });
    const body = JSON.parse(response.text) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((error) => error.extensions.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });
});

describe('health and readiness', () => {
  test.each([['the gateway'], ['a subgraph']])('%s answers /health and /ready', async (which) => {
    const url = services().find(([name]) => name === which)![1];
    const health = await send(url.replace(/graphql$/, 'health'), { method: 'GET' });
    expect([health.status, JSON.parse(health.text)]).toEqual([200, { status: 'ok' }]);
    const ready = await send(url.replace(/graphql$/, 'ready'), { method: 'GET' });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toMatchObject({ status: 'ready', ready: true });
  });

  test('the gateway is not ready while a subgraph is down, and says which (by name only)', async () => {
    const ready = await graph.withSubgraphDown('foundations', () =>
      send(graph.url.replace(/graphql$/, 'ready'), { method: 'GET' }),
    );
    expect(ready.status).toBe(503);
    const report = JSON.parse(ready.text) as { ready: boolean; checks: Record<string, boolean> };
    expect(report.ready).toBe(false);
    expect(report.checks).toEqual(
      Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.name !== 'foundations'])),
    );
    expect(ready.text).not.toMatch(/localhost|127\.0\.0\.1|:\d{4,5}/);
    // And ready again once it is back.
    expect((await send(graph.url.replace(/graphql$/, 'ready'), { method: 'GET' })).status).toBe(200);
  });

  test('a subgraph whose migrations are not applied is alive but not ready', async () => {
    const database = await createTestDatabase('http_unmigrated');
    const cities = SUBGRAPHS.find((subgraph) => subgraph.name === 'cities')!;
    const orm = await openSubgraphDatabase(cities, database.url);
    const server = await createSubgraphServer(cities, orm);
    try {
      const url = await server.listen(0);
      expect((await send(url.replace(/graphql$/, 'health'), { method: 'GET' })).status).toBe(200);
      const ready = await send(url.replace(/graphql$/, 'ready'), { method: 'GET' });
      expect([ready.status, JSON.parse(ready.text).checks]).toEqual([503, { database: true, migrations: false }]);
    } finally {
      await server.stop();
      await orm.close();
      await database.drop();
    }
  });
});

test('on stop, the gateway refuses new requests and finishes the 50 in flight', async () => {
  // A delay in front of the real network subgraph: the gateway's 50 requests are all in
  // flight (held here) when it is told to stop.
  const network = new URL(graph.subgraphs.get('network')!.url);
  const held: (() => void)[] = [];
  let arrived = 0;
  let allArrived!: () => void;
  const fifty = new Promise<void>((resolve) => (allArrived = resolve));
  const delay = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      arrived += 1;
      if (arrived === 50) allArrived();
      held.push(() => {
        const forward = httpRequest(
          { host: '127.0.0.1', port: network.port, path: network.pathname, method: 'POST', headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.end(Buffer.concat(chunks));
      });
    });
  });
  await new Promise<void>((resolve) => delay.listen(0, '127.0.0.1', resolve));
  const supergraphSdl = await readFile(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  const gateway = await createGatewayServer({
    supergraphSdl,
    subgraphUrls: { network: `http://127.0.0.1:${(delay.address() as AddressInfo).port}/graphql` },
  });
  try {
    const url = await gateway.listen(0);
    // Each under its own alias: identical anonymous queries in flight would share one call
    // to the subgraph (gateway/src/subgraph-data-source.ts), and here 50 calls must be held.
    const answers = Array.from({ length: 50 }, (_, i) =>
      fetch(url, {
        method: 'POST',
        headers: JSON_TYPE,
        body: JSON.stringify({ query: `{ network${i}: network { name } }` }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as unknown })),
    );
    await fifty;
    const stopped = gateway.stop();
    // No new request is taken once the stop began.
    await expect(
      fetch(url, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ query: '{ __typename }' }) }),
    ).rejects.toThrow();
    held.splice(0).forEach((release) => release());
    const results = await Promise.all(answers);
    await stopped;
    expect(results.filter((result) => result.status === 200)).toHaveLength(50);
    expect(results.map((result) => result.body)).toEqual(
      Array.from({ length: 50 }, (_, i) => ({ data: { [`network${i}`]: { name: 'CitiPart' } } })),
    );
  } finally {
    await gateway.stop();
    delay.closeAllConnections();
    await new Promise((resolve) => delay.close(resolve));
  }
});

// Mistakes the gateway's executor would reject by throwing, which Apollo reported as HTTP 500.
test.each([
  [
    'an unknown operation name',
    { query: 'query A { network { name } }', operationName: 'B' },
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'several operations and no name',
    { query: 'query A { network { name } } query B { network { title } }' },
    'OPERATION_RESOLUTION_FAILURE',
  ],
  ['two anonymous operations', { query: '{ network { name } } { network { title } }' }, 'GRAPHQL_VALIDATION_FAILED'],
  ['a subscription', { query: 'subscription { network { name } }' }, 'BAD_REQUEST'],
  [
    'a persisted query whose hash does not match',
    { query: '{ network { name } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
    'BAD_REQUEST',
  ],
])('%s is the client’s mistake: HTTP 400 with a code', async (_what, body, code) => {
  const response = await send(graph.url, { headers: JSON_TYPE, body: JSON.stringify(body) });
  expect(response.status).toBe(400);
  const answer = JSON.parse(response.text) as { errors: { message: string; extensions: { code: string } }[] };
  expect(answer.errors.map((error) => error.extensions.code)).toContain(code);
  expect(answer.errors.map((error) => error.extensions.code)).not.toContain('INTERNAL_SERVER_ERROR');
  expectNoLeaks(answer);
});
