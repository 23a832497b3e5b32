import { parseEnv, port } from '@citipart/subgraph-kit/runtime';
import { join } from 'node:path';
import { z } from 'zod';

export interface GatewayConfig {
  port: number;
  /** The composed supergraph, read from disk: the gateway needs no subgraph to start. */
  supergraphPath: string;
  /**
   * Where each subgraph answers, by subgraph name, when not where the supergraph says
   * (`<NAME>_URL`, e.g. CITIES_URL=http://cities:4002/graphql in the compose file).
   */
  subgraphUrls: Record<string, string>;
}

/** `european-houses` → `EUROPEAN_HOUSES_URL`. */
export function subgraphUrlVariable(subgraphName: string): string {
  return `${subgraphName.toUpperCase().replace(/-/g, '_')}_URL`;
}

/** The names of the variables the gateway reads. */
export function gatewayEnvVariables(subgraphNames: readonly string[]): string[] {
  return ['PORT', 'SUPERGRAPH_PATH', ...subgraphNames.map(subgraphUrlVariable)];
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv, subgraphNames: readonly string[]): GatewayConfig {
  const urlVariables = Object.fromEntries(
    subgraphNames.map((name) => [subgraphUrlVariable(name), z.string().url().optional()]),
  );
  const schema = z.object({
    PORT: port(4000),
    SUPERGRAPH_PATH: z
      .string()
      .min(1)
      .default(join(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
    ...urlVariables,
  });
  const parsed = parseEnv(schema, env, 'gateway') as Record<string, unknown> & {
    PORT: number;
    SUPERGRAPH_PATH: string;
  };
  const subgraphUrls: Record<string, string> = {};
  for (const name of subgraphNames) {
    const url = parsed[subgraphUrlVariable(name)];
    if (typeof url === 'string') subgraphUrls[name] = url;
  }
  return { port: parsed.PORT, supergraphPath: parsed.SUPERGRAPH_PATH, subgraphUrls };
}
