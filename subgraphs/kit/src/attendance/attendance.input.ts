import {
  AGE_BANDS,
  type AttendanceCell,
  AttendanceCountInput,
  MAX_ATTENDANCE_COUNT,
  PARTICIPANT_CATEGORIES,
  userInputError,
} from '@citipart/schema';
import { ArgsType, Field } from 'type-graphql';
import * as check from '../writes/validate';
import { VersionedIdArgs } from '../writes/write.args';

/** `set{T}ActivityAttendance` and `setMeetingAttendance`: the record, its version, the whole attendance. */
@ArgsType()
export class SetAttendanceArgs extends VersionedIdArgs {
  @Field(() => [AttendanceCountInput], {
    description: 'Every cell of the attendance: it replaces the stored one. A cell of 0 records nobody.',
  })
  attendance!: AttendanceCountInput[];
}

/**
 * Checks an attendance as a client sent it and returns the cells to store: each count an
 * integer from 0 to MAX_ATTENDANCE_COUNT, each (category, age band) at most once, and only
 * the positive counts (a cell of 0 is nobody: accepted, not stored). Messages name the field,
 * `attendance[2].count`.
 */
export function checkAttendance(
  cells: readonly AttendanceCountInput[] | null | undefined,
  field: string,
): AttendanceCell[] {
  const seen = new Map<string, number>();
  const stored: AttendanceCell[] = [];
  check.required(cells, field).forEach((cell, index) => {
    const at = `${field}[${index}]`;
    if (!PARTICIPANT_CATEGORIES.includes(cell.category))
      throw userInputError(`"${at}.category" is not a participant category.`, `${at}.category`);
    if (!AGE_BANDS.includes(cell.ageBand)) throw userInputError(`"${at}.ageBand" is not an age band.`, `${at}.ageBand`);
    const count = check.intInRange(cell.count, `${at}.count`, 0, MAX_ATTENDANCE_COUNT);
    const key = `${cell.category} ${cell.ageBand}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw userInputError(`"${at}": ${key} is listed twice (also at ${field}[${first}]); give each cell once.`, at);
    }
    seen.set(key, index);
    if (count > 0) stored.push({ category: cell.category, ageBand: cell.ageBand, count });
  });
  return stored;
}
