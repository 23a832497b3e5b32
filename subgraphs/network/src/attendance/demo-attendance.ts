import { AgeBand, ParticipantCategory } from '@citipart/schema';
import { MEETING_ID, type SeedAttendance } from '@citipart/subgraph-kit';

// SAMPLE DATA. The five meetings are documented (seed/network.data.ts), but who came to them
// by category and age band is not: these tallies are invented, stored with `demo = true`
// (docs/DATASET.md, "Attendance"). Each adds up to its meeting's reported count (55, 52, 50,
// 54, 50: 261 in all), follows the description's "citizens of different ages, members of the
// partner organisations and towns, local politicians, teachers and journalists", and has
// cells under 5 on purpose, so that suppression shows at every level: Warsaw hides one
// cell of 3 and then its smallest other (5), Scy-Chazelles two cells of 2 and then a third.

const { CITIZEN, PARTNER_MEMBER, LOCAL_POLITICIAN, TEACHER, JOURNALIST, STUDENT } = ParticipantCategory;
const { UNDER_18, AGE_18_30, AGE_31_50, AGE_51_65, OVER_65 } = AgeBand;

type Tally = [ParticipantCategory, AgeBand, number];

const TALLIES: Record<string, Tally[]> = {
  // 55, exact
  [MEETING_ID.kickOff]: [
    [CITIZEN, UNDER_18, 4],
    [CITIZEN, AGE_18_30, 12],
    [CITIZEN, AGE_31_50, 14],
    [CITIZEN, AGE_51_65, 9],
    [CITIZEN, OVER_65, 6],
    [PARTNER_MEMBER, AGE_31_50, 6],
    [LOCAL_POLITICIAN, AGE_51_65, 3],
    [JOURNALIST, AGE_31_50, 1],
  ],
  // "more than 52"
  [MEETING_ID.solidarity]: [
    [CITIZEN, AGE_18_30, 10],
    [CITIZEN, AGE_31_50, 11],
    [CITIZEN, AGE_51_65, 8],
    [STUDENT, UNDER_18, 7],
    [PARTNER_MEMBER, AGE_31_50, 8],
    [TEACHER, AGE_31_50, 5],
    [LOCAL_POLITICIAN, AGE_51_65, 3],
  ],
  // "over fifty"
  [MEETING_ID.tolerance]: [
    [STUDENT, UNDER_18, 9],
    [CITIZEN, AGE_18_30, 12],
    [CITIZEN, AGE_31_50, 10],
    [CITIZEN, OVER_65, 2],
    [TEACHER, AGE_31_50, 6],
    [PARTNER_MEMBER, AGE_51_65, 7],
    [LOCAL_POLITICIAN, AGE_31_50, 2],
    [JOURNALIST, AGE_31_50, 2],
  ],
  // 54, exact
  [MEETING_ID.peace]: [
    [CITIZEN, AGE_18_30, 9],
    [CITIZEN, AGE_31_50, 13],
    [CITIZEN, AGE_51_65, 10],
    [CITIZEN, OVER_65, 5],
    [STUDENT, UNDER_18, 6],
    [PARTNER_MEMBER, AGE_31_50, 7],
    [TEACHER, AGE_51_65, 2],
    [LOCAL_POLITICIAN, AGE_51_65, 2],
  ],
  // "around 50"
  [MEETING_ID.closing]: [
    [CITIZEN, AGE_18_30, 9],
    [CITIZEN, AGE_31_50, 10],
    [PARTNER_MEMBER, AGE_18_30, 8],
    [PARTNER_MEMBER, AGE_31_50, 12],
    [STUDENT, AGE_18_30, 4],
    [LOCAL_POLITICIAN, AGE_51_65, 4],
    [JOURNALIST, AGE_31_50, 3],
  ],
};

export const demoMeetingAttendance: SeedAttendance[] = Object.entries(TALLIES).map(([meetingId, tally]) => ({
  of: meetingId,
  cells: tally.map(([category, ageBand, count]) => ({ category, ageBand, count })),
}));
