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
