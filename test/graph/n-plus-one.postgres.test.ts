import { ActivityKind, PartnerType, Theme } from '@citipart/schema';
import { startGraph, type TestGraph } from '../support/graph';

// The statement count of a network-wide query must not grow with the data: every list is
// loaded in one statement per batch, never one per parent.

const QUERY = `{
  partners(first: 100) {
    nodes {
      name
      activities(first: 100) { nodes { title } }
      members { nodes { name } }
    }
  }
}`;

const SUBGRAPH_OF_TYPE: Record<PartnerType, string> = {
  [PartnerType.CITY]: 'cities',
  [PartnerType.EUROPEAN_HOUSE]: 'european-houses',
  [PartnerType.FOUNDATION]: 'foundations',
  [PartnerType.YOUTH_ASSOCIATION]: 'youth-associations',
};

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
async function measure() {
  for (const key of Object.keys(statements)) delete statements[key];
  counting = true;
  const response = await graph.query<{
    partners: { nodes: { activities: { nodes: unknown[] }; members: { nodes: unknown[] } }[] };
  }>(QUERY);
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

/** Adds `partnersPerType` partners of each type, each with `activities` activities and 3 members. */
async function grow(partnersPerType: number, activities: number, round: number) {
  const network = graph.subgraphs.get('network')!.orm.em.fork();
  for (const type of Object.values(PartnerType)) {
    const ids = Array.from({ length: partnersPerType }, (_, index) => `extra-${round}-${type.toLowerCase()}-${index}`);
    await network.getConnection().execute(
      `insert into network.partner (id, type, name, country_code, town, role, legal_form)
       select id, ?, 'Extra ' || id, 'HR', 'Split', 'PARTNER', 'ASSOCIATION' from unnest(string_to_array(?, ',')) as id`,
      [type, ids.join(',')],
    );
    const subgraph = graph.subgraphs.get(SUBGRAPH_OF_TYPE[type])!;
    const schema = subgraph.definition.defaultSchema;
    const connection = subgraph.orm.em.fork().getConnection();
    await connection.execute(
      `insert into ${schema}.activity (id, partner_id, kind, theme, title, starts_on)
       select p || '-a' || n, p, ?, ?, 'Activity ' || n, date '2016-01-01' + n
       from unnest(string_to_array(?, ',')) as p, generate_series(1, ?) as n`,
      [ActivityKind.WORKSHOP, Theme.PEACE, ids.join(','), activities],
    );
    await connection.execute(
      `insert into ${schema}.member (id, partner_id, kind, name)
       select p || '-m' || n, p, 'PERSON', 'Member ' || n from unnest(string_to_array(?, ',')) as p, generate_series(1, 3) as n`,
      [ids.join(',')],
    );
  }
}

test('the statement count stays the same as partners and activities grow', async () => {
  const seeded = await measure();
  await grow(2, 100, 1); // 16 partners, most with 100 activities
  const larger = await measure();
  await grow(4, 100, 2); // 32 partners
  const largest = await measure();

  expect([seeded.partners, larger.partners, largest.partners]).toEqual([8, 16, 32]);
  expect(largest.activities).toBeGreaterThan(2400);
  // One statement for the roster page; per partner-type subgraph, one each for the
  // partners' profiles (_entities), their members and their activities.
  expect(seeded.perSubgraph).toEqual({
    network: 1,
    cities: 3,
    'european-houses': 3,
    foundations: 3,
    'youth-associations': 3,
  });
  expect(larger.perSubgraph).toEqual(seeded.perSubgraph);
  expect(largest.perSubgraph).toEqual(seeded.perSubgraph);
  process.stdout.write(
    `statements: ${seeded.total} for ${seeded.partners} partners/${seeded.activities} activities, ` +
      `${larger.total} for ${larger.partners}/${larger.activities}, ${largest.total} for ${largest.partners}/${largest.activities}\n`,
  );
});
