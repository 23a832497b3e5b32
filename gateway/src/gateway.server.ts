import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createErrorMasker } from '@citipart/schema';
import { IDENTITY_HEADER, type Identity, createIdentityProof, log } from '@citipart/subgraph-kit/runtime';
import { createTokenVerifier } from './tokens';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides of the supergraph's routing URLs, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /** PEM of the Ed25519 public key that verifies clients' tokens; none: tokens are refused. */
  jwtPublicKey?: string;
  /** Shared with the subgraphs: signs the identity the gateway passes on to them. */
  gatewaySecret?: string;
}

interface GatewayContext {
  identity: Identity;
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
  const gateway = new ApolloGateway({
    // A static supergraph: no introspection of the subgraphs at start, so the gateway can
    // start before they do and serve as soon as they answer.
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: options.subgraphUrls?.[name] ?? url,
        // The subgraphs learn who is calling only from this signed header.
        willSendRequest({ request, context }) {
          const proof =
            options.gatewaySecret && context.identity && createIdentityProof(options.gatewaySecret, context.identity);
          if (proof) request.http?.headers.set(IDENTITY_HEADER, proof);
        },
      }),
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
      // The explorer on a browser GET of "/"; it talks to the same server.
      ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
  });
  let listening = false;
  return {
    async listen(port) {
      const { url } = await startStandaloneServer(server, {
        listen: { port },
        context: async ({ req }) => ({ identity: await verifyToken(req.headers.authorization) }),
      });
      listening = true;
      return `${url.replace(/\/$/, '')}/graphql`;
    },
    async stop() {
      if (listening) await server.stop();
    },
  };
}
