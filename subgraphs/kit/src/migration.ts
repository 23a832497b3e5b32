import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { createHash } from 'node:crypto';

const quoted = (values: readonly string[]) => values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');

/**
 * A migration that writes its SQL against the subgraph's schema, read from the ORM config
 * at run time. The same migration class therefore serves each partner-type subgraph (and
 * each test database), and can never reach into another subgraph's schema.
 *
 * Migrations are history: once applied somewhere, a migration must mean the same forever.
 * So they spell out values (an enum's values are written literally, never read from the live
 * enum), and the SQL every migration produces is recorded in schema/migrations.lock.json,
 * which `npm run compose -- --check` compares (see scripts/compose.ts). A change is a new
 * migration.
 */
export abstract class SchemaMigration extends Migration {
  protected get schema(): string {
    return this.config.get('schema') as string;
  }

  /** A check that `column` holds one of these values: `check ("kind" in ('A', 'B'))`. */
  protected oneOf(column: string, values: readonly string[]): string {
    return `check ("${column}" in (${quoted(values)}))`;
  }

  /**
   * Replaces the check of an enum column (created by `oneOf`, named by PostgreSQL
   * `<table>_<column>_check`) with one that allows these values: the migration that comes
   * with a new enum value.
   */
  protected allowOnly(table: string, column: string, values: readonly string[]): void {
    const constraint = `"${table}_${column}_check"`;
    this.addSql(
      `alter table ${this.table(table)} drop constraint ${constraint}, add constraint ${constraint} check ("${column}" in (${quoted(values)}))`,
    );
  }

  /** The audit table every subgraph keeps of its writes (see writes/audit.entity.ts). */
  protected createAuditTable(): void {
    this.addSql(`create table ${this.table('audit')} (
      "id" bigserial primary key,
      "at" timestamptz not null default now(),
      "actor" text not null,
      "role" text not null,
      "action" text not null,
      "entity_type" text not null,
      "entity_id" text not null,
      "partner_id" text null,
      "fields" jsonb not null default '[]'
    )`);
    // Erasure looks the actor up case-insensitively.
    this.addSql(`create index "audit_actor_index" on ${this.table('audit')} (lower("actor"))`);
  }

  /** Keys of creates whose records were deleted (see writes/client-keys.ts). */
  protected createRetiredClientKeyTable(): void {
    this.addSql(`create table ${this.table('retired_client_key')} (
      "partner_id" text not null,
      "entity_type" text not null,
      "key_hash" text not null,
      "retired_at" timestamptz not null default now(),
      primary key ("partner_id", "entity_type", "key_hash")
    )`);
  }

  /** Adds the version that updates and deletes must name (optimistic locking). */
  protected addVersion(table: string): void {
    this.addSql(
      `alter table ${this.table(table)} add column "version" integer not null default 1 check ("version" > 0)`,
    );
  }

  /**
   * Makes a table's texts translatable (translations/translatable.ts): the locale they were
   * written in, one of `locales` (rows that exist get `existing`), and their translations by
   * locale, a jsonb object whose keys are other locales.
   */
  protected addTranslations(table: string, locales: readonly string[], existing: string): void {
    this.addSql(`alter table ${this.table(table)}
      add column "original_locale" text not null default ${quoted([existing])} ${this.oneOf('original_locale', locales)},
      add column "translations" jsonb not null default '{}' check (
        jsonb_typeof("translations") = 'object'
        and ("translations" - array[${quoted(locales)}]::text[]) = '{}'::jsonb
        and ("translations" -> "original_locale") is null
      )`);
    // New rows say which language they are in.
    this.addSql(`alter table ${this.table(table)} alter column "original_locale" drop default`);
  }

  /** `"<schema>"."<table>"`, quoted. */
  protected table(name: string): string {
    return `"${this.schema}"."${name}"`;
  }
}

/** The schema name migrations are rendered with when their SQL is recorded. */
const RECORDED_SCHEMA = '{schema}';

/**
 * The SQL a migration runs (up, then down), rendered without a database: what
 * schema/migrations.lock.json records of each applied migration.
 */
export async function migrationSql(migration: MigrationObject): Promise<string> {
  // A migration needs only `config.get('schema')` to render; it runs nothing here.
  const config = { get: (key: string) => (key === 'schema' ? RECORDED_SCHEMA : undefined) };
  const instance: unknown = new migration.class(undefined, config);
  if (!isMigration(instance)) throw new Error(`${migration.name} is not a Migration`);
  await instance.up();
  const up = instance.getQueries().map(String);
  instance.reset();
  let down: string[];
  try {
    await instance.down();
    down = instance.getQueries().map(String);
  } catch {
    down = ['irreversible'];
  }
  return [...up, '-- down', ...down].join(';\n');
}

// Not `instanceof`: a test may load a second copy of the migrations package.
function isMigration(value: unknown): value is Migration {
  return typeof value === 'object' && value !== null && 'getQueries' in value && 'reset' in value && 'up' in value;
}

/** A short fingerprint of `migrationSql`. */
export async function migrationDigest(migration: MigrationObject): Promise<string> {
  return createHash('sha256')
    .update(await migrationSql(migration))
    .digest('hex')
    .slice(0, 16);
}
