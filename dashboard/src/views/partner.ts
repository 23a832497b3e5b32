import { PALETTE, barChart } from '../charts';
import type { ViewContext } from '../context';
import { h } from '../dom';
import { country, date, language, number } from '../format';
import { type Answer, GraphQLRequestError } from '../graphql';
import { PARTNER, PARTNER_STATISTICS } from '../operations';
import { externalLink, facts, link, notice, partialNotice, section, table } from '../ui';
import { type ActivityRow, activityTable } from './activities';
import { type AttendanceCount, attendanceTable } from './attendance';

interface PartnerData {
  partner: {
    __typename: string;
    id: string;
    name: string;
    type: string;
    town: string;
    countryCode: string;
    role: string;
    legalForm: string;
    website: string | null;
    locale: string | null;
    region?: string | null;
    population?: number | null;
    address?: string | null;
    foundedYear?: number | null;
    europeDirectCentre?: boolean;
    patron?: string | null;
    hostedMeetings: { id: string; title: string; startsOn: string }[];
    members: {
      totalCount: number;
      nodes: { id: string; kind: string; name: string; role: string | null; since: string | null }[];
    } | null;
    activities: { totalCount: number; nodes: (ActivityRow & { description: string | null })[] } | null;
    translationCoverage: Coverage[] | null;
    sources: { url: string; title: string | null }[] | null;
  } | null;
}

export interface Coverage {
  locale: string;
  translated: number;
  missing: number;
}

interface Statistics {
  activitiesByTheme: { theme: string; count: number }[];
  activitiesByKind: { kind: string; count: number }[];
  activitiesByYear: { year: number; count: number }[];
  attendance: AttendanceCount[];
  surveyRespondents: number;
  performances: number;
  bookletTexts: number;
}

export async function partnerPage(ctx: ViewContext): Promise<(Node | string)[]> {
  const id = ctx.route.params[0] ?? '';
  const statistics = ctx.read<{ partner: { statistics: Statistics | null } | null }>(PARTNER_STATISTICS, { id });
  const { data, errors } = await ctx.read<PartnerData>(PARTNER, { id });
  const partner = data.partner;
  if (!partner) {
    return [
      h('h1', { tabindex: '-1' }, ctx.t('partnerNotFound', { id })),
      h('p', {}, link(ctx, '#/', ctx.t('backToOverview'))),
    ];
  }
  const statisticsHolder = h('div', { class: 'statistics' }, h('p', { class: 'muted' }, ctx.t('loading')));
  void showStatistics(ctx, statisticsHolder, statistics);

  const profile = facts([
    [ctx.t('colType'), ctx.enumLabel('type', partner.type)],
    [ctx.t('colTown'), partner.town],
    [ctx.t('colCountry'), country(ctx.lang, partner.countryCode)],
    [ctx.t('colRole'), ctx.enumLabel('role', partner.role)],
    [ctx.t('legalForm'), ctx.enumLabel('legalForm', partner.legalForm)],
    [ctx.t('website'), partner.website ? externalLink(partner.website) : null],
    [ctx.t('writesIn'), partner.locale ? language(ctx.lang, partner.locale) : null],
    [ctx.t('region'), partner.region],
    [ctx.t('population'), partner.population ? number(ctx.lang, partner.population) : null],
    [ctx.t('address'), partner.address],
    [ctx.t('founded'), partner.foundedYear ? String(partner.foundedYear) : null],
    [ctx.t('patron'), partner.patron],
    [ctx.t('europeDirect'), partner.europeDirectCentre ? ctx.t('yes') : null],
  ]);

  const members = partner.members;
  const activities = partner.activities;
  return [
    h(
      'header',
      { class: 'view-header' },
      h('p', { class: 'eyebrow' }, link(ctx, '#/', ctx.t('navOverview')), ' › ', ctx.t('figPartners')),
      h('h1', { tabindex: '-1' }, partner.name),
      h(
        'p',
        { class: 'period' },
        `${ctx.enumLabel('type', partner.type)} · ${partner.town}, ${country(ctx.lang, partner.countryCode)}`,
      ),
    ),
    partialNotice(ctx, errors) ?? '',
    h(
      'div',
      { class: 'columns' },
      section(
        ctx.t('profile'),
        profile,
        partner.hostedMeetings.length
          ? h(
              'div',
              {},
              h('h3', {}, ctx.t('hostedMeetings')),
              h(
                'ul',
                {},
                partner.hostedMeetings.map((meeting) =>
                  h(
                    'li',
                    {},
                    `${meeting.title} (`,
                    h('time', { datetime: meeting.startsOn }, date(ctx.lang, meeting.startsOn)),
                    ')',
                  ),
                ),
              ),
            )
          : null,
        partner.sources?.length
          ? h(
              'div',
              {},
              h('h3', {}, ctx.t('sources')),
              h(
                'ul',
                { class: 'sources' },
                partner.sources.map((source) => h('li', {}, externalLink(source.url, source.title))),
              ),
            )
          : null,
      ),
      section(
        ctx.t('membersHeading'),
        members === null
          ? notice('warning', ctx.t('notAnswered'))
          : members.nodes.length
            ? table(
                ctx.t('membersHeading'),
                [
                  { header: ctx.t('colName'), cell: (m) => m.name, rowHeader: true },
                  { header: ctx.t('colMemberKind'), cell: (m) => ctx.enumLabel('memberKind', m.kind) },
                  { header: ctx.t('colRole'), cell: (m) => m.role ?? '' },
                  { header: ctx.t('colSince'), cell: (m) => (m.since ? date(ctx.lang, m.since, 'medium') : '') },
                ],
                members.nodes,
                { hideCaption: true, stack: true },
              )
            : h('p', { class: 'muted' }, ctx.t('membersNone')),
      ),
    ),
    section(
      ctx.t('partnerActivities'),
      activities === null
        ? notice('warning', ctx.t('notAnswered'))
        : activities.nodes.length
          ? activityTable(ctx, activities.nodes, false)
          : h('p', { class: 'muted' }, ctx.t('activitiesNone')),
      activities && activities.totalCount > activities.nodes.length
        ? notice('info', ctx.t('truncated', { shown: activities.nodes.length, total: activities.totalCount }))
        : null,
    ),
    section(ctx.t('statistics'), statisticsHolder),
    partner.translationCoverage
      ? section(
          ctx.t('coverage'),
          h('p', {}, ctx.t('coverageIntro')),
          coverageTable(ctx, ctx.t('coverage'), partner.translationCoverage),
        )
      : '',
  ];
}

async function showStatistics(
  ctx: ViewContext,
  holder: HTMLElement,
  answer: Promise<Answer<{ partner: { statistics: Statistics | null } | null }>>,
) {
  let statistics: Statistics | null | undefined;
  try {
    statistics = (await answer).data.partner?.statistics;
  } catch (error) {
    holder.replaceChildren(
      notice(
        'warning',
        ctx.t('loadFailed', { message: error instanceof GraphQLRequestError ? error.message : String(error) }),
      ),
    );
    return;
  }
  if (!statistics) {
    holder.replaceChildren(notice('warning', ctx.t('notAnswered')));
    return;
  }
  const years = statistics.activitiesByYear.map((entry) => String(entry.year));
  holder.replaceChildren(
    h(
      'ul',
      { class: 'figures figures-small' },
      h(
        'li',
        {},
        h('span', { class: 'figure-value' }, number(ctx.lang, statistics.surveyRespondents)),
        h('span', { class: 'figure-label' }, ctx.t('surveyRespondents')),
      ),
      h(
        'li',
        {},
        h('span', { class: 'figure-value' }, number(ctx.lang, statistics.performances)),
        h('span', { class: 'figure-label' }, ctx.t('performances')),
      ),
      h(
        'li',
        {},
        h('span', { class: 'figure-value' }, number(ctx.lang, statistics.bookletTexts)),
        h('span', { class: 'figure-label' }, ctx.t('bookletTexts')),
      ),
    ),
    h(
      'div',
      { class: 'columns' },
      table(
        ctx.t('statsByTheme'),
        [
          { header: ctx.t('colTheme'), cell: (entry) => ctx.enumLabel('theme', entry.theme), rowHeader: true },
          { header: ctx.t('colCount'), cell: (entry) => number(ctx.lang, entry.count), numeric: true },
        ],
        statistics.activitiesByTheme,
      ),
      table(
        ctx.t('statsByKind'),
        [
          { header: ctx.t('colKind'), cell: (entry) => ctx.enumLabel('kind', entry.kind), rowHeader: true },
          { header: ctx.t('colCount'), cell: (entry) => number(ctx.lang, entry.count), numeric: true },
        ],
        statistics.activitiesByKind,
      ),
    ),
    years.length
      ? barChart({
          title: ctx.t('statsByYear'),
          summary: ctx.t('chartSummary', { title: ctx.t('statsByYear') }),
          categories: years,
          series: [
            {
              label: ctx.t('partnerActivities'),
              values: statistics.activitiesByYear.map((entry) => entry.count),
              color: PALETTE[0],
            },
          ],
          categoryHeader: ctx.t('colYear'),
        })
      : '',
    h('h3', {}, ctx.t('attendance')),
    attendanceTable(ctx, ctx.t('attendance'), statistics.attendance, true),
  );
}

export function coverageTable(ctx: ViewContext, caption: string, coverage: Coverage[]): HTMLElement {
  return table(
    caption,
    [
      { header: ctx.t('colLanguage'), cell: (entry) => language(ctx.lang, entry.locale), rowHeader: true },
      { header: ctx.t('colTranslated'), cell: (entry) => number(ctx.lang, entry.translated), numeric: true },
      { header: ctx.t('colMissing'), cell: (entry) => number(ctx.lang, entry.missing), numeric: true },
    ],
    coverage,
    { hideCaption: true },
  );
}
