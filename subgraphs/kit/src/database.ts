import {
  DefaultLogger,
  type EntityClass,
  type LoggerOptions,
  type LogContext,
  type MigrationObject,
} from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
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

/**
 * Opens a subgraph's connection pool. The schema tools of MikroORM diff the whole database,
 * so they are never used at run time: tables change only through the subgraph's own
 * migrations, which name its schema explicitly (see `Migration` in ./migration.ts).
 */
export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  return MikroORM.init({
    driver: PostgreSqlDriver,
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
    pool: { min: 0, max: 10 },
  });
}

/** Opens a subgraph's database: its entities and migrations, in its schema (or `options.schema`). */
export function openSubgraphDatabase(
  definition: SubgraphDefinition,
  url: string,
  options: Pick<DatabaseOptions, 'logSql' | 'onSql'> & { schema?: string } = {},
): Promise<MikroORM> {
  return openDatabase({
    url,
    schema: options.schema ?? definition.defaultSchema,
    entities: definition.entities,
    migrations: definition.migrations,
    logSql: options.logSql,
    onSql: options.onSql,
  });
}

/** Applies the subgraph's pending migrations inside its own schema; returns their names. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}
