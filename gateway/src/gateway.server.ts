import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createErrorMasker } from '@citipart/schema';
import { log } from '@citipart/subgraph-kit/runtime';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides of the supergraph's routing URLs, by subgraph name. */
  subgraphUrls?: Record<string, string>;
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
export function createGatewayServer(options: GatewayOptions): GatewayServer {
  const gateway = new ApolloGateway({
    // A static supergraph: no introspection of the subgraphs at start, so the gateway can
    // start before they do and serve as soon as they answer.
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: options.subgraphUrls?.[name] ?? url }),
  });
  const server = new ApolloServer({
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
      // The explorer on a browser GET of "/"; it talks to the same server.
      ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
  });
  let listening = false;
  return {
    async listen(port) {
      const { url } = await startStandaloneServer(server, { listen: { port } });
      listening = true;
      return `${url.replace(/\/$/, '')}/graphql`;
    },
    async stop() {
      if (listening) await server.stop();
    },
  };
}
