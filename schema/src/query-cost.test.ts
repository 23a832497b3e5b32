import { buildSchema, parse } from 'graphql';
import { QueryExpansionError, countExpandedSelections, queryCost } from './query-cost';

// The cost estimator on a small schema with the graph's shapes: a connection that takes
// `first` (default 50), lists without `first`, an interface, and the `_entities` field the
// gateway calls on a subgraph.
const schema = buildSchema(`
  scalar _Any
  interface Node { id: ID! }
  union _Entity = Item | Thing
  type PageInfo { hasNextPage: Boolean! }
  type ItemEdge { cursor: String! node: Item! }
  type ItemConnection { totalCount: Int! nodes: [Item!]! edges: [ItemEdge!]! pageInfo: PageInfo! }
  type Item implements Node { id: ID! name: String! children(first: Int = 50): ItemConnection! things: [Thing!]! }
  type Thing implements Node { id: ID! label: String! parts: [Thing!]! }
  type Query {
    items(first: Int = 50): ItemConnection!
    item(id: ID!): Item
    tags: [String!]!
    things: [Thing!]!
    node: Node
    _entities(representations: [_Any!]!): [_Entity]!
  }
`);

const cost = (query: string, variables?: Record<string, unknown>, listSize = 50) =>
  queryCost(schema, parse(query), { variables, listSize, maxNodes: 1_000 });

describe('the cost of a query', () => {
  test('a field costs 1, plus what it selects', () => {
    expect(cost('{ item(id: "a") { id name } }')).toBe(3);
  });

  test('first multiplies what a connection selects', () => {
    // items: 1 + 10 × (nodes: 1 + name: 1)
    expect(cost('{ items(first: 10) { nodes { name } } }')).toBe(21);
    expect(cost('{ items(first: 0) { nodes { name } } }')).toBe(1);
  });

  test('first left out counts as its default, 50; from a variable, as its value', () => {
    expect(cost('{ items { nodes { name } } }')).toBe(101);
    expect(cost('query ($n: Int) { items(first: $n) { nodes { name } } }', { n: 7 })).toBe(15);
    expect(cost('query ($n: Int = 3) { items(first: $n) { nodes { name } } }')).toBe(7);
  });

  test('a negative first multiplies by nothing (the resolver refuses it anyway)', () => {
    expect(cost('{ items(first: -5) { nodes { name } } }')).toBe(1);
  });

  test('nested lists multiply', () => {
    // children: 1 + 5 × 2 = 11; nodes: 12; items: 1 + 10 × 12
    expect(cost('{ items(first: 10) { nodes { children(first: 5) { nodes { name } } } } }')).toBe(121);
    // 50 × 50 names, and more for the fields around them
    expect(cost('{ items { nodes { children { nodes { name } } } } }')).toBe(1 + 50 * (1 + 1 + 50 * 2));
  });

  test("a connection's nodes and edges are its page: they do not multiply again", () => {
    // edges: 1 + (node: 1 + name: 1) = 3; items: 1 + 10 × 3
    expect(cost('{ items(first: 10) { edges { node { name } } } }')).toBe(31);
    expect(cost('{ items(first: 10) { totalCount pageInfo { hasNextPage } } }')).toBe(1 + 10 * 3);
  });

  test('a list without first counts as listSize items; a list of scalars costs its one field', () => {
    expect(cost('{ things { label } }')).toBe(51);
    expect(cost('{ things { parts { label } } }')).toBe(1 + 50 * (1 + 50));
    expect(cost('{ things { parts { label } } }', undefined, 10)).toBe(1 + 10 * (1 + 10));
    expect(cost('{ tags }')).toBe(1);
  });

  test('a fragment counts each time it is spread', () => {
    const withFragment = cost(`
      { a: items(first: 2) { nodes { ...F } } b: items(first: 3) { nodes { ...F } } }
      fragment F on Item { id name }`);
    const inline = cost('{ a: items(first: 2) { nodes { id name } } b: items(first: 3) { nodes { id name } } }');
    expect(withFragment).toBe(7 + 10);
    expect(withFragment).toBe(inline);
    expect(
      cost('{ items(first: 2) { nodes { ...F ...F } } } fragment F on Item { children(first: 4) { totalCount } }'),
    ).toBe(1 + 2 * (1 + 2 * (1 + 4 * 1)));
  });

  test('an interface costs as its costliest type', () => {
    // Item: name 1 + children (1 + 50 × 1); Thing: label 1
    expect(cost('{ node { ... on Item { name children { totalCount } } ... on Thing { label } } }')).toBe(1 + 52);
  });

  test('a skipped field costs nothing', () => {
    expect(cost('{ items(first: 10) @skip(if: true) { nodes { name } } tags }')).toBe(1);
    expect(cost('query ($on: Boolean!) { items(first: 10) @include(if: $on) { nodes { name } } }', { on: false })).toBe(
      0,
    );
  });

  test('_entities returns one item per representation', () => {
    const query =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Item { name children(first: 10) { totalCount } } } }';
    const representations = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Item', id: String(i) }));
    expect(cost(query, { r: representations(4) })).toBe(1 + 4 * (1 + 1 + 10));
    expect(cost(query, { r: representations(2_000) })).toBe(1 + 2_000 * 12);
  });

  test('introspection counts each field once, whatever its lists', () => {
    // __schema 1 + (types 1 + (name 1 + fields 1 + (name 1)))
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(5);
  });

  test('wrong variables are left to GraphQL to report', () => {
    expect(() => cost('query ($n: Int) { items(first: $n) { totalCount } }', { n: 'many' })).toThrow(/\$n/);
  });
});

describe('the expansion of fragments', () => {
  const fanOut = (levels: number) =>
    [
      '{ items { nodes { ...F0 } } }',
      ...Array.from({ length: levels }, (_, i) => `fragment F${i} on Item { ...F${i + 1} ...F${i + 1} }`),
      `fragment F${levels} on Item { name }`,
    ].join('\n');

  test('counts every selection, a fragment each time it is spread', () => {
    expect(countExpandedSelections(parse('{ items { nodes { name id } } }'))).toBe(4);
    // items, nodes, 3 spreads of F0, each with 2 spreads of F1 (and its one field)
    expect(countExpandedSelections(parse(fanOut(1)))).toBe(2 + 1 + 2 * 2);
  });

  test('works out fragments that fan out without expanding them', () => {
    // 2^40 selections and more, from a document of 41 fragments.
    expect(countExpandedSelections(parse(fanOut(40)))).toBeGreaterThan(2 ** 40);
    expect(() => cost(fanOut(40))).toThrow(QueryExpansionError);
  });

  test('a fragment that spreads itself is counted once and does not loop', () => {
    const cycle = '{ item(id: "a") { ...A } } fragment A on Item { id ...B } fragment B on Item { name ...A }';
    // item, ...A, id, ...B, name, and ...A again, not followed
    expect(countExpandedSelections(parse(cycle))).toBe(6);
  });

  test('counts the named operation only, when there is one', () => {
    const document = parse('query A { tags } query B { items { nodes { name } } }');
    expect(countExpandedSelections(document, 'A')).toBe(1);
    expect(countExpandedSelections(document)).toBe(4);
  });
});
