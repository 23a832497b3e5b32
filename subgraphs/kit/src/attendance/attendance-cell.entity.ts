import { Entity, Enum, type Opt, Property } from '@mikro-orm/core';
import { AgeBand, ParticipantCategory } from '@citipart/schema';

/**
 * One cell of an attendance: how many people of one category and age band came to the
 * record the subclass names (an activity, a meeting), which is part of the primary key.
 * Only positive counts are stored; the graph never returns these rows as they are, only
 * through `suppressCells` (schema/src/attendance.ts).
 */
@Entity({ abstract: true })
export abstract class AttendanceCell {
  @Enum({ items: () => ParticipantCategory, primary: true })
  category!: ParticipantCategory;

  @Enum({ items: () => AgeBand, primary: true })
  ageBand!: AgeBand;

  @Property({ type: 'integer' })
  count!: number;

  /** True for the sample tallies of the built-in dataset (docs/DATASET.md, "Attendance"). */
  @Property({ default: false })
  demo: boolean & Opt = false;
}
