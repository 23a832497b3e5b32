import { SchemaMigration } from '../../migration';

/**
 * Attendance by category and age band (API v3, "The work"): one row per cell of an
 * activity, positive counts only; the rows go with their activity. `demo` marks the sample
 * tallies of the built-in dataset.
 */
export class Migration20261130000100PartnerKitAttendance extends SchemaMigration {
  override async up(): Promise<void> {
    this.addSql(`create table ${this.table('activity_attendance')} (
      "activity_id" text not null references ${this.table('activity')} ("id") on delete cascade,
      "category" text not null ${this.oneOf('category', ['CITIZEN', 'PARTNER_MEMBER', 'LOCAL_POLITICIAN', 'TEACHER', 'JOURNALIST', 'STUDENT', 'OTHER'])},
      "age_band" text not null ${this.oneOf('age_band', ['UNDER_18', 'AGE_18_30', 'AGE_31_50', 'AGE_51_65', 'OVER_65', 'UNKNOWN'])},
      "count" integer not null check ("count" between 1 and 100000),
      "demo" boolean not null default false,
      primary key ("activity_id", "category", "age_band")
    )`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${this.table('activity_attendance')}`);
  }
}
