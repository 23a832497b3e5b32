import { type ApolloServerPlugin, type GraphQLRequestContext, HeaderMap } from '@apollo/server';
import { createHash, randomInt } from 'node:crypto';
import Redis from 'ioredis';
import type { Locale } from '@citipart/schema';
import type { GatewayContext } from './context';
import { LATE_WRITE_MS } from './subgraph-data-source';

// The shared response cache for public reads (docs: README.md, "Response cache").
//
// What is kept: the answer to a query (never a mutation) from a caller without an
// Authorization header, when it has no errors. The key is a hash of what decides the answer
// for an anonymous caller: the supergraph, the document as the gateway ran it (after trusted
// documents resolved a hash to it), the operation name, the variables and the negotiated
// language.
//
// Invalidation: one data generation for the whole graph. Every mutation that passes through
// the gateway bumps it once it is done, whatever its outcome, before its answer leaves; an
// entry is served only if it was stored at the current generation. A read stores its answer
// under the generation it read when it started: a read that began before a write and ends
// after it stores an answer that no later read can reach. With Redis the generation lives
// in Redis, so that every gateway sharing it sees every other's writes; the lookup reads the
// generation and the entry in one round trip. A backstop TTL bounds what no gateway sees
// (a write made straight in a subgraph or in the database).

/** The response header that says what the cache did: `hit`, `miss` (looked up, then run) or `bypass`. */
export const CACHE_HEADER = 'x-cache';

/** What a lookup finds: the current generation, and the entry stored at it, if any. */
export interface CacheLookup {
  generation: string;
  value: string | undefined;
}

/** Where answers are kept: in the gateway's memory, or in Redis for several gateways. */
export interface ResponseCacheStore {
  readonly kind: 'memory' | 'redis';
  /** The current generation and the entry stored under `key` at that generation. Rejects when the store is unreachable. */
  lookup(key: string): Promise<CacheLookup>;
  /** Keeps `value` under `key` for `ttlSeconds`, as of `generation` (the one its lookup returned). */
  store(key: string, generation: string, value: string, ttlSeconds: number): Promise<void>;
  /** Starts a new generation: every entry stored before is unreachable from now on. */
  bump(): Promise<void>;
  close(): Promise<void>;
}

// --- In memory -----------------------------------------------------------------------------------

export interface MemoryStoreOptions {
  /** The most the entries may take together, in bytes (counted as UTF-16, as V8 may hold them). Default 32 MiB. */
  maxBytes?: number;
  /** Larger answers are not kept (default: an eighth of maxBytes). */
  maxEntryBytes?: number;
  /** The clock, in milliseconds (tests move it). */
  now?: () => number;
}

export interface MemoryStore extends ResponseCacheStore {
  /** How many entries and bytes it holds now. */
  usage(): { entries: number; bytes: number };
}

/** What an entry costs beyond its key and value: the map's slot and the record. */
const ENTRY_OVERHEAD_BYTES = 96;

export const DEFAULT_MEMORY_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * A least-recently-used map bounded in bytes, for one gateway (the default of `npm start`).
 * A bump empties it: no other gateway can be told of a write, so with several gateways
 * behind a load balancer use Redis.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const maxBytes = options.maxBytes ?? DEFAULT_MEMORY_CACHE_BYTES;
  const maxEntryBytes = Math.min(options.maxEntryBytes ?? Math.floor(maxBytes / 8), maxBytes);
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: a read moves its entry to the end, so the first is
  // the least recently used.
  const entries = new Map<string, { value: string; expiresAt: number; bytes: number }>();
  let generation = 0;
  let bytes = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  return {
    kind: 'memory',
    async lookup(key) {
      const entry = entries.get(key);
      if (!entry) return { generation: String(generation), value: undefined };
      remove(key);
      if (entry.expiresAt <= now()) return { generation: String(generation), value: undefined };
      // Now the most recently used.
      entries.set(key, entry);
      bytes += entry.bytes;
      return { generation: String(generation), value: entry.value };
    },
    async store(key, at, value, ttlSeconds) {
      // Read before the last bump: its answer may predate the write.
      if (at !== String(generation)) return;
      const size = 2 * (key.length + value.length) + ENTRY_OVERHEAD_BYTES;
      remove(key);
      if (size > maxEntryBytes) return;
      entries.set(key, { value, expiresAt: now() + ttlSeconds * 1000, bytes: size });
      bytes += size;
      for (const oldest of entries.keys()) {
        if (bytes <= maxBytes) break;
        remove(oldest);
      }
    },
    async bump() {
      generation += 1;
      entries.clear();
      bytes = 0;
    },
    async close() {
      entries.clear();
      bytes = 0;
    },
    usage: () => ({ entries: entries.size, bytes }),
  };
}

// --- In Redis ------------------------------------------------------------------------------------

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /** Put before every key, so that several graphs (or test runs) can share one Redis. */
  keyPrefix: string;
  /** How long one command may take before the request goes on without the cache (default 500 ms). */
  commandTimeoutMs?: number;
  /** How long a connection attempt may take (default 1 s). */
  connectTimeoutMs?: number;
  /** Larger answers are not kept (default 1 MiB). */
  maxEntryBytes?: number;
  /** Where the store says that Redis went away and came back (once per outage). */
  log?: (message: string) => void;
}

/** The store's failure as callers see it: no address, no stack of the client's. */
export class CacheUnavailable extends Error {
  constructor() {
    super('the response cache is unavailable');
  }
}

/** Why Redis failed, for the log: an error code, never an address. */
function reasonOf(error: unknown): string {
  const { code, message, name } = error as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  // A Redis error reply starts with its code: WRONGPASS, NOAUTH, READONLY, OOM…
  if (name === 'ReplyError' && typeof message === 'string') return /^[A-Z]+/.exec(message)?.[0] ?? name;
  if (typeof message === 'string' && /timed? ?out/i.test(message)) return 'timed out';
  return typeof name === 'string' ? name : 'error';
}

/** After a failure, how long the store answers "unavailable" at once rather than wait on Redis again. */
const REDIS_PAUSE_MS = 1_000;

/**
 * A first generation that no earlier one of the same prefix can have been: if Redis loses
 * the generation key (restarted, evicted under memory pressure) while entries survive, a
 * counter that started again from 0 could meet their old generation and serve them.
 */
const freshGeneration = () => String(randomInt(1, 2 ** 47));

/**
 * Answers kept in Redis, shared by every gateway that uses the same Redis and prefix. The
 * generation is one key (`<prefix>generation`, bumped with INCR); each answer is one key
 * (`<prefix>response:<hash>`) whose value starts with the generation it was stored at.
 *
 * A Redis that is down or slow is no cache: commands fail at once while it is disconnected
 * (no offline queue), time out after `commandTimeoutMs`, and after a failure the store skips
 * Redis for a second; the client reconnects in the background. A bump that could not reach
 * Redis is made again before this gateway reads from it again.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<ResponseCacheStore> {
  const generationKey = `${options.keyPrefix}generation`;
  const entryKey = (key: string) => `${options.keyPrefix}response:${key}`;
  const maxEntryBytes = options.maxEntryBytes ?? 1024 * 1024;
  const client = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: options.connectTimeoutMs ?? 1_000,
    // RESP2 and no CLIENT SETINFO: the commands used here need nothing newer, so any Redis
    // (or a server speaking its protocol) will do.
    protocol: 2,
    disableClientInfo: true,
    retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
  });
  /** An outage has been logged and Redis has not answered since. */
  let down = false;
  let pausedUntil = 0;
  let bumpOwed = false;
  let closed = false;
  const failed = (reason: string) => {
    if (!down) {
      options.log?.(`response cache: Redis is unavailable (${reason}); answering without the cache until it is back`);
    }
    down = true;
    pausedUntil = Date.now() + REDIS_PAUSE_MS;
  };
  const answered = () => {
    if (down) options.log?.('response cache: Redis answers again');
    down = false;
  };
  // The client reports every failed connection attempt: said once per outage, never thrown.
  client.on('error', (error) => failed(reasonOf(error)));
  client.on('close', () => {
    if (!closed) failed('connection closed');
  });
  client.on('ready', answered);
  /** Runs a command unless Redis failed a moment ago; any failure becomes CacheUnavailable. */
  const run = async <T>(command: () => Promise<T>): Promise<T> => {
    if (closed || Date.now() < pausedUntil || client.status !== 'ready') throw new CacheUnavailable();
    try {
      const result = await command();
      answered();
      return result;
    } catch (error) {
      failed(reasonOf(error));
      throw new CacheUnavailable();
    }
  };
  /** A MULTI's replies, or its first error. */
  const replies = (results: [Error | null, unknown][] | null): unknown[] => {
    if (!results) throw new Error('transaction aborted');
    for (const [error] of results) if (error) throw error;
    return results.map(([, reply]) => reply);
  };
  const bump = () =>
    run(async () => {
      // A lost generation key starts again from a fresh value, never from 1.
      replies(await client.multi().set(generationKey, freshGeneration(), 'NX').incr(generationKey).exec());
      bumpOwed = false;
    });
  // A bump that failed is owed to every gateway sharing the store: made again in the
  // background, past the pause that keeps reads off a failing Redis, until it lands.
  let retry: NodeJS.Timeout | undefined;
  const payOwedBump = () => {
    if (!bumpOwed || closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      pausedUntil = 0;
      bump().catch(payOwedBump);
    }, REDIS_PAUSE_MS);
    retry.unref();
  };
  client.on('ready', () => {
    if (bumpOwed) {
      pausedUntil = 0;
      bump().catch(payOwedBump);
    }
  });

  // Down at start, or not answering: the gateway starts all the same, without the cache
  // until the client (which keeps trying) gets through.
  const connectTimeoutMs = options.connectTimeoutMs ?? 1_000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.connect().catch(() => failed('no connection')),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, connectTimeoutMs))),
  ]);
  clearTimeout(timer);
  if (client.status !== 'ready') failed('no answer');

  return {
    kind: 'redis',
    async lookup(key) {
      if (bumpOwed) await bump();
      return run(async () => {
        const [generation, entry] = await client.mget(generationKey, entryKey(key));
        if (generation === null) {
          const [, created] = replies(
            await client.multi().set(generationKey, freshGeneration(), 'NX').get(generationKey).exec(),
          );
          return { generation: String(created), value: undefined };
        }
        const separator = entry ? entry.indexOf('\n') : -1;
        const current = entry !== null && separator > 0 && entry.slice(0, separator) === generation;
        return { generation, value: current ? entry!.slice(separator + 1) : undefined };
      });
    },
    async store(key, generation, value, ttlSeconds) {
      if (Buffer.byteLength(value) > maxEntryBytes) return;
      await run(() => client.set(entryKey(key), `${generation}\n${value}`, 'EX', ttlSeconds));
    },
    async bump() {
      try {
        await bump();
      } catch (error) {
        // Made again as soon as Redis answers (payOwedBump), and before this gateway next
        // reads through it; until then the other gateways serve what they have.
        bumpOwed = true;
        payOwedBump();
        throw error;
      }
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      client.disconnect();
    },
  };
}

// --- Configuration --------------------------------------------------------------------------------

/** RESPONSE_CACHE, RESPONSE_CACHE_TTL_S and RESPONSE_CACHE_PREFIX, as gateway/src/config.ts reads them. */
export interface ResponseCacheConfig {
  store: 'off' | 'memory' | 'redis';
  /** For `redis`: where it is. */
  redisUrl?: string;
  /** The backstop: no entry is served longer than this after it was stored. */
  ttlSeconds: number;
  /** For `redis`: before every key. */
  keyPrefix: string;
}

export const DEFAULT_RESPONSE_CACHE_TTL_S = 60;
export const DEFAULT_RESPONSE_CACHE_PREFIX = 'citipart:';

/** The cache a gateway is given: its store and the backstop TTL. */
export interface ResponseCache {
  store: ResponseCacheStore;
  /** Seconds an entry lives at most (default DEFAULT_RESPONSE_CACHE_TTL_S). */
  ttlSeconds?: number;
}

/** Opens the configured store; none when it is `off`. A Redis that does not answer yet is no error. */
export async function openResponseCache(
  config: ResponseCacheConfig,
  log?: (message: string) => void,
): Promise<ResponseCache | undefined> {
  if (config.store === 'off') return undefined;
  const store =
    config.store === 'memory'
      ? createMemoryStore()
      : await createRedisStore({ url: config.redisUrl!, keyPrefix: config.keyPrefix, log });
  return { store, ttlSeconds: config.ttlSeconds };
}

/** The configuration in words for the log, without a password. */
export function describeResponseCache(config: ResponseCacheConfig): string {
  if (config.store === 'off') return 'off';
  if (config.store === 'memory')
    return `memory (${DEFAULT_MEMORY_CACHE_BYTES / 1024 / 1024} MiB), TTL ${config.ttlSeconds} s`;
  const url = new URL(config.redisUrl!);
  return `Redis at ${url.host}, prefix "${config.keyPrefix}", TTL ${config.ttlSeconds} s`;
}

// --- The plugin ------------------------------------------------------------------------------------

/** JSON with object keys sorted, so that the same variables in another order make the same key. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The key of an answer: everything that decides it for an anonymous caller. */
export function responseCacheKey(parts: {
  schemaHash: string;
  document: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
  locale: Locale | null;
}): string {
  return createHash('sha256')
    .update(
      canonicalJson([
        1,
        parts.schemaHash,
        parts.document,
        parts.operationName ?? null,
        parts.variables ?? {},
        parts.locale ?? '',
      ]),
    )
    .digest('base64url');
}

/** A kept answer, or undefined for anything that is not one (a key of the same name written by something else). */
function parseAnswer(value: string): { data: Record<string, unknown> } | undefined {
  try {
    const parsed = JSON.parse(value) as { data?: unknown; errors?: unknown };
    const data = parsed?.data;
    return typeof data === 'object' && data !== null && parsed.errors === undefined
      ? (parsed as { data: Record<string, unknown> })
      : undefined;
  } catch {
    return undefined;
  }
}

/** An anonymous query: no Authorization header at all, and no identity. */
function anonymousQuery(context: GraphQLRequestContext<GatewayContext>): boolean {
  return (
    context.operation?.operation === 'query' &&
    context.request.http?.headers.get('authorization') === undefined &&
    context.contextValue.identity?.kind === 'anonymous' &&
    typeof context.source === 'string'
  );
}

/**
 * The cache as an Apollo Server plugin. It comes after the query limits and the operation
 * check in the gateway's plugins: by `responseForOperation` the document has passed the
 * trusted documents gate, been parsed, validated and held to the query limits, and
 * operations of introspection only have been answered (they are not cached: they need no
 * subgraph, and they are large).
 */
export function responseCachePlugin(
  cache: ResponseCache,
  options: { schemaHash: string },
): ApolloServerPlugin<GatewayContext> {
  const { store } = cache;
  const ttlSeconds = cache.ttlSeconds ?? DEFAULT_RESPONSE_CACHE_TTL_S;
  return {
    async requestDidStart() {
      /** Set once looked up and missed: where to store the answer, and as of which generation. */
      let miss: { key: string; generation: string } | undefined;
      let hit = false;
      return {
        async responseForOperation(context) {
          if (!anonymousQuery(context)) return null;
          const key = responseCacheKey({
            schemaHash: options.schemaHash,
            document: context.source!,
            operationName: context.request.operationName,
            variables: context.request.variables,
            locale: context.contextValue.locale,
          });
          let found: CacheLookup;
          try {
            found = await store.lookup(key);
          } catch {
            return null;
          }
          const cached = found.value === undefined ? undefined : parseAnswer(found.value);
          if (!cached) {
            miss = { key, generation: found.generation };
            context.contextValue.responseCacheGeneration = found.generation;
            return null;
          }
          hit = true;
          return {
            http: { status: undefined, headers: new HeaderMap([[CACHE_HEADER, 'hit']]) },
            body: { kind: 'single', singleResult: cached },
          };
        },
        async willSendResponse(context) {
          const { response } = context;
          if (context.operation?.operation === 'mutation') {
            // Whatever its outcome: a mutation with errors may still have written some of
            // its fields. Done before its answer leaves, so that the editor's next read,
            // through any gateway, sees the write.
            await store.bump().catch(() => undefined);
            // With errors, a call the gateway gave up on may still commit after this bump:
            // once more when it certainly has ended (subgraph-data-source.ts, LATE_WRITE_MS).
            if (response.body.kind === 'single' && response.body.singleResult.errors?.length) {
              setTimeout(() => void store.bump().catch(() => undefined), LATE_WRITE_MS).unref();
            }
          }
          if (hit) return;
          response.http.headers.set(CACHE_HEADER, miss ? 'miss' : 'bypass');
          if (!miss || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length || !result.data || (response.http.status ?? 200) !== 200) return;
          try {
            await store.store(miss.key, miss.generation, JSON.stringify(result), ttlSeconds);
          } catch {
            // Unreachable: the answer goes out all the same; the store has said so in the log.
          }
        },
      };
    },
  };
}
