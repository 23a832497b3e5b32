import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { createHash } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Locale, languageTag, negotiateLocale } from '@citipart/schema';
import { log } from './log';

// The HTTP side of every service, the gateway and the five subgraphs alike: one server in
// front of Apollo's `executeHTTPGraphQLRequest`. It owns what Apollo's standalone server left
// to Express middleware, which answered a malformed body with an HTML page carrying a stack
// trace: body size, content type, charset and JSON are checked here, and every refusal is a
// GraphQL-shaped JSON error. It also serves /health and /ready, the static files a service
// lists (the gateway's explorer; a subgraph lists none), and drains on stop.

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
  /** Pages and files served beside GraphQL (the gateway's explorer); none by default. */
  static?: StaticRoutes;
  /**
   * Sees each GraphQL request as sent (a POST's parsed body, a GET's query string) before
   * Apollo does, and returns it, changed or not; throws a `RequestRefusal` to refuse it
   * (the gateway's trusted documents). None: requests go to Apollo as sent.
   */
  prepareRequest?(request: GraphQLHttpRequest): GraphQLHttpRequest;
}

/** A GraphQL request as it came over HTTP. */
export interface GraphQLHttpRequest {
  method: 'GET' | 'POST';
  /** A POST's parsed JSON body. */
  body: unknown;
  /** A GET's query string, with its `?` (empty for none). */
  search: string;
}

/** A file served as it is, from memory. */
export interface StaticFile {
  /** Content-Type, with the charset of text. */
  type: string;
  body: string | Uint8Array;
  /**
   * `immutable`: its path names its version, so a browser keeps it a year without asking
   * again; `revalidate`: asked for again each time (and answered 304 while its ETag holds);
   * `no-store`: made for one response (a page with a nonce), never kept.
   */
  cache: 'immutable' | 'revalidate' | 'no-store';
  /** More response headers (a page's Content-Security-Policy). */
  headers?: Record<string, string>;
}

/**
 * The file to serve now. The server derives the ETag and compressed body once per object, so
 * a source of fixed content returns the same object each time.
 */
export type StaticSource = () => StaticFile;

export interface StaticRoutes {
  /**
   * What a browser's GET of a GraphQL path (`/`, `/graphql`) gets when it asks for HTML
   * rather than JSON: a page for people, as Apollo's landing page was.
   */
  page?: StaticSource;
  /**
   * Files by exact path (`/explorer/graphiql-3.9.0/graphiql.min.js`), on GET and HEAD. A
   * request's path is only ever a key of this map, never turned into a file name, so
   * nothing else can be read; any other path is a JSON 404.
   */
  files?: Readonly<Record<string, StaticSource>>;
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

/** A request refused as the client's mistake: its HTTP status and code, and a message it can act on. */
export class RequestRefusal extends Error {
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
    return Promise.reject(
      new RequestRefusal(413, 'PAYLOAD_TOO_LARGE', `The request body may be at most ${limit} bytes.`),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(new RequestRefusal(413, 'PAYLOAD_TOO_LARGE', `The request body may be at most ${limit} bytes.`));
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
    throw new RequestRefusal(
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
    throw new RequestRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be UTF-8.');
  }
  const body = await readBody(req, limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new RequestRefusal(400, 'BAD_REQUEST', 'The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestRefusal(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
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

/** Media types of GraphQL answers, which a client asking for HTML must prefer less. */
const GRAPHQL_MEDIA_TYPES = ['application/json', 'application/graphql-response+json', 'multipart/mixed'];

/**
 * Whether an Accept header prefers `text/html` to every GraphQL answer type, by quality, then
 * by how specifically it names the type, then by its order in the header (as Apollo decided
 * for its landing page): a browser's navigation does; a GraphQL client, and a client that
 * takes anything, do not.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept.split(',').map((part, order) => {
    const [range, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const quality = parameters.map((parameter) => /^q=([0-9.]+)$/.exec(parameter)?.[1]).find(Boolean);
    return { range, q: quality === undefined ? 1 : Number(quality), order };
  });
  /** The most specific range that matches `type`: its quality, specificity and order. */
  const match = (type: string) => {
    const [main] = type.split('/');
    let best: { q: number; specificity: number; order: number } | undefined;
    for (const { range, q, order } of ranges) {
      const specificity = range === type ? 2 : range === `${main}/*` ? 1 : range === '*/*' ? 0 : -1;
      if (specificity >= 0 && (!best || specificity > best.specificity)) best = { q, specificity, order };
    }
    return best && best.q > 0 ? best : undefined;
  };
  const html = match('text/html');
  if (!html) return false;
  return GRAPHQL_MEDIA_TYPES.every((type) => {
    const other = match(type);
    if (!other) return true;
    if (html.q !== other.q) return html.q > other.q;
    if (html.specificity !== other.specificity) return html.specificity > other.specificity;
    return html.order < other.order;
  });
}

/** What the server derives once per static file: its ETag and, for text, its gzip body. */
interface PreparedFile {
  body: Buffer;
  etag: string;
  gzip?: Buffer;
}

const prepared = new WeakMap<StaticFile, PreparedFile>();

function prepare(file: StaticFile): PreparedFile {
  let ready = prepared.get(file);
  if (!ready) {
    const body = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : Buffer.from(file.body);
    const compressible = /^(text\/|application\/(javascript|json))/.test(file.type) && body.length > 1024;
    ready = {
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      gzip: compressible ? gzipSync(body) : undefined,
    };
    prepared.set(file, ready);
  }
  return ready;
}

const CACHE_CONTROL: Record<StaticFile['cache'], string> = {
  immutable: 'public, max-age=31536000, immutable',
  revalidate: 'no-cache',
  'no-store': 'no-store',
};

/** Serves a static file on GET or HEAD: cache headers, ETag, gzip when the client takes it. */
function sendStatic(req: IncomingMessage, res: ServerResponse, method: string, source: StaticSource): void {
  if (method !== 'GET' && method !== 'HEAD') {
    return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET.', { allow: 'GET, HEAD' });
  }
  const file = source();
  const ready = prepare(file);
  const head: Record<string, string> = {
    'content-type': file.type,
    'cache-control': CACHE_CONTROL[file.cache],
    ...(file.cache === 'no-store' ? {} : { etag: ready.etag }),
    vary: 'Accept, Accept-Encoding',
    'x-content-type-options': 'nosniff',
    ...file.headers,
  };
  const known = String(req.headers['if-none-match'] ?? '').split(',');
  if (file.cache !== 'no-store' && known.some((tag) => tag.trim().replace(/^W\//, '') === ready.etag)) {
    res.writeHead(304, head);
    return void res.end();
  }
  const gzip = ready.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? ready.gzip : undefined;
  const body = gzip ?? ready.body;
  if (gzip) head['content-encoding'] = 'gzip';
  head['content-length'] = String(body.length);
  res.writeHead(200, head);
  res.end(method === 'HEAD' ? undefined : body);
}

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
    const sent: GraphQLHttpRequest = {
      method: method as GraphQLHttpRequest['method'],
      body: method === 'POST' ? await jsonBody(req, options.maxBodyBytes) : undefined,
      search: url.search,
    };
    const { body, search } = options.prepareRequest ? options.prepareRequest(sent) : sent;
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
      httpGraphQLRequest: { method, headers, search, body },
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
      const method = (req.method ?? 'GET').toUpperCase();
      const file = options.static?.files && Object.hasOwn(options.static.files, url.pathname);
      if (file) return sendStatic(req, res, method, options.static!.files![url.pathname]);
      if (url.pathname !== '/' && url.pathname !== '/graphql') {
        return sendError(res, 404, 'NOT_FOUND', 'GraphQL is served at /graphql.');
      }
      if (options.static?.page && (method === 'GET' || method === 'HEAD') && prefersHtml(req.headers.accept)) {
        return sendStatic(req, res, method, options.static.page);
      }
      await graphql(req, res, url);
    } catch (error) {
      if (error instanceof RequestRefusal) return sendError(res, error.status, error.code, error.message, CORS);
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
