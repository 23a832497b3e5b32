import { ActivityKind, AgeBand, type AttendanceCell, ParticipantCategory } from '@citipart/schema';
import type { SeedAttendance } from './seed-attendance';

// SAMPLE DATA. Who came to each activity of the built-in dataset, by category and age band,
// is not documented anywhere: these tallies are invented so that the dashboard and
// `Partner.statistics` have something to show, and they are stored with `demo = true`
// (docs/DATASET.md, "Attendance"). They add up to the demo activities' "about 30"
// participants, and each deliberately has cells under 5, so that suppression shows:
// the survey one cell of 3 (hidden with the next smallest), the play two small cells whose
// sum is 6 (hidden, nothing more), the booklet three small ones.

const { CITIZEN, PARTNER_MEMBER, LOCAL_POLITICIAN, TEACHER, JOURNALIST, STUDENT } = ParticipantCategory;
const { UNDER_18, AGE_18_30, AGE_31_50, AGE_51_65, OVER_65 } = AgeBand;

type Tally = [ParticipantCategory, AgeBand, number];

/** By kind of activity; 30 people each. Kinds the dataset does not use share the last one. */
const TALLIES: Partial<Record<ActivityKind, Tally[]>> & { other: Tally[] } = {
  [ActivityKind.STREET_SURVEY]: [
    [CITIZEN, AGE_18_30, 9],
    [CITIZEN, AGE_31_50, 7],
    [CITIZEN, AGE_51_65, 6],
    [STUDENT, UNDER_18, 5],
    [PARTNER_MEMBER, AGE_31_50, 3],
  ],
  [ActivityKind.FORUM_THEATRE]: [
    [STUDENT, UNDER_18, 11],
    [CITIZEN, AGE_18_30, 8],
    [CITIZEN, OVER_65, 5],
    [TEACHER, AGE_31_50, 4],
    [JOURNALIST, AGE_31_50, 2],
  ],
  [ActivityKind.BOOKLET_TEXT]: [
    [STUDENT, UNDER_18, 9],
    [CITIZEN, AGE_31_50, 8],
    [CITIZEN, AGE_18_30, 6],
    [CITIZEN, OVER_65, 4],
    [LOCAL_POLITICIAN, AGE_51_65, 2],
    [TEACHER, AGE_51_65, 1],
  ],
  other: [
    [CITIZEN, AGE_31_50, 12],
    [CITIZEN, AGE_18_30, 10],
    [PARTNER_MEMBER, AGE_51_65, 5],
    [LOCAL_POLITICIAN, AGE_51_65, 3],
  ],
};

/**
 * A partner's tallies differ a little from another's: up to two people of the largest cell
 * are counted in the second largest instead (the total stays 30, and the small cells stay
 * as they are).
 */
function shiftFor(partnerId: string): number {
  return [...partnerId].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 3;
}

/** The sample attendance of the dataset's activities (documented and demo alike). */
export function demoActivityAttendance(
  activities: readonly { id?: string | null; partnerId: string; kind: ActivityKind }[],
): SeedAttendance[] {
  return activities.flatMap(({ id, partnerId, kind }) => {
    if (!id) return [];
    const shift = shiftFor(partnerId);
    const tally = TALLIES[kind] ?? TALLIES.other;
    const cells: AttendanceCell[] = tally.map(([category, ageBand, count], index) => ({
      category,
      ageBand,
      count: index === 0 ? count - shift : index === 1 ? count + shift : count,
    }));
    return [{ of: id, cells }];
  });
}
