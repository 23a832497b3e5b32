import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { Locale, PartnerType } from '@citipart/schema';
import type { EntityClass } from '@mikro-orm/core';
import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { IDENTITY_HEADER, verifyIdentityProof } from './auth/gateway-proof';
import { type SubgraphContext, requestScope } from './context';
import { type QueryLimits, SUBGRAPH_QUERY_LIMITS, createErrorMasker, queryLimitsPlugin } from '@citipart/schema';
import { clientErrorsAsGraphQLErrors, describeFault } from './errors';
import { createGraphQLHttpServer } from './http-server';
import { log } from './log';

/** How many rows of each table a seed inserted (rows already there are left alone). */
export type SeedReport = Record<string, number>;

/** Everything that makes one subgraph: what the shared bootstrap needs to know of it. */
export interface SubgraphDefinition {
  /** Service name, e.g. "cities"; also the name in the supergraph. */
  name: string;
  defaultPort: number;
  /** PostgreSQL schema of its tables, e.g. "european_houses". */
  defaultSchema: string;
  /** The partner type whose members and activities it owns; none for the network subgraph. */
  partnerType?: PartnerType;
  entities: EntityClass<object>[];
  migrations: MigrationObject[];
  buildSchema(): Promise<GraphQLSchema>;
  /** Adds what this subgraph's resolvers need to the per-request context. */
  extendContext?(context: SubgraphContext): SubgraphContext;
  /** Inserts the built-in dataset's missing rows, never touching existing ones. */
  seed(em: EntityManager): Promise<SeedReport>;
  /** Whether the subgraph holds any data yet (start-up seeds only an empty subgraph). */
  hasData(em: EntityManager): Promise<boolean>;
}

export interface SubgraphServer {
  schema: GraphQLSchema;
  /** Listens on `port` (0 picks a free one) and resolves to the GraphQL URL. */
  listen(port: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Builds a subgraph's Apollo server over an open database. Pure: it neither migrates nor
 * listens; `main.ts` (via `runSubgraph`) and the tests decide that.
 */
export interface SubgraphServerOptions {
  /** Shared with the gateway; verifies the identity header. Without it, all callers are anonymous. */
  gatewaySecret?: string;
  /** The largest request body accepted (default 1 MiB: the gateway's `_entities` batches fit). */
  maxBodyBytes?: number;
  /** How long a stop waits for requests in flight (default 10 s). */
  drainMs?: number;
  /** What one operation may ask: tokens, depth, aliases, directives, interface fields, cost (defaults: SUBGRAPH_QUERY_LIMITS). */
  limits?: Partial<QueryLimits>;
}

export async function createSubgraphServer(
  definition: SubgraphDefinition,
  orm: MikroORM,
  options: SubgraphServerOptions = {},
): Promise<SubgraphServer> {
  const schema = await definition.buildSchema();
  const server = new ApolloServer<SubgraphContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // The entry handles signals and stops the server and its database in order.
    stopOnTerminationSignals: false,
    formatError: createErrorMasker((message, error) => log(definition.name, message, describeFault(error))),
    plugins: [
      queryLimitsPlugin(options.limits, SUBGRAPH_QUERY_LIMITS),
      // Subgraphs answer the gateway, not browsers; tracing is not collected here, and
      // nothing is reported anywhere.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // No cache hints: the gateway's response cache goes by write generations, not hints, and
      // Apollo's default cache-control plugin wraps every field's resolver to collect them
      // (5% of a subgraph's CPU under the benchmark's reads).
      ApolloServerPluginCacheControlDisabled(),
      clientErrorsAsGraphQLErrors,
    ],
  });
  await server.start();
  const createContext = async (
    req: IncomingMessage,
    gone: AbortSignal,
    locale: Locale | null,
  ): Promise<SubgraphContext> => {
    const header = req.headers[IDENTITY_HEADER];
    const context: SubgraphContext = {
      ...requestScope(orm, gone),
      locale,
      identity: verifyIdentityProof(options.gatewaySecret, typeof header === 'string' ? header : undefined),
    };
    return definition.extendContext ? definition.extendContext(context) : context;
  };
  const http = createGraphQLHttpServer({
    name: definition.name,
    apollo: server,
    context: createContext,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    drainMs: options.drainMs ?? 10_000,
    readiness: () => subgraphReadiness(orm),
  });
  return { schema, listen: (port) => http.listen(port), stop: () => http.stop() };
}

/** Ready when its database answers and every migration it knows has been applied. */
async function subgraphReadiness(orm: MikroORM) {
  const database = await orm.em
    .getConnection()
    .execute('select 1')
    .then(
      () => true,
      () => false,
    );
  const migrations = database && (await orm.getMigrator().getPendingMigrations()).length === 0;
  return { ready: database && migrations, checks: { database, migrations } };
}
