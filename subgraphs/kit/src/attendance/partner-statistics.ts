import { ActivityKind, AttendanceCount, Theme, ThemeCount } from '@citipart/schema';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Identity } from '../auth/identity';
import type { SubgraphContext } from '../context';
import { Activity } from '../partner-type/activity.entity';
import { PartnerProfile } from '../partner-type/partner-profile.entity';
import { BookletText } from '../work/booklet-text.entity';
import { Performance } from '../work/play.entity';
import { Survey } from '../work/survey.entity';
import { ActivityAttendance } from './activity-attendance.entity';
import { KindCount, PartnerStatistics, YearCount } from './partner-statistics.type';
import { summedAttendance } from './summed-attendance';

// `Partner.statistics` (API v3): a partner's work in numbers, computed in SQL by the
// partner-type subgraph that owns the rows. Every field is one statement for all the
// partners of a request, whatever their number and the number of their activities
// (test/graph/n-plus-one.postgres.test.ts); the three counts by theme, kind and year share
// one.

interface ActivityCounts {
  byTheme: ThemeCount[];
  byKind: KindCount[];
  byYear: YearCount[];
}

interface WorkCounts {
  surveyRespondents: number;
  performances: number;
  bookletTexts: number;
}

const THEMES = Object.values(Theme);
const KINDS = Object.values(ActivityKind);

/** `"schema"."table"` of an entity of this subgraph. */
function tableOf(em: EntityManager, entity: EntityClass<object>): string {
  return `"${em.config.get('schema') as string}"."${em.getMetadata().get(entity.name).tableName}"`;
}

/**
 * Activities by theme, by kind and by start year for each partner: one statement, counted
 * in PostgreSQL. Every theme and kind is joined in, so zeros come from SQL too; years run
 * from each partner's first to its last (generate_series), with the empty ones as 0.
 */
async function loadActivityCounts(ctx: SubgraphContext, partnerIds: readonly string[]): Promise<ActivityCounts[]> {
  const activity = tableOf(ctx.em, Activity);
  const rows: { partner_id: string; dimension: 'theme' | 'kind' | 'year'; value: string; count: number }[] =
    await ctx.em.execute(
      `with p(partner_id) as (select unnest(array[?]::text[])),
       acts as (select r.partner_id, r.theme, r.kind, extract(year from r.starts_on)::int as year
                  from ${activity} r join p on p.partner_id = r.partner_id),
       span as (select partner_id, min(year) as first, max(year) as last from acts group by partner_id)
       select * from (
         select p.partner_id, 'theme' as dimension, v.value, count(acts.partner_id)::int as count
           from p cross join unnest(array[?]::text[]) as v(value)
           left join acts on acts.partner_id = p.partner_id and acts.theme = v.value
          group by p.partner_id, v.value
         union all
         select p.partner_id, 'kind', v.value, count(acts.partner_id)::int
           from p cross join unnest(array[?]::text[]) as v(value)
           left join acts on acts.partner_id = p.partner_id and acts.kind = v.value
          group by p.partner_id, v.value
         union all
         select s.partner_id, 'year', y.value::text, count(acts.partner_id)::int
           from span s cross join generate_series(s.first, s.last) as y(value)
           left join acts on acts.partner_id = s.partner_id and acts.year = y.value
          group by s.partner_id, y.value
       ) counts limit ?`,
      [[...partnerIds], THEMES, KINDS, ctx.rowBudget.statementLimit()],
    );
  ctx.rowBudget.spend(rows.length);
  return partnerIds.map((partnerId) => {
    const mine = rows.filter((row) => row.partner_id === partnerId);
    const count = (dimension: string, value: string) =>
      mine.find((row) => row.dimension === dimension && row.value === value)?.count ?? 0;
    return {
      byTheme: THEMES.map((theme) => ({ theme, count: count('theme', theme) })),
      byKind: KINDS.map((kind) => ({ kind, count: count('kind', kind) })),
      byYear: mine
        .filter((row) => row.dimension === 'year')
        .map((row) => ({ year: Number(row.value), count: row.count }))
        .sort((a, b) => a.year - b.year),
    };
  });
}

/**
 * The caller may see booklet texts whose author agreed to publication, and every text of a
 * partner they edit (the admin: all): the count agrees with what `Activity.bookletText` shows.
 */
function visibleText(identity: Identity): { sql: string; parameters: unknown[] } {
  if (identity.kind === 'admin') return { sql: 'true', parameters: [] };
  if (identity.kind === 'editor')
    return { sql: '(b.author_consent or a.partner_id = ?)', parameters: [identity.partnerId] };
  return { sql: 'b.author_consent', parameters: [] };
}

/** Survey respondents, performances and booklet texts for each partner: one statement. */
async function loadWorkCounts(ctx: SubgraphContext, partnerIds: readonly string[]): Promise<WorkCounts[]> {
  const { em } = ctx;
  const visible = visibleText(ctx.identity);
  const rows: { partner_id: string; respondents: number; performances: number; texts: number }[] = await em.execute(
    `select a.partner_id,
          coalesce(sum(s.respondents), 0)::int as respondents,
          coalesce(sum(f.performances), 0)::int as performances,
          count(b.activity_id) filter (where ${visible.sql})::int as texts
        from ${tableOf(em, Activity)} a
        left join ${tableOf(em, Survey)} s on s.activity_id = a.id
        left join lateral (select count(*) as performances from ${tableOf(em, Performance)} x where x.activity_id = a.id) f
          on true
        left join ${tableOf(em, BookletText)} b on b.activity_id = a.id
       where a.partner_id in (?)
       group by a.partner_id`,
    [...visible.parameters, [...partnerIds]],
  );
  ctx.rowBudget.spend(rows.length);
  return partnerIds.map((partnerId) => {
    const row = rows.find((candidate) => candidate.partner_id === partnerId);
    return {
      surveyRespondents: row?.respondents ?? 0,
      performances: row?.performances ?? 0,
      bookletTexts: row?.texts ?? 0,
    };
  });
}

@Resolver(() => PartnerProfile)
export class PartnerStatisticsFieldResolver {
  // The field and its description: partner-profile.entity.ts. Its fields load below, each in
  // one statement for all the partners of the request.
  @FieldResolver(() => PartnerStatistics, { nullable: true })
  statistics(@Root() partner: PartnerProfile): Pick<PartnerStatistics, 'partnerId'> {
    return { partnerId: partner.id };
  }
}

@Resolver(() => PartnerStatistics)
export class PartnerStatisticsResolver {
  private activityCounts(statistics: PartnerStatistics, ctx: SubgraphContext): Promise<ActivityCounts> {
    return ctx.loaders
      .get<string, ActivityCounts>('partnerActivityCounts', null, (ids) => loadActivityCounts(ctx, ids))
      .load(statistics.partnerId);
  }

  private workCounts(statistics: PartnerStatistics, ctx: SubgraphContext): Promise<WorkCounts> {
    return ctx.loaders
      .get<string, WorkCounts>('partnerWorkCounts', null, (ids) => loadWorkCounts(ctx, ids))
      .load(statistics.partnerId);
  }

  @FieldResolver(() => [ThemeCount])
  async activitiesByTheme(@Root() statistics: PartnerStatistics, @Ctx() ctx: SubgraphContext) {
    return (await this.activityCounts(statistics, ctx)).byTheme;
  }

  @FieldResolver(() => [KindCount])
  async activitiesByKind(@Root() statistics: PartnerStatistics, @Ctx() ctx: SubgraphContext) {
    return (await this.activityCounts(statistics, ctx)).byKind;
  }

  @FieldResolver(() => [YearCount])
  async activitiesByYear(@Root() statistics: PartnerStatistics, @Ctx() ctx: SubgraphContext) {
    return (await this.activityCounts(statistics, ctx)).byYear;
  }

  @FieldResolver(() => [AttendanceCount])
  attendance(@Root() statistics: PartnerStatistics, @Ctx() ctx: SubgraphContext): Promise<AttendanceCount[]> {
    return ctx.loaders
      .get<string, AttendanceCount[]>('partnerAttendance', null, async (ids) => {
        const attendance = tableOf(ctx.em, ActivityAttendance);
        const activity = tableOf(ctx.em, Activity);
        const sums = await summedAttendance(
          ctx.em,
          ctx.rowBudget,
          {
            sql: `select a.partner_id as key, t.activity_id as list, t.category, t.age_band, t.count
                    from ${attendance} t join ${activity} a on a.id = t.activity_id
                   where a.partner_id in (?)`,
            parameters: [[...ids]],
          },
          ids,
        );
        return ids.map((id) => sums.get(id)!);
      })
      .load(statistics.partnerId);
  }

  @FieldResolver(() => Int)
  async surveyRespondents(@Root() statistics: PartnerStatistics, @Ctx() ctx: SubgraphContext) {
    return (await this.workCounts(statistics, ctx)).surveyRespondents;
  }

  @FieldResolver(() => Int)
  async performances(@Root() statistics: PartnerStatistics, @Ctx() ctx: SubgraphContext) {
    return (await this.workCounts(statistics, ctx)).performances;
  }

  @FieldResolver(() => Int)
  async bookletTexts(@Root() statistics: PartnerStatistics, @Ctx() ctx: SubgraphContext) {
    return (await this.workCounts(statistics, ctx)).bookletTexts;
  }
}
