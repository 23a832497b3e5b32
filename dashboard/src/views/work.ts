import { PALETTE, barChart } from '../charts';
import type { ViewContext } from '../context';
import { h, uid } from '../dom';
import { type ParticipantCount, count, date, language, number, percent } from '../format';
import { PARTNER_WORK, WORK } from '../operations';
import { facts, link, notice, partialNotice, section, table } from '../ui';
import { type AttendanceCount, attendanceTable } from './attendance';
import type { Coverage } from './partner';

interface WorkData {
  network: {
    questionnaire: { id: string; theme: string; text: string }[];
    translationCoverage: Coverage[];
    statistics: { attendance: AttendanceCount[] };
    cooperations: {
      id: string;
      title: string;
      description: string | null;
      partners: { id: string; name: string }[];
      agreedAt: { id: string; title: string } | null;
    }[];
  };
  partners: { totalCount: number; nodes: { id: string; name: string; translationCoverage: Coverage[] | null }[] };
  meetings: {
    nodes: {
      id: string;
      title: string;
      startsOn: string;
      attendance: AttendanceCount[];
      conclusions: { id: string; theme: string | null; problem: string; proposal: string; followUp: string | null }[];
    }[];
  };
}

interface PartnerWork {
  partner: {
    id: string;
    surveys: Connection<{
      id: string;
      title: string;
      startsOn: string;
      survey: {
        respondents: number;
        questions: { id: string; text: string; options: { id: string; text: string; key: string; count: number }[] }[];
      } | null;
    }>;
    plays: Connection<{
      id: string;
      title: string;
      play: {
        title: string;
        synopsis: string | null;
        performances: {
          on: string;
          town: string;
          venue: string | null;
          audience: ParticipantCount | null;
          interventions: number | null;
          notes: string | null;
        }[];
      } | null;
    }>;
    texts: Connection<{
      id: string;
      bookletText: { title: string; body: string; authorName: string | null; authorAgeBand: string | null } | null;
    }>;
  } | null;
}

type Connection<T> = { totalCount: number; nodes: T[] } | null;

export async function work(ctx: ViewContext): Promise<(Node | string)[]> {
  const { data, errors } = await ctx.read<WorkData>(WORK);
  const questions = data.network.questionnaire;
  const question = questions.find((q) => q.id === ctx.route.query.get('question')) ?? questions[0];
  const partners = data.partners.nodes;
  const works = await Promise.all(
    partners.map((partner) =>
      ctx
        .read<PartnerWork>(PARTNER_WORK, { id: partner.id, question: question?.id ?? null })
        .then((answer) => ({ partner, work: answer.data.partner, errors: answer.errors }))
        .catch(() => ({ partner, work: null, errors: [{ message: ctx.t('notAnswered') }] })),
    ),
  );
  const workErrors = [...errors, ...works.flatMap((entry) => entry.errors)];

  return [
    h(
      'header',
      { class: 'view-header' },
      h('h1', { tabindex: '-1' }, ctx.t('workHeading')),
      h('p', { class: 'lead' }, ctx.t('workIntro')),
    ),
    partialNotice(ctx, workErrors) ?? '',
    surveys(ctx, questions, question, works),
    plays(ctx, works),
    booklet(ctx, works),
    section(
      ctx.t('attendanceHeading'),
      attendanceTable(ctx, ctx.t('attendanceHeading'), data.network.statistics.attendance, true),
      ...data.meetings.nodes.map((meeting) =>
        h(
          'details',
          { class: 'meeting-attendance' },
          h('summary', {}, `${meeting.title} (${date(ctx.lang, meeting.startsOn, 'medium')})`),
          attendanceTable(ctx, meeting.title, meeting.attendance, true),
        ),
      ),
    ),
    conclusions(ctx, data),
    cooperations(ctx, data),
    section(ctx.t('coverageHeading'), h('p', {}, ctx.t('coverageIntro')), coverage(ctx, data)),
  ];
}

type Works = { partner: { id: string; name: string }; work: PartnerWork['partner'] }[];

function surveys(
  ctx: ViewContext,
  questions: WorkData['network']['questionnaire'],
  question: WorkData['network']['questionnaire'][number] | undefined,
  works: Works,
): HTMLElement {
  const selectId = uid('question');
  const picker = h(
    'form',
    { class: 'filters' },
    h(
      'div',
      { class: 'field field-wide' },
      h('label', { for: selectId }, ctx.t('surveyQuestion')),
      h(
        'select',
        { id: selectId, name: 'question' },
        questions.map((q) =>
          h(
            'option',
            { value: q.id, selected: q.id === question?.id },
            ctx.t('colon', { label: ctx.enumLabel('theme', q.theme) }) + q.text,
          ),
        ),
      ),
    ),
  );
  picker.addEventListener('change', (event) => {
    const value = (event.target as HTMLSelectElement).value;
    history.replaceState(null, '', ctx.href(`#/work?question=${encodeURIComponent(value)}`));
    ctx.refresh();
  });
  if (!question) return section(ctx.t('surveyHeading'), notice('info', ctx.t('surveyNone')));

  // Each partner's answers to the question, over its surveys (a partner may have run several).
  // Options are matched across partners by their English text (each partner wrote its own,
  // in its language), and named in the page's language where a partner's text has it.
  const names = new Map<string, string>();
  const results = works
    .map(({ partner, work }) => {
      const asked = (work?.surveys?.nodes ?? []).filter((activity) => activity.survey?.questions.length);
      const respondents = asked.reduce((sum, activity) => sum + (activity.survey?.respondents ?? 0), 0);
      const options = new Map<string, number>();
      for (const activity of asked) {
        for (const option of activity.survey!.questions[0].options) {
          options.set(option.key, (options.get(option.key) ?? 0) + option.count);
          if (!names.has(option.key) || (ctx.lang !== 'en' && names.get(option.key) === option.key)) {
            names.set(option.key, option.text);
          }
        }
      }
      return { partner, respondents, options };
    })
    .filter((result) => result.options.size > 0);
  if (!results.length) return section(ctx.t('surveyHeading'), picker, notice('info', ctx.t('surveyNone')));

  const optionKeys = [...new Set(results.flatMap((result) => [...result.options.keys()]))];
  const answered = (result: (typeof results)[number]) => [...result.options.values()].reduce((a, b) => a + b, 0);
  const chart = barChart({
    title: ctx.t('surveyChart', { question: question.text }),
    summary: ctx.t('chartSummary', { title: ctx.t('surveyChart', { question: question.text }) }),
    categories: results.map((result) => result.partner.name),
    series: optionKeys.map((key, index) => ({
      label: names.get(key) ?? key,
      color: PALETTE[index % PALETTE.length],
      values: results.map((result) => (result.options.get(key) ?? 0) / Math.max(1, answered(result))),
    })),
    categoryHeader: ctx.t('colPartner'),
    stacked: true,
    horizontal: true,
    format: (value) => percent(ctx.lang, value),
    tableValues: (_series, index, seriesIndex) => {
      const result = results[index];
      const n = result.options.get(optionKeys[seriesIndex]) ?? 0;
      return `${number(ctx.lang, n)} (${percent(ctx.lang, n / Math.max(1, answered(result)))})`;
    },
  });
  return section(
    ctx.t('surveyHeading'),
    picker,
    chart,
    h(
      'p',
      { class: 'muted small' },
      results
        .map(
          (result) =>
            ctx.t('colon', { label: result.partner.name }) +
            ctx.t('respondents', { n: number(ctx.lang, result.respondents) }),
        )
        .join(' · '),
    ),
  );
}

function plays(ctx: ViewContext, works: Works): HTMLElement {
  const entries = works.flatMap(({ partner, work }) =>
    (work?.plays?.nodes ?? [])
      .filter((activity) => activity.play)
      .map((activity) => ({ partner, play: activity.play! })),
  );
  if (!entries.length) return section(ctx.t('playsHeading'), h('p', { class: 'muted' }, ctx.t('playsNone')));
  return section(
    ctx.t('playsHeading'),
    h(
      'div',
      { class: 'cards' },
      entries.map(({ partner, play }) =>
        h(
          'article',
          { class: 'card' },
          h('h3', {}, play.title),
          h('p', { class: 'muted' }, link(ctx, `#/partners/${encodeURIComponent(partner.id)}`, partner.name)),
          play.synopsis ? h('p', {}, play.synopsis) : null,
          play.performances.length ? h('h4', {}, ctx.t('performances')) : null,
          h(
            'ul',
            { class: 'performances' },
            play.performances.map((p) =>
              h(
                'li',
                {},
                h('time', { datetime: p.on, class: 'performance-date' }, date(ctx.lang, p.on, 'medium')),
                h('span', {}, [p.town, p.venue].filter(Boolean).join(', ')),
                h(
                  'span',
                  { class: 'muted' },
                  [
                    p.audience ? ctx.t('colon', { label: ctx.t('colAudience') }) + count(ctx.lang, p.audience) : null,
                    p.interventions !== null
                      ? ctx.t('colon', { label: ctx.t('colInterventions') }) + number(ctx.lang, p.interventions)
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · '),
                ),
                p.notes ? h('span', { class: 'small' }, p.notes) : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function booklet(ctx: ViewContext, works: Works): HTMLElement {
  const texts = works.flatMap(({ partner, work }) =>
    (work?.texts?.nodes ?? [])
      .filter((activity) => activity.bookletText)
      .map((activity) => ({ partner, text: activity.bookletText! })),
  );
  if (!texts.length) return section(ctx.t('bookletHeading'), h('p', { class: 'muted' }, ctx.t('bookletNone')));
  return section(
    ctx.t('bookletHeading'),
    h(
      'div',
      { class: 'cards' },
      texts.map(({ partner, text }) =>
        h(
          'article',
          { class: 'card booklet-text' },
          h('h3', {}, text.title),
          ...text.body
            .split(/\n+/)
            .filter(Boolean)
            .map((paragraph) => h('p', {}, paragraph)),
          h(
            'p',
            { class: 'muted small' },
            [
              text.authorName ? ctx.t('byAuthor', { author: text.authorName }) : null,
              text.authorAgeBand ? ctx.t('authorAge', { band: ctx.enumLabel('ageBand', text.authorAgeBand) }) : null,
              partner.name,
            ]
              .filter(Boolean)
              .join(' · '),
          ),
        ),
      ),
    ),
  );
}

function conclusions(ctx: ViewContext, data: WorkData): HTMLElement {
  const meetings = data.meetings.nodes.filter((meeting) => meeting.conclusions.length);
  if (!meetings.length)
    return section(ctx.t('conclusionsHeading'), h('p', { class: 'muted' }, ctx.t('conclusionsNone')));
  return section(
    ctx.t('conclusionsHeading'),
    ...meetings.map((meeting) =>
      h(
        'div',
        { class: 'conclusions' },
        h('h3', {}, `${meeting.title} (${date(ctx.lang, meeting.startsOn, 'medium')})`),
        h(
          'ol',
          {},
          meeting.conclusions.map((conclusion) =>
            h(
              'li',
              {},
              facts([
                [ctx.t('colTheme'), conclusion.theme ? ctx.enumLabel('theme', conclusion.theme) : null],
                [ctx.t('problem'), conclusion.problem],
                [ctx.t('proposal'), conclusion.proposal],
                [ctx.t('followUp'), conclusion.followUp],
              ]),
            ),
          ),
        ),
      ),
    ),
  );
}

function cooperations(ctx: ViewContext, data: WorkData): HTMLElement {
  const list = data.network.cooperations;
  if (!list.length) return section(ctx.t('cooperationsHeading'), h('p', { class: 'muted' }, ctx.t('cooperationsNone')));
  return section(
    ctx.t('cooperationsHeading'),
    h(
      'div',
      { class: 'cards' },
      list.map((cooperation) =>
        h(
          'article',
          { class: 'card' },
          h('h3', {}, cooperation.title),
          cooperation.description ? h('p', {}, cooperation.description) : null,
          h(
            'ul',
            {},
            cooperation.partners.map((partner) =>
              h('li', {}, link(ctx, `#/partners/${encodeURIComponent(partner.id)}`, partner.name)),
            ),
          ),
          cooperation.agreedAt
            ? h('p', { class: 'muted small' }, ctx.t('agreedAt', { meeting: cooperation.agreedAt.title }))
            : null,
        ),
      ),
    ),
  );
}

function coverage(ctx: ViewContext, data: WorkData): HTMLElement {
  const locales = data.network.translationCoverage.map((entry) => entry.locale);
  const rows: { name: Node | string; coverage: Coverage[] | null }[] = [
    { name: ctx.t('networkTexts'), coverage: data.network.translationCoverage },
    ...data.partners.nodes.map((partner) => ({
      name: link(ctx, `#/partners/${encodeURIComponent(partner.id)}`, partner.name),
      coverage: partner.translationCoverage,
    })),
  ];
  return table(
    ctx.t('coverageHeading'),
    [
      { header: ctx.t('colName'), cell: (row) => row.name, rowHeader: true },
      ...locales.map((locale) => ({
        header: language(ctx.lang, locale),
        numeric: true,
        cell: (row: (typeof rows)[number]) => {
          const entry = row.coverage?.find((c) => c.locale === locale);
          if (!entry) return '–';
          const all = entry.translated + entry.missing;
          return all ? `${number(ctx.lang, entry.translated)} / ${number(ctx.lang, all)}` : '–';
        },
      })),
    ],
    rows,
    { hideCaption: true },
  );
}
