import { createPublicKey, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Redis from 'ioredis';
import {
  CACHE_HEADER,
  type GatewayOptions,
  type GatewayServer,
  type ResponseCacheStore,
  createGatewayServer,
  createMemoryStore,
  createRedisStore,
  documentHash,
} from '@citipart/gateway';
import { Role } from '@citipart/subgraph-kit';
import { type GraphQLResponse, type TestGraph, startGraph } from '../support/graph';
import { codes, expectNoLeaks } from '../support/leaks';
import { freePort } from '../support/ports';

// The response cache through real gateways over the real subgraphs and PostgreSQL: what an
// anonymous reader repeats is answered from the cache (no statement runs), and never stale
// after a write through the gateway (an editor's write is in the next read, through any
// gateway sharing the store); authenticated reads never touch it, so a private field never
// crosses callers; each language has its own entries; answers with errors are not kept; the
// query limits and trusted documents still refuse what they refuse; a Redis that does not
// answer is no cache, and the graph answers all the same.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** This run's own keys in the shared Redis, deleted at the end. */
const PREFIX = `citipart-test:${randomUUID()}:`;

let graph: TestGraph;
let statements = 0;
let supergraphSdl: string;
let editor: string;
const gateways: GatewayServer[] = [];
const stores: ResponseCacheStore[] = [];

/** A gateway over the test graph's subgraphs, as gateway/src/main.ts makes it, with a cache when given. */
async function gateway(options: Partial<GatewayOptions> = {}): Promise<string> {
  const server = await createGatewayServer({
    supergraphSdl,
    subgraphUrls: Object.fromEntries([...graph.subgraphs].map(([name, subgraph]) => [name, subgraph.url])),
    jwtPublicKey: createPublicKey(graph.jwtPrivateKey).export({ type: 'spki', format: 'pem' }).toString(),
    gatewaySecret: graph.gatewaySecret,
    ...options,
  });
  gateways.push(server);
  return server.listen(0);
}

async function redisStore(prefix: string, url = REDIS_URL, log?: (message: string) => void) {
  const store = await createRedisStore({ url, keyPrefix: prefix, log });
  stores.push(store);
  return store;
}

beforeAll(async () => {
  graph = await startGraph('response-cache', { onSql: () => (statements += 1) });
  supergraphSdl = await readFile(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  editor = await graph.token({
    role: Role.PARTNER_EDITOR,
    partnerId: 'europski-dom-dubrovnik',
    subject: 'staff@europski-dom-dubrovnik.example.org',
  });
});
afterAll(async () => {
  for (const server of gateways) await server.stop();
  for (const store of stores) await store.close();
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await graph?.stop();
});

interface Answer<T> {
  status: number;
  cache: string | null;
  headers: Headers;
  body: GraphQLResponse<T>;
  /** SQL statements the subgraphs ran while it was answered. */
  statements: number;
}

/** POSTs an operation; `token` adds Authorization, `language` Accept-Language. */
async function ask<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; language?: string; body?: unknown } = {},
): Promise<Answer<T>> {
  const before = statements;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...(options.language && { 'accept-language': options.language }),
    },
    body: JSON.stringify(options.body ?? { query, variables: options.variables }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  expectNoLeaks(body);
  return {
    status: response.status,
    cache: response.headers.get(CACHE_HEADER),
    headers: response.headers,
    body,
    statements: statements - before,
  };
}

const ACTIVITIES = `query Activities($id: ID!) { partner(id: $id) { name activities(first: 100) { totalCount nodes { id title } } } }`;
const DUBROVNIK = { id: 'europski-dom-dubrovnik' };
type Activities = {
  partner: { name: string; activities: { totalCount: number; nodes: { id: string; title: string }[] } };
};

let clientKeys = 0;
/** An editor's write through `url`: a new activity of Europe House Dubrovnik. */
async function createActivity(url: string, title: string, token = editor) {
  return ask<{ createEuropeanHouseActivity: { id: string } }>(
    url,
    `mutation ($key: String!, $title: String!) { createEuropeanHouseActivity(partnerId: "europski-dom-dubrovnik", clientKey: $key, input: {kind: WORKSHOP, theme: PEACE, title: $title, startsOn: "2017-04-08", town: "Dubrovnik"}) { id title } }`,
    { variables: { key: `response-cache-${(clientKeys += 1)}`, title }, token },
  );
}

test('a gateway given no cache has none (the test graph, and every test support gateway)', async () => {
  const first = await ask(graph.url, ACTIVITIES, { variables: DUBROVNIK });
  const second = await ask(graph.url, ACTIVITIES, { variables: DUBROVNIK });
  expect([first.cache, second.cache]).toEqual([null, null]);
  expect(second.statements).toBeGreaterThan(0);
});

describe('one gateway with the memory store', () => {
  let url: string;
  let store: ReturnType<typeof createMemoryStore>;
  beforeAll(async () => {
    store = createMemoryStore();
    url = await gateway({ responseCache: { store, ttlSeconds: 60 } });
  });

  test('an anonymous read repeated is a hit: the same answer, and no statement run', async () => {
    const first = await ask<Activities>(url, ACTIVITIES, { variables: DUBROVNIK });
    expect(first.body.errors).toBeUndefined();
    expect(first.cache).toBe('miss');
    expect(first.statements).toBeGreaterThan(0);
    const second = await ask<Activities>(url, ACTIVITIES, { variables: DUBROVNIK });
    expect(second.cache).toBe('hit');
    expect(second.statements).toBe(0);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('content-language')).toBe(first.headers.get('content-language'));
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    // Other variables are another answer.
    const other = await ask<Activities>(url, ACTIVITIES, { variables: { id: 'gemma-villach' } });
    expect(other.cache).toBe('miss');
    expect(other.body.data!.partner.name).not.toBe(first.body.data!.partner.name);
  });

  test("an editor's write through the gateway is in the next anonymous read", async () => {
    const before = await ask<Activities>(url, ACTIVITIES, { variables: DUBROVNIK });
    expect((await ask(url, ACTIVITIES, { variables: DUBROVNIK })).cache).toBe('hit');
    const created = await createActivity(url, 'Peace workshop, cached graph');
    expect(created.body.errors).toBeUndefined();
    expect(created.cache).toBe('bypass');
    const after = await ask<Activities>(url, ACTIVITIES, { variables: DUBROVNIK });
    expect(after.cache).toBe('miss');
    expect(after.body.data!.partner.activities.totalCount).toBe(before.body.data!.partner.activities.totalCount + 1);
    expect(after.body.data!.partner.activities.nodes).toContainEqual({
      id: created.body.data!.createEuropeanHouseActivity.id,
      title: 'Peace workshop, cached graph',
    });
    // And that answer is kept in turn.
    const again = await ask<Activities>(url, ACTIVITIES, { variables: DUBROVNIK });
    expect(again.cache).toBe('hit');
    expect(again.body).toEqual(after.body);
  });

  test('a mutation refused with errors invalidates too (it may have written some of its fields)', async () => {
    await ask(url, ACTIVITIES, { variables: DUBROVNIK });
    expect((await ask(url, ACTIVITIES, { variables: DUBROVNIK })).cache).toBe('hit');
    const other = await graph.token({
      role: Role.PARTNER_EDITOR,
      partnerId: 'bbag',
      subject: 'staff@bbag.example.org',
    });
    const refused = await createActivity(url, 'Not theirs', other);
    expect(codes(refused.body)).toEqual(['FORBIDDEN']);
    expect((await ask(url, ACTIVITIES, { variables: DUBROVNIK })).cache).toBe('miss');
  });

  test('an authenticated read is never served from the cache, nor kept in it', async () => {
    const QUERY = `{ partner(id: "europski-dom-dubrovnik") { name town website } }`;
    const authenticated = await ask(url, QUERY, { token: editor });
    expect(authenticated.cache).toBe('bypass');
    // The editor's answer was not kept: the anonymous reader's is its own.
    const anonymous = await ask(url, QUERY);
    expect(anonymous.cache).toBe('miss');
    expect(anonymous.statements).toBeGreaterThan(0);
    expect((await ask(url, QUERY)).cache).toBe('hit');
    // Now that there is an entry, the editor still gets an answer of their own.
    const again = await ask(url, QUERY, { token: editor });
    expect(again.cache).toBe('bypass');
    expect(again.statements).toBeGreaterThan(0);
    expect(again.body).toEqual(authenticated.body);
    // A bad token is refused, never given the public answer.
    const forged = await ask(url, QUERY, { token: 'not.a.token' });
    expect(forged.status).toBe(401);
    expect(codes(forged.body)).toEqual(['UNAUTHENTICATED']);
    expect(forged.cache).not.toBe('hit');
  });

  test("a private field never crosses callers: members' contacts", async () => {
    const MEMBERS = `{ partner(id: "gemma-villach") { members(first: 100) { nodes { name contact { email } } } } }`;
    type Members = { partner: { members: { nodes: { name: string; contact: { email: string | null } | null }[] } } };
    const gemmaEditor = await graph.token({
      role: Role.PARTNER_EDITOR,
      partnerId: 'gemma-villach',
      subject: 'staff@gemma-villach.example.org',
    });
    const staff = await ask<Members>(url, MEMBERS, { token: gemmaEditor });
    expect(staff.cache).toBe('bypass');
    expect(JSON.stringify(staff.body)).toContain('lena.huber@example.org');
    expect(staff.body.data!.partner.members.nodes.map((member) => member.name)).toContain('Jakob Winkler');
    for (const expected of ['miss', 'hit']) {
      const visitor = await ask<Members>(url, MEMBERS);
      expect(visitor.cache).toBe(expected);
      expect(JSON.stringify(visitor.body)).not.toMatch(/@example\.org/);
      const nodes = visitor.body.data!.partner.members.nodes;
      expect(nodes.map((member) => member.name)).toContain('Lena Huber');
      expect(nodes.map((member) => member.name)).not.toContain('Jakob Winkler');
      expect(nodes.every((member) => member.contact === null)).toBe(true);
    }
    const staffAgain = await ask<Members>(url, MEMBERS, { token: gemmaEditor });
    expect(staffAgain.cache).toBe('bypass');
    expect(staffAgain.body).toEqual(staff.body);
  });

  test('each language has its own entries, with its Content-Language', async () => {
    const MEETING = `{ meeting(id: "peace-scy-chazelles-2017") { title } }`;
    type Meeting = { meeting: { title: string } };
    const first: Record<string, Answer<Meeting>> = {};
    for (const language of ['hr', 'fr-FR,fr;q=0.9', 'de']) {
      first[language] = await ask<Meeting>(url, MEETING, { language });
      expect(first[language].cache).toBe('miss');
    }
    const titles = Object.values(first).map((answer) => answer.body.data!.meeting.title);
    expect(new Set(titles).size).toBe(3);
    for (const [language, tag] of [
      ['hr', 'hr'],
      ['fr-FR,fr;q=0.9', 'fr'],
      ['de', 'de'],
    ]) {
      const hit = await ask<Meeting>(url, MEETING, { language });
      expect(hit.cache).toBe('hit');
      expect(hit.body).toEqual(first[language].body);
      expect(hit.headers.get('content-language')).toBe(tag);
      expect(hit.headers.get('vary')).toMatch(/Accept-Language/);
    }
  });

  test('answers with errors are not kept', async () => {
    // Europe House Dubrovnik's own fields come from a subgraph that is down: partial data and
    // an error, which must not be served once it is back.
    const QUERY = `{ partner(id: "europski-dom-dubrovnik") { name website } }`;
    await graph.withSubgraphDown('european-houses', async () => {
      for (let n = 0; n < 2; n += 1) {
        const broken = await ask(url, QUERY);
        expect(codes(broken.body)).toContain('SERVICE_UNAVAILABLE');
        expect(broken.cache).toBe('miss');
      }
    });
    let answer = await ask<{ partner: { website: string | null } }>(url, QUERY);
    // A connection the gateway kept to the stopped subgraph may fail once more.
    for (let n = 0; n < 5 && answer.body.errors; n += 1) {
      expect(answer.cache).toBe('miss');
      answer = await ask(url, QUERY);
    }
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.partner.website).toBe('http://edd.hr');
    expect(answer.cache).toBe('miss');
    expect((await ask(url, QUERY)).cache).toBe('hit');
    // An error of the request's own making is not kept either.
    const TOO_MANY = `query ($n: Int) { partners(first: $n) { totalCount } }`;
    for (let n = 0; n < 2; n += 1) {
      const refused = await ask(url, TOO_MANY, { variables: { n: 101 } });
      expect(refused.body.errors?.length).toBeGreaterThan(0);
      expect(refused.cache).not.toBe('hit');
    }
  });

  test('introspection is answered by the gateway itself, not from the cache', async () => {
    const QUERY = `{ __schema { queryType { name } } }`;
    for (let n = 0; n < 2; n += 1) {
      const answer = await ask(url, QUERY);
      expect(answer.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
      expect(answer.cache).toBe('bypass');
    }
  });

  test('the memory store stays within its bound', () => {
    expect(store.usage().entries).toBeGreaterThan(0);
    expect(store.usage().bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
  });
});

describe('the checks still run before a cached answer is served', () => {
  // Three gateways share one store: one lets everything through, one has strict query
  // limits, one runs only its trusted documents.
  const QUERY = `{ partners(first: 3) { nodes { name activities(first: 2) { nodes { title partner { name } } } } } }`;
  let open: string;
  let strict: string;
  let trusted: string;
  beforeAll(async () => {
    const responseCache = { store: createMemoryStore(), ttlSeconds: 60 };
    open = await gateway({ responseCache });
    strict = await gateway({ responseCache, limits: { maxDepth: 3 } });
    const listed = `{ network { name } }`;
    trusted = await gateway({
      responseCache,
      trustedDocuments: { manifest: { [documentHash(listed)]: listed }, mode: 'enforce' },
    });
  });

  test('the query limits refuse what they refuse, cached or not', async () => {
    expect((await ask(open, QUERY)).cache).toBe('miss');
    expect((await ask(open, QUERY)).cache).toBe('hit');
    const refused = await ask(strict, QUERY);
    expect(refused.status).toBe(400);
    expect(codes(refused.body)).toEqual(['QUERY_TOO_DEEP']);
    expect(refused.cache).not.toBe('hit');
  });

  test('trusted documents refuse an unlisted one, cached or not, and serve a listed one by its hash', async () => {
    const refused = await ask(trusted, QUERY);
    expect(refused.status).toBe(400);
    expect(codes(refused.body)).toEqual(['OPERATION_NOT_TRUSTED']);
    expect(refused.cache).toBeNull();
    // A listed document named by its hash is the same document as its text: the same entry.
    const listed = `{ network { name } }`;
    expect((await ask(open, listed)).cache).toBe('miss');
    const byHash = await ask(trusted, '', {
      body: { extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(listed) } } },
    });
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.cache).toBe('hit');
  });
});

describe('two gateways sharing Redis', () => {
  let a: string;
  let b: string;
  beforeAll(async () => {
    const prefix = `${PREFIX}shared:`;
    a = await gateway({ responseCache: { store: await redisStore(prefix), ttlSeconds: 60 } });
    b = await gateway({ responseCache: { store: await redisStore(prefix), ttlSeconds: 60 } });
  });

  test("share answers, and see each other's writes at once", async () => {
    const first = await ask<Activities>(a, ACTIVITIES, { variables: DUBROVNIK });
    expect(first.cache).toBe('miss');
    const shared = await ask<Activities>(b, ACTIVITIES, { variables: DUBROVNIK });
    expect(shared.cache).toBe('hit');
    expect(shared.statements).toBe(0);
    expect(shared.body).toEqual(first.body);
    // An editor writes through A; the next read, through B, has the write.
    const created = await createActivity(a, 'Peace workshop, shared cache');
    expect(created.body.errors).toBeUndefined();
    const after = await ask<Activities>(b, ACTIVITIES, { variables: DUBROVNIK });
    expect(after.cache).toBe('miss');
    expect(after.body.data!.partner.activities.totalCount).toBe(first.body.data!.partner.activities.totalCount + 1);
    expect(after.body.data!.partner.activities.nodes.map((node) => node.title)).toContain(
      'Peace workshop, shared cache',
    );
    // B kept the fresh answer: A serves it.
    const fromA = await ask<Activities>(a, ACTIVITIES, { variables: DUBROVNIK });
    expect(fromA.cache).toBe('hit');
    expect(fromA.body).toEqual(after.body);
    // And the other way round: a write through B, read through A.
    await createActivity(b, 'Peace workshop, written through B');
    const later = await ask<Activities>(a, ACTIVITIES, { variables: DUBROVNIK });
    expect(later.cache).toBe('miss');
    expect(later.body.data!.partner.activities.totalCount).toBe(after.body.data!.partner.activities.totalCount + 1);
  });
});

test('a Redis that cannot be reached is no cache: every request is answered, the outage logged once', async () => {
  const said: string[] = [];
  const store = await redisStore(`${PREFIX}down:`, `redis://127.0.0.1:${await freePort()}`, (message) =>
    said.push(message),
  );
  const url = await gateway({ responseCache: { store, ttlSeconds: 60 } });
  const reference = await ask(graph.url, ACTIVITIES, { variables: DUBROVNIK });
  for (let n = 0; n < 3; n += 1) {
    const answer = await ask(url, ACTIVITIES, { variables: DUBROVNIK });
    expect(answer.status).toBe(200);
    expect(answer.cache).toBe('bypass');
    expect(answer.body).toEqual(reference.body);
  }
  const created = await createActivity(url, 'Written while the cache is down');
  expect(created.status).toBe(200);
  expect(created.body.errors).toBeUndefined();
  expect(said).toHaveLength(1);
  expect(said[0]).toMatch(/^response cache: Redis is unavailable/);
});
