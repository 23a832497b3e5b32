import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createGatewayServer, type GatewayServer } from '@citipart/gateway';
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
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export interface TestGraphOptions {
  /** Load the built-in dataset (default true). */
  seed?: boolean;
  /** Called with each SQL statement a subgraph runs. */
  onSql?: (subgraph: string, sql: string) => void;
}

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/**
 * The whole graph as it runs in production, in one process: a database of its own, the
 * five subgraphs migrated (and seeded) and listening on free ports, and the gateway over
 * the committed supergraph, routed to them.
 */
export async function startGraph(label: string, options: TestGraphOptions = {}): Promise<TestGraph> {
  const database = await createTestDatabase(label);
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
    for (const definition of SUBGRAPHS) {
      const orm = await openSubgraphDatabase(definition, database.url, {
        onSql: options.onSql && ((sql) => options.onSql!(definition.name, sql)),
      });
      await migrate(orm);
      if (options.seed !== false) await orm.em.fork().transactional((em) => definition.seed(em));
      const server = await createSubgraphServer(definition, orm);
      subgraphs.set(definition.name, { definition, orm, server, url: await server.listen(0) });
    }
    const supergraphSdl = await readFile(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
    gateway = createGatewayServer({
      supergraphSdl,
      subgraphUrls: Object.fromEntries([...subgraphs].map(([name, subgraph]) => [name, subgraph.url])),
    });
    const url = await gateway.listen(0);
    return {
      url,
      databaseUrl: database.url,
      subgraphs,
      query: (query, variables) => postGraphQL(url, query, variables),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
