import {
  AttendanceCount,
  CountQualifier,
  CountryCodeScalar,
  ParticipantCount,
  Theme,
  ThemeCount,
} from '@citipart/schema';
import { type SubgraphContext, summedAttendance } from '@citipart/subgraph-kit';
import type { EntityClass } from '@mikro-orm/core';
import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver } from 'type-graphql';
import { Delegation } from '../delegation.entity';
import { Meeting } from '../meeting.entity';
import { NetworkInfo } from '../network.entity';
import { Partner } from '../partner.entity';
import { MeetingAttendance } from './meeting-attendance.entity';

// `Network.statistics` (API v3): the meetings in numbers, computed in SQL by the network
// subgraph, which owns the meetings, their delegations and attendance. Each field is one
// statement, however many meetings there are.

@ObjectType({ description: 'How many people came from partners in one country.' })
export class CountryCount {
  @Field(() => CountryCodeScalar)
  countryCode!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "The network's meetings in numbers." })
export class NetworkStatistics {
  @Field(() => [ThemeCount], {
    description:
      'Thematic meetings by theme: every theme, zeros included. The kick-off and the closing conference have no ' +
      'theme of their own and are not counted here.',
  })
  meetingsByTheme!: ThemeCount[];

  @Field(() => ParticipantCount, {
    description:
      "The meetings' participants added up. The qualifier keeps the reports' honesty: EXACT only if every " +
      'meeting\'s count is exact, AT_LEAST if each is exact or a lower bound, otherwise ABOUT ("261, not EXACT").',
  })
  participantsAtMeetings!: ParticipantCount;

  @Field(() => [CountryCount], {
    description:
      "People in the partners' delegations to the meetings, by the delegating partner's country: every country " +
      'of the roster, zeros included, by country code.',
  })
  delegatesByCountry!: CountryCount[];

  @Field(() => [AttendanceCount], {
    description:
      'Attendance summed over the meetings, then suppressed: a sum is withheld where it is under 5 or where a ' +
      'meeting withheld its part, and so is the next smallest where a total would give one away.',
  })
  attendance!: AttendanceCount[];
}

const THEMES = Object.values(Theme);

function tableOf(ctx: SubgraphContext, entity: EntityClass<object>): string {
  return `"${ctx.em.config.get('schema') as string}"."${ctx.em.getMetadata().get(entity.name).tableName}"`;
}

/**
 * The qualifier of a sum of reported counts: a sum is exact only if every part is; a lower
 * bound if every part is exact or a lower bound; anything with an "about" in it is about.
 * No meetings: exactly 0.
 */
export function qualifierOfSum(exact: boolean, atLeast: boolean): CountQualifier {
  if (exact) return CountQualifier.EXACT;
  return atLeast ? CountQualifier.AT_LEAST : CountQualifier.ABOUT;
}

@Resolver(() => NetworkInfo)
export class NetworkStatisticsFieldResolver {
  @FieldResolver(() => NetworkStatistics, {
    description: 'The meetings in numbers: by theme, participants, delegates by country, attendance.',
  })
  statistics(): Record<string, never> {
    return {};
  }
}

@Resolver(() => NetworkStatistics)
export class NetworkStatisticsResolver {
  @FieldResolver(() => [ThemeCount])
  async meetingsByTheme(@Ctx() ctx: SubgraphContext): Promise<ThemeCount[]> {
    const rows: { theme: Theme; count: number }[] = await ctx.em.execute(
      `select v.theme, count(m.id)::int as count
         from unnest(array[?]::text[]) as v(theme) left join ${tableOf(ctx, Meeting)} m on m.theme = v.theme
        group by v.theme`,
      [THEMES],
    );
    ctx.rowBudget.spend(rows.length);
    return THEMES.map((theme) => ({ theme, count: rows.find((row) => row.theme === theme)!.count }));
  }

  @FieldResolver(() => ParticipantCount)
  async participantsAtMeetings(@Ctx() ctx: SubgraphContext): Promise<ParticipantCount> {
    const [row]: { value: number; exact: boolean; at_least: boolean }[] = await ctx.em.execute(
      `select coalesce(sum((participants ->> 'value')::int), 0)::int as value,
              coalesce(bool_and(participants ->> 'qualifier' = ?), true) as exact,
              coalesce(bool_and(participants ->> 'qualifier' in (?, ?)), true) as at_least
         from ${tableOf(ctx, Meeting)}`,
      [CountQualifier.EXACT, CountQualifier.EXACT, CountQualifier.AT_LEAST],
    );
    ctx.rowBudget.spend(1);
    return { value: row.value, qualifier: qualifierOfSum(row.exact, row.at_least) };
  }

  @FieldResolver(() => [CountryCount])
  async delegatesByCountry(@Ctx() ctx: SubgraphContext): Promise<CountryCount[]> {
    const rows: { country_code: string; count: number }[] = await ctx.em.execute(
      `select p.country_code, coalesce(sum(d.count), 0)::int as count
         from ${tableOf(ctx, Partner)} p left join ${tableOf(ctx, Delegation)} d on d.partner_id = p.id
        group by p.country_code order by p.country_code
        limit ?`,
      [ctx.rowBudget.statementLimit()],
    );
    ctx.rowBudget.spend(rows.length);
    return rows.map((row) => ({ countryCode: row.country_code, count: row.count }));
  }

  @FieldResolver(() => [AttendanceCount])
  async attendance(@Ctx() ctx: SubgraphContext): Promise<AttendanceCount[]> {
    const sums = await summedAttendance(
      ctx.em,
      ctx.rowBudget,
      {
        sql: `select '' as key, meeting_id as list, category, age_band, count from ${tableOf(ctx, MeetingAttendance)}`,
        parameters: [],
      },
      [''],
    );
    return sums.get('')!;
  }
}
