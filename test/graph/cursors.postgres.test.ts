import { Client } from 'pg';
import { Role } from '@citipart/subgraph-kit';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { startGraph, type GraphQLResponse, type TestGraph } from '../support/graph';
import { codes, expectNoLeaks } from '../support/leaks';

// Cursors of the right shape (a JSON array of the sort key, base64url) whose parts have the
// wrong types for the columns they stand for: each list refuses them as BAD_USER_INPUT
// before any SQL runs, never as a database fault. Real cursors still walk every list.

let graph: TestGraph;
let admin: string;
const statements: { subgraph: string; sql: string }[] = [];

beforeAll(async () => {
  graph = await startGraph('cursors', { onSql: (subgraph, sql) => statements.push({ subgraph, sql }) });
  admin = await graph.token({ role: Role.NETWORK_ADMIN, subject: 'coordinator@example.org' });
  // Five audit rows in two subgraphs for the walks below, written directly so that they do
  // not depend on the mutations.
  const client = new Client({ connectionString: graph.databaseUrl });
  await client.connect();
  try {
    for (const schema of SUBGRAPHS.filter((subgraph) => ['network', 'cities'].includes(subgraph.name)).map(
      (subgraph) => subgraph.defaultSchema,
    )) {
      await client.query(
        `insert into "${schema}"."audit" ("actor", "role", "action", "entity_type", "entity_id")
         select 'coordinator@example.org', 'NETWORK_ADMIN', 'test', 'Meeting', 'm-' || n from generate_series(1, 5) n`,
      );
    }
  } finally {
    await client.end();
  }
});
afterAll(() => graph?.stop());

/** A cursor as pagination.ts encodes one, for a key of any shape. */
const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
/** A cursor of JSON text that JSON.stringify would never write (NaN, 1e400, a digit string too long). */
const cursorOfJson = (json: string) => Buffer.from(json, 'utf8').toString('base64url');

// Keys of two parts: a date (starts_on) and a text (id); two texts (name, id); one bigint (id).
const DATE_TEXT_KEYS: [string, string][] = [
  ['not a date', cursorOf(['not-a-date', 'x'])],
  ['30 February', cursorOf(['2016-02-30', 'x'])],
  ['29 February of a common year', cursorOf(['2015-02-29', 'x'])],
  ['29 February 1900', cursorOf(['1900-02-29', 'x'])],
  ['year 0', cursorOf(['0000-01-01', 'x'])],
  ['month 13', cursorOf(['2016-13-01', 'x'])],
  ['a date without zero padding', cursorOf(['2016-3-13', 'x'])],
  ['a timestamp for a date', cursorOf(['2016-03-13T00:00:00Z', 'x'])],
  ['a five-digit year', cursorOf(['20160-03-13', 'x'])],
  ['a number for a date', cursorOf([20160313, 'x'])],
  ['a number for the id', cursorOf(['2016-03-13', 42])],
  ['NUL in the id', cursorOf(['2016-03-13', 'a\u0000b'])],
  ['a lone surrogate in the id', cursorOf(['2016-03-13', '\ud800'])],
  ['an id of 1500 characters', cursorOf(['2016-03-13', 'x'.repeat(1500)])],
  ['a huge number', cursorOfJson('[1e400,"x"]')],
  ['a nested array', cursorOf([['2016-03-13'], 'x'])],
  ['null', cursorOf([null, 'x'])],
];
const TEXT_TEXT_KEYS: [string, string][] = [
  ['a number for a name', cursorOf([42, 'x'])],
  ['a boolean for a name', cursorOf([true, 'x'])],
  ['NUL in the name', cursorOf(['Verein\u0000GEMMA', 'gemma-villach'])],
  ['an id of 1500 characters', cursorOf(['Verein GEMMA', 'x'.repeat(1500)])],
  ['an object for the id', cursorOf(['Verein GEMMA', { id: 'x' }])],
  ['one part too many', cursorOf(['Verein GEMMA', 'gemma-villach', 'x'])],
];
const BIGINT_KEYS: [string, string][] = [
  ['letters', cursorOf(['abc'])],
  ['beyond bigint', cursorOf(['99999999999999999999'])],
  ['a fraction', cursorOf([1.5])],
  ['a fraction as text', cursorOf(['1.5'])],
  ['an unsafe integer', cursorOfJson('[9007199254740993]')],
  ['NaN', cursorOf(['NaN'])],
  ['Infinity', cursorOfJson('[1e999]')],
  ['exponent notation', cursorOf(['1e3'])],
  ['a leading space', cursorOf([' 1'])],
  ['Arabic-Indic digits', cursorOf(['\u0663'])],
  ['a date', cursorOf(['2016-03-13'])],
];

// `table`: the list's table, whose page query must not run for a refused cursor.
const LISTS: { list: string; table: string; query: string; keys: [string, string][]; token?: () => string }[] = [
  { list: 'partners', table: 'partner', query: `partners(after: $after) { totalCount }`, keys: TEXT_TEXT_KEYS },
  { list: 'meetings', table: 'meeting', query: `meetings(after: $after) { totalCount }`, keys: DATE_TEXT_KEYS },
  {
    list: "a partner's activities",
    table: 'activity',
    query: `partner(id: "maison-europe-yvelines") { activities(after: $after) { totalCount } }`,
    keys: DATE_TEXT_KEYS,
  },
  {
    list: 'activities of every partner (four subgraphs)',
    table: 'activity',
    query: `partners { nodes { activities(after: $after) { totalCount } } }`,
    keys: DATE_TEXT_KEYS,
  },
  {
    list: "a partner's members",
    table: 'member',
    query: `partner(id: "europski-dom-dubrovnik") { members(after: $after) { totalCount } }`,
    keys: TEXT_TEXT_KEYS,
  },
  {
    list: 'the network audit log',
    table: 'audit',
    query: `networkAuditLog(after: $after) { totalCount }`,
    keys: BIGINT_KEYS,
    token: () => admin,
  },
  {
    list: 'the cities audit log',
    table: 'audit',
    query: `cityAuditLog(after: $after) { totalCount }`,
    keys: BIGINT_KEYS,
    token: () => admin,
  },
];

const CASES = LISTS.flatMap(({ list, table, query, keys, token }) =>
  keys.map(([name, cursor]) => ({ label: `${list}: ${name}`, table, query, cursor, token })),
);

/** Page statements (the window-function statement of pagination.ts) on a table, per subgraph. */
const pageStatements = (table: string) =>
  statements.filter(({ sql }) => /row_number\(\)/.test(sql) && sql.includes(`."${table}" as`));

test.each(LISTS)('$list without a cursor: one page statement per subgraph that holds the list', async (list) => {
  statements.length = 0;
  const response = await graph.query(`query ($after: String) { ${list.query} }`, { after: null }, list.token?.());
  expect(response.errors).toBeUndefined();
  const subgraphs = pageStatements(list.table).map(({ subgraph }) => subgraph);
  expect(subgraphs).toEqual([...new Set(subgraphs)]);
  expect(subgraphs).toHaveLength(list.list.includes('every partner') ? 4 : 1);
});

test.each(CASES)(
  '$label is BAD_USER_INPUT on "after", and no page query runs',
  async ({ table, query, cursor, token }) => {
    statements.length = 0;
    const response: GraphQLResponse = await graph.query(
      `query ($after: String) { ${query} }`,
      { after: cursor },
      token?.(),
    );
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(codes(response).filter((code) => code !== 'BAD_USER_INPUT')).toEqual([]);
    for (const error of response.errors!) {
      expect(error.message).toMatch(/^"after" is not a cursor this list gave out: "[A-Za-z0-9_-]{1,64}…?"\.$/);
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    expectNoLeaks(response);
    expect(pageStatements(table)).toEqual([]);
  },
);

describe('real cursors still walk the lists', () => {
  type Connection = {
    totalCount: number;
    edges: { cursor: string; node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  const PAGE = `totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor }`;

  async function walk(
    fetchPage: (after: string | null) => Promise<GraphQLResponse<Record<string, unknown>>>,
    pick: (data: Record<string, unknown>) => Connection,
  ): Promise<{ ids: string[]; cursors: string[]; total: number }> {
    const ids: string[] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard += 1) {
      const response = await fetchPage(after);
      expect(response.errors).toBeUndefined();
      const page = pick(response.data!);
      ids.push(...page.edges.map((edge) => edge.node.id));
      cursors.push(...page.edges.map((edge) => edge.cursor));
      if (!page.pageInfo.hasNextPage) return { ids, cursors, total: page.totalCount };
      after = page.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  const decoded = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;

  test("a partner's activities one at a time: every one, in date order, keyed by date and id", async () => {
    const walked = await walk(
      (after) =>
        graph.query(
          `query ($after: String) { partner(id: "maison-europe-yvelines") { activities(first: 1, after: $after) { ${PAGE} } } }`,
          { after },
        ),
      (data) => (data.partner as { activities: Connection }).activities,
    );
    expect(walked.total).toBeGreaterThan(1);
    expect(walked.ids.length).toBe(walked.total);
    expect(new Set(walked.ids).size).toBe(walked.total);
    // The cursor is the sort key as the old API wrote it: [starts_on, id].
    const keys = walked.cursors.map(decoded) as [string, string][];
    for (const key of keys) expect(key).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), expect.any(String)]);
    expect(keys.map(([, id]) => id)).toEqual(walked.ids);
    expect(keys.map(([date]) => date)).toEqual(keys.map(([date]) => date).sort());
  });

  test("a partner's members one at a time, keyed by name and id", async () => {
    const walked = await walk(
      (after) =>
        graph.query(`query ($after: String) { partner(id: "bbag") { members(first: 1, after: $after) { ${PAGE} } } }`, {
          after,
        }),
      (data) => (data.partner as { members: Connection }).members,
    );
    expect(walked.total).toBeGreaterThanOrEqual(2);
    expect(walked.ids.length).toBe(walked.total);
    expect(walked.cursors.map((cursor) => (decoded(cursor) as string[])[1])).toEqual(walked.ids);
  });

  test('partners three at a time, and meetings after a cursor written in the original format', async () => {
    const partners = await walk(
      (after) => graph.query(`query ($after: String) { partners(first: 3, after: $after) { ${PAGE} } }`, { after }),
      (data) => data.partners as Connection,
    );
    expect(partners.ids).toHaveLength(8);
    // A cursor given out before the pagination API named properties: the same bytes still work.
    const warsaw = 'WyIyMDE2LTAzLTEzIiwic29saWRhcml0eS13YXJzYXctMjAxNiJd';
    expect(decoded(warsaw)).toEqual(['2016-03-13', 'solidarity-warsaw-2016']);
    const response = await graph.query<{ meetings: Connection }>(
      `query ($after: String) { meetings(after: $after) { ${PAGE} } }`,
      { after: warsaw },
    );
    expect(response.data!.meetings.edges.map((edge) => edge.node.id)).toEqual([
      'tolerance-potsdam-2016',
      'peace-scy-chazelles-2017',
      'closing-villach-2017',
    ]);
  });

  test.each(['networkAuditLog', 'cityAuditLog'])('%s one at a time, newest first', async (field) => {
    const walked = await walk(
      (after) =>
        graph.query(
          // The audit rows were made for this test: entityId tells them apart.
          `query ($after: String) { ${field}(first: 1, after: $after) { ${PAGE.replace('node { id }', 'node { id: entityId }')} } }`,
          { after },
          admin,
        ),
      (data) => data[field] as Connection,
    );
    expect(walked.total).toBe(5);
    expect(walked.ids).toEqual(['m-5', 'm-4', 'm-3', 'm-2', 'm-1']);
    // bigint ids come back from PostgreSQL as text: the cursor keeps them as text.
    for (const cursor of walked.cursors) expect(decoded(cursor)).toEqual([expect.stringMatching(/^[1-9]\d*$/)]);
  });
});
