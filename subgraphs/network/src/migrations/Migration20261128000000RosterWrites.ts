import { SchemaMigration } from '@citipart/subgraph-kit';

/** Writes (API v2): versions, the meetings' idempotency key, and the audit table. */
export class Migration20261128000000RosterWrites extends SchemaMigration {
  override async up(): Promise<void> {
    this.addVersion('partner');
    this.addVersion('meeting');
    this.addSql(`alter table ${this.table('meeting')} add column "client_key" text null unique`);
    this.createAuditTable();
    this.createRetiredClientKeyTable();
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${this.table('retired_client_key')}`);
    this.addSql(`drop table if exists ${this.table('audit')}`);
    this.addSql(`alter table ${this.table('meeting')} drop column "client_key"`);
    this.addSql(`alter table ${this.table('meeting')} drop column "version"`);
    this.addSql(`alter table ${this.table('partner')} drop column "version"`);
  }
}
