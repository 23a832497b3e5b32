import { getIntrospectionQuery } from 'graphql';
import { DEFAULT_QUERY_LIMITS, SUBGRAPH_QUERY_LIMITS, countTokens } from '@citipart/schema';
import { type GraphQLResponse, type TestGraph, startGraph } from '../support/graph';
import { codes, expectNoLeaks } from '../support/leaks';

// The query limits (schema/src/query-limits.ts) in the whole graph: what the gateway refuses
// before it plans anything, what it still answers (the real queries, and queries just under
// every limit, whose calls to the subgraphs must pass the subgraphs' own limits), the same
// limits on a subgraph called directly, and no "Did you mean" anywhere. The hostile
// documents of issue 7 are sent too, and the CPU each costs this process (gateway and
// subgraphs alike) is printed, not asserted: a refusal should stay far under 50 ms.

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph('limits');
});
afterAll(() => graph?.stop());

const subgraphUrl = () => graph.subgraphs.get('network')!.url;

interface Answer {
  status: number;
  body: GraphQLResponse<Record<string, unknown>>;
  bytes: number;
  cpuMs: number;
}

/** Sends a JSON body as it is and measures this process's CPU until the answer is read. */
async function sendBody(url: string, body: string): Promise<Answer> {
  const started = process.cpuUsage();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const used = process.cpuUsage(started);
  return {
    status: response.status,
    body: JSON.parse(text) as Answer['body'],
    bytes: Buffer.byteLength(text),
    cpuMs: (used.user + used.system) / 1000,
  };
}

const post = (query: string, variables?: Record<string, unknown>, url = graph.url) =>
  sendBody(url, JSON.stringify(variables ? { query, variables } : { query }));

function expectAnswered(answer: Answer): void {
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  expect(answer.body.data).toBeTruthy();
}

function expectRefused(answer: Answer, code: string, message?: RegExp): void {
  expect(codes(answer.body)).toEqual([code]);
  expect(answer.status).toBe(400);
  expect(answer.body.data ?? undefined).toBeUndefined();
  if (message) expect(answer.body.errors![0].message).toMatch(message);
  expectNoLeaks(answer.body);
}

/** `text` padded with copies of `network { name }` and `__typename` to exactly `tokens` tokens. */
function padded(open: string, close: string, tokens: number): string {
  const base = countTokens(open + close, Infinity);
  const networks = Math.floor((tokens - base) / 4);
  const typenames = tokens - base - 4 * networks;
  return `${open} ${'network { name } '.repeat(networks)}${'__typename '.repeat(typenames)}${close}`;
}

const aliases = (n: number, field = 'network { name }') =>
  Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

// From the README, the API test file and `npm run bench`. Each row has its three cells: with
// fewer, Jest would take the test's last parameter for a `done` callback.
const REAL_QUERIES: [string, string, Record<string, unknown> | undefined][] = [
  [
    "the README's first example",
    `{ partner(id: "europski-dom-dubrovnik") { name town countryCode website activities(filter: {theme: TOLERANCE}) {
       totalCount nodes { title startsOn demo presentedAt { title startsOn } } } } }`,
    undefined,
  ],
  [
    "the README's network-wide question",
    '{ partners { nodes { name activities(filter: { theme: TOLERANCE }) { nodes { title partner { name } } } } } }',
    undefined,
  ],
  [
    "the dashboard's meetings",
    `query ($filter: MeetingFilter) { meetings(filter: $filter) { totalCount nodes {
       id kind theme title town countryCode startsOn endsOn host { id name } participants { value qualifier }
       delegations { count partner { id town } } sources { url } } } }`,
    { filter: { kind: 'KICK_OFF' } },
  ],
  [
    "the dashboard's activities (the costliest real query: 160,151)",
    `query ($filter: ActivityFilter) { partners { nodes { id activities(filter: $filter) { totalCount nodes {
       title theme kind startsOn demo partner { id name } presentedAt { id theme } sources { url } } } } } }`,
    undefined,
  ],
  [
    'every partner with its members and contact details',
    `{ partners(first: 100) { nodes { id members(first: 100) { totalCount nodes { id name kind
       contact { email phone consentToPublish birthYear parentalConsent } } } } } }`,
    undefined,
  ],
  [
    'one partner, with pages of activities and members',
    `{ partner(id: "maison-europe-yvelines") {
       activities(first: 100) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
       members(first: 100) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`,
    undefined,
  ],
  [
    "npm run bench's fan-out",
    `{ partners(first: 100) { nodes { name activities(first: 100) { nodes { title partner { name } } }
       members { nodes { name } } } } }`,
    undefined,
  ],
  [
    "the explorer's introspection",
    getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    }),
    undefined,
  ],
  [
    'a type looked up by name',
    `{ __type(name: "Partner") { name kind possibleTypes { name } fields { name args { name }
       type { kind name ofType { kind name ofType { kind name } } } } } }`,
    undefined,
  ],
];

describe('the real queries pass the limits', () => {
  test.each(REAL_QUERIES)('%s', async (_name, query, variables) => {
    expectAnswered(await post(query, variables));
  });
});

/**
 * 12 levels deep, 6 interface fields, 2 of them nested, 27 aliases, 20 directives, padded to
 * the most tokens allowed: each limit's figure at or just under it.
 */
function atEveryLimit(): string {
  const deep = `deep: partner(id: "bbag") { activities(first: 1) { edges { node { presentedAt { host {
    activities(first: 1) { edges { node { presentedAt { participants { value } } } } } } } } } } }`;
  const fanOut = 'all: partners { nodes { name activities(first: 2) { nodes { title partner { name website } } } } }';
  const city =
    'city: partner(id: "miasto-sosnowiec") { ... on City { region } hostedMeetings { host { name website } } }';
  const directives = Array.from({ length: 20 }, (_, i) => `d${i}: network @include(if: true) { name }`).join(' ');
  return padded(`{ ${deep} ${fanOut} ${city} ${directives} ${aliases(7)}`, '}', DEFAULT_QUERY_LIMITS.maxTokens);
}

describe('each limit, at the gateway: just under is answered, just over is refused with its code', () => {
  const limits = DEFAULT_QUERY_LIMITS;

  test(`tokens: ${limits.maxTokens}`, async () => {
    const under = padded('{', '}', limits.maxTokens);
    expect(countTokens(under, Infinity)).toBe(limits.maxTokens);
    expectAnswered(await post(under));
    expectRefused(await post(`${under.slice(0, -1)} __typename }`), 'TOO_MANY_TOKENS', /more than 500 tokens/);
  });

  test(`depth: ${limits.maxDepth} levels`, async () => {
    const chain = `activities(first: 1) { edges { node { presentedAt { host {
       activities(first: 1) { edges { node { presentedAt { participants { value } } } } } } } } } }`;
    expectAnswered(await post(`{ partner(id: "bbag") { ${chain} } }`));
    expectRefused(
      await post(`{ partners(first: 1) { nodes { ${chain} } } }`),
      'QUERY_TOO_DEEP',
      /^The query nests fields 13 levels deep; at most 12 are allowed\.$/,
    );
  });

  test(`aliases: ${limits.maxAliases}`, async () => {
    expectAnswered(await post(`{ ${aliases(30)} }`));
    expectRefused(await post(`{ ${aliases(31)} }`), 'TOO_MANY_ALIASES', /31 aliases .* at most 30/);
  });

  test(`directives: ${limits.maxDirectives}`, async () => {
    expectAnswered(await post(`{ ${aliases(20, 'network @include(if: true) { name }')} }`));
    expectRefused(
      await post(`{ ${aliases(21, 'network @include(if: true) { name }')} }`),
      'TOO_MANY_DIRECTIVES',
      /21 directives .* at most 20/,
    );
  });

  test(`interface fields nested: ${limits.maxInterfaceDepth}`, async () => {
    expectAnswered(await post('{ partners { nodes { activities { nodes { partner { name } } } } } }'));
    expectRefused(
      await post('{ partners { nodes { activities { nodes { partner { hostedMeetings { host { name } } } } } } } }'),
      'INTERFACES_TOO_DEEP',
      /interface or union type \(such as Partner\) 3 deep; .* at most 2 are allowed/,
    );
  });

  test(`interface fields: ${limits.maxInterfaceFields}`, async () => {
    const twoEach = (id: string) =>
      `p${id.replace(/-/g, '_')}: partner(id: "${id}") { name activities(first: 1) { nodes { partner { name } } } }`;
    const six = ['bbag', 'gemma-villach', 'miasto-sosnowiec'].map(twoEach).join(' ');
    expectAnswered(await post(`{ ${six} }`));
    expectRefused(
      await post(`{ ${six} more: partner(id: "maison-europe-nimes") { name } }`),
      'TOO_MANY_INTERFACE_FIELDS',
      /selects 7 fields of an interface or union type/,
    );
  });

  test(`cost: ${limits.maxCost}, checked with each request's variables`, async () => {
    // 1 + 100 × (1 + 1 + $m × (1 + 39)): $m = 99 costs 396,201 and $m = 100 costs 400,201.
    const fields = `id kind theme title description startsOn endsOn town demo version ${Array.from(
      { length: 29 },
      (_, i) => `t${i}: title`,
    ).join(' ')}`;
    const query = `query ($m: Int) { partners(first: 100) { nodes { activities(first: $m) { nodes { ${fields} } } } } }`;
    expectAnswered(await post(query, { m: 99 }));
    // The same document again: Apollo has it parsed and validated, and the cost is still checked.
    expectRefused(
      await post(query, { m: 100 }),
      'QUERY_TOO_COSTLY',
      /^The query could return up to 400201 values; at most 400000 are allowed\. Ask for smaller pages/,
    );
  });

  test(`fragments: at most ${limits.maxExpandedSelections} selections once spread`, async () => {
    const fragments = (levels: number) =>
      Array.from({ length: levels }, (_, i) => `fragment F${i} on Partner { ...F${i + 1} ...F${i + 1} }`).join(' ');
    // 1 + 1 + 3 × 2^9 - 2 + ... : the 8-level fan-out stays under, the 9-level one does not.
    expectAnswered(
      await post(`{ partners(first: 1) { nodes { ...F0 } } } ${fragments(8)} fragment F8 on Partner { id }`),
    );
    expectRefused(
      await post(`{ partners(first: 1) { nodes { ...F0 } } } ${fragments(9)} fragment F9 on Partner { id }`),
      'QUERY_TOO_COSTLY',
      /expands to more than 1000 selections once its fragments are spread/,
    );
  });

  test('a query just under every limit at once is answered: its calls to the subgraphs pass theirs', async () => {
    const answer = await post(atEveryLimit());
    expectAnswered(answer);
    const data = answer.body.data as {
      all: { nodes: { activities: { nodes: { partner: { website: unknown } }[] } }[] };
    };
    expect(data.all.nodes.flatMap((node) => node.activities.nodes).length).toBeGreaterThan(8);
  });
});

// The hostile documents of issue 7 and others like them, and the costliest documents the
// limits still let through. Each is sent three times (with a different comment, so that
// nothing is cached) and the median of this process's CPU is printed with the answer's size.
const fanOut = (levels: number) =>
  [
    '{ partners { nodes { ...F0 } } }',
    ...Array.from({ length: levels }, (_, i) => `fragment F${i} on Partner { name ...F${i + 1} ...F${i + 1} }`),
    `fragment F${levels} on Partner { name activities { nodes { title } } }`,
  ].join(' ');
function cycle(hops: number): string {
  let inner = 'name';
  for (let i = 0; i < hops; i += 1) inner = `activities { nodes { presentedAt { host { ${inner} } } } }`;
  return `{ partner(id: "bbag") { ${inner} } }`;
}
const chain = (n: number) =>
  `{ ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} }`).join(' ')} fragment F${n} on Query { __typename }`;
const typenames = (bytes: number) =>
  `{ ${Array.from({ length: Math.ceil(bytes / 16) }, (_, i) => `a${i}: __typename`).join(' ')} }`;
const interfaces3 = (i: number) =>
  `a${i}: partner(id: "bbag") { activities(first: 1) { nodes { partner { hostedMeetings { host { website } } } } } }`;
const MAX_TOKENS = DEFAULT_QUERY_LIMITS.maxTokens;

const HOSTILE: [string, string, string[]][] = [
  ['a cycle ten hops deep (issue 7: 142 s, 4.3 GB)', cycle(10), ['QUERY_TOO_DEEP']],
  ['a cycle two hops deep', cycle(2), ['INTERFACES_TOO_DEEP']],
  ['fragments fanning out 30 levels (issue 7: 31 s)', fanOut(30), ['QUERY_TOO_COSTLY']],
  [
    '1,000 aliases on partners { activities } (issue 7: 24 s)',
    `{ ${aliases(1000, 'partners { nodes { activities { totalCount } } }')} }`,
    ['TOO_MANY_TOKENS'],
  ],
  [
    '10 MB of aliased __typename (issue 7: answered)',
    typenames(10 * 1024 * 1024),
    ['TOO_MANY_TOKENS', 'PAYLOAD_TOO_LARGE'],
  ],
  ['200 KB of aliased __typename', typenames(200 * 1024), ['TOO_MANY_TOKENS']],
  ['1,000 directives on one field', `{ network { name ${'@include(if: true) '.repeat(1000)}} }`, ['TOO_MANY_TOKENS']],
  ['25 directives', `{ ${aliases(25, 'network @skip(if: false) { name }')} }`, ['TOO_MANY_DIRECTIVES']],
  ['a chain of 5,000 fragments', chain(5000), ['TOO_MANY_TOKENS']],
  [
    '1,000 operations',
    Array.from({ length: 1000 }, (_, i) => `query q${i} { __typename }`).join(' '),
    ['TOO_MANY_TOKENS'],
  ],
  [
    'interfaces 3 deep, 3 times (1.4 s to plan)',
    `{ ${[0, 1, 2].map(interfaces3).join(' ')} }`,
    ['INTERFACES_TOO_DEEP'],
  ],
  [
    'interfaces 4 deep (over 40 s and 1.5 GB to plan)',
    `{ partners { nodes { activities { nodes { presentedAt { host { activities { nodes { partner {
       hostedMeetings { host { website } } } } } } } } } } } }`,
    ['INTERFACES_TOO_DEEP'],
  ],
  [
    'introspection nested in itself',
    '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
    ['GRAPHQL_VALIDATION_FAILED'],
  ],
  [
    'fragments spreading each other',
    '{ partners { nodes { ...A } } } fragment A on Partner { name ...B } fragment B on Partner { town ...A }',
    ['GRAPHQL_VALIDATION_FAILED'],
  ],
  [
    `one field repeated to ${MAX_TOKENS} tokens, and a typo`,
    padded('{ nope', '}', MAX_TOKENS),
    ['GRAPHQL_VALIDATION_FAILED'],
  ],
  [
    'a list value nested to the token limit',
    `{ partners(filter: {type: ${'['.repeat(MAX_TOKENS / 2 - 10)}CITY${']'.repeat(MAX_TOKENS / 2 - 10)}}) { totalCount } }`,
    ['GRAPHQL_VALIDATION_FAILED'],
  ],
];

const ANSWERED: [string, string][] = [
  ["the dashboard's activities (the costliest real query)", REAL_QUERIES[3][1]],
  ['every limit at once', atEveryLimit()],
  [
    '6 interface fields, 2 nested, across the subgraphs',
    `{ ${['bbag', 'gemma-villach', 'miasto-sosnowiec']
      .map(
        (id, i) =>
          `p${i}: partner(id: "${id}") { website activities(first: 1) { nodes { presentedAt { host { website } } } } }`,
      )
      .join(' ')} }`,
  ],
  [`__typename repeated to ${MAX_TOKENS} tokens`, `{ ${'__typename '.repeat(MAX_TOKENS - 2)}}`],
  [`one field repeated to ${MAX_TOKENS} tokens`, padded('{', '}', MAX_TOKENS)],
  ['a chain of fragments to the token limit', chain(Math.floor((MAX_TOKENS - 12) / 8))],
];

const figures: string[] = [];
afterAll(() => {
  process.stdout.write(
    [
      'CPU of this process, ms (median of 3)  answer bytes  document (bytes)  result',
      ...figures.sort((a, b) => parseFloat(b) - parseFloat(a)),
    ].join('\n') + '\n',
  );
});

async function measured(name: string, query: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let run = 0; run < 3; run += 1) answers.push(await post(`${query}\n# ${run}`));
  const median = answers.map((answer) => answer.cpuMs).sort((a, b) => a - b)[1];
  const result = codes(answers[1].body)[0] ?? 'answered';
  figures.push(
    `${median.toFixed(1).padStart(6)}  ${String(answers[1].bytes).padStart(6)}  ${name} (${Buffer.byteLength(query)})  ${String(result)}`,
  );
  return answers;
}

describe('hostile documents are refused before anything is planned', () => {
  test.each(HOSTILE)('%s', async (name, query, expected) => {
    for (const answer of await measured(name, query)) {
      expect(expected).toContain(codes(answer.body)[0]);
      expect(answer.body.errors).toHaveLength(1);
      expect([400, 413]).toContain(answer.status);
      expect(answer.body.data ?? undefined).toBeUndefined();
      expectNoLeaks(answer.body);
    }
  });
});

describe('the costliest documents within the limits are answered', () => {
  test.each(ANSWERED)('%s', async (name, query) => {
    for (const answer of await measured(name, query)) expectAnswered(answer);
  });
});

describe('no suggestion reveals the schema', () => {
  test.each([
    ['a field', '{ partners { nodes { nme } } }', 'Cannot query field "nme" on type "Partner".'],
    ['a field of one type only', '{ partners { nodes { region } } }', 'Cannot query field "region" on type "Partner".'],
    ['an argument', '{ partners(firs: 1) { totalCount } }', 'Unknown argument "firs" on field "Query.partners".'],
    [
      'an enum value',
      '{ meetings(filter: {theme: TOLERANC}) { totalCount } }',
      'Value "TOLERANC" does not exist in "Theme" enum.',
    ],
    ['a type', '{ partners { nodes { ... on Cty { id } } } }', 'Unknown type "Cty".'],
  ])('%s, at the gateway and at a subgraph', async (_name, query, message) => {
    for (const url of [graph.url, subgraphUrl()]) {
      const answer = await post(query, undefined, url);
      expect(answer.status).toBe(400);
      expect(answer.body.errors![0].message).toBe(message);
      expect(JSON.stringify(answer.body)).not.toMatch(/Did you mean/);
    }
  });

  test('a variable with a misspelt input field', async () => {
    const answer = await post(
      'query ($f: ActivityFilter) { partners { nodes { activities(filter: $f) { totalCount } } } }',
      { f: { thme: 'PEACE' } },
    );
    expect(answer.body.errors![0].message).toMatch(/Field "thme" is not defined by type "ActivityFilter"\.$/);
    expect(JSON.stringify(answer.body)).not.toMatch(/Did you mean/);
    expectNoLeaks(answer.body);
  });
});

describe('a subgraph called directly has limits of its own', () => {
  const limits = SUBGRAPH_QUERY_LIMITS;
  const direct = (query: string, variables?: Record<string, unknown>) => post(query, variables, subgraphUrl());

  test('what the gateway sends it passes (the whole graph above answers through it)', async () => {
    expectAnswered(await direct('{ partners { nodes { name hostedMeetings { host { name } } } } }'));
  });

  test.each([
    ['tokens', () => padded('{', '}', limits.maxTokens + 1), 'TOO_MANY_TOKENS'],
    [
      'depth',
      () => `{ partner(id: "bbag") { hostedMeetings { delegations { partner { hostedMeetings { delegations { partner {
         hostedMeetings { delegations { partner { hostedMeetings { participants { value } } } } } } } } } } } } }`,
      'QUERY_TOO_DEEP',
    ],
    ['aliases', () => `{ ${aliases(limits.maxAliases + 1)} }`, 'TOO_MANY_ALIASES'],
    [
      'directives',
      () => `{ ${aliases(limits.maxDirectives + 1, 'network @include(if: true) { name }')} }`,
      'TOO_MANY_DIRECTIVES',
    ],
    [
      'interface nesting',
      () => `{ partner(id: "bbag") { hostedMeetings { host { hostedMeetings { host { hostedMeetings { host {
         hostedMeetings { host { id } } } } } } } } } }`,
      'INTERFACES_TOO_DEEP',
    ],
    [
      'interface fields',
      () => `{ ${aliases(limits.maxInterfaceFields + 1, 'partner(id: "bbag") { id }')} }`,
      'TOO_MANY_INTERFACE_FIELDS',
    ],
    ['fragments', () => fanOut(12), 'QUERY_TOO_COSTLY'],
  ])('%s', async (_limit, query, code) => {
    expectRefused(await direct(query()), code);
  });

  test('the cost of _entities counts each representation', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Partner { name hostedMeetings { title delegations { count } } } } }`;
    const representations = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Foundation', id: 'bbag' }));
    // 1 + n × (1 + 1 + 50 × (1 + 1 + 50 × 1)): 8 cost 20,817, 200 cost 520,401
    expectAnswered(await direct(query, { r: representations(8) }));
    expectRefused(await direct(query, { r: representations(200) }), 'QUERY_TOO_COSTLY', /up to 520401 values/);
  });
});
