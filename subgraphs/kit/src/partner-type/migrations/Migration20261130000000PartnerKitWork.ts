import { SchemaMigration } from '../../migration';

/**
 * The work of activities (API v3, "The work"): the surveys of street surveys (questions and
 * their options with tallies), the plays of forum theatre (performances) and the texts for
 * the booklet on peace. Each hangs off its activity and goes with it (on delete cascade);
 * the texts are translatable, like the activities'. Positions keep the order the partner
 * gave; the checks hold what no write may break (counts are never negative, no performance
 * before 2015), the rest is the writes' validation (work/work.mutations.ts).
 */
export class Migration20261130000000PartnerKitWork extends SchemaMigration {
  override async up(): Promise<void> {
    const locales = ['HR', 'FR', 'DE', 'PL', 'EN'];
    const timestamps = `"created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()`;
    const activity = `${this.table('activity')} ("id") on delete cascade`;

    this.addSql(`create table ${this.table('survey')} (
      "activity_id" text primary key references ${activity},
      "respondents" integer not null check ("respondents" >= 0),
      ${timestamps}
    )`);
    this.addSql(`create table ${this.table('survey_question')} (
      "id" text primary key,
      "activity_id" text not null references ${this.table('survey')} ("activity_id") on delete cascade,
      "position" integer not null check ("position" > 0),
      "text" text not null,
      "network_question_id" text null,
      ${timestamps},
      constraint "survey_question_activity_id_position_unique" unique ("activity_id", "position")
    )`);
    this.addTranslations('survey_question', locales, 'EN');
    // One network question's answers across partners.
    this.addSql(
      `create index "survey_question_network_question_id_index" on ${this.table('survey_question')} ("network_question_id")`,
    );
    this.addSql(`create table ${this.table('survey_option')} (
      "id" text primary key,
      "question_id" text not null references ${this.table('survey_question')} ("id") on delete cascade,
      "position" integer not null check ("position" > 0),
      "text" text not null,
      "count" integer not null check ("count" >= 0),
      ${timestamps},
      constraint "survey_option_question_id_position_unique" unique ("question_id", "position")
    )`);
    this.addTranslations('survey_option', locales, 'EN');

    this.addSql(`create table ${this.table('play')} (
      "activity_id" text primary key references ${activity},
      "title" text not null,
      "synopsis" text null,
      ${timestamps}
    )`);
    this.addTranslations('play', locales, 'EN');
    this.addSql(`create table ${this.table('performance')} (
      "id" text primary key,
      "activity_id" text not null references ${this.table('play')} ("activity_id") on delete cascade,
      "position" integer not null check ("position" > 0),
      "performed_on" date not null check ("performed_on" >= date '2015-01-01'),
      "town" text not null,
      "venue" text null,
      "audience" jsonb null,
      "interventions" integer null check ("interventions" >= 0),
      "notes" text null,
      ${timestamps},
      constraint "performance_activity_id_position_unique" unique ("activity_id", "position")
    )`);
    this.addTranslations('performance', locales, 'EN');
    this.addSql(
      `create index "performance_activity_id_performed_on_index" on ${this.table('performance')} ("activity_id", "performed_on")`,
    );

    this.addSql(`create table ${this.table('booklet_text')} (
      "activity_id" text primary key references ${activity},
      "title" text not null,
      "body" text not null,
      "author_name" text null,
      "author_age_band" text null ${this.oneOf('author_age_band', ['UNDER_18', 'AGE_18_30', 'AGE_31_50', 'AGE_51_65', 'OVER_65', 'UNKNOWN'])},
      "author_consent" boolean not null default false,
      ${timestamps}
    )`);
    this.addTranslations('booklet_text', locales, 'EN');
  }

  override async down(): Promise<void> {
    for (const table of ['booklet_text', 'performance', 'play', 'survey_option', 'survey_question', 'survey']) {
      this.addSql(`drop table if exists ${this.table(table)}`);
    }
  }
}
