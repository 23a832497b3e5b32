import { SchemaMigration } from '@citipart/subgraph-kit';

/**
 * Attendance by category and age band at the meetings (API v3, "The work"): one row per
 * cell, positive counts only; the rows go with their meeting. Meetings have no demo flag of
 * their own (they are documented facts), so the rows carry it: the built-in tallies are
 * sample data.
 */
export class Migration20261130000100NetworkAttendance extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSql(`create table ${this.table('meeting_attendance')} (
      "meeting_id" text not null references ${this.table('meeting')} ("id") on delete cascade,
      "category" text not null ${this.oneOf('category', ['CITIZEN', 'PARTNER_MEMBER', 'LOCAL_POLITICIAN', 'TEACHER', 'JOURNALIST', 'STUDENT', 'OTHER'])},
      "age_band" text not null ${this.oneOf('age_band', ['UNDER_18', 'AGE_18_30', 'AGE_31_50', 'AGE_51_65', 'OVER_65', 'UNKNOWN'])},
      "count" integer not null check ("count" between 1 and 100000),
      "demo" boolean not null default false,
      primary key ("meeting_id", "category", "age_band")
    )`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${this.table('meeting_attendance')}`);
  }
}
