import { SchemaMigration } from '@citipart/subgraph-kit';

/** The roster, the meetings with their delegations, and the network's own row. */
export class Migration20261127000000Roster extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSql(`create table ${this.table('network')} (
      "id" text primary key,
      "name" text not null,
      "title" text not null,
      "starts_on" date not null,
      "ends_on" date not null,
      "themes" jsonb not null,
      "funding" jsonb not null,
      "sources" jsonb not null default '[]'
    )`);
    // Names sort by code point ("C"), the same on every server, so cursors stay valid.
    this.addSql(`create table ${this.table('partner')} (
      "id" text primary key,
      "type" text not null ${this.oneOf('type', ['CITY', 'EUROPEAN_HOUSE', 'FOUNDATION', 'YOUTH_ASSOCIATION'])},
      "name" text collate "C" not null,
      "country_code" text not null check ("country_code" ~ '^[A-Z]{2}$'),
      "town" text not null,
      "role" text not null ${this.oneOf('role', ['COORDINATOR', 'PARTNER'])},
      "legal_form" text not null ${this.oneOf('legal_form', ['MUNICIPALITY', 'ASSOCIATION', 'FOUNDATION'])},
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    )`);
    this.addSql(`create index "partner_name_id_index" on ${this.table('partner')} ("name", "id")`);
    this.addSql(`create table ${this.table('meeting')} (
      "id" text primary key,
      "kind" text not null ${this.oneOf('kind', ['KICK_OFF', 'THEMATIC', 'CLOSING'])},
      "theme" text null ${this.oneOf('theme', ['SOLIDARITY', 'TOLERANCE', 'PEACE'])},
      "title" text not null,
      "town" text not null,
      "country_code" text not null check ("country_code" ~ '^[A-Z]{2}$'),
      "starts_on" date not null,
      "ends_on" date not null,
      "host_id" text not null references ${this.table('partner')} ("id"),
      "participants" jsonb not null,
      "sources" jsonb not null default '[]',
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      check ("ends_on" >= "starts_on")
    )`);
    this.addSql(`create index "meeting_starts_on_id_index" on ${this.table('meeting')} ("starts_on", "id")`);
    this.addSql(`create index "meeting_host_id_index" on ${this.table('meeting')} ("host_id")`);
    this.addSql(`create table ${this.table('delegation')} (
      "meeting_id" text not null references ${this.table('meeting')} ("id") on delete cascade,
      "partner_id" text not null references ${this.table('partner')} ("id"),
      "count" integer not null check ("count" > 0),
      primary key ("meeting_id", "partner_id")
    )`);
    this.addSql(`create index "delegation_partner_id_index" on ${this.table('delegation')} ("partner_id")`);
  }

  override async down(): Promise<void> {
    for (const table of ['delegation', 'meeting', 'partner', 'network']) {
      this.addSql(`drop table if exists ${this.table(table)}`);
    }
  }
}
