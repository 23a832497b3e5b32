import type { ViewContext } from '../context';
import { h } from '../dom';
import { type ParticipantCount, collator, count, country, dateRange, number, period } from '../format';
import { type Place, drawMap } from '../map';
import { OVERVIEW } from '../operations';
import { fill, link, notice, partialNotice, section, table } from '../ui';

export interface OverviewData {
  network: {
    name: string;
    title: string;
    description: string;
    startsOn: string;
    endsOn: string;
    countries: string[];
    partnerCount: number;
    funding: { programme: string; strand: string; measure: string | null }[];
    statistics: { participantsAtMeetings: ParticipantCount } | null;
  };
  partners: { totalCount: number; nodes: Partner[] };
  meetings: { totalCount: number; nodes: Meeting[] };
}

interface Partner {
  id: string;
  name: string;
  type: string;
  town: string;
  countryCode: string;
  role: string;
}

interface Meeting {
  id: string;
  kind: string;
  theme: string | null;
  title: string;
  town: string;
  countryCode: string;
  startsOn: string;
  endsOn: string;
  participants: ParticipantCount;
  host: { id: string; name: string };
}

export async function overview(ctx: ViewContext): Promise<(Node | string)[]> {
  const { data, errors } = await ctx.read<OverviewData>(OVERVIEW);
  const { network, partners, meetings } = data;

  const figures = h(
    'ul',
    { class: 'figures', 'aria-label': ctx.t('figures') },
    figure(number(ctx.lang, partners.totalCount), ctx.t('figPartners')),
    figure(number(ctx.lang, network.countries.length), ctx.t('figCountries')),
    figure(number(ctx.lang, meetings.totalCount), ctx.t('figMeetings')),
    network.statistics && figure(count(ctx.lang, network.statistics.participantsAtMeetings), ctx.t('figParticipants')),
  );

  const mapHolder = h('div', { class: 'map-holder' });
  // The legend is text beside the picture, readable at any width.
  const legend = h(
    'ul',
    { class: 'map-legend' },
    h('li', {}, h('span', { class: 'legend-partner', 'aria-hidden': 'true' }), ctx.t('legendPartner')),
    h('li', {}, h('span', { class: 'legend-meeting', 'aria-hidden': 'true' }), ctx.t('legendMeeting')),
  );
  void placeMap(ctx, mapHolder, partners.nodes, meetings.nodes);

  return [
    h(
      'header',
      { class: 'view-header' },
      h('p', { class: 'eyebrow' }, network.name),
      h('h1', { tabindex: '-1' }, network.title),
      h('p', { class: 'period' }, period(ctx.lang, network.startsOn, network.endsOn)),
    ),
    partialNotice(ctx, errors) ?? '',
    figures,
    h(
      'div',
      { class: 'columns' },
      section(ctx.t('mapHeading'), mapHolder, legend, places(ctx, partners.nodes, meetings.nodes)),
      section(
        ctx.t('about'),
        ...network.description
          .split(/\n\s*\n/)
          .filter(Boolean)
          .map((paragraph) => h('p', {}, paragraph)),
        h(
          'p',
          { class: 'funding' },
          h('strong', {}, ctx.t('colon', { label: ctx.t('fundingHeading') })),
          network.funding
            .map((line) => [line.programme, line.strand, line.measure].filter(Boolean).join(', '))
            .join('; '),
        ),
      ),
    ),
    section(
      ctx.t('partnersHeading'),
      table(
        ctx.t('partnersHeading'),
        [
          {
            header: ctx.t('colName'),
            cell: (p) => link(ctx, `#/partners/${encodeURIComponent(p.id)}`, p.name),
            rowHeader: true,
          },
          { header: ctx.t('colType'), cell: (p) => ctx.enumLabel('type', p.type) },
          { header: ctx.t('colTown'), cell: (p) => p.town },
          { header: ctx.t('colCountry'), cell: (p) => country(ctx.lang, p.countryCode) },
          { header: ctx.t('colRole'), cell: (p) => ctx.enumLabel('role', p.role) },
        ],
        partners.nodes,
        { hideCaption: true, stack: true },
      ),
    ),
    section(
      ctx.t('meetingsHeading'),
      h('p', {}, ctx.t('meetingsIntro')),
      h(
        'ol',
        { class: 'timeline' },
        meetings.nodes.map((meeting) =>
          h(
            'li',
            { class: 'timeline-item', 'data-meeting': meeting.id },
            h(
              'p',
              { class: 'timeline-date' },
              h('time', { datetime: meeting.startsOn }, dateRange(ctx.lang, meeting.startsOn, meeting.endsOn)),
            ),
            h('h3', { class: 'timeline-title' }, meeting.title),
            h(
              'p',
              { class: 'timeline-meta' },
              h('span', { class: 'timeline-town' }, `${meeting.town}, ${country(ctx.lang, meeting.countryCode)}`),
              ' · ',
              meeting.theme ? ctx.enumLabel('theme', meeting.theme) : ctx.enumLabel('meetingKind', meeting.kind),
            ),
            h(
              'p',
              { class: 'timeline-count' },
              h('span', { class: 'count-label' }, ctx.t('colon', { label: ctx.t('colParticipants') })),
              h('strong', { class: 'participants' }, count(ctx.lang, meeting.participants)),
            ),
            h(
              'p',
              { class: 'timeline-host' },
              fill(
                ctx,
                'hostedBy',
                'host',
                link(ctx, `#/partners/${encodeURIComponent(meeting.host.id)}`, meeting.host.name),
              ),
            ),
          ),
        ),
      ),
    ),
  ];
}

/** The map's places in words: each town, who is there and which meeting was held there. */
function places(ctx: ViewContext, partners: Partner[], meetings: Meeting[]): HTMLElement {
  const towns = new Map<string, { country: string; partners: Partner[]; meetings: Meeting[] }>();
  const townOf = (town: string, country: string) => {
    let entry = towns.get(town);
    if (!entry) towns.set(town, (entry = { country, partners: [], meetings: [] }));
    return entry;
  };
  partners.forEach((partner) => townOf(partner.town, partner.countryCode).partners.push(partner));
  // A meeting in "Scy-Chazelles and Metz" goes with the partner in Scy-Chazelles.
  meetings.forEach((meeting) => {
    const home = [...towns.keys()].find((town) => meeting.town.startsWith(town)) ?? meeting.town;
    townOf(home, meeting.countryCode).meetings.push(meeting);
  });
  const sorted = [...towns].sort(([a], [b]) => collator(ctx.lang)(a, b));
  return h(
    'ul',
    { class: 'places' },
    sorted.map(([town, entry]) =>
      h(
        'li',
        {},
        h('strong', {}, ctx.t('colon', { label: `${town} (${country(ctx.lang, entry.country)})` })),
        [
          ...entry.partners.map((partner) => partner.name),
          ...entry.meetings.map((meeting) => `${meeting.title} (${count(ctx.lang, meeting.participants)})`),
        ].join(' · '),
      ),
    ),
  );
}

function figure(value: string, caption: string): HTMLElement {
  return h('li', {}, h('span', { class: 'figure-value' }, value), h('span', { class: 'figure-label' }, caption));
}

async function placeMap(ctx: ViewContext, holder: HTMLElement, partners: Partner[], meetings: Meeting[]) {
  const places: Place[] = [
    ...partners.map((p) => ({ town: p.town, partner: true, meeting: false, details: [p.name] })),
    ...meetings.map((m) => ({
      town: m.town,
      partner: false,
      meeting: true,
      details: [ctx.t('colon', { label: m.title }) + count(ctx.lang, m.participants)],
    })),
  ];
  try {
    const svg = await drawMap({
      places,
      partnerCountries: [...new Set(partners.map((p) => p.countryCode))],
      title: ctx.t('mapTitle'),
      description: ctx.t('mapDesc', { partners: partners.length, meetings: meetings.length }),
    });
    holder.replaceChildren(svg);
  } catch {
    holder.replaceChildren(notice('info', ctx.t('mapUnavailable')));
  }
}
