import { AttendanceCount, suppressCells } from '@citipart/schema';
import { Args, type ClassType, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../context';
import { loadGroup } from '../loaders';
import { Activity } from '../partner-type/activity.entity';
import { requirePartnerEditor } from '../auth/identity';
import { type WorkParent, replaceRows, replaceWork } from '../writes/replace';
import { ActivityAttendance } from './activity-attendance.entity';
import { SetAttendanceArgs, checkAttendance } from './attendance.input';

@Resolver(() => Activity)
export class ActivityAttendanceResolver {
  @FieldResolver(() => [AttendanceCount], {
    description:
      'Who came, by category and age band, in that order. Counts under 5, and any that a total would give away, ' +
      'are suppressed. Empty where nothing was recorded.',
  })
  async attendance(@Root() activity: Activity, @Ctx() ctx: SubgraphContext): Promise<AttendanceCount[]> {
    // One statement for the activities of a whole request (a network-wide list included).
    const cells = await loadGroup(ctx, ActivityAttendance, 'activityId', activity.id, {
      category: 'asc',
      ageBand: 'asc',
    });
    return suppressCells(cells);
  }
}

/** An activity, as the parent its attendance is replaced at: its partner's editors or the admin. */
const ACTIVITY: WorkParent<Activity> = {
  entity: Activity,
  entityType: 'Activity',
  authorize: (identity, activity) => requirePartnerEditor(identity, activity.partnerId),
  partnerOf: (activity) => activity.partnerId,
};

/** `set{T}ActivityAttendance` of one partner-type subgraph. */
export function createActivityAttendanceMutations(typeName: string): ClassType[] {
  const action = `set${typeName}ActivityAttendance`;

  @Resolver()
  class ActivityAttendanceMutations {
    @Mutation(() => Activity, {
      name: action,
      description:
        "Replaces an activity's attendance, at the version you read (a new version; CONFLICT on a stale one). " +
        "An editor of the activity's partner or the admin.",
    })
    setActivityAttendance(@Args() { id, version, attendance }: SetAttendanceArgs, @Ctx() ctx: SubgraphContext) {
      return replaceWork(ctx, ACTIVITY, {
        action,
        id,
        version,
        argument: 'attendance',
        validate: () => checkAttendance(attendance, 'attendance'),
        replace: (em, activity, cells) =>
          replaceRows(
            em,
            ActivityAttendance,
            { activityId: activity.id },
            cells.map((cell) => ({ ...cell, activityId: activity.id })),
          ),
      });
    }
  }
  return [ActivityAttendanceMutations];
}
