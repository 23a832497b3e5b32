import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  type GatewayServer,
  type TokenRequest,
  type TrustedDocuments,
  createGatewayServer,
  importSigningKey,
  issueToken,
} from '@citipart/gateway';
import {
  type SubgraphDefinition,
  type SubgraphServer,
  createSubgraphServer,
  migrate,
  openSubgraphDatabase,
} from '@citipart/subgraph-kit';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase } from './database';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface RunningSubgraph {
  definition: SubgraphDefinition;
  orm: MikroORM;
  server: SubgraphServer;
  url: string;
}

export interface TestGraph {
  /** The gateway's GraphQL URL. */
  url: string;
  databaseUrl: string;
  subgraphs: Map<string, RunningSubgraph>;
  /** Sends an operation to the gateway, with `Authorization: Bearer <token>` when given. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  /** A token signed with the key the gateway trusts. */
  token(request: TokenRequest): Promise<string>;
  /** The secret the gateway and the subgraphs share (tests forge and check proofs with it). */
  gatewaySecret: string;
  /** PEM of the key tokens are signed with (for commands that issue their own). */
  jwtPrivateKey: string;
  /**
   * Stops subgraph `name`, runs `work` while it is down, then starts it again on the same
   * port (over the same database), so that the graph is whole again for the next test.
   */
  withSubgraphDown<T>(name: string, work: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export interface TestGraphOptions {
  /** Load the built-in dataset (default true). */
  seed?: boolean;
  /** Called with each SQL statement a subgraph runs. */
  onSql?: (subgraph: string, sql: string) => void;
  /** Other subgraphs than the graph's own, with the supergraph composed from them. */
  composition?: { subgraphs: readonly SubgraphDefinition[]; supergraphSdl: string };
  /** The built dashboard for the gateway to serve at /dashboard (as gateway/src/main.ts does). */
  dashboardDir?: string;
  /** The gateway's trusted documents mode (as gateway/src/main.ts gives it from TRUSTED_DOCUMENTS_*). */
  trustedDocuments?: TrustedDocuments;
}

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/**
 * Opens, migrates (and seeds) each subgraph's database and starts its server on a free port,
 * adding each to `into` as soon as it listens (so that a failure part-way can stop those
 * already running).
 */
async function startSubgraphs(
  definitions: readonly SubgraphDefinition[],
  databaseUrl: string,
  into: Map<string, RunningSubgraph>,
  options: { gatewaySecret: string; seed: boolean; onSql?: (subgraph: string, sql: string) => void },
): Promise<void> {
  for (const definition of definitions) {
    const orm = await openSubgraphDatabase(definition, databaseUrl, {
      onSql: options.onSql && ((sql) => options.onSql!(definition.name, sql)),
    });
    await migrate(orm);
    if (options.seed) await orm.em.fork().transactional((em) => definition.seed(em));
    const server = await createSubgraphServer(definition, orm, { gatewaySecret: options.gatewaySecret });
    into.set(definition.name, { definition, orm, server, url: await server.listen(0) });
  }
}

/**
 * The whole graph as it runs in production, in one process: a database of its own, the
 * five subgraphs migrated (and seeded) and listening on free ports, and the gateway over
 * the committed supergraph, routed to them.
 */
export async function startGraph(label: string, options: TestGraphOptions = {}): Promise<TestGraph> {
  const database = await createTestDatabase(label);
  // A key pair and a gateway secret of the test's own, as `npm start` makes them.
  const keys = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const signingKey = await importSigningKey(keys.privateKey);
  const gatewaySecret = randomBytes(32).toString('base64url');
  const subgraphs = new Map<string, RunningSubgraph>();
  let gateway: GatewayServer | undefined;
  const stop = async () => {
    await gateway?.stop();
    for (const subgraph of subgraphs.values()) {
      await subgraph.server.stop();
      await subgraph.orm.close();
    }
    await database.drop();
  };
  try {
    await startSubgraphs(options.composition?.subgraphs ?? SUBGRAPHS, database.url, subgraphs, {
      gatewaySecret,
      seed: options.seed !== false,
      onSql: options.onSql,
    });
    const supergraphSdl =
      options.composition?.supergraphSdl ??
      (await readFile(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'));
    gateway = await createGatewayServer({
      supergraphSdl,
      subgraphUrls: Object.fromEntries([...subgraphs].map(([name, subgraph]) => [name, subgraph.url])),
      jwtPublicKey: keys.publicKey,
      gatewaySecret,
      dashboardDir: options.dashboardDir,
      trustedDocuments: options.trustedDocuments,
    });
    const url = await gateway.listen(0);
    const withSubgraphDown = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const subgraph = subgraphs.get(name);
      if (!subgraph) throw new Error(`no subgraph "${name}"`);
      await subgraph.server.stop();
      try {
        return await work();
      } finally {
        const server = await createSubgraphServer(subgraph.definition, subgraph.orm, { gatewaySecret });
        const restarted = await server.listen(Number(new URL(subgraph.url).port));
        subgraphs.set(name, { ...subgraph, server, url: restarted });
      }
    };
    return {
      url,
      databaseUrl: database.url,
      subgraphs,
      query: (query, variables, token) =>
        postGraphQL(url, query, variables, token ? { authorization: `Bearer ${token}` } : {}),
      token: (request) => issueToken(signingKey, request),
      gatewaySecret,
      jwtPrivateKey: keys.privateKey,
      withSubgraphDown,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
