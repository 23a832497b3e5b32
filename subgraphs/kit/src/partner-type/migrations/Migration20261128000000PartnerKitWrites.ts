import { SchemaMigration } from '../../migration';

/**
 * Writes (API v2): versions, idempotency keys, the private fields of people, and the audit
 * table.
 */
export class Migration20261128000000PartnerKitWrites extends SchemaMigration {
  override async up(): Promise<void> {
    for (const table of ['activity', 'member', 'profile']) this.addVersion(table);
    for (const table of ['activity', 'member']) {
      // NULLs are distinct: only creates that send a key are deduplicated.
      this.addSql(`alter table ${this.table(table)} add column "client_key" text null`);
      this.addSql(
        `alter table ${this.table(table)} add constraint "${table}_partner_id_client_key_unique" unique ("partner_id", "client_key")`,
      );
    }
    this.addSql(`alter table ${this.table('member')}
      add column "email" text null,
      add column "phone" text null,
      add column "consent_to_publish" boolean not null default false,
      add column "birth_year" integer null check ("birth_year" between 1900 and 2100),
      add column "parental_consent" boolean null`);
    this.addSql(`create index "member_email_index" on ${this.table('member')} ("email") where "email" is not null`);
    // The demo people are fictional: they were public before consent existed, and stay so.
    this.addSql(`update ${this.table('member')} set "consent_to_publish" = true where "demo" and "kind" = 'PERSON'`);
    this.createAuditTable();
    this.createRetiredClientKeyTable();
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${this.table('retired_client_key')}`);
    this.addSql(`drop table if exists ${this.table('audit')}`);
    this.addSql(`alter table ${this.table('member')}
      drop column "email", drop column "phone", drop column "consent_to_publish",
      drop column "birth_year", drop column "parental_consent"`);
    for (const table of ['activity', 'member']) {
      this.addSql(`alter table ${this.table(table)} drop column "client_key"`);
    }
    for (const table of ['activity', 'member', 'profile']) {
      this.addSql(`alter table ${this.table(table)} drop column "version"`);
    }
  }
}
