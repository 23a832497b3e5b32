import { SchemaMigration } from '@citipart/subgraph-kit';

/**
 * The network's part of the work (API v3): the common questionnaire, the meetings'
 * conclusions, and the cooperations agreed at the closing meeting with their partners.
 * Conclusions go with their meeting; a cooperation outlives the meeting it was agreed at
 * (its `agreed_at_id` becomes null).
 */
export class Migration20261130000000NetworkWork extends SchemaMigration {
  override async up(): Promise<void> {
    const locales = ['HR', 'FR', 'DE', 'PL', 'EN'];
    const themes = ['SOLIDARITY', 'TOLERANCE', 'PEACE'];
    this.addSql(`create table ${this.table('network_question')} (
      "id" text primary key,
      "position" integer not null check ("position" >= 0),
      "theme" text not null ${this.oneOf('theme', themes)},
      "text" text not null check ("text" <> ''),
      "demo" boolean not null default false,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    )`);
    this.addSql(
      `create index "network_question_position_id_index" on ${this.table('network_question')} ("position", "id")`,
    );
    this.addTranslations('network_question', locales, 'EN');

    this.addSql(`create table ${this.table('conclusion')} (
      "id" text primary key,
      "meeting_id" text not null references ${this.table('meeting')} ("id") on delete cascade,
      "position" integer not null check ("position" >= 0),
      "theme" text null ${this.oneOf('theme', themes)},
      "problem" text not null check ("problem" <> ''),
      "proposal" text not null check ("proposal" <> ''),
      "follow_up" text null,
      "demo" boolean not null default false,
      "client_key" text null unique,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    )`);
    this.addSql(
      `create index "conclusion_meeting_id_position_id_index" on ${this.table('conclusion')} ("meeting_id", "position", "id")`,
    );
    this.addTranslations('conclusion', locales, 'EN');
    this.addVersion('conclusion');

    this.addSql(`create table ${this.table('cooperation')} (
      "id" text primary key,
      "title" text not null check ("title" <> ''),
      "description" text null,
      "agreed_at_id" text null references ${this.table('meeting')} ("id") on delete set null,
      "demo" boolean not null default false,
      "client_key" text null unique,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    )`);
    this.addSql(`create index "cooperation_agreed_at_id_index" on ${this.table('cooperation')} ("agreed_at_id")`);
    this.addTranslations('cooperation', locales, 'EN');
    this.addVersion('cooperation');

    this.addSql(`create table ${this.table('cooperation_partner')} (
      "cooperation_id" text not null references ${this.table('cooperation')} ("id") on delete cascade,
      "partner_id" text not null references ${this.table('partner')} ("id"),
      "position" integer not null check ("position" >= 0),
      primary key ("cooperation_id", "partner_id")
    )`);
    this.addSql(
      `create index "cooperation_partner_partner_id_index" on ${this.table('cooperation_partner')} ("partner_id")`,
    );
  }

  override async down(): Promise<void> {
    for (const table of ['cooperation_partner', 'cooperation', 'conclusion', 'network_question']) {
      this.addSql(`drop table if exists ${this.table(table)}`);
    }
  }
}
