import { PALETTE, barChart } from '../charts';
import type { ViewContext } from '../context';
import { h, replaceChildren, uid } from '../dom';
import { type ParticipantCount, collator, count, country, date } from '../format';
import { ACTIVITIES } from '../operations';
import { link, notice, partialNotice, sampleBadge, section, table } from '../ui';

export const THEMES = ['SOLIDARITY', 'TOLERANCE', 'PEACE'] as const;
export const KINDS = [
  'STREET_SURVEY',
  'FORUM_THEATRE',
  'BOOKLET_TEXT',
  'DEBATE',
  'WORKSHOP',
  'EXHIBITION',
  'OTHER',
] as const;

export interface ActivityRow {
  id: string;
  kind: string;
  theme: string;
  title: string;
  startsOn: string;
  endsOn: string | null;
  town: string | null;
  demo: boolean;
  participants: ParticipantCount | null;
  presentedAt: { id: string; title: string } | null;
}

interface ActivitiesData {
  partners: {
    nodes: {
      id: string;
      name: string;
      countryCode: string;
      activities: { totalCount: number; nodes: ActivityRow[] } | null;
    }[];
  };
}

interface Row extends ActivityRow {
  partner: { id: string; name: string; countryCode: string };
  year: string;
}

const FILTERS = ['theme', 'kind', 'country', 'year'] as const;
type Filter = (typeof FILTERS)[number];

/** Counts of `rows` per category and theme: one series per theme. */
function byTheme(ctx: ViewContext, rows: Row[], categories: string[], categoryOf: (row: Row) => string) {
  return THEMES.map((theme, index) => ({
    label: ctx.enumLabel('theme', theme),
    color: PALETTE[index],
    values: categories.map(
      (category) => rows.filter((row) => row.theme === theme && categoryOf(row) === category).length,
    ),
  }));
}

export async function activities(ctx: ViewContext): Promise<(Node | string)[]> {
  const { data, errors } = await ctx.read<ActivitiesData>(ACTIVITIES);
  const rows: Row[] = data.partners.nodes.flatMap((partner) =>
    (partner.activities?.nodes ?? []).map((activity) => ({
      ...activity,
      partner: { id: partner.id, name: partner.name, countryCode: partner.countryCode },
      year: activity.startsOn.slice(0, 4),
    })),
  );
  rows.sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id));
  const truncated = data.partners.nodes.filter(
    (partner) => partner.activities && partner.activities.totalCount > partner.activities.nodes.length,
  );

  const years = [...new Set(rows.map((row) => row.year))].sort();
  const countries = [...new Set(data.partners.nodes.map((partner) => partner.countryCode))].sort((a, b) =>
    collator(ctx.lang)(country(ctx.lang, a), country(ctx.lang, b)),
  );

  const yearChart = barChart({
    title: ctx.t('byYear'),
    summary: ctx.t('chartSummary', { title: ctx.t('byYear') }),
    categories: years,
    series: byTheme(ctx, rows, years, (row) => row.year),
    categoryHeader: ctx.t('colYear'),
    totalHeader: ctx.t('total'),
    stacked: true,
    captionHidden: true,
  });
  const countryChart = barChart({
    title: ctx.t('byCountry'),
    summary: ctx.t('chartSummary', { title: ctx.t('byCountry') }),
    categories: countries.map((code) => country(ctx.lang, code)),
    series: byTheme(ctx, rows, countries, (row) => row.partner.countryCode),
    categoryHeader: ctx.t('colCountry'),
    totalHeader: ctx.t('total'),
    stacked: true,
    captionHidden: true,
  });

  // The filters live in the address (#/activities?theme=PEACE), so a filtered list can be shared.
  const chosen = (name: Filter) => ctx.route.query.get(name) ?? '';
  const results = h('div', { class: 'results' });
  const status = h('p', { class: 'results-count', role: 'status', 'aria-live': 'polite' });
  const options: Record<Filter, [string, string][]> = {
    theme: THEMES.map((theme) => [theme, ctx.enumLabel('theme', theme)]),
    kind: KINDS.map((kind) => [kind, ctx.enumLabel('kind', kind)]),
    country: countries.map((code) => [code, country(ctx.lang, code)]),
    year: years.map((year) => [year, year]),
  };
  const labels: Record<Filter, string> = {
    theme: ctx.t('filterTheme'),
    kind: ctx.t('filterKind'),
    country: ctx.t('filterCountry'),
    year: ctx.t('filterYear'),
  };
  const selects = {} as Record<Filter, HTMLSelectElement>;
  const form = h(
    'form',
    { class: 'filters', 'aria-label': ctx.t('filters') },
    FILTERS.map((name) => {
      const id = uid(`filter-${name}`);
      selects[name] = h(
        'select',
        { id, name },
        h('option', { value: '' }, ctx.t('filterAll')),
        options[name].map(([value, text]) => h('option', { value, selected: value === chosen(name) }, text)),
      );
      return h('div', { class: 'field' }, h('label', { for: id }, labels[name]), selects[name]);
    }),
    h(
      'div',
      { class: 'field field-button' },
      h('button', { type: 'reset', class: 'button-secondary' }, ctx.t('clearFilters')),
    ),
  );

  const apply = () => {
    const query = new URLSearchParams();
    for (const name of FILTERS) if (selects[name].value) query.set(name, selects[name].value);
    const search = query.toString();
    const hash = `#/activities${search ? `?${search}` : ''}`;
    history.replaceState(null, '', ctx.href(hash));
    const matching = rows.filter(
      (row) =>
        (!selects.theme.value || row.theme === selects.theme.value) &&
        (!selects.kind.value || row.kind === selects.kind.value) &&
        (!selects.country.value || row.partner.countryCode === selects.country.value) &&
        (!selects.year.value || row.year === selects.year.value),
    );
    status.textContent = ctx.t('matching', { n: matching.length, total: rows.length });
    replaceChildren(results, matching.length ? activityTable(ctx, matching, true) : notice('info', ctx.t('noMatch')));
  };
  form.addEventListener('change', apply);
  form.addEventListener('reset', () => setTimeout(apply));
  form.addEventListener('submit', (event) => event.preventDefault());
  apply();

  return [
    h(
      'header',
      { class: 'view-header' },
      h('h1', { tabindex: '-1' }, ctx.t('activitiesHeading')),
      h('p', { class: 'lead' }, ctx.t('activitiesIntro')),
    ),
    partialNotice(ctx, errors) ?? '',
    ...truncated.map((partner) =>
      notice(
        'info',
        ctx.t('colon', { label: partner.name }),
        ctx.t('truncated', { shown: partner.activities!.nodes.length, total: partner.activities!.totalCount }),
      ),
    ),
    h('div', { class: 'columns' }, section(ctx.t('byYear'), yearChart), section(ctx.t('byCountry'), countryChart)),
    section(ctx.t('filters'), form, status, results),
  ];
}

/** The activities as a table; with `withPartner`, a column names the partner. */
export function activityTable(
  ctx: ViewContext,
  rows: (ActivityRow & { partner?: { id: string; name: string } })[],
  withPartner: boolean,
) {
  return table(
    ctx.t('activitiesHeading'),
    [
      {
        header: ctx.t('colDate'),
        cell: (row) => h('time', { datetime: row.startsOn }, date(ctx.lang, row.startsOn, 'medium')),
      },
      {
        header: ctx.t('colActivity'),
        cell: (row) => h('span', {}, row.title, row.demo ? [' ', sampleBadge(ctx)] : []),
        rowHeader: true,
      },
      ...(withPartner
        ? [
            {
              header: ctx.t('colPartner'),
              cell: (row: ActivityRow & { partner?: { id: string; name: string } }) =>
                row.partner ? link(ctx, `#/partners/${encodeURIComponent(row.partner.id)}`, row.partner.name) : '',
            },
          ]
        : []),
      { header: ctx.t('colTheme'), cell: (row) => ctx.enumLabel('theme', row.theme) },
      { header: ctx.t('colKind'), cell: (row) => ctx.enumLabel('kind', row.kind) },
      { header: ctx.t('colTown'), cell: (row) => row.town ?? '' },
      { header: ctx.t('colParticipants'), cell: (row) => count(ctx.lang, row.participants), numeric: true },
      { header: ctx.t('colPresentedAt'), cell: (row) => row.presentedAt?.title ?? '' },
    ],
    rows,
    { hideCaption: true, stack: true },
  );
}
