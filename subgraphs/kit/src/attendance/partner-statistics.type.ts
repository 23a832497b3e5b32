import { ActivityKind, AttendanceCount, ThemeCount } from '@citipart/schema';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

// The types of `Partner.statistics` (API v3), returned by the four partner-type subgraphs:
// @shareable. Resolved in partner-statistics.ts.

@ObjectType({ description: 'How many of its activities are of one kind.' })
@Directive('@shareable')
export class KindCount {
  @Field(() => ActivityKind)
  kind!: ActivityKind;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'How many of its activities started in one year.' })
@Directive('@shareable')
export class YearCount {
  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "A partner's work in numbers, computed over its activities." })
@Directive('@shareable')
export class PartnerStatistics {
  /** Whose statistics these are; the fields are resolved below, batched over partners. */
  partnerId!: string;

  @Field(() => [ThemeCount], { description: 'Activities by theme: every theme, zeros included.' })
  activitiesByTheme!: ThemeCount[];

  @Field(() => [KindCount], { description: 'Activities by kind: every kind, zeros included.' })
  activitiesByKind!: KindCount[];

  @Field(() => [YearCount], {
    description:
      'Activities by the year they started, ascending, from the first year with one to the last; years between ' +
      'without any are listed with 0. Empty without activities.',
  })
  activitiesByYear!: YearCount[];

  @Field(() => [AttendanceCount], {
    description:
      "Attendance summed over the partner's activities, then suppressed: a sum is withheld where it is under 5 or " +
      'where one of the activities withheld its part, and so is the next smallest where a total would give one away.',
  })
  attendance!: AttendanceCount[];

  @Field(() => Int, { description: "How many people answered the partner's street surveys, in all." })
  surveyRespondents!: number;

  @Field(() => Int, { description: "How many times the partner's forum-theatre plays were performed." })
  performances!: number;

  @Field(() => Int, {
    description: 'How many texts the partner wrote for the booklet on peace (of those the caller may see).',
  })
  bookletTexts!: number;
}
