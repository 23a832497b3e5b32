import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { Locale } from '@citipart/schema';
import { ANONYMOUS, IDENTITY_HEADER, verifyIdentityProof } from '@citipart/subgraph-kit/runtime';
import { parse } from 'graphql';
import type { GatewayContext } from './context';
import { SubgraphDataSource, WriteEpoch } from './subgraph-data-source';

// The gateway's calls to a subgraph, against a real HTTP server that counts what it gets and
// answers after a pause (so that calls overlap in flight).
const SECRET = 'a-secret-of-at-least-thirty-two-characters';

interface Received {
  body: { query: string; variables?: Record<string, unknown> };
  headers: Record<string, string | string[] | undefined>;
}

let server: Server;
let url: string;
let received: Received[] = [];
/** Queries are answered once this settles (mutations at once). */
let holdQueries: Promise<void> = Promise.resolve();
let resetReusedSocket = false;
const served = new WeakSet<object>();
let answer: (req: Received) => { status: number; body: string } = () => ({
  status: 200,
  body: JSON.stringify({ data: { ok: true } }),
});

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const each = { body: JSON.parse(Buffer.concat(chunks).toString()), headers: req.headers } as Received;
      received.push(each);
      // A kept-alive socket closed by the subgraph as a request arrives on it (once).
      if (resetReusedSocket && served.has(req.socket)) {
        resetReusedSocket = false;
        req.socket.destroy();
        return;
      }
      served.add(req.socket);
      const { status, body } = answer(each);
      const held = each.body.query.startsWith('query') ? holdQueries : Promise.resolve();
      void held.then(() =>
        setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(body), 50),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

beforeEach(() => {
  received = [];
  holdQueries = Promise.resolve();
  resetReusedSocket = false;
  answer = () => ({ status: 200, body: JSON.stringify({ data: { ok: true } }) });
});

const EDITOR: GatewayContext['identity'] = { kind: 'editor', subject: 'ana', partnerId: 'zagreb' };

function call(source: SubgraphDataSource, query: string, context: Partial<GatewayContext> = {}) {
  return source.process({
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query, variables: { first: 5 } },
    context: { identity: ANONYMOUS, locale: null, ...context },
    incomingRequestContext: { operation: parse(query).definitions[0] } as never,
  });
}

function dataSource(deduplicate = true, writes = new WriteEpoch()) {
  return new SubgraphDataSource({ name: 'cities', url, gatewaySecret: SECRET, timeoutMs: 2_000, deduplicate, writes });
}

describe('SubgraphDataSource', () => {
  it('sends identical anonymous queries in flight once, and gives each caller its own copy', async () => {
    const source = dataSource();
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(source, 'query { ok }')));
    expect(received).toHaveLength(1);
    expect(answers.every((each) => (each as { data?: { ok?: boolean } }).data?.ok === true)).toBe(true);
    // Each caller may change its answer (the gateway merges into it) without touching another's.
    expect(new Set(answers.map((each) => (each as { data?: unknown }).data)).size).toBe(10);
    // Once answered, the same query is sent again: nothing is cached.
    await call(source, 'query { ok }');
    expect(received).toHaveLength(2);
    source.close();
  });

  it('shares nothing between languages, with deduplication off, or for mutations', async () => {
    const source = dataSource();
    await Promise.all([
      call(source, 'query { ok }', { locale: Locale.HR }),
      call(source, 'query { ok }', { locale: Locale.HR }),
      call(source, 'query { ok }', { locale: Locale.DE }),
      call(source, 'mutation { ok }'),
      call(source, 'mutation { ok }'),
    ]);
    expect(received.map((each) => [each.body.query, each.headers['accept-language']]).sort()).toEqual([
      ['mutation { ok }', undefined],
      ['mutation { ok }', undefined],
      ['query { ok }', 'de'],
      ['query { ok }', 'hr'],
    ]);
    received = [];
    const off = dataSource(false);
    await Promise.all([call(off, 'query { ok }'), call(off, 'query { ok }')]);
    expect(received).toHaveLength(2);
    source.close();
    off.close();
  });

  it('never lets a read that follows a write join a call that began before it', async () => {
    // The write goes to another subgraph: the count is the gateway's, shared by its sources.
    const writes = new WriteEpoch();
    const cities = dataSource(true, writes);
    const network = dataSource(true, writes);
    // The first read's call is held in flight until after the write has been answered.
    let release!: () => void;
    holdQueries = new Promise((resolve) => (release = resolve));
    const before = call(cities, 'query { ok }');
    await call(network, 'mutation { ok }', { identity: EDITOR });
    const after = call(cities, 'query { ok }');
    const later = call(cities, 'query { ok }');
    release();
    await Promise.all([before, after, later]);
    // The first read, the write, and one call for the two reads after the write.
    expect(received.map((each) => each.body.query)).toEqual(['query { ok }', 'mutation { ok }', 'query { ok }']);
    // With a shared response cache, its generation (read per request) separates them too.
    received = [];
    await Promise.all([
      call(cities, 'query { ok }', { responseCacheGeneration: '7' }),
      call(cities, 'query { ok }', { responseCacheGeneration: '8' }),
    ]);
    expect(received).toHaveLength(2);
    cities.close();
    network.close();
  });

  it('sends a query again on a new socket when the subgraph closed a kept-alive one, and never a mutation', async () => {
    const source = dataSource();
    await call(source, 'query { ok }');
    resetReusedSocket = true;
    await expect(call(source, 'query { ok }')).resolves.toEqual({ data: { ok: true } });
    expect(received.map((each) => each.body.query)).toEqual(['query { ok }', 'query { ok }', 'query { ok }']);
    received = [];
    resetReusedSocket = true;
    await expect(call(source, 'mutation { ok }', { identity: EDITOR })).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    // It may have arrived (here it did): it is not sent twice.
    expect(received.map((each) => each.body.query)).toEqual(['mutation { ok }']);
    source.close();
  });

  it("never shares a signed-in caller's call, and signs it with the caller's identity", async () => {
    const source = dataSource();
    await Promise.all([
      call(source, 'query { ok }', { identity: EDITOR }),
      call(source, 'query { ok }', { identity: EDITOR }),
      call(source, 'query { ok }'),
    ]);
    expect(received).toHaveLength(3);
    const signed = received.filter((each) => each.headers[IDENTITY_HEADER]);
    expect(signed).toHaveLength(2);
    for (const each of signed) {
      expect(verifyIdentityProof(SECRET, each.headers[IDENTITY_HEADER] as string)).toEqual(EDITOR);
    }
    source.close();
  });

  it("passes a subgraph's refusal on as its GraphQL errors, and anything else as unavailable, naming no address", async () => {
    const source = dataSource();
    answer = () => ({
      status: 400,
      body: JSON.stringify({ errors: [{ message: 'too deep', extensions: { code: 'QUERY_TOO_DEEP' } }] }),
    });
    await expect(call(source, 'query { ok }')).resolves.toEqual({
      errors: [{ message: 'too deep', extensions: { code: 'QUERY_TOO_DEEP' } }],
    });
    answer = () => ({ status: 502, body: '<html>bad gateway</html>' });
    const failure = await call(source, 'query { ok }').catch((error: Error) => error);
    expect(failure).toMatchObject({
      message: 'The cities service is unavailable; its part of the answer is missing.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(JSON.stringify(failure)).not.toContain('127.0.0.1');
    source.close();
  });

  it('gives up on a call past its time bound, for every caller sharing it', async () => {
    const source = new SubgraphDataSource({
      name: 'cities',
      url,
      timeoutMs: 10,
      deduplicate: true,
      writes: new WriteEpoch(),
    });
    const results = await Promise.allSettled([call(source, 'query { ok }'), call(source, 'query { ok }')]);
    expect(results.map((each) => each.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe(
      'The cities service did not answer in time; its part of the answer is missing.',
    );
    source.close();
  });
});
