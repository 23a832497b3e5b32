import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { gatewaySecret, parseEnv, port } from '@citipart/subgraph-kit/runtime';

export interface GatewayConfig {
  port: number;
  /** The composed supergraph, read from disk: the gateway needs no subgraph to start. */
  supergraphPath: string;
  /**
   * Where each subgraph answers, by subgraph name, when not where the supergraph says
   * (`<NAME>_URL`, e.g. CITIES_URL=http://cities:4002/graphql in the compose file).
   */
  subgraphUrls: Record<string, string>;
  /** PEM of the public key that verifies tokens (JWT_PUBLIC_KEY, or the file JWT_PUBLIC_KEY_FILE). */
  jwtPublicKey?: string;
  /** GATEWAY_SECRET: signs the identity passed on to the subgraphs, which share it. */
  gatewaySecret?: string;
}

/** `european-houses` → `EUROPEAN_HOUSES_URL`. */
export function subgraphUrlVariable(subgraphName: string): string {
  return `${subgraphName.toUpperCase().replace(/-/g, '_')}_URL`;
}

/** The names of the variables the gateway reads. */
export function gatewayEnvVariables(subgraphNames: readonly string[]): string[] {
  return [
    'PORT',
    'SUPERGRAPH_PATH',
    'JWT_PUBLIC_KEY',
    'JWT_PUBLIC_KEY_FILE',
    'GATEWAY_SECRET',
    ...subgraphNames.map(subgraphUrlVariable),
  ];
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
    JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }).optional(),
    JWT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
    GATEWAY_SECRET: gatewaySecret.optional(),
    ...urlVariables,
  });
  const parsed = parseEnv(schema, env, 'gateway') as Record<string, unknown> & {
    PORT: number;
    SUPERGRAPH_PATH: string;
    JWT_PUBLIC_KEY?: string;
    JWT_PUBLIC_KEY_FILE?: string;
    GATEWAY_SECRET?: string;
  };
  const subgraphUrls: Record<string, string> = {};
  for (const name of subgraphNames) {
    const url = parsed[subgraphUrlVariable(name)];
    if (typeof url === 'string') subgraphUrls[name] = url;
  }
  const jwtPublicKey =
    parsed.JWT_PUBLIC_KEY ??
    (parsed.JWT_PUBLIC_KEY_FILE ? readFileSync(parsed.JWT_PUBLIC_KEY_FILE, 'utf8') : undefined);
  if (jwtPublicKey && !parsed.GATEWAY_SECRET) {
    // Tokens would be accepted and every write then refused by the subgraphs, which could not
    // tell who is calling: a configuration mistake, reported at start rather than per request.
    throw new Error(
      'Invalid configuration for gateway:\n  GATEWAY_SECRET: required when tokens are accepted (JWT_PUBLIC_KEY)',
    );
  }
  return {
    port: parsed.PORT,
    supergraphPath: parsed.SUPERGRAPH_PATH,
    subgraphUrls,
    jwtPublicKey,
    gatewaySecret: parsed.GATEWAY_SECRET,
  };
}
