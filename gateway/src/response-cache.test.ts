import { randomUUID } from 'node:crypto';
import { type Socket, connect, createServer } from 'node:net';
import { ApolloServer } from '@apollo/server';
import Redis from 'ioredis';
import { ANONYMOUS } from '@citipart/subgraph-kit/runtime';
import { Locale } from '@citipart/schema';
import { loadGatewayConfig } from './config';
import {
  CacheUnavailable,
  type ResponseCacheStore,
  createMemoryStore,
  createRedisStore,
  describeResponseCache,
  openResponseCache,
  responseCacheKey,
  responseCachePlugin,
} from './response-cache';
import type { GatewayContext } from './context';

// The stores of the response cache on their own: the memory store's bounds (bytes, entry
// size, TTL, least recently used first), and both stores' generations: a bump makes every
// earlier entry unreachable, including one stored after the bump by a read that began before
// it. The Redis store runs against the Redis on 127.0.0.1:6379 (as on CI), under a prefix of
// this run's own, deleted at the end.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `citipart-test:${randomUUID()}:`;

describe('configuration', () => {
  test('in memory by default, with a 60 s backstop', async () => {
    const config = loadGatewayConfig({}).responseCache;
    expect(config).toEqual({ store: 'memory', ttlSeconds: 60, keyPrefix: 'citipart:', redisUrl: undefined });
    expect(describeResponseCache(config)).toBe('memory (32 MiB), TTL 60 s');
    const cache = await openResponseCache(config);
    expect(cache?.store.kind).toBe('memory');
    expect(cache?.ttlSeconds).toBe(60);
  });

  test('off, or Redis with its prefix and TTL', async () => {
    const off = loadGatewayConfig({ RESPONSE_CACHE: 'off' }).responseCache;
    expect(off.store).toBe('off');
    expect(await openResponseCache(off)).toBeUndefined();
    const redis = loadGatewayConfig({
      RESPONSE_CACHE: 'redis://cache:s3cret@redis:6379/2',
      RESPONSE_CACHE_TTL_S: '15',
      RESPONSE_CACHE_PREFIX: 'staging:',
    }).responseCache;
    expect(redis).toEqual({
      store: 'redis',
      redisUrl: 'redis://cache:s3cret@redis:6379/2',
      ttlSeconds: 15,
      keyPrefix: 'staging:',
    });
    // The log names where, never the password.
    expect(describeResponseCache(redis)).toBe('Redis at redis:6379, prefix "staging:", TTL 15 s');
  });

  test('refuses anything else, without repeating the value', () => {
    for (const value of ['on', 'postgres://user:s3cret@db/x', 'redis://', 'memcached://cache:11211']) {
      expect(() => loadGatewayConfig({ RESPONSE_CACHE: value })).toThrow(
        /RESPONSE_CACHE: must be "off", "memory" or a redis:\/\/ URL$/,
      );
    }
    expect(() => loadGatewayConfig({ RESPONSE_CACHE: 'redis:// x:s3cret@h' })).not.toThrow(/s3cret/);
    expect(() => loadGatewayConfig({ RESPONSE_CACHE_TTL_S: '0' })).toThrow(/RESPONSE_CACHE_TTL_S: /);
  });
});

describe('the cache key', () => {
  const base = {
    schemaHash: 'schema',
    document: '{ network { name } }',
    operationName: null,
    variables: { a: 1, b: { c: [1, 2], d: 'x' } },
    locale: Locale.HR,
  };

  test('is the same for the same variables in another order', () => {
    expect(responseCacheKey(base)).toBe(responseCacheKey({ ...base, variables: { b: { d: 'x', c: [1, 2] }, a: 1 } }));
  });

  test.each([
    ['the document', { document: '{ network { title } }' }],
    ['the operation name', { operationName: 'Q' }],
    ['the variables', { variables: { a: 2, b: { c: [1, 2], d: 'x' } } }],
    ['the language', { locale: Locale.FR }],
    ['no language asked', { locale: null }],
    ['the supergraph', { schemaHash: 'other' }],
  ])('differs with %s', (_, change) => {
    expect(responseCacheKey({ ...base, ...change })).not.toBe(responseCacheKey(base));
  });
});

describe('the memory store', () => {
  /** An entry's cost as the store counts it: UTF-16 key and value, and 96 bytes of bookkeeping. */
  const cost = (key: string, value: string) => 2 * (key.length + value.length) + 96;

  test('never holds more bytes than its bound, dropping the least recently used first', async () => {
    const value = 'v'.repeat(1_000);
    const maxBytes = 10 * cost('k00', value);
    const store = createMemoryStore({ maxBytes });
    const { generation } = await store.lookup('k00');
    for (let n = 0; n < 10; n += 1) await store.store(`k0${n}`, generation, value, 60);
    expect(store.usage()).toEqual({ entries: 10, bytes: maxBytes });
    // k00 read again: now k01 is the least recently used.
    expect((await store.lookup('k00')).value).toBe(value);
    await store.store('k10', generation, value, 60);
    expect(store.usage().bytes).toBeLessThanOrEqual(maxBytes);
    expect((await store.lookup('k01')).value).toBeUndefined();
    expect((await store.lookup('k00')).value).toBe(value);
    expect((await store.lookup('k10')).value).toBe(value);
    // A flood of distinct answers keeps it within the bound.
    for (let n = 0; n < 1_000; n += 1) {
      await store.store(`flood-${n}`, generation, 'x'.repeat(n % 700), 60);
      expect(store.usage().bytes).toBeLessThanOrEqual(maxBytes);
    }
  });

  test('keeps no answer larger than its entry bound, and replacing an entry counts it once', async () => {
    const store = createMemoryStore({ maxBytes: 100_000, maxEntryBytes: 1_000 });
    const { generation } = await store.lookup('small');
    await store.store('big', generation, 'x'.repeat(1_000), 60);
    expect(store.usage()).toEqual({ entries: 0, bytes: 0 });
    await store.store('small', generation, 'a', 60);
    await store.store('small', generation, 'bb', 60);
    expect(store.usage()).toEqual({ entries: 1, bytes: cost('small', 'bb') });
    // A larger answer under the same key takes the old one out.
    await store.store('small', generation, 'x'.repeat(1_000), 60);
    expect(store.usage()).toEqual({ entries: 0, bytes: 0 });
  });

  test('serves an entry no longer than its TTL', async () => {
    let now = 1_000_000;
    const store = createMemoryStore({ now: () => now });
    const { generation } = await store.lookup('k');
    await store.store('k', generation, 'answer', 60);
    now += 59_999;
    expect((await store.lookup('k')).value).toBe('answer');
    now += 1;
    expect((await store.lookup('k')).value).toBeUndefined();
    expect(store.usage()).toEqual({ entries: 0, bytes: 0 });
  });
});

/** The race and the bump, for any store. */
function generations(open: () => Promise<ResponseCacheStore>) {
  let store: ResponseCacheStore;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store?.close());

  test('a bump makes every earlier entry unreachable', async () => {
    const before = await store.lookup('a');
    await store.store('a', before.generation, 'old', 60);
    expect(await store.lookup('a')).toEqual({ generation: before.generation, value: 'old' });
    await store.bump();
    const after = await store.lookup('a');
    expect(after.generation).not.toBe(before.generation);
    expect(after.value).toBeUndefined();
  });

  test('an answer read before a write and stored after it is never served', async () => {
    // The read looks up (and misses) at the current generation...
    const read = await store.lookup('race');
    expect(read.value).toBeUndefined();
    // ...a write completes meanwhile...
    await store.bump();
    // ...and the read stores what it got, which may predate the write.
    await store.store('race', read.generation, 'maybe stale', 60);
    expect((await store.lookup('race')).value).toBeUndefined();
    // A read that starts now stores an answer the next one gets.
    const fresh = await store.lookup('race');
    await store.store('race', fresh.generation, 'fresh', 60);
    expect((await store.lookup('race')).value).toBe('fresh');
  });
}

describe('generations, in memory', () => generations(async () => createMemoryStore()));

describe('the Redis store', () => {
  let admin: Redis;
  beforeAll(() => {
    admin = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    return admin.connect();
  });
  afterAll(async () => {
    const keys = await admin.keys(`${PREFIX}*`);
    if (keys.length) await admin.del(...keys);
    admin.disconnect();
  });

  describe('generations', () => generations(() => createRedisStore({ url: REDIS_URL, keyPrefix: `${PREFIX}g:` })));

  test('keeps every key under its prefix, with the TTL given', async () => {
    const prefix = `${PREFIX}ttl:`;
    const store = await createRedisStore({ url: REDIS_URL, keyPrefix: prefix });
    try {
      const { generation } = await store.lookup('k');
      await store.store('k', generation, '{"data":{}}', 30);
      const keys = (await admin.keys(`${prefix}*`)).sort();
      expect(keys).toEqual([`${prefix}generation`, `${prefix}response:k`]);
      const ttl = await admin.ttl(`${prefix}response:k`);
      expect(ttl).toBeGreaterThan(25);
      expect(ttl).toBeLessThanOrEqual(30);
      // The generation itself never expires.
      expect(await admin.ttl(`${prefix}generation`)).toBe(-1);
    } finally {
      await store.close();
    }
  });

  test('two stores on one Redis share entries and generations', async () => {
    const prefix = `${PREFIX}shared:`;
    const [a, b] = await Promise.all([
      createRedisStore({ url: REDIS_URL, keyPrefix: prefix }),
      createRedisStore({ url: REDIS_URL, keyPrefix: prefix }),
    ]);
    try {
      const read = await a.lookup('k');
      await a.store('k', read.generation, 'from a', 60);
      expect((await b.lookup('k')).value).toBe('from a');
      await b.bump();
      expect((await a.lookup('k')).value).toBeUndefined();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('a generation key lost (evicted, Redis restarted) never brings old entries back', async () => {
    const prefix = `${PREFIX}lost:`;
    const store = await createRedisStore({ url: REDIS_URL, keyPrefix: prefix });
    try {
      const first = await store.lookup('k');
      await store.store('k', first.generation, 'old', 60);
      await store.bump();
      // The generation key goes; the entry stays (the worst case for a counter from 0).
      await admin.del(`${prefix}generation`);
      expect((await store.lookup('k')).value).toBeUndefined();
      await admin.del(`${prefix}generation`);
      await store.bump();
      expect((await store.lookup('k')).value).toBeUndefined();
      // Fresh generations are not small numbers that a restarted counter would meet.
      expect(Number((await store.lookup('k')).generation)).toBeGreaterThan(1_000);
    } finally {
      await store.close();
    }
  });

  test('a Redis that does not answer is no cache: quick refusals, said once in the log', async () => {
    const port = await closedPort();
    const said: string[] = [];
    const started = Date.now();
    const store = await createRedisStore({
      url: `redis://127.0.0.1:${port}`,
      keyPrefix: `${PREFIX}down:`,
      log: (message) => said.push(message),
    });
    try {
      for (let n = 0; n < 20; n += 1) {
        await expect(store.lookup('k')).rejects.toBeInstanceOf(CacheUnavailable);
        await expect(store.store('k', '1', 'v', 60)).rejects.toBeInstanceOf(CacheUnavailable);
        await expect(store.bump()).rejects.toBeInstanceOf(CacheUnavailable);
      }
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/^response cache: Redis is unavailable/);
      expect(said[0]).not.toContain(String(port));
    } finally {
      await store.close();
    }
  });

  test('a Redis that accepts connections and never answers holds nothing up for long', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const said: string[] = [];
    let started = Date.now();
    const store = await createRedisStore({
      url: `redis://127.0.0.1:${(silent.address() as { port: number }).port}`,
      keyPrefix: `${PREFIX}silent:`,
      connectTimeoutMs: 300,
      log: (message) => said.push(message),
    });
    try {
      expect(Date.now() - started).toBeLessThan(1_000);
      started = Date.now();
      for (let n = 0; n < 20; n += 1) {
        await expect(store.lookup('k')).rejects.toBeInstanceOf(CacheUnavailable);
      }
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(said).toEqual([expect.stringMatching(/^response cache: Redis is unavailable/)]);
    } finally {
      await store.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('a bump that could not reach Redis is made before the next lookup', async () => {
    // A Redis that goes away is a proxy closed in front of the real one.
    const prefix = `${PREFIX}owed:`;
    const proxy = await tcpProxy(6379);
    const said: string[] = [];
    const store = await createRedisStore({
      url: `redis://127.0.0.1:${proxy.port}`,
      keyPrefix: prefix,
      log: (message) => said.push(message),
    });
    try {
      const read = await store.lookup('k');
      await store.store('k', read.generation, 'before the write', 60);
      await proxy.pause();
      // The write happens while Redis cannot be reached: its bump is owed.
      await expect(store.bump()).rejects.toBeInstanceOf(CacheUnavailable);
      expect(await admin.get(`${prefix}generation`)).toBe(read.generation);
      proxy.resume();
      // Once Redis is back (the client reconnects by itself), the owed bump comes first.
      let found: Awaited<ReturnType<ResponseCacheStore['lookup']>> | undefined;
      for (let attempt = 0; attempt < 100 && !found; attempt += 1) {
        found = await store.lookup('k').catch(() => undefined);
        if (!found) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(found).toBeDefined();
      expect(found!.value).toBeUndefined();
      expect(found!.generation).not.toBe(read.generation);
      expect(said).toEqual([expect.stringMatching(/unavailable/), 'response cache: Redis answers again']);
    } finally {
      await store.close();
      await proxy.close();
    }
  });
});

describe('the plugin, over a schema of its own', () => {
  /** A field whose answer the test releases when it wants, and counts how often it ran. */
  let runs = 0;
  let gate: Promise<void> = Promise.resolve();
  let value = 'first';
  const server = (store: ResponseCacheStore) =>
    new ApolloServer<GatewayContext>({
      typeDefs: 'type Query { value: String } type Mutation { touch: Boolean }',
      resolvers: {
        Query: {
          value: async () => {
            runs += 1;
            const seen = value;
            await gate;
            return seen;
          },
        },
        Mutation: { touch: () => true },
      },
      plugins: [responseCachePlugin({ store, ttlSeconds: 60 }, { schemaHash: 'test' })],
    });
  const ask = async (apollo: ApolloServer<GatewayContext>, query: string) => {
    const response = await apollo.executeOperation({ query }, { contextValue: { identity: ANONYMOUS, locale: null } });
    const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
    return { cache: response.http.headers.get('x-cache'), data: body?.data as { value?: string } | undefined };
  };

  test('a read that began before a write and ends after it is not served after the write', async () => {
    const store = createMemoryStore();
    const apollo = server(store);
    await apollo.start();
    try {
      runs = 0;
      value = 'before the write';
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      // The read has looked up and is running...
      const slow = ask(apollo, '{ value }');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(runs).toBe(1);
      // ...when a write completes.
      value = 'after the write';
      gate = Promise.resolve();
      expect((await ask(apollo, 'mutation { touch }')).cache).toBe('bypass');
      release();
      expect(await slow).toEqual({ cache: 'miss', data: { value: 'before the write' } });
      // What it kept is out of reach: the next read runs, and its answer is kept.
      expect(await ask(apollo, '{ value }')).toEqual({ cache: 'miss', data: { value: 'after the write' } });
      expect(await ask(apollo, '{ value }')).toEqual({ cache: 'hit', data: { value: 'after the write' } });
      expect(runs).toBe(2);
    } finally {
      await apollo.stop();
    }
  });

  test('an entry that is not an answer is a miss, never an error', async () => {
    const store: ResponseCacheStore = {
      kind: 'memory',
      lookup: async () => ({ generation: '1', value: 'not JSON {' }),
      store: async () => undefined,
      bump: async () => undefined,
      close: async () => undefined,
    };
    const apollo = server(store);
    await apollo.start();
    try {
      value = 'v';
      gate = Promise.resolve();
      expect(await ask(apollo, '{ value }')).toEqual({ cache: 'miss', data: { value: 'v' } });
    } finally {
      await apollo.stop();
    }
  });

  test('a store that fails is no cache, and no error', async () => {
    const store: ResponseCacheStore = {
      kind: 'redis',
      lookup: () => Promise.reject(new CacheUnavailable()),
      store: () => Promise.reject(new CacheUnavailable()),
      bump: () => Promise.reject(new CacheUnavailable()),
      close: async () => undefined,
    };
    const apollo = server(store);
    await apollo.start();
    try {
      value = 'v';
      gate = Promise.resolve();
      expect(await ask(apollo, '{ value }')).toEqual({ cache: 'bypass', data: { value: 'v' } });
      expect((await ask(apollo, 'mutation { touch }')).cache).toBe('bypass');
    } finally {
      await apollo.stop();
    }
  });
});

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A TCP proxy on loopback to `targetPort`, which can cut every connection and refuse new ones for a while. */
async function tcpProxy(targetPort: number) {
  let paused = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    if (paused) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    async pause() {
      paused = true;
      for (const socket of sockets) socket.destroy();
      // Let the client see its connection close.
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    resume() {
      paused = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
