import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema, parse } from 'graphql';
import { createErrorMasker } from './errors';
import {
  CostCache,
  DEFAULT_QUERY_LIMITS,
  type QueryLimits,
  SUBGRAPH_QUERY_LIMITS,
  queryLimitsPlugin,
  resolveQueryLimits,
  withoutSuggestions,
} from './query-limits';
import { countTokens, measureQueryShape } from './query-shape';

// The limits on their own: the figures they measure, their options, and the plugin on a
// small Apollo server. test/graph/limits.postgres.test.ts runs them in the whole graph.

const typeDefs = `
  interface Partner { id: ID! name: String! meetings: [Meeting!]! }
  type City implements Partner { id: ID! name: String! meetings: [Meeting!]! region: String }
  type Meeting { id: ID! title: String! host: Partner! }
  type PageInfo { hasNextPage: Boolean! }
  type PartnerConnection { totalCount: Int! nodes: [Partner!]! pageInfo: PageInfo! }
  type Query { partners(first: Int = 50): PartnerConnection! partner(id: ID!): Partner }
`;
const schema = buildSchema(typeDefs);
const shape = (query: string) => measureQueryShape(schema, parse(query));

describe('tokens', () => {
  test('are names, values and punctuation; comments and commas are not', () => {
    expect(countTokens('{ partner(id: "a") { name } }', 100)).toBe(11);
    expect(countTokens('# a comment\n{ partner(id: "a"), { name, } }', 100)).toBe(11);
  });

  test('counting stops one past the limit, however long the document', () => {
    expect(countTokens(`{ ${'a: __typename '.repeat(500_000)}}`, 1_000)).toBe(1_001);
  });

  test('a lexical error ends the count; the parser reports it', () => {
    expect(countTokens('{ partner(id: "a) }', 100)).toBe(5);
  });
});

describe('the shape of a query', () => {
  test('depth counts levels of fields, through fragments, and not introspection', () => {
    expect(shape('{ partners { nodes { name } } }').depth).toBe(3);
    expect(shape('{ partners { nodes { ...P } } } fragment P on Partner { meetings { title } }').depth).toBe(4);
    expect(shape('{ partners { nodes { ... on City { region } } } }').depth).toBe(3);
    expect(shape('{ __schema { types { fields { type { ofType { name } } } } } }').depth).toBe(0);
  });

  test('aliases and directives count each time their fragment is spread, __typename included', () => {
    const query = `{ a: partners { ...C } b: partners { ...C } }
      fragment C on PartnerConnection { n: totalCount @include(if: true) t: __typename }`;
    expect(shape(query)).toMatchObject({ aliases: 2 + 2 * 2, directives: 2 });
  });

  test('interface fields: how many, and how deep they nest', () => {
    expect(shape('{ partners { totalCount } }')).toMatchObject({ interfaceFields: 0, interfaceDepth: 0 });
    expect(shape('{ partner(id: "a") { meetings { host { name } } } }')).toMatchObject({
      interfaceFields: 2,
      interfaceDepth: 2,
    });
    const spread = `{ partners { nodes { ...M } } a: partner(id: "a") { ...M } }
      fragment M on Partner { meetings { host { meetings { host { id } } } } }`;
    expect(shape(spread)).toMatchObject({ interfaceFields: 2 + 2 * 2, interfaceDepth: 3 });
  });

  test('a fragment that spreads itself is not followed round; unknown fields are skipped', () => {
    const cycle =
      '{ partners { nodes { ...A } } } fragment A on Partner { ...B } fragment B on Partner { ...A nope { x } }';
    // partners, nodes, and the unknown `nope { x }` (validation refuses it right after)
    expect(shape(cycle)).toMatchObject({ depth: 4, interfaceFields: 1, interfaceDepth: 1 });
  });
});

describe('the options', () => {
  test('overrides apply over the defaults', () => {
    expect(resolveQueryLimits({ maxDepth: 4 })).toEqual({ ...DEFAULT_QUERY_LIMITS, maxDepth: 4 });
    expect(resolveQueryLimits({}, SUBGRAPH_QUERY_LIMITS)).toEqual(SUBGRAPH_QUERY_LIMITS);
    expect(SUBGRAPH_QUERY_LIMITS.maxTokens).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxTokens);
    expect(SUBGRAPH_QUERY_LIMITS.maxCost).toBe(DEFAULT_QUERY_LIMITS.maxCost);
  });

  test('every wrong value is reported at once, when the plugin is made', () => {
    expect(() => queryLimitsPlugin({ maxDepth: 0, maxCost: 1.5, maxTokenz: 3 } as Partial<QueryLimits>)).toThrow(
      'Invalid query limits: maxDepth must be a positive integer; got 0; ' +
        'maxCost must be a positive integer; got 1.5; maxTokenz is not a query limit',
    );
  });
});

test('suggestions leave the message, the rest stays', () => {
  expect(withoutSuggestions('Cannot query field "nme" on type "Partner". Did you mean "name"?')).toBe(
    'Cannot query field "nme" on type "Partner".',
  );
  expect(withoutSuggestions('Unknown argument "firs" on field "Query.partners". Did you mean "first"?')).toBe(
    'Unknown argument "firs" on field "Query.partners".',
  );
  expect(
    withoutSuggestions(
      'Cannot query field "region" on type "Partner". Did you mean to use an inline fragment on "City"?',
    ),
  ).toBe('Cannot query field "region" on type "Partner".');
  expect(
    withoutSuggestions(
      'Variable "$f" got invalid value { thme: "X" }; Field "thme" is not defined by type "ActivityFilter". Did you mean "theme"?',
    ),
  ).toBe('Variable "$f" got invalid value { thme: "X" }; Field "thme" is not defined by type "ActivityFilter".');
});

describe('the cost cache', () => {
  const limits = resolveQueryLimits({ maxExpandedSelections: 12 });
  const QUERY = 'query ($n: Int) { partners(first: $n) { nodes { id name } } }';
  // Another document under the same text: what the cache answers without working the cost out.
  const decoy = parse('{ partners(first: 1) { totalCount } }');

  test('the same text with the same variables costs the same, worked out once', () => {
    const costs = new CostCache();
    const request = { query: QUERY, variables: { n: 30 } };
    expect(costs.cost(schema, parse(QUERY), request, limits)).toBe(91);
    expect(costs.cost(schema, decoy, request, limits)).toBe(91);
    // Other variables, another operation name or another schema: worked out again.
    expect(costs.cost(schema, parse(QUERY), { ...request, variables: { n: 10 } }, limits)).toBe(31);
    expect(costs.cost(schema, decoy, { ...request, operationName: 'Other' }, limits)).toBe('unknown');
    expect(costs.cost(buildSchema(typeDefs), decoy, request, limits)).toBe(2);
  });

  test('too many selections and wrong variables are remembered as such', () => {
    const costs = new CostCache();
    const expanding = `{ partners { nodes { ...A } } } fragment A on Partner { ...B ...B }
      fragment B on Partner { ...C ...C } fragment C on Partner { id name }`;
    expect(costs.cost(schema, parse(expanding), { query: expanding }, limits)).toBe('expansion');
    expect(costs.cost(schema, decoy, { query: expanding }, limits)).toBe('expansion');
    const wrong = { query: QUERY, variables: { n: 'many' } };
    expect(costs.cost(schema, parse(QUERY), wrong, limits)).toBe('unknown');
    expect(costs.cost(schema, decoy, wrong, limits)).toBe('unknown');
  });

  test('holds the operations used last, at most its size; a long one is never kept', () => {
    const costs = new CostCache(2);
    const request = (n: number) => ({ query: QUERY, variables: { n } });
    costs.cost(schema, parse(QUERY), request(1), limits);
    costs.cost(schema, parse(QUERY), request(2), limits);
    costs.cost(schema, decoy, request(1), limits); // used again: the most recent
    costs.cost(schema, parse(QUERY), request(3), limits); // pushes n: 2 out
    expect(costs.cost(schema, decoy, request(1), limits)).toBe(1 + 1 * 3);
    expect(costs.cost(schema, decoy, request(3), limits)).toBe(1 + 3 * 3);
    expect(costs.cost(schema, decoy, request(2), limits)).toBe(2);
    const long = { query: `${QUERY}${' '.repeat(40_000)}`, variables: { n: 5 } };
    expect(costs.cost(schema, parse(long.query), long, limits)).toBe(16);
    expect(costs.cost(schema, decoy, long, limits)).toBe(2);
  });
});

describe('the plugin', () => {
  const limits: Partial<QueryLimits> = {
    maxTokens: 40,
    maxDepth: 4,
    maxAliases: 2,
    maxDirectives: 1,
    maxInterfaceDepth: 1,
    maxInterfaceFields: 2,
    maxCost: 100,
    maxExpandedSelections: 12,
  };
  const city = { __typename: 'City', id: 'c', name: 'Split', meetings: [] };
  let server: ApolloServer;
  beforeAll(async () => {
    server = new ApolloServer({
      typeDefs,
      resolvers: {
        Query: { partners: () => ({ totalCount: 1, nodes: [city] }), partner: () => city },
        Partner: { __resolveType: () => 'City' },
      },
      formatError: createErrorMasker(() => undefined),
      plugins: [queryLimitsPlugin(limits)],
    });
    await server.start();
  });
  afterAll(() => server.stop());

  async function post(query: string, variables?: Record<string, unknown>) {
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body: variables ? { query, variables } : { query },
      },
      context: async () => ({}),
    });
    const text = response.body.kind === 'complete' ? response.body.string : '';
    return {
      status: response.status ?? 200,
      body: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] },
    };
  }

  test.each([
    ['tokens', `{ partners { totalCount ${'__typename '.repeat(40)}} }`, 'TOO_MANY_TOKENS', /more than 40 tokens/],
    [
      'depth',
      '{ partner(id: "c") { meetings { host { meetings { id } } } } }',
      'QUERY_TOO_DEEP',
      /5 levels deep; at most 4/,
    ],
    [
      'aliases',
      '{ a: partners { totalCount } b: partners { totalCount } c: partners { totalCount } }',
      'TOO_MANY_ALIASES',
      /3 aliases/,
    ],
    [
      'directives',
      '{ partners @include(if: true) { totalCount @skip(if: false) } }',
      'TOO_MANY_DIRECTIVES',
      /2 directives/,
    ],
    [
      'interface nesting',
      '{ partner(id: "c") { meetings { host { id } } } }',
      'INTERFACES_TOO_DEEP',
      /2 deep; .* at most 1/,
    ],
    [
      'interface fields',
      '{ a: partner(id: "c") { id } b: partner(id: "d") { id } partners { nodes { id } } }',
      'TOO_MANY_INTERFACE_FIELDS',
      /selects 3 fields/,
    ],
    ['cost', '{ partners(first: 60) { nodes { id name } } }', 'QUERY_TOO_COSTLY', /up to 181 values; at most 100/],
    [
      'expansion',
      `{ partners { nodes { ...A } } } fragment A on Partner { ...B ...B } fragment B on Partner { ...C ...C }
       fragment C on Partner { id name }`,
      'QUERY_TOO_COSTLY',
      /expands to more than 12 selections/,
    ],
  ])('%s over the limit: HTTP 400 with the code of the limit', async (_limit, query, code, message) => {
    const { status, body } = await post(query);
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code } }]);
    expect(body.data).toBeUndefined();
  });

  test('just under every limit, the query is answered', async () => {
    // 40 tokens, depth 3, 2 aliases, 1 directive, 1 interface field, 11 selections, cost 89
    const query = `{ a: partner(id: "c") { name @include(if: true) meetings { id } ${'__typename '.repeat(5)}}
      b: partners(first: 30) { totalCount } }`;
    expect(countTokens(query, 100)).toBe(40);
    const { status, body } = await post(query);
    expect(body).toEqual({ data: { a: { name: 'Split', meetings: [], __typename: 'City' }, b: { totalCount: 1 } } });
    expect(status).toBe(200);
  });

  test('the cost is checked again with each request’s variables, also once the document is cached', async () => {
    const query = 'query ($n: Int) { partners(first: $n) { nodes { id name } } }';
    expect((await post(query, { n: 30 })).status).toBe(200);
    expect((await post(query, { n: 30 })).status).toBe(200);
    const { status, body } = await post(query, { n: 60 });
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions.code).toBe('QUERY_TOO_COSTLY');
  });

  test('no suggestion in validation errors', async () => {
    const { body } = await post('{ partners { nodes { nme } } }');
    expect(body.errors?.[0].message).toBe('Cannot query field "nme" on type "Partner".');
  });
});
