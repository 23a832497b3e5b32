import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { PartnerType } from '@citipart/schema';
import type { EntityClass } from '@mikro-orm/core';
import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { IDENTITY_HEADER, verifyIdentityProof } from './auth/gateway-proof';
import { LoaderCache, type SubgraphContext } from './context';
import { createErrorMasker } from '@citipart/schema';
import { clientErrorsAsGraphQLErrors, describeFault } from './errors';
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
      // Subgraphs answer the gateway, not browsers; tracing is not collected here.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      clientErrorsAsGraphQLErrors,
    ],
  });
  const createContext = async ({ req }: { req: IncomingMessage }): Promise<SubgraphContext> => {
    const header = req.headers[IDENTITY_HEADER];
    const context: SubgraphContext = {
      em: orm.em.fork(),
      loaders: new LoaderCache(),
      identity: verifyIdentityProof(options.gatewaySecret, typeof header === 'string' ? header : undefined),
    };
    return definition.extendContext ? definition.extendContext(context) : context;
  };
  let listening = false;
  return {
    schema,
    async listen(port) {
      const { url } = await startStandaloneServer(server, { listen: { port }, context: createContext });
      listening = true;
      return `${url.replace(/\/$/, '')}/graphql`;
    },
    async stop() {
      if (listening) await server.stop();
    },
  };
}
