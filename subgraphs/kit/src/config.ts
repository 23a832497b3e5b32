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
  });
}

/** The names of the variables a subgraph reads (the compose file must set them). */
export const SUBGRAPH_ENV_VARIABLES = Object.keys(subgraphEnvSchema({ port: 0, schema: 'x' }).shape);
