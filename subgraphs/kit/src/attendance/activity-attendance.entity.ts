import { Entity, Enum, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { AgeBand, ParticipantCategory } from '@citipart/schema';

/**
 * One cell of an activity's attendance: how many people of one category and age band came.
 * Only positive counts are stored; the graph never returns these rows as they are, only
 * through `suppressCells` (schema/src/attendance.ts), as `Activity.attendance` and in
 * `Partner.statistics`.
 */
@Entity({ tableName: 'activity_attendance' })
export class ActivityAttendance {
  @PrimaryKey({ type: 'text' })
  activityId!: string;

  @Enum({ items: () => ParticipantCategory, primary: true })
  category!: ParticipantCategory;

  @Enum({ items: () => AgeBand, primary: true })
  ageBand!: AgeBand;

  @Property({ type: 'integer' })
  count!: number;

  /** True for sample tallies of the built-in dataset (no partner reported them). */
  @Property({ default: false })
  demo: boolean & Opt = false;
}
