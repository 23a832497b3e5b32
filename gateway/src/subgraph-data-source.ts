import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { PublicErrorCode, languageTag } from '@citipart/schema';
import { IDENTITY_HEADER, createIdentityProof, log } from '@citipart/subgraph-kit/runtime';
import { GraphQLError, OperationTypeNode } from 'graphql';
import type { GatewayContext } from './context';

/**
 * Counts the writes that went through this gateway, for every subgraph's data source. A read
 * joins a call in flight only within the same count: a call that began before a write may
 * hold the data from before it, and the write's author must see it in the next read.
 */
export class WriteEpoch {
  private value = 0;

  get current(): number {
    return this.value;
  }

  /** After a mutation's call to a subgraph, answered or not (it may have committed). */
  advance(): void {
    this.value += 1;
  }
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** Signs the caller's identity for the subgraph (none: every call is anonymous). */
  gatewaySecret?: string;
  /** How long one call, body included, may take before its part of the answer is given up. */
  timeoutMs: number;
  /**
   * Share one call among identical anonymous queries in flight at the same time (same
   * subgraph, document, variables and language), as the Router and Hive Gateway can.
   */
  deduplicate: boolean;
  /** Shared by the data sources of one gateway (a write to any subgraph counts). */
  writes: WriteEpoch;
}

/**
 * How long after a mutation's call was given up on (timed out, or the subgraph unreachable)
 * it may still commit: the subgraphs bound each statement to 3 s and a transaction's idle
 * time to 10 s (DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS).
 */
export const LATE_WRITE_MS = 30_000;

/** The largest answer a subgraph call may bring: far past what a row budget lets a subgraph send. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** A kept-alive socket the subgraph had closed: the call never reached it. */
class StaleSocket extends Error {
  constructor(override readonly cause: unknown) {
    super('stale keep-alive socket');
  }
}

/** What one call brought back, before parsing: each caller parses its own copy. */
interface RawAnswer {
  status: number;
  body: Buffer;
}

/**
 * How the gateway calls one subgraph: a plain HTTP/1.1 POST over keep-alive sockets, in place
 * of Apollo's RemoteGraphQLDataSource over fetch. A profile of the fan-out showed the gateway
 * spending about a fifth of its CPU in fetch's machinery (web streams, abort signals,
 * Request/Response objects) for bodies it reads whole anyway.
 *
 * Bounded: each call, body included, within `timeoutMs`; sockets per subgraph capped. A call
 * that fails becomes an error naming the service (never its address) and the rest of the
 * answer is still served: the fields that service owns are null.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly inFlight = new Map<string, Promise<RawAnswer>>();
  private readonly target: URL;

  private readonly agent: Agent;

  constructor(private readonly options: SubgraphDataSourceOptions) {
    this.target = new URL(options.url);
    this.agent = new (this.target.protocol === 'https:' ? HttpsAgent : Agent)({
      keepAlive: true,
      // A cap, not a pool size: calls past it wait for a socket (within their time bound), so
      // a slow subgraph cannot make the gateway open sockets without end.
      maxSockets: 256,
      // Idle sockets are closed after 30 s, before the subgraph's own keep-alive timeout (65 s).
      timeout: 30_000,
      scheduling: 'lifo',
    });
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { request, context } = options;
    const body = JSON.stringify({
      query: request.query,
      operationName: request.operationName,
      variables: request.variables,
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const { identity, locale, responseCacheGeneration } = context as Partial<GatewayContext>;
    // The subgraphs learn who is calling only from this signed header.
    const proof = this.options.gatewaySecret && identity && createIdentityProof(this.options.gatewaySecret, identity);
    if (proof) headers[IDENTITY_HEADER] = proof;
    // Negotiated once, at the gateway: every subgraph answers in the same language.
    if (locale) headers['accept-language'] = languageTag(locale);

    // The client's operation: a query plans only queries, while a mutation's plan may read
    // after it writes, and a read after a write is not shared with one before it.
    const isQuery =
      options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION &&
      options.incomingRequestContext.operation?.operation === OperationTypeNode.QUERY;
    // Only anonymous queries are shared: what one caller may see, any anonymous caller may;
    // and only between requests no write separates (WriteEpoch, and the cache's generation).
    const key =
      this.options.deduplicate && isQuery && !proof
        ? [this.options.writes.current, responseCacheGeneration ?? '', headers['accept-language'] ?? '', body].join(
            '\n',
          )
        : null;
    if (key) return this.parse(await this.shared(key, () => this.post(body, headers, true)));
    if (isQuery) return this.parse(await this.post(body, headers, true));
    try {
      return this.parse(await this.post(body, headers, false));
    } catch (error) {
      // Given up on, a write may still commit: reads are kept apart from those before it again
      // once it has certainly ended (LATE_WRITE_MS).
      setTimeout(() => this.options.writes.advance(), LATE_WRITE_MS).unref();
      throw error;
    } finally {
      this.options.writes.advance();
    }
  }

  private shared(key: string, call: () => Promise<RawAnswer>): Promise<RawAnswer> {
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = call().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private parse({ status, body }: RawAnswer) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    if (status < 200 || status >= 300 || typeof parsed !== 'object' || parsed === null) {
      // A subgraph refuses with GraphQL errors (HTTP 400): kept for the error masker, which
      // passes on what describes the client's request and nothing else.
      const errors = (parsed as { errors?: unknown } | undefined)?.errors;
      if (Array.isArray(errors) && errors.length) return { errors };
      log('gateway', `subgraph ${this.options.name} answered HTTP ${status} without GraphQL errors`);
      throw this.unavailable(false);
    }
    return parsed as { data?: Record<string, unknown> | null; errors?: GraphQLError[] };
  }

  /**
   * One POST. A query sent on a kept-alive socket that the subgraph closed meanwhile (it
   * restarted, or closed it idle just then) is sent once more on a new one; a mutation never
   * is: it may have arrived.
   */
  private post(body: string, headers: Record<string, string>, idempotent: boolean): Promise<RawAnswer> {
    return this.send(body, headers).catch((error: unknown) => {
      if (!(error instanceof StaleSocket)) throw error;
      if (idempotent) return this.send(body, headers, true);
      this.failed(false, error.cause);
      throw this.unavailable(false);
    });
  }

  private send(body: string, headers: Record<string, string>, retried = false): Promise<RawAnswer> {
    return new Promise<RawAnswer>((resolve, reject) => {
      const payload = Buffer.from(body);
      const call = (this.target.protocol === 'https:' ? httpsRequest : httpRequest)({
        agent: this.agent,
        hostname: this.target.hostname,
        port: this.target.port,
        path: `${this.target.pathname}${this.target.search}`,
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length) },
      });
      let received = 0;
      const fail = (timedOut: boolean, error?: unknown) => {
        clearTimeout(timer);
        call.destroy();
        // Reset before any answer on a socket used before: the subgraph closed it, not this call.
        const code = (error as { code?: unknown } | undefined)?.code;
        if (!retried && !timedOut && call.reusedSocket && received === 0 && code === 'ECONNRESET') {
          reject(new StaleSocket(error));
          return;
        }
        this.failed(timedOut, error);
        reject(this.unavailable(timedOut));
      };
      // The whole call, body included: a body that never ends cannot hold on.
      const timer = setTimeout(() => fail(true), this.options.timeoutMs);
      call.once('error', (error) => fail(false, error));
      call.once('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          // A subgraph's answer is bounded by its row budget; past this it is not one.
          if (received > MAX_ANSWER_BYTES) fail(false, new Error(`answer over ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(chunk);
        });
        response.once('error', (error) => fail(false, error));
        response.once('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) });
        });
      });
      call.end(payload);
    });
  }

  private failed(timedOut: boolean, error: unknown): void {
    log(
      'gateway',
      `subgraph ${this.options.name} ${timedOut ? `did not answer within ${this.options.timeoutMs} ms` : 'is unreachable'}`,
      error,
    );
  }

  private unavailable(timedOut: boolean): GraphQLError {
    const { name } = this.options;
    return new GraphQLError(
      timedOut
        ? `The ${name} service did not answer in time; its part of the answer is missing.`
        : `The ${name} service is unavailable; its part of the answer is missing.`,
      { extensions: { code: PublicErrorCode.SERVICE_UNAVAILABLE } },
    );
  }

  /** Closes the idle sockets (a stopping gateway). */
  close(): void {
    this.agent.destroy();
  }
}
