import type { MigrationObject } from '@mikro-orm/core';
import { SchemaMigration } from '../../migration';

/**
 * The first migration of a partner-type subgraph: its `profile` table, with the columns
 * every profile has and the type's own ones (given as SQL column definitions).
 */
export function profileTableMigration(name: string, typeColumns: readonly string[]): MigrationObject {
  class CreateProfileTable extends SchemaMigration {
    override async up(): Promise<void> {
      const columns = [
        '"id" text primary key',
        '"website" text null',
        `"sources" jsonb not null default '[]'`,
        ...typeColumns,
        '"created_at" timestamptz not null default now()',
        '"updated_at" timestamptz not null default now()',
      ];
      this.addSql(`create table ${this.table('profile')} (\n  ${columns.join(',\n  ')}\n)`);
    }

    override async down(): Promise<void> {
      this.addSql(`drop table if exists ${this.table('profile')}`);
    }
  }
  return { name, class: CreateProfileTable };
}
