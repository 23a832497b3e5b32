import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { gatewaySecret, parseEnv, port } from '@citipart/subgraph-kit/runtime';
import { subgraphNamesOf } from './supergraph';

export interface GatewayConfig {
  port: number;
  /** The composed supergraph, read from disk: the gateway needs no subgraph to start. */
  supergraphPath: string;
  supergraphSdl: string;
  /** The subgraphs the supergraph routes to. */
  subgraphNames: string[];
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

const DEFAULT_SUPERGRAPH_PATH = join(__dirname, '..', '..', 'schema', 'supergraph.graphql');

/**
 * Reads the gateway's variables and its supergraph, once. The `<NAME>_URL` overrides it
 * accepts follow from the subgraphs the supergraph names.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const supergraphPath = env.SUPERGRAPH_PATH || DEFAULT_SUPERGRAPH_PATH;
  let supergraphSdl: string;
  try {
    supergraphSdl = readFileSync(supergraphPath, 'utf8');
  } catch {
    throw new Error(`Invalid configuration for gateway:\n  SUPERGRAPH_PATH: cannot read ${supergraphPath}`);
  }
  const subgraphNames = subgraphNamesOf(supergraphSdl);
  const urlVariables = Object.fromEntries(
    subgraphNames.map((name) => [subgraphUrlVariable(name), z.string().url().optional()]),
  );
  const schema = z.object({
    PORT: port(4000),
    SUPERGRAPH_PATH: z.string().min(1).optional(),
    JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }).optional(),
    JWT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
    GATEWAY_SECRET: gatewaySecret.optional(),
    ...urlVariables,
  });
  const parsed = parseEnv(schema, env, 'gateway') as Record<string, unknown> & {
    PORT: number;
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
    supergraphPath,
    supergraphSdl,
    subgraphNames,
    subgraphUrls,
    jwtPublicKey,
    gatewaySecret: parsed.GATEWAY_SECRET,
  };
}
