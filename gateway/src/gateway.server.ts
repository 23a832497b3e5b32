import { ApolloGateway } from '@apollo/gateway';
import type { QueryPlannerConfig } from '@apollo/query-planner';
import { ApolloServer } from '@apollo/server';
import { createHash } from 'node:crypto';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { type QueryLimits, createErrorMasker, queryLimitsPlugin } from '@citipart/schema';
import { type StaticRoutes, createGraphQLHttpServer, log } from '@citipart/subgraph-kit/runtime';
import { dashboardFiles } from './dashboard';
import { createExplorer } from './explorer';
import { operationCheck } from './operation-check';
import { type ResponseCache, responseCachePlugin } from './response-cache';
import type { GatewayContext } from './context';
import { SubgraphDataSource, WriteEpoch } from './subgraph-data-source';
import { createTokenVerifier } from './tokens';
import { type TrustedDocuments, trustedDocumentsGate } from './trusted-documents';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides of the supergraph's routing URLs, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /** PEM of the Ed25519 public key that verifies clients' tokens; none: tokens are refused. */
  jwtPublicKey?: string;
  /** Shared with the subgraphs: signs the identity the gateway passes on to them. */
  gatewaySecret?: string;
  /** The largest request body accepted (default 256 KiB: far above any real operation). */
  maxBodyBytes?: number;
  /** How long a stop waits for requests in flight (default 10 s). */
  drainMs?: number;
  /** What one operation may ask: tokens, depth, aliases, directives, interface fields, cost (defaults: DEFAULT_QUERY_LIMITS). */
  limits?: Partial<QueryLimits>;
  /** How long one call to a subgraph may take before its part of the answer is given up (default 5 s). */
  subgraphTimeoutMs?: number;
  /**
   * Share one subgraph call among identical anonymous queries in flight at the same time
   * (gateway/src/subgraph-data-source.ts). Default true.
   */
  deduplicateSubgraphRequests?: boolean;
  /** The most candidate plans the planner weighs for one operation (default MAX_EVALUATED_PLANS). */
  maxEvaluatedPlans?: number;
  /** The built dashboard (dashboard/dist), served at /dashboard; none: no dashboard. */
  dashboardDir?: string;
  /**
   * A manifest of operations by sha256 hash (schema/trusted-documents.json, or a code
   * generator's persisted-documents.json): listed hashes resolve to their documents; in
   * `enforce` mode nothing else runs. None: every operation runs, as sent.
   */
  trustedDocuments?: TrustedDocuments;
  /**
   * The shared cache of anonymous reads (gateway/src/response-cache.ts): a store and its
   * backstop TTL. None: no cache. The caller opens the store and closes it after `stop`.
   */
  responseCache?: ResponseCache;
}

/**
 * The planner's search bound. It weighs every way to split an operation over the subgraphs,
 * and the ways multiply with each entity hop: a cycle of `partners → activities → partner`
 * two hops deep has 256 candidate plans, three hops 4,096 (some 80 ms and growing fourfold
 * per hop). The graph's real operations have at most 16. Past the bound the planner keeps
 * the best plan found so far, so an accepted operation's planning is bounded in time as the
 * query limits bound its size. (Apollo's default is 10,000.)
 */
export const MAX_EVALUATED_PLANS = 1_000;

/** The planner's configuration, given the most plans it may weigh. */
export function queryPlannerConfig(maxEvaluatedPlans = MAX_EVALUATED_PLANS): QueryPlannerConfig {
  return { debug: { maxEvaluatedPlans } };
}

export interface GatewayServer {
  /** Listens on `port` (0 picks a free one); resolves to the GraphQL URL. */
  listen(port: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The public face of the graph: plans each operation over the supergraph and fetches from
 * the subgraphs. Pure: it reads no environment and listens only when asked.
 */
export async function createGatewayServer(options: GatewayOptions): Promise<GatewayServer> {
  const verifyToken = await createTokenVerifier(options.jwtPublicKey);
  // Nothing leaves the machine unasked. @apollo/gateway starts an hourly usage exporter to
  // Apollo (and probes a cloud metadata address) unless this variable says no; it has no
  // option for it, so the factory sets it, whatever the environment says.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  /** Where each subgraph answers, as the gateway routes to it (for /ready). */
  const routes = new Map<string, string>();
  const sources: SubgraphDataSource[] = [];
  const writes = new WriteEpoch();
  const gateway = new ApolloGateway({
    // A static supergraph: no introspection of the subgraphs at start, so the gateway can
    // start before they do and serve as soon as they answer.
    supergraphSdl: options.supergraphSdl,
    // Query plans are cached by document: an LRU bounded in memory (about 30 MiB), so that a
    // flood of distinct documents cannot grow the gateway's heap without end.
    experimental_approximateQueryPlanStoreMiB: 30,
    queryPlannerConfig: queryPlannerConfig(options.maxEvaluatedPlans),
    buildService: ({ name, url }) => {
      routes.set(name, options.subgraphUrls?.[name] ?? url ?? '');
      const source = new SubgraphDataSource({
        name,
        url: routes.get(name)!,
        gatewaySecret: options.gatewaySecret,
        timeoutMs: options.subgraphTimeoutMs ?? 5_000,
        deduplicate: options.deduplicateSubgraphRequests ?? true,
        writes,
      });
      sources.push(source);
      return source;
    },
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // The graph is public and the explorer reads its schema: keep introspection on even
    // with NODE_ENV=production (Apollo's default turns it off there).
    introspection: true,
    // The entry handles signals and stops the server and its database in order.
    stopOnTerminationSignals: false,
    // Errors from subgraphs that are down carry their internal URL; the masker keeps only
    // what describes the client's request.
    formatError: createErrorMasker((message, error) => log('gateway', message, error)),
    plugins: [
      queryLimitsPlugin(options.limits),
      // Apollo's landing pages load from its CDN: the explorer is served by the HTTP server
      // below instead.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      operationCheck,
      // Last: a cached answer is served only to an operation that every check above let
      // through; answers are keyed to this supergraph, so gateways of another schema sharing
      // the store never read them.
      ...(options.responseCache
        ? [
            responseCachePlugin(options.responseCache, {
              schemaHash: createHash('sha256').update(options.supergraphSdl).digest('hex'),
            }),
          ]
        : []),
    ],
  });
  await server.start();
  const http = createGraphQLHttpServer({
    name: 'gateway',
    apollo: server,
    context: async (req, _gone, locale) => ({ identity: await verifyToken(req.headers.authorization), locale }),
    maxBodyBytes: options.maxBodyBytes ?? 256 * 1024,
    drainMs: options.drainMs ?? 10_000,
    readiness: () => subgraphsReady(routes),
    // The explorer on a browser's GET of "/": GraphiQL, every file of it served from here;
    // and the dashboard at /dashboard, when given.
    static: withDashboard(createExplorer(), options.dashboardDir),
    // A listed hash becomes its document, and in enforce mode an unlisted document is
    // refused, before Apollo parses, validates or plans anything.
    prepareRequest: options.trustedDocuments && trustedDocumentsGate(options.trustedDocuments),
  });
  return {
    listen: (port) => http.listen(port),
    stop: async () => {
      await http.stop();
      for (const source of sources) source.close();
    },
  };
}

/** The explorer's routes, and the dashboard's files under /dashboard when there is one. */
function withDashboard(routes: StaticRoutes, dashboardDir: string | undefined): StaticRoutes {
  if (!dashboardDir) return routes;
  return { ...routes, files: { ...routes.files, ...dashboardFiles(dashboardDir) } };
}

/** Ready when the supergraph is loaded (it is, once started) and every subgraph says it is ready. */
async function subgraphsReady(routes: ReadonlyMap<string, string>) {
  const checks: Record<string, boolean> = {};
  await Promise.all(
    [...routes].map(async ([name, url]) => {
      const response = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2_000) }).catch(() => null);
      checks[name] = response?.status === 200;
    }),
  );
  return { ready: routes.size > 0 && Object.values(checks).every(Boolean), checks };
}
