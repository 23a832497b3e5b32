import type { QueryLimits } from '@citipart/schema';
import { z } from 'zod';

/**
 * Reads and validates a service's environment once, at start, and reports every problem
 * together. Nothing else in the code reads `process.env`.
 */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv, service: string): z.infer<T> {
  // An empty variable (`FOO=`, or `${FOO:-}` in a compose file) means "not set".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new Error(`Invalid configuration for ${service}:\n${problems.join('\n')}`);
  }
  return result.data;
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');

/** The secret the gateway signs identities with: long enough to resist guessing. */
export const gatewaySecret = z.string().min(32, 'must be at least 32 characters');

const sqlIdentifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier');

export interface SubgraphConfig {
  port: number;
  /** Where the subgraph's PostgreSQL lives. */
  databaseUrl: string;
  /** The PostgreSQL schema that holds this subgraph's tables and nothing else. */
  databaseSchema: string;
  /** Apply pending migrations before listening (the default; turn off when a deploy step migrates). */
  migrateOnStart: boolean;
  /** Load the built-in dataset into an empty schema before listening. */
  seedOnStart: boolean;
  /** Log every SQL statement (debugging). */
  logSql: boolean;
  /** Verifies the identity the gateway passes on; without it every request is anonymous. */
  gatewaySecret?: string;
  /** Bounds on the subgraph's database work, so that a flood gets answers or errors, never a hang. */
  databaseLimits: DatabaseLimits;
  /** What one operation may ask, where the environment overrides SUBGRAPH_QUERY_LIMITS. */
  queryLimits: Partial<QueryLimits>;
  /** MAX_BODY_BYTES: the largest request body, where the environment overrides the default. */
  maxBodyBytes?: number;
}

/**
 * The variable of each query limit (schema/src/query-limits.ts), read by the gateway and by
 * every subgraph. Unset, a service keeps its own defaults (DEFAULT_QUERY_LIMITS at the
 * gateway, SUBGRAPH_QUERY_LIMITS at a subgraph), so there is one place for them.
 */
const QUERY_LIMIT_VARIABLES = {
  QUERY_MAX_TOKENS: 'maxTokens',
  QUERY_MAX_DEPTH: 'maxDepth',
  QUERY_MAX_ALIASES: 'maxAliases',
  QUERY_MAX_DIRECTIVES: 'maxDirectives',
  QUERY_MAX_INTERFACE_DEPTH: 'maxInterfaceDepth',
  QUERY_MAX_INTERFACE_FIELDS: 'maxInterfaceFields',
  QUERY_MAX_COST: 'maxCost',
  QUERY_LIST_SIZE: 'listSize',
  QUERY_MAX_EXPANDED_SELECTIONS: 'maxExpandedSelections',
} as const satisfies Record<string, keyof QueryLimits>;

type QueryLimitVariable = keyof typeof QUERY_LIMIT_VARIABLES;

/** The parsed query limits' variables. */
export type QueryLimitEnv = Partial<Record<QueryLimitVariable, number>>;

/**
 * Variables that tune a service and may be left unset: the query limits and the largest
 * body. The compose file need not spell them out.
 */
export const TUNING_ENV_VARIABLES: readonly string[] = [...Object.keys(QUERY_LIMIT_VARIABLES), 'MAX_BODY_BYTES'];

/** A positive whole number, or unset. */
export const optionalCount = (max: number) => z.coerce.number().int().min(1).max(max).optional();

/** The zod shape of the query limits' variables and of MAX_BODY_BYTES, for a service's schema. */
export function tuningEnvShape() {
  const limits = Object.fromEntries(
    Object.keys(QUERY_LIMIT_VARIABLES).map((variable) => [variable, optionalCount(1_000_000_000)]),
  ) as Record<QueryLimitVariable, ReturnType<typeof optionalCount>>;
  // Up to 64 MiB: a body is read into memory before it is parsed.
  return { ...limits, MAX_BODY_BYTES: optionalCount(64 * 1024 * 1024) };
}

/** The query limits the parsed variables set; those unset are left to the service's defaults. */
export function queryLimitsFromEnv(parsed: QueryLimitEnv): Partial<QueryLimits> {
  const limits: Partial<QueryLimits> = {};
  for (const [variable, limit] of Object.entries(QUERY_LIMIT_VARIABLES) as [QueryLimitVariable, keyof QueryLimits][]) {
    const value = parsed[variable];
    if (value !== undefined) limits[limit] = value;
  }
  return limits;
}

/**
 * How much database work a subgraph allows, given to `openDatabase` (./database.ts), which
 * applies them to its pool and to every connection, and keeps the row budget for the
 * context of each request (./context.ts).
 */
export interface DatabaseLimits {
  /**
   * Connections in the pool. At least 2: migrations hold one for their transaction while the
   * migrator looks up its own table on another.
   */
  poolSize: number;
  /** How long a statement waits for a pooled connection before its request is refused as busy. */
  acquireTimeoutMs: number;
  /** PostgreSQL's `statement_timeout` on every connection: a longer statement is cancelled. */
  statementTimeoutMs: number;
  /** PostgreSQL's `idle_in_transaction_session_timeout`: a transaction left idle this long ends with its session. */
  idleInTransactionTimeoutMs: number;
  /** Rows one request may load, however its lists nest (`RowBudget` in ./context.ts). */
  maxRowsPerRequest: number;
}

/**
 * The defaults. A request should end well within the gateway's 5 s for one subgraph call
 * (`subgraphTimeoutMs` in gateway/src/gateway.server.ts), so that a client sees this
 * subgraph's own error: 2 s for a connection, 3 s for a statement. The built-in dataset's
 * real queries run in milliseconds and load a few hundred rows; 10,000 rows is ample.
 */
export const DEFAULT_DATABASE_LIMITS: Readonly<DatabaseLimits> = {
  poolSize: 10,
  acquireTimeoutMs: 2_000,
  statementTimeoutMs: 3_000,
  idleInTransactionTimeoutMs: 10_000,
  maxRowsPerRequest: 10_000,
};

const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

/** The variables every subgraph reads; defaults give the local setup of docs/ARCHITECTURE.md. */
export function loadSubgraphConfig(
  env: NodeJS.ProcessEnv,
  defaults: { name: string; port: number; schema: string },
): SubgraphConfig {
  const schema = subgraphEnvSchema(defaults);
  const parsed = parseEnv(schema, env, defaults.name);
  return {
    port: parsed.PORT,
    databaseUrl: parsed.DATABASE_URL,
    databaseSchema: parsed.DATABASE_SCHEMA,
    migrateOnStart: parsed.MIGRATE_ON_START,
    seedOnStart: parsed.SEED_ON_START,
    logSql: parsed.LOG_SQL,
    gatewaySecret: parsed.GATEWAY_SECRET,
    databaseLimits: {
      poolSize: parsed.DATABASE_POOL_SIZE,
      acquireTimeoutMs: parsed.DATABASE_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: parsed.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: parsed.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      maxRowsPerRequest: parsed.MAX_ROWS_PER_REQUEST,
    },
    queryLimits: queryLimitsFromEnv(parsed),
    maxBodyBytes: parsed.MAX_BODY_BYTES,
  };
}

const count = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Milliseconds: at least 1 (0 would mean "no bound" to PostgreSQL), at most an hour. */
const milliseconds = (fallback: number) => count(1, 3_600_000, fallback);

function subgraphEnvSchema(defaults: { port: number; schema: string }) {
  return z.object({
    PORT: port(defaults.port),
    DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/citipart'),
    DATABASE_SCHEMA: sqlIdentifier.default(defaults.schema),
    MIGRATE_ON_START: booleanFlag(true),
    SEED_ON_START: booleanFlag(false),
    LOG_SQL: booleanFlag(false),
    GATEWAY_SECRET: gatewaySecret.optional(),
    DATABASE_POOL_SIZE: count(2, 1000, DEFAULT_DATABASE_LIMITS.poolSize),
    DATABASE_ACQUIRE_TIMEOUT_MS: milliseconds(DEFAULT_DATABASE_LIMITS.acquireTimeoutMs),
    DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(DEFAULT_DATABASE_LIMITS.statementTimeoutMs),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(DEFAULT_DATABASE_LIMITS.idleInTransactionTimeoutMs),
    MAX_ROWS_PER_REQUEST: count(1, 10_000_000, DEFAULT_DATABASE_LIMITS.maxRowsPerRequest),
    ...tuningEnvShape(),
  });
}

/** The names of the variables a subgraph reads (the compose file must set them). */
export const SUBGRAPH_ENV_VARIABLES = Object.keys(subgraphEnvSchema({ port: 0, schema: 'x' }).shape);
