import { SUBGRAPHS } from '../../scripts/subgraphs';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph';
import { growNetwork } from '../support/grow';

// The statement count of a network-wide query must not grow with the data: every list is
// loaded in one statement per batch, never one per parent.

const QUERY = `{
  partners(first: 100) {
    nodes {
      name
      activities(first: 100) { nodes { title description } }
      members { nodes { name } }
    }
  }
}`;

let graph: TestGraph;
const statements: Record<string, string[]> = {};
let counting = false;

beforeAll(async () => {
  graph = await startGraph('nplusone', {
    onSql: (subgraph, sql) => {
      if (counting) (statements[subgraph] ??= []).push(sql);
    },
  });
});
afterAll(() => graph?.stop());

/** Statements per subgraph for one run of the query, and the numbers of rows it returned. */
async function measure(headers: Record<string, string> = {}) {
  for (const key of Object.keys(statements)) delete statements[key];
  counting = true;
  const response = await postGraphQL<{
    partners: { nodes: { activities: { nodes: unknown[] }; members: { nodes: unknown[] } }[] };
  }>(graph.url, QUERY, {}, headers);
  counting = false;
  expect(response.errors).toBeUndefined();
  const partners = response.data!.partners.nodes;
  return {
    perSubgraph: Object.fromEntries(Object.entries(statements).map(([name, list]) => [name, list.length])),
    total: Object.values(statements).reduce((sum, list) => sum + list.length, 0),
    partners: partners.length,
    activities: partners.reduce((sum, partner) => sum + partner.activities.nodes.length, 0),
    members: partners.reduce((sum, partner) => sum + partner.members.nodes.length, 0),
  };
}

// S3 of `npm run bench` (issue 11): the fan-out with each activity's meeting and partner and
// each partner's members. Measured first, on the built-in data, then with ten and a hundred
// times its activities (added to the same partners, most of them presented at a meeting).
const S3_QUERY = `{
  partners {
    nodes {
      name
      activities(first: 100) {
        nodes { title startsOn presentedAt { title startsOn } partner { name } }
      }
      members { nodes { name } }
    }
  }
}`;

type S3Answer = {
  partners: {
    nodes: {
      name: string;
      activities: { nodes: { presentedAt: { title: string } | null; partner: { name: string } }[] };
      members: { nodes: unknown[] };
    }[];
  };
};

async function measureS3() {
  for (const key of Object.keys(statements)) delete statements[key];
  counting = true;
  const response = await postGraphQL<S3Answer>(graph.url, S3_QUERY);
  counting = false;
  expect(response.errors).toBeUndefined();
  const partners = response.data!.partners.nodes;
  const activities = partners.flatMap((partner) => partner.activities.nodes);
  // Every activity's partner is the partner it is listed under, named by the roster.
  for (const partner of partners) {
    for (const activity of partner.activities.nodes) expect(activity.partner.name).toBe(partner.name);
  }
  return {
    perSubgraph: Object.fromEntries(Object.entries(statements).map(([name, list]) => [name, list.length])),
    total: Object.values(statements).reduce((sum, list) => sum + list.length, 0),
    activities: activities.length,
    presented: activities.filter((activity) => activity.presentedAt).length,
  };
}

/** The activities of every partner-type subgraph, in all. */
async function countActivities(): Promise<number> {
  let total = 0;
  for (const running of graph.subgraphs.values()) {
    if (!running.definition.partnerType) continue;
    const [{ count }] = await running.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as count from ${running.definition.defaultSchema}.activity`);
    total += count as number;
  }
  return total;
}

/**
 * Adds activities to the partners of every partner-type subgraph until there are `factor`
 * times `base` in all, each presented at one of the meetings in turn (one in five at none).
 */
async function growActivities(base: number, factor: number, round: number) {
  const meetings = (
    await graph.subgraphs
      .get('network')!
      .orm.em.fork()
      .getConnection()
      .execute<{ id: string }[]>('select id from network.meeting order by id')
  ).map((meeting) => meeting.id);
  const perSubgraph = Math.ceil((base * factor - (await countActivities())) / 4);
  for (const running of graph.subgraphs.values()) {
    if (!running.definition.partnerType) continue;
    const schema = running.definition.defaultSchema;
    await running.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into ${schema}.activity (id, partner_id, kind, theme, title, starts_on, original_locale, presented_at_id)
         select 's3-${round}-' || p.id || '-' || n, p.id, 'WORKSHOP', 'PEACE', 'S3 activity ' || n,
                date '2015-01-01' + (n % 900), 'EN',
                case when n % 5 = 0 then null else (string_to_array(?, ','))[1 + n % ?] end
           from (select id, row_number() over (order by id) - 1 as i, count(*) over () as partners from ${schema}.profile) p,
                generate_series(1, ?) as n
          where n % p.partners = p.i`,
        [meetings.join(','), meetings.length, perSubgraph],
      );
  }
}

test('S3: the statement count stays the same as the activities grow tenfold and a hundredfold', async () => {
  const base = await countActivities();
  const seeded = await measureS3();
  await growActivities(base, 10, 1);
  const tenfold = await measureS3();
  expect(await countActivities()).toBeGreaterThanOrEqual(base * 10);
  await growActivities(base, 100, 2);
  const hundredfold = await measureS3();
  expect(await countActivities()).toBeGreaterThanOrEqual(base * 100);

  expect(tenfold.activities).toBeGreaterThan(seeded.activities);
  expect(hundredfold.presented).toBeGreaterThan(tenfold.presented);
  // The network: the roster page, and one `_entities` batch each for the activities'
  // meetings and their partners' names. Per partner-type subgraph: the partners' activities
  // and their members; the partners (`_entities`) and the activities' `partner` are their
  // ids, with no profile row, since no field of the query is stored there. (15 statements
  // until then: one profile statement more per partner-type subgraph.)
  const expected = Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.partnerType ? 2 : 3]));
  expect(seeded.perSubgraph).toEqual(expected);
  expect(tenfold.perSubgraph).toEqual(expected);
  expect(hundredfold.perSubgraph).toEqual(expected);
  process.stdout.write(
    `S3 statements: ${seeded.total} for ${base} activities (${seeded.activities} listed, ${seeded.presented} presented), ` +
      `${tenfold.total} for ${base * 10}+ (${tenfold.activities}, ${tenfold.presented}), ` +
      `${hundredfold.total} for ${base * 100}+ (${hundredfold.activities}, ${hundredfold.presented})\n`,
  );
});

// A field stored in the profile is what makes a partner's profile row worth loading: once
// per partner-type subgraph, for all the partners of the request, whether asked through the
// roster (`_entities`) or through an activity's `partner`.
test('a profile row is loaded once, and only when a field stored in it is asked for', async () => {
  const count = async (query: string) => {
    for (const key of Object.keys(statements)) delete statements[key];
    counting = true;
    const response = await postGraphQL<{ partners: { nodes: Record<string, unknown>[] } }>(graph.url, query);
    counting = false;
    expect(response.errors).toBeUndefined();
    return {
      perSubgraph: Object.fromEntries(Object.entries(statements).map(([name, list]) => [name, list.length])),
      partners: response.data!.partners.nodes,
    };
  };
  const lists = await count(`{ partners { nodes { id activities(first: 1) { nodes { id } } } } }`);
  const withWebsite = await count(`{ partners { nodes { id website activities(first: 1) { nodes { id } } } } }`);
  const throughActivity = await count(
    `{ partners { nodes { id activities(first: 1) { nodes { partner { id website profileVersion } } } } } }`,
  );
  const both = await count(
    `{ partners { nodes { website activities(first: 1) { nodes { partner { website ... on City { region } } } } } } }`,
  );
  for (const subgraph of SUBGRAPHS.filter((each) => each.partnerType)) {
    expect(lists.perSubgraph[subgraph.name]).toBe(1);
    expect(withWebsite.perSubgraph[subgraph.name]).toBe(2);
    expect(throughActivity.perSubgraph[subgraph.name]).toBe(2);
    expect(both.perSubgraph[subgraph.name]).toBe(2);
  }
  // A profile field of a partner with a profile row is its stored value, the same through an
  // activity; every partner's version is its profile's.
  const byId = new Map(withWebsite.partners.map((partner) => [partner.id, partner]));
  for (const partner of throughActivity.partners) {
    const activity = (partner.activities as { nodes: { partner: Record<string, unknown> }[] }).nodes[0];
    if (!activity) continue;
    expect(activity.partner.website).toBe(byId.get(partner.id as string)!.website);
    expect(activity.partner.profileVersion).toBeGreaterThanOrEqual(1);
  }
});

test('the statement count stays the same as partners and activities grow', async () => {
  const seeded = await measure();
  await growNetwork(graph, 2, 100, 1); // 16 partners, most with 100 activities
  const larger = await measure();
  await growNetwork(graph, 4, 100, 2); // 32 partners
  const largest = await measure();

  expect([seeded.partners, larger.partners, largest.partners]).toEqual([8, 16, 32]);
  expect(largest.activities).toBeGreaterThan(2400);
  // One statement for the roster page; per partner-type subgraph, one each for the
  // partners' members and their activities. (Three until the partners' `_entities` stopped
  // loading their profile rows, which no field of this query reads: 4 statements fewer.)
  expect(seeded.perSubgraph).toEqual(
    Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.partnerType ? 2 : 1])),
  );
  expect(larger.perSubgraph).toEqual(seeded.perSubgraph);
  expect(largest.perSubgraph).toEqual(seeded.perSubgraph);
  // Texts in another language come with their rows: asking in Polish adds no statement.
  const inPolish = await measure({ 'accept-language': 'pl' });
  expect(inPolish.perSubgraph).toEqual(seeded.perSubgraph);
  expect(inPolish.activities).toBe(largest.activities);
  process.stdout.write(
    `statements: ${seeded.total} for ${seeded.partners} partners/${seeded.activities} activities, ` +
      `${larger.total} for ${larger.partners}/${larger.activities}, ${largest.total} for ${largest.partners}/${largest.activities}, ` +
      `${inPolish.total} for the same in Polish (Accept-Language: pl)\n`,
  );
});

// Statistics and attendance (API v3): each field is one statement per batch of partners,
// whatever the number of activities, meetings and attendance cells.
const STATISTICS_QUERY = `{
  partners(first: 40) {
    nodes {
      id
      statistics {
        activitiesByTheme { count } activitiesByKind { count } activitiesByYear { year count }
        attendance { count } surveyRespondents performances bookletTexts
      }
      activities(first: 100) { nodes { attendance { count } } }
    }
  }
  meetings(first: 100) { nodes { attendance { count } } }
  network { statistics { meetingsByTheme { count } participantsAtMeetings { value } delegatesByCountry { count } attendance { count } } }
}`;

/** Three cells for every activity and meeting that has none: one under 5, so the sums load its list too. */
async function addAttendance() {
  const cells = `(values ('CITIZEN', 'AGE_18_30', 12), ('TEACHER', 'AGE_31_50', 3), ('STUDENT', 'UNDER_18', 7)) as c(category, age_band, count)`;
  for (const running of graph.subgraphs.values()) {
    const [table, column, parent] = running.definition.partnerType
      ? ['activity_attendance', 'activity_id', 'activity']
      : ['meeting_attendance', 'meeting_id', 'meeting'];
    const schema = running.definition.defaultSchema;
    await running.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into ${schema}.${table} (${column}, category, age_band, count)
       select p.id, c.category, c.age_band, c.count from ${schema}.${parent} p cross join ${cells}
        where not exists (select 1 from ${schema}.${table} t where t.${column} = p.id)`,
      );
  }
}

async function measureStatistics() {
  for (const key of Object.keys(statements)) delete statements[key];
  counting = true;
  const response = await postGraphQL<{
    partners: { nodes: { activities: { nodes: { attendance: unknown[] }[] } }[] };
    meetings: { nodes: unknown[] };
  }>(graph.url, STATISTICS_QUERY);
  counting = false;
  expect(response.errors).toBeUndefined();
  const activities = response.data!.partners.nodes.flatMap((partner) => partner.activities.nodes);
  return {
    perSubgraph: Object.fromEntries(Object.entries(statements).map(([name, list]) => [name, list.length])),
    partners: response.data!.partners.nodes.length,
    activities: activities.length,
    cells: activities.reduce((sum, activity) => sum + activity.attendance.length, 0),
    meetings: response.data!.meetings.nodes.length,
  };
}

test('statistics and attendance: the statement count stays the same as activities, meetings and cells grow', async () => {
  await addAttendance();
  const before = await measureStatistics();
  await growNetwork(graph, 1, 100, 3);
  const network = graph.subgraphs.get('network')!.orm.em.fork().getConnection();
  await network.execute(
    `insert into network.meeting (id, kind, theme, title, town, country_code, starts_on, ends_on, host_id, participants, original_locale)
     select 'extra-meeting-' || n, 'THEMATIC', 'PEACE', 'Meeting ' || n, 'Split', 'HR', date '2018-01-01' + n, date '2018-01-01' + n,
            'bbag', '{"value": 20, "qualifier": "ABOUT"}', 'EN'
       from generate_series(1, 50) as n`,
  );
  await addAttendance();
  const after = await measureStatistics();
  expect(after.activities).toBeGreaterThan(before.activities);
  expect(after.cells).toBeGreaterThan(before.cells);
  expect(after.meetings).toBe(before.meetings + 50);
  // Per partner-type subgraph: the partners' activities, the activities' attendance, and
  // three for the statistics (the counts by theme, kind and year; the summed attendance; the
  // work); no profile rows, which no field of this query reads (6 until `_entities` stopped
  // loading them). The network: the roster page, the meetings page, their attendance, the
  // network's row and one per statistic.
  expect(before.perSubgraph).toEqual(
    Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.partnerType ? 5 : 8])),
  );
  expect(after.perSubgraph).toEqual(before.perSubgraph);
  process.stdout.write(
    `statistics: ${JSON.stringify(before.perSubgraph)} for ${before.partners} partners/${before.activities} activities/${before.cells} cells/${before.meetings} meetings, ` +
      `the same for ${after.partners}/${after.activities}/${after.cells}/${after.meetings}\n`,
  );
});
