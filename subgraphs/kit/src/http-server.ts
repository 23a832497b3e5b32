import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Locale, languageTag, negotiateLocale } from '@citipart/schema';
import { log } from './log';

// The HTTP side of every service, the gateway and the five subgraphs alike: one server in
// front of Apollo's `executeHTTPGraphQLRequest`. It owns what Apollo's standalone server left
// to Express middleware, which answered a malformed body with an HTML page carrying a stack
// trace: body size, content type, charset and JSON are checked here, and every refusal is a
// GraphQL-shaped JSON error. It also serves /health and /ready, and drains on stop.

export interface ReadinessReport {
  ready: boolean;
  /** What was checked, by name (no addresses: this is public). */
  checks: Record<string, boolean>;
}

export interface GraphQLHttpOptions<C extends BaseContext> {
  /** Service name, for the log. */
  name: string;
  /** Started by the caller. */
  apollo: ApolloServer<C>;
  /**
   * `gone` aborts when the client closes the connection before its answer is sent; `locale`
   * is what the request's Accept-Language asks for (null: nothing the graph speaks).
   */
  context(req: IncomingMessage, gone: AbortSignal, locale: Locale | null): Promise<C>;
  /** The largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** What `/ready` reports: whether this service can answer now. */
  readiness(): Promise<ReadinessReport>;
  /** How long a stop waits for requests in flight before it closes their connections. */
  drainMs: number;
}

export interface GraphQLHttpServer {
  /** Listens on `port` (0 picks a free one); resolves to the GraphQL URL. */
  listen(port: number): Promise<string>;
  /** Stops accepting, lets requests in flight finish (within `drainMs`), then closes. */
  stop(): Promise<void>;
}

/** A refusal in the GraphQL response shape, with a code a client can act on. */
function sendError(res: ServerResponse, status: number, code: string, message: string, headers = {}): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

class ClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The body, up to `limit` bytes; larger ones are refused as soon as they are known to be. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    // Read on without keeping anything, so the refusal reaches a client still sending.
    req.resume();
    return Promise.reject(new ClientError(413, 'PAYLOAD_TOO_LARGE', `The request body may be at most ${limit} bytes.`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(new ClientError(413, 'PAYLOAD_TOO_LARGE', `The request body may be at most ${limit} bytes.`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The parsed JSON body of a POST; only `application/json` in UTF-8 is read. */
async function jsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const [mediaType, ...parameters] = (req.headers['content-type'] ?? '').split(';').map((part) => part.trim());
  if (mediaType.toLowerCase() !== 'application/json') {
    throw new ClientError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the operation as JSON, with "Content-Type: application/json".',
    );
  }
  const charset = parameters
    .map((parameter) => /^charset=(.*)$/i.exec(parameter)?.[1])
    .find((value) => value !== undefined)
    ?.replace(/"/g, '');
  if (charset && !/^utf-?8$/i.test(charset)) {
    throw new ClientError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be UTF-8.');
  }
  const body = await readBody(req, limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ClientError(400, 'BAD_REQUEST', 'The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ClientError(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

// Browsers on the partners' own sites call the graph: any origin may read it, with the
// headers a GraphQL client sends. Tokens travel in Authorization, not in cookies.
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, authorization, accept-language, apollo-require-preflight, x-apollo-operation-name',
  'access-control-max-age': '600',
};

/** The language of texts when a request asks for none the graph speaks. */
const DEFAULT_LOCALE = Locale.EN;

/** Content-Language, and Accept-Language added to whatever Vary says already. */
function languageHeaders(locale: Locale | null, vary: string | undefined): Record<string, string> {
  const varies = vary ? `${vary}, Accept-Language` : 'Accept-Language';
  return { 'content-language': languageTag(locale ?? DEFAULT_LOCALE), vary: varies };
}

/** Serves GraphQL (at / and /graphql), /health and /ready over one Node HTTP server. */
export function createGraphQLHttpServer<C extends BaseContext>(options: GraphQLHttpOptions<C>): GraphQLHttpServer {
  let inFlight = 0;
  let stopping = false;
  const idle: (() => void)[] = [];

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      res.writeHead(204, CORS);
      return void res.end();
    }
    if (method !== 'GET' && method !== 'POST') {
      return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET or POST.', { allow: 'GET, POST, OPTIONS', ...CORS });
    }
    const body = method === 'POST' ? await jsonBody(req, options.maxBodyBytes) : undefined;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // A client that gives up (the gateway after its time bound, a browser tab closed) gets
    // nothing more done for it: the context carries this signal to the database layer.
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    // The language is negotiated once, here, for the whole answer; the response says which
    // (English when none was asked for) and that it varies with the header, for caches.
    const locale = negotiateLocale(req.headers['accept-language']);
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: url.search, body },
      context: () => options.context(req, gone.signal, locale),
    });
    const head: Record<string, string> = { ...CORS };
    for (const [key, value] of response.headers) head[key] = value;
    Object.assign(head, languageHeaders(locale, head.vary));
    if (stopping) head.connection = 'close';
    res.writeHead(response.status ?? 200, head);
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    inFlight += 1;
    try {
      const url = new URL(req.url ?? '/', 'http://service');
      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/ready') {
        const report: ReadinessReport = stopping
          ? { ready: false, checks: { stopping: false } }
          : await options.readiness().catch(() => ({ ready: false, checks: {} }));
        return sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', ...report });
      }
      if (url.pathname !== '/' && url.pathname !== '/graphql') {
        return sendError(res, 404, 'NOT_FOUND', 'GraphQL is served at /graphql.');
      }
      await graphql(req, res, url);
    } catch (error) {
      if (error instanceof ClientError) return sendError(res, error.status, error.code, error.message, CORS);
      log(options.name, 'internal error', error);
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    } finally {
      inFlight -= 1;
      if (inFlight === 0) idle.splice(0).forEach((wake) => wake());
    }
  }

  const server: Server = createServer((req, res) => void handle(req, res));
  // Longer than the gateway's idle sockets live, so a reused connection is never closed
  // under a request; and a slow client cannot hold a socket for ever.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 60_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) {
      const body = JSON.stringify({ errors: [{ message: 'Bad request', extensions: { code: 'BAD_REQUEST' } }] });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    } else socket.destroy();
  });
  let listening = false;

  return {
    async listen(port) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => {
          server.off('error', reject);
          resolve();
        });
      });
      listening = true;
      return `http://localhost:${(server.address() as AddressInfo).port}/graphql`;
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      if (listening) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          await Promise.race([
            new Promise<void>((resolve) => idle.push(resolve)),
            new Promise<void>((resolve) => setTimeout(resolve, options.drainMs).unref()),
          ]);
        }
        server.closeAllConnections();
        await closed;
      }
      await options.apollo.stop();
    },
  };
}
