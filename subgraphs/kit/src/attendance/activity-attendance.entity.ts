import { Entity, PrimaryKey } from '@mikro-orm/core';
import { AttendanceCell } from './attendance-cell.entity';

/** One cell of an activity's attendance: `Activity.attendance`, and in `Partner.statistics`. */
@Entity({ tableName: 'activity_attendance' })
export class ActivityAttendance extends AttendanceCell {
  @PrimaryKey({ type: 'text' })
  activityId!: string;
}
