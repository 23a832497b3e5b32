import { Migration } from '@mikro-orm/migrations';

/**
 * A migration that writes its SQL against the subgraph's schema, read from the ORM config
 * at run time. The same migration class therefore serves each partner-type subgraph (and
 * each test database), and can never reach into another subgraph's schema.
 */
export abstract class SchemaMigration extends Migration {
  protected get schema(): string {
    return this.config.get('schema') as string;
  }

  /** A check that `column` holds one of an enum's values: `check ("kind" in ('A', 'B'))`. */
  protected oneOf(column: string, values: Record<string, string>): string {
    const list = Object.values(values)
      .map((value) => `'${value}'`)
      .join(', ');
    return `check ("${column}" in (${list}))`;
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

  /** `"<schema>"."<table>"`, quoted. */
  protected table(name: string): string {
    return `"${this.schema}"."${name}"`;
  }
}
