import { Entity, Enum, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { AgeBand, ParticipantCategory } from '@citipart/schema';

/**
 * One cell of a meeting's attendance: how many people of one category and age band came.
 * Only positive counts are stored; the graph returns them only through `suppressCells`
 * (schema/src/attendance.ts), as `Meeting.attendance` and in `Network.statistics`.
 */
@Entity({ tableName: 'meeting_attendance' })
export class MeetingAttendance {
  @PrimaryKey({ type: 'text' })
  meetingId!: string;

  @Enum({ items: () => ParticipantCategory, primary: true })
  category!: ParticipantCategory;

  @Enum({ items: () => AgeBand, primary: true })
  ageBand!: AgeBand;

  @Property({ type: 'integer' })
  count!: number;

  /**
   * True for the sample tallies of the built-in dataset: the meetings are documented, their
   * attendance by category and age band is not (docs/DATASET.md, "Attendance").
   */
  @Property({ default: false })
  demo: boolean & Opt = false;
}
