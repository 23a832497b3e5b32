import {
  type AnyEntity,
  type Configuration,
  DefaultLogger,
  DriverException,
  type EntityClass,
  type EntityData,
  type LoggerOptions,
  type LogContext,
  type MigrationObject,
  type QueryResult,
} from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlConnection, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Client } from 'pg';
import { PublicErrorCode } from '@citipart/schema';
import { type DatabaseLimits, DEFAULT_DATABASE_LIMITS } from './config';
import { log } from './log';
import type { SubgraphDefinition } from './subgraph';

export interface DatabaseOptions {
  url: string;
  /** The PostgreSQL schema this subgraph owns. Every table it touches lives there. */
  schema: string;
  entities: EntityClass<object>[];
  migrations: MigrationObject[];
  logSql?: boolean;
  /** Called with every SQL statement the subgraph runs (used by tests that count statements). */
  onSql?: (sql: string) => void;
  /** Pool, time and row bounds; each one left out takes its default (DEFAULT_DATABASE_LIMITS). */
  limits?: Partial<DatabaseLimits>;
  /** The service, named in its "busy" errors and log lines. */
  service?: string;
}

class SqlLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly onSql?: (sql: string) => void,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    this.onSql?.(context.query);
    super.logQuery(context);
  }
}

// ---------------------------------------------------------------------------------------
// Busy: the database could not serve a statement in time

/**
 * What a client gets when the database could not serve in time: a statement cancelled by
 * `statement_timeout`, or no pooled connection within the acquire timeout; or could not be
 * reached (stopped, crashed, restarting: `unreachable`). Its `extensions`
 * become the GraphQL error's (graphql's `locatedError` copies them from the original error),
 * so the masker (`createErrorMasker` in schema/src/errors.ts) passes the code and this
 * message on; the failed statement, whose text and values the driver's message carries, is
 * not kept. A DriverException, so that MikroORM passes it on as it is.
 */
export class DatabaseBusyError extends DriverException {
  readonly extensions = { code: PublicErrorCode.SERVICE_UNAVAILABLE };

  constructor(
    service: string | undefined,
    /** Why, for the log: which bound was hit, never the statement. */
    readonly reason: string,
    cause: Error & { code?: unknown },
    unreachable = false,
  ) {
    const what = unreachable ? 'cannot reach its database' : 'is busy';
    const message = `The ${service ? `${service} ` : ''}service ${what}; retry in a moment.`;
    const frames = (cause.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    super(
      Object.assign(new Error(message), {
        stack: [message, ...frames].join('\n'),
        ...(typeof cause.code === 'string' && { code: cause.code, sqlState: cause.code }),
      }),
    );
  }
}

/**
 * A value no PostgreSQL text can hold (a NUL character) reached a statement: the client's
 * input, wherever it came in (an id, a representation, a filter), so BAD_USER_INPUT, without
 * the statement.
 */
export class UnstorableTextError extends DriverException {
  readonly extensions = { code: PublicErrorCode.BAD_USER_INPUT };

  constructor(cause?: Error & { code?: unknown }) {
    const message = 'A text in the request holds a NUL character, which no text here can hold.';
    super(Object.assign(new Error(message), cause && { code: cause.code, sqlState: cause.code }));
  }
}

/** Whether a statement's parameters hold a string with a NUL character. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  return Array.isArray(value) && value.some(holdsNul);
}

// PostgreSQL's SQL states of text it cannot take (a NUL byte, an untranslatable character).
const UNSTORABLE_TEXT_STATES = new Set(['22021', '22P05']);

// PostgreSQL's SQL states of a server too busy to serve now, as opposed to a wrong statement.
const BUSY_STATES: Record<string, string> = {
  '57014': 'statement cancelled (statement_timeout)', // query_canceled
  '55P03': 'lock not available', // lock_not_available
  '53300': 'too many connections', // too_many_connections
  '57P03': 'server not accepting connections now', // cannot_connect_now
};

/** Why `error` means "busy, retry", or undefined for any other failure. */
function busyReason(error: unknown, limits: DatabaseLimits): string | undefined {
  if (!(error instanceof Error)) return undefined;
  // knex's error when the pool gives no connection within `acquireTimeoutMillis`.
  if (error.name === 'KnexTimeoutError') {
    return `no connection free within ${limits.acquireTimeoutMs} ms (pool of ${limits.poolSize})`;
  }
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === 'string' && Object.hasOwn(BUSY_STATES, code) ? BUSY_STATES[code] : undefined;
  if (reason === undefined) return undefined;
  return code === '57014'
    ? `${reason} after ${limits.statementTimeoutMs} ms, SQL state ${code}`
    : `${reason}, SQL state ${code}`;
}

// Failures that mean PostgreSQL cannot be reached now (stopped, crashed, restarting), not a
// wrong statement: a retry in a moment may find it back. Node's socket errors, SQL states of
// class 08 (connection_exception), 57P01 (admin_shutdown, also what a backend says when its
// server died) and 57P02 (crash_shutdown), and pg's error for a connection closed under a
// statement, which has no code.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02']);
const CONNECTION_CLOSED = 'Connection terminated unexpectedly';

/** Why `error` says the server is out of reach, or undefined for any other failure. */
function lostServerReason(error: unknown): string | undefined {
  // Not `instanceof Error`: under jest, Node's socket errors come from another realm.
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) {
    return `connection refused or lost, ${code}`;
  }
  // knex puts the statement before the driver's message.
  return typeof message === 'string' && message.endsWith(CONNECTION_CLOSED) ? 'connection closed' : undefined;
}

/** Whether the pool saw the server go away, and has not connected to it since. */
interface ServerState {
  gone: boolean;
}

/**
 * Why `error` means the database could not be reached, or undefined. While the server is
 * away, a transaction whose connection it broke fails on with the driver's own errors
 * ("not queryable", "transaction query already complete"), which carry no SQL state; out
 * of an outage such an error is ours (a session ended by idle_in_transaction_session_timeout).
 */
function unreachableReason(error: unknown, server: ServerState): string | undefined {
  const lost = lostServerReason(error);
  if (lost !== undefined) {
    server.gone = true;
    return lost;
  }
  const code = (error as { code?: unknown } | null)?.code;
  const fromServer = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
  return server.gone && !fromServer ? 'connection broken while the server is away' : undefined;
}

/**
 * The PostgreSQL driver whose connection reports "busy" failures as DatabaseBusyError, and
 * logs each one in a line of its own without the statement. Every statement (MikroORM's
 * finds and flushes, query builders, `em.execute`) goes through the connection's
 * `execute`; a transaction takes its connection from the pool in `begin`, and a connection
 * lost under it fails its `commit` or `rollback` too. A database that cannot be reached is
 * refused the same way: its client may retry, as with a busy one.
 */
function boundedDriver(limits: DatabaseLimits, service: string | undefined, server: ServerState) {
  const refuse = (error: unknown): unknown => {
    if (error instanceof DatabaseBusyError || error instanceof UnstorableTextError) return error;
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && UNSTORABLE_TEXT_STATES.has(code)) return new UnstorableTextError(error as Error);
    const busy = busyReason(error, limits);
    const unreachable = busy === undefined ? unreachableReason(error, server) : undefined;
    const reason = busy ?? unreachable;
    if (reason === undefined) return error;
    const said = busy ? 'busy' : 'database unreachable';
    log(service ?? 'database', `${said}, answered ${PublicErrorCode.SERVICE_UNAVAILABLE}: ${reason}`);
    return new DatabaseBusyError(service, reason, error as Error, unreachable !== undefined);
  };

  class BoundedConnection extends PostgreSqlConnection {
    override async execute<
      T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[] = EntityData<AnyEntity>[],
    >(...args: Parameters<PostgreSqlConnection['execute']>): Promise<T> {
      // PostgreSQL takes no NUL in a text (the driver's message is refused as a protocol
      // violation): a value that holds one is the client's, refused before it is sent.
      if (holdsNul(args[1])) throw new UnstorableTextError();
      try {
        return await super.execute<T>(...args);
      } catch (error) {
        throw refuse(error);
      }
    }

    override async begin(...args: Parameters<PostgreSqlConnection['begin']>) {
      try {
        return await super.begin(...args);
      } catch (error) {
        throw refuse(error);
      }
    }

    override async commit(...args: Parameters<PostgreSqlConnection['commit']>) {
      try {
        return await super.commit(...args);
      } catch (error) {
        throw refuse(error);
      }
    }

    override async rollback(...args: Parameters<PostgreSqlConnection['rollback']>) {
      try {
        return await super.rollback(...args);
      } catch (error) {
        throw refuse(error);
      }
    }
  }

  return class BoundedPostgreSqlDriver extends PostgreSqlDriver {
    constructor(config: Configuration) {
      super(config);
      // PostgreSqlDriver makes its connection from a fixed class, before connecting; this one
      // replaces it, unconnected still. MikroORM offers no option for the connection class.
      (this as unknown as { connection: BoundedConnection }).connection = new BoundedConnection(config);
    }
  };
}

// The limits each database was opened with: requests read their row budget from here.
const openedWith = new WeakMap<MikroORM, DatabaseLimits>();

/** The limits `orm` was opened with (the defaults for one `openDatabase` did not open). */
export function databaseLimits(orm: MikroORM): DatabaseLimits {
  return openedWith.get(orm) ?? { ...DEFAULT_DATABASE_LIMITS };
}

// ---------------------------------------------------------------------------------------

/**
 * Opens a subgraph's connection pool. The schema tools of MikroORM diff the whole database,
 * so they are never used at run time: tables change only through the subgraph's own
 * migrations, which name its schema explicitly (see `Migration` in ./migration.ts).
 *
 * Every connection starts with `statement_timeout` and `idle_in_transaction_session_timeout`
 * (sent by the pg driver when it connects, so there is no extra statement), and a statement
 * waits at most `acquireTimeoutMs` for a connection: a flood of requests gets answers or
 * DatabaseBusyError within those bounds instead of queueing behind each other.
 */
export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  const given = Object.entries(options.limits ?? {}).filter(([, value]) => value !== undefined);
  const limits: DatabaseLimits = { ...DEFAULT_DATABASE_LIMITS, ...Object.fromEntries(given) };
  const server: ServerState = { gone: false };
  const orm = await MikroORM.init({
    driver: boundedDriver(limits, options.service, server),
    clientUrl: options.url,
    schema: options.schema,
    entities: options.entities,
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    // Lists of related entities are loaded in one query per batch, never one per parent.
    dataloader: true,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    // Statements without their values: values can be personal data, and logs outlive erasure.
    debug: options.logSql ? ['query'] : false,
    loggerFactory: (loggerOptions) => new SqlLogger(loggerOptions, options.onSql),
    pool: {
      min: 0,
      max: limits.poolSize,
      acquireTimeoutMillis: limits.acquireTimeoutMs,
      // A connection that breaks says why: the server going away, or not (see
      // unreachableReason); its first error does, as pg reports the socket's end after it.
      // A new connection means the server is back.
      afterCreate: (connection: Client, done: (error: Error | null, connection: Client) => void) => {
        server.gone = false;
        let broken = false;
        connection.on('error', (error) => {
          if (!broken) unreachableReason(error, server);
          broken = true;
        });
        done(null, connection);
      },
    },
    // Merged into the connection options of knex, which hands them to the pg driver.
    driverOptions: {
      connection: {
        statement_timeout: limits.statementTimeoutMs,
        idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
      },
    },
  });
  openedWith.set(orm, limits);
  return orm;
}

/** Opens a subgraph's database: its entities and migrations, in its schema (or `options.schema`). */
export function openSubgraphDatabase(
  definition: SubgraphDefinition,
  url: string,
  options: Pick<DatabaseOptions, 'logSql' | 'onSql' | 'limits'> & { schema?: string } = {},
): Promise<MikroORM> {
  return openDatabase({
    url,
    schema: options.schema ?? definition.defaultSchema,
    entities: definition.entities,
    migrations: definition.migrations,
    logSql: options.logSql,
    onSql: options.onSql,
    limits: options.limits,
    service: definition.name,
  });
}

/**
 * Applies the subgraph's pending migrations inside its own schema, all in one transaction;
 * returns their names.
 *
 * The statement bound is lifted for that transaction only (`set local`, so the connection
 * goes back to the pool bounded again): migrations run once, at start, before the subgraph
 * answers anyone, and one that rewrites a large table may rightly take longer than any
 * request should. Under the bound it would be cancelled and rolled back on every start,
 * and the subgraph would never come up.
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const connection = orm.em.getConnection();
  const applied = await connection.transactional(async (trx) => {
    await connection.execute('set local statement_timeout = 0', [], 'run', trx);
    return orm.getMigrator().up({ transaction: trx });
  });
  return applied.map((migration) => migration.name);
}
