import { SchemaMigration } from '../../migration';

/** Members and activities: the tables every partner-type subgraph has in its own schema. */
export class Migration20261127000000PartnerKit extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSql(`create table ${this.table('activity')} (
      "id" text primary key,
      "partner_id" text not null,
      "kind" text not null ${this.oneOf('kind', ['STREET_SURVEY', 'FORUM_THEATRE', 'BOOKLET_TEXT', 'DEBATE', 'WORKSHOP', 'EXHIBITION', 'OTHER'])},
      "theme" text not null ${this.oneOf('theme', ['SOLIDARITY', 'TOLERANCE', 'PEACE'])},
      "title" text not null,
      "description" text null,
      "starts_on" date not null,
      "ends_on" date null,
      "town" text null,
      "participants" jsonb null,
      "presented_at_id" text null,
      "demo" boolean not null default false,
      "sources" jsonb not null default '[]',
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      check ("ends_on" is null or "ends_on" >= "starts_on")
    )`);
    this.addSql(
      `create index "activity_partner_id_starts_on_id_index" on ${this.table('activity')} ("partner_id", "starts_on", "id")`,
    );
    this.addSql(`create table ${this.table('member')} (
      "id" text primary key,
      "partner_id" text not null,
      "kind" text not null ${this.oneOf('kind', ['ORGANISATION', 'PERSON'])},
      "name" text collate "C" not null,
      "role" text null,
      "since" date null,
      "demo" boolean not null default false,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    )`);
    this.addSql(
      `create index "member_partner_id_name_id_index" on ${this.table('member')} ("partner_id", "name", "id")`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${this.table('member')}`);
    this.addSql(`drop table if exists ${this.table('activity')}`);
  }
}
