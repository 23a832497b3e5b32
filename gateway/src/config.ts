import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { QueryLimits } from '@citipart/schema';
import {
  TUNING_ENV_VARIABLES,
  gatewaySecret,
  type QueryLimitEnv,
  optionalCount,
  parseEnv,
  port,
  queryLimitsFromEnv,
  tuningEnvShape,
} from '@citipart/subgraph-kit/runtime';
import {
  DEFAULT_RESPONSE_CACHE_PREFIX,
  DEFAULT_RESPONSE_CACHE_TTL_S,
  type ResponseCacheConfig,
} from './response-cache';
import { subgraphNamesOf } from './supergraph';
import { TRUSTED_DOCUMENTS_MODES, type TrustedDocumentsMode } from './trusted-documents';

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
  /** The QUERY_* variables: what one operation may ask, where they override DEFAULT_QUERY_LIMITS. */
  queryLimits: Partial<QueryLimits>;
  /** MAX_BODY_BYTES: the largest request body. */
  maxBodyBytes?: number;
  /** SUBGRAPH_TIMEOUT_MS: how long one call to a subgraph may take. */
  subgraphTimeoutMs?: number;
  /** QUERY_MAX_EVALUATED_PLANS: the planner's search bound. */
  maxEvaluatedPlans?: number;
  /** DEDUPLICATE_SUBGRAPH_REQUESTS (`true` or `false`): share identical anonymous subgraph calls in flight. */
  deduplicateSubgraphRequests?: boolean;
  /**
   * TRUSTED_DOCUMENTS_PATH and TRUSTED_DOCUMENTS_MODE: the manifest of trusted documents
   * (read by the entry) and the mode; none when neither variable is set.
   */
  trustedDocuments?: { path: string; mode: TrustedDocumentsMode };
  /**
   * RESPONSE_CACHE (`off`, `memory`, the default, or a `redis://` URL), RESPONSE_CACHE_TTL_S
   * and RESPONSE_CACHE_PREFIX: the shared cache of anonymous reads (gateway/src/response-cache.ts).
   */
  responseCache: ResponseCacheConfig;
}

/** `off`, `memory`, or where Redis is; the message never repeats the value (it may hold a password). */
const responseCacheSetting = z
  .string()
  .refine(
    (value) => value === 'off' || value === 'memory' || (/^rediss?:\/\/[^\s]+$/.test(value) && URL.canParse(value)),
    { message: 'must be "off", "memory" or a redis:// URL' },
  );

/** The gateway's own tuning variables, beside those it shares with the subgraphs. */
const GATEWAY_TUNING = {
  // Up to ten minutes: longer, and a client would long have given up.
  SUBGRAPH_TIMEOUT_MS: optionalCount(600_000),
  QUERY_MAX_EVALUATED_PLANS: optionalCount(1_000_000),
  DEDUPLICATE_SUBGRAPH_REQUESTS: z.enum(['true', 'false']).optional(),
  // The trusted documents mode, off when both are unset.
  TRUSTED_DOCUMENTS_PATH: z.string().min(1).optional(),
  TRUSTED_DOCUMENTS_MODE: z.enum(TRUSTED_DOCUMENTS_MODES).optional(),
  // The response cache: in memory unless told otherwise; a day at most for its backstop.
  RESPONSE_CACHE: responseCacheSetting.optional(),
  RESPONSE_CACHE_TTL_S: optionalCount(86_400),
  RESPONSE_CACHE_PREFIX: z.string().min(1).max(100).optional(),
};

/** Variables that tune the gateway and may be left unset (the compose file need not set them). */
export const GATEWAY_TUNING_VARIABLES: readonly string[] = [...TUNING_ENV_VARIABLES, ...Object.keys(GATEWAY_TUNING)];

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
    ...GATEWAY_TUNING_VARIABLES,
  ];
}

const DEFAULT_SUPERGRAPH_PATH = join(__dirname, '..', '..', 'schema', 'supergraph.graphql');

/** The committed manifest: the partner-site example's operations and the dashboard's. */
export const DEFAULT_TRUSTED_DOCUMENTS_PATH = join(__dirname, '..', '..', 'schema', 'trusted-documents.json');

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
    ...tuningEnvShape(),
    ...GATEWAY_TUNING,
    ...urlVariables,
  });
  const parsed = parseEnv(schema, env, 'gateway') as Record<string, unknown> &
    QueryLimitEnv & {
      PORT: number;
      JWT_PUBLIC_KEY?: string;
      JWT_PUBLIC_KEY_FILE?: string;
      GATEWAY_SECRET?: string;
      MAX_BODY_BYTES?: number;
      SUBGRAPH_TIMEOUT_MS?: number;
      QUERY_MAX_EVALUATED_PLANS?: number;
      DEDUPLICATE_SUBGRAPH_REQUESTS?: 'true' | 'false';
      TRUSTED_DOCUMENTS_PATH?: string;
      TRUSTED_DOCUMENTS_MODE?: TrustedDocumentsMode;
      RESPONSE_CACHE?: string;
      RESPONSE_CACHE_TTL_S?: number;
      RESPONSE_CACHE_PREFIX?: string;
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
    queryLimits: queryLimitsFromEnv(parsed),
    maxBodyBytes: parsed.MAX_BODY_BYTES,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    maxEvaluatedPlans: parsed.QUERY_MAX_EVALUATED_PLANS,
    deduplicateSubgraphRequests:
      parsed.DEDUPLICATE_SUBGRAPH_REQUESTS === undefined ? undefined : parsed.DEDUPLICATE_SUBGRAPH_REQUESTS === 'true',
    // A manifest given without a mode is enforced (production's intent); a mode given without
    // a manifest uses the committed one.
    trustedDocuments:
      parsed.TRUSTED_DOCUMENTS_PATH || parsed.TRUSTED_DOCUMENTS_MODE
        ? {
            path: parsed.TRUSTED_DOCUMENTS_PATH ?? DEFAULT_TRUSTED_DOCUMENTS_PATH,
            mode: parsed.TRUSTED_DOCUMENTS_MODE ?? 'enforce',
          }
        : undefined,
    responseCache: {
      store:
        parsed.RESPONSE_CACHE === 'off'
          ? 'off'
          : !parsed.RESPONSE_CACHE || parsed.RESPONSE_CACHE === 'memory'
            ? 'memory'
            : 'redis',
      redisUrl: parsed.RESPONSE_CACHE?.startsWith('redis') ? parsed.RESPONSE_CACHE : undefined,
      ttlSeconds: parsed.RESPONSE_CACHE_TTL_S ?? DEFAULT_RESPONSE_CACHE_TTL_S,
      keyPrefix: parsed.RESPONSE_CACHE_PREFIX ?? DEFAULT_RESPONSE_CACHE_PREFIX,
    },
  };
}
