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

test('the statement count stays the same as partners and activities grow', async () => {
  const seeded = await measure();
  await growNetwork(graph, 2, 100, 1); // 16 partners, most with 100 activities
  const larger = await measure();
  await growNetwork(graph, 4, 100, 2); // 32 partners
  const largest = await measure();

  expect([seeded.partners, larger.partners, largest.partners]).toEqual([8, 16, 32]);
  expect(largest.activities).toBeGreaterThan(2400);
  // One statement for the roster page; per partner-type subgraph, one each for the
  // partners' profiles (_entities), their members and their activities.
  expect(seeded.perSubgraph).toEqual(
    Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.partnerType ? 3 : 1])),
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
  // Per partner-type subgraph: the partners' profiles (_entities), their activities, the
  // activities' attendance, and three for the statistics (the counts by theme, kind and year;
  // the summed attendance; the work). The network: the roster page, the meetings page, their
  // attendance, the network's row and one per statistic.
  expect(before.perSubgraph).toEqual(
    Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.partnerType ? 6 : 8])),
  );
  expect(after.perSubgraph).toEqual(before.perSubgraph);
  process.stdout.write(
    `statistics: ${JSON.stringify(before.perSubgraph)} for ${before.partners} partners/${before.activities} activities/${before.cells} cells/${before.meetings} meetings, ` +
      `the same for ${after.partners}/${after.activities}/${after.cells}/${after.meetings}\n`,
  );
});
