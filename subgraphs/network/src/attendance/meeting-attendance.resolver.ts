import { AttendanceCount, suppressCells } from '@citipart/schema';
import {
  SetAttendanceArgs,
  type SubgraphContext,
  type WorkParent,
  checkAttendance,
  loadGroup,
  replaceRows,
  replaceWork,
  requireAdmin,
} from '@citipart/subgraph-kit';
import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Meeting } from '../meeting.entity';
import { MeetingAttendance } from './meeting-attendance.entity';

/** A meeting, as the parent its attendance is replaced at: the admin's. */
const MEETING: WorkParent<Meeting> = {
  entity: Meeting,
  entityType: 'Meeting',
  authorize: (identity) => requireAdmin(identity),
  partnerOf: (meeting) => meeting.hostId,
};

@Resolver(() => Meeting)
export class MeetingAttendanceResolver {
  @FieldResolver(() => [AttendanceCount], {
    description:
      'Who came, by category and age band, in that order. Counts under 5, and any that a total would give away, ' +
      'are suppressed. Empty where nothing was recorded.',
  })
  async attendance(@Root() meeting: Meeting, @Ctx() ctx: SubgraphContext): Promise<AttendanceCount[]> {
    // One statement for the meetings of a whole request.
    const cells = await loadGroup(ctx, MeetingAttendance, 'meetingId', meeting.id, { category: 'asc', ageBand: 'asc' });
    return suppressCells(cells);
  }

  @Mutation(() => Meeting, {
    description:
      "Replaces a meeting's attendance, at the version you read (a new version; CONFLICT on a stale one). Admin only.",
  })
  setMeetingAttendance(@Args() { id, version, attendance }: SetAttendanceArgs, @Ctx() ctx: SubgraphContext) {
    // Before anything is read or checked: a caller without the right learns nothing.
    requireAdmin(ctx.identity);
    return replaceWork(ctx, MEETING, {
      action: 'setMeetingAttendance',
      id,
      version,
      argument: 'attendance',
      validate: () => checkAttendance(attendance, 'attendance'),
      replace: (em, meeting, cells) =>
        replaceRows(
          em,
          MeetingAttendance,
          { meetingId: meeting.id },
          cells.map((cell) => ({ ...cell, meetingId: meeting.id })),
        ),
    });
  }
}
