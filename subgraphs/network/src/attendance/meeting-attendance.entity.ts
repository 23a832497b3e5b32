import { AttendanceCell } from '@citipart/subgraph-kit';
import { Entity, PrimaryKey } from '@mikro-orm/core';

/**
 * One cell of a meeting's attendance: `Meeting.attendance`, and in `Network.statistics`. The
 * meetings are documented, their attendance by category and age band is not: the built-in
 * tallies are sample data (docs/DATASET.md, "Attendance").
 */
@Entity({ tableName: 'meeting_attendance' })
export class MeetingAttendance extends AttendanceCell {
  @PrimaryKey({ type: 'text' })
  meetingId!: string;
}
