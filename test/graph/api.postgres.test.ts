import { startGraph, type TestGraph } from '../support/graph';
import { codes, expectNoLeaks } from '../support/leaks';

// Every root field and filter of the public contract (docs/API.md, version 1), through the
// gateway, checked against the built-in dataset of the real network.

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph('api');
});
afterAll(() => graph?.stop());

async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await graph.query<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

const PARTNER_NAMES_BY_NAME = [
  'Berlin-Brandenburgische Auslandsgesellschaft e.V.',
  'Centre européen Robert Schuman',
  'Europski dom Dubrovnik',
  "Maison de l'Europe de Nîmes",
  "Maison de l'Europe des Yvelines",
  'Miasto Sosnowiec',
  'Polska Fundacja im. Roberta Schumana',
  'Verein GEMMA',
];

describe('network', () => {
  test('describes the network with its countries, partner count and funding', async () => {
    const { network } = await data<{ network: Record<string, unknown> }>(
      `{ network { name title startsOn endsOn themes countries partnerCount funding { programme strand measure } } }`,
    );
    expect(network).toMatchObject({
      name: 'CitiPart',
      startsOn: '2015-09-27',
      endsOn: '2017-09-26',
      themes: ['SOLIDARITY', 'TOLERANCE', 'PEACE'],
      countries: ['AT', 'DE', 'FR', 'HR', 'PL'],
      partnerCount: 8,
    });
    expect(network.title).toMatch(/extremism and populism/);
    expect(network.funding).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ programme: 'Europe for Citizens', measure: 'Measure 2.2: Networks of towns' }),
        expect.objectContaining({ strand: 'Strand 1: European remembrance', measure: null }),
      ]),
    );
  });
});

describe('partners', () => {
  test('lists the 8 partners by official name, with type, country, town, role and legal form', async () => {
    const { partners } = await data<{ partners: { totalCount: number; nodes: Record<string, string>[] } }>(
      `{ partners { totalCount nodes { id __typename type name countryCode town role legalForm } } }`,
    );
    expect(partners.totalCount).toBe(8);
    expect(partners.nodes.map((partner) => partner.name)).toEqual(PARTNER_NAMES_BY_NAME);
    const byId = Object.fromEntries(partners.nodes.map((partner) => [partner.id, partner]));
    expect(byId['maison-europe-yvelines']).toMatchObject({
      __typename: 'EuropeanHouse',
      type: 'EUROPEAN_HOUSE',
      countryCode: 'FR',
      town: 'Saint-Germain-en-Laye',
      role: 'COORDINATOR',
      legalForm: 'ASSOCIATION',
    });
    expect(byId['miasto-sosnowiec']).toMatchObject({
      __typename: 'City',
      legalForm: 'MUNICIPALITY',
      countryCode: 'PL',
    });
    expect(byId['bbag']).toMatchObject({ __typename: 'Foundation', legalForm: 'ASSOCIATION', town: 'Potsdam' });
    expect(byId['gemma-villach']).toMatchObject({ __typename: 'YouthAssociation', countryCode: 'AT' });
    expect(partners.nodes.filter((partner) => partner.role === 'COORDINATOR')).toHaveLength(1);
  });

  test.each([
    [
      { type: 'EUROPEAN_HOUSE' },
      ['centre-europeen-robert-schuman', 'europski-dom-dubrovnik', 'maison-europe-nimes', 'maison-europe-yvelines'],
    ],
    [{ type: 'CITY' }, ['miasto-sosnowiec']],
    [{ type: 'FOUNDATION' }, ['bbag', 'polska-fundacja-roberta-schumana']],
    [{ type: 'YOUTH_ASSOCIATION' }, ['gemma-villach']],
    [{ countryCode: 'PL' }, ['miasto-sosnowiec', 'polska-fundacja-roberta-schumana']],
    [{ countryCode: 'FR' }, ['centre-europeen-robert-schuman', 'maison-europe-nimes', 'maison-europe-yvelines']],
    [{ type: 'FOUNDATION', countryCode: 'DE' }, ['bbag']],
    [{ countryCode: 'IT' }, []],
  ])('filter %j', async (filter, ids) => {
    const { partners } = await data<{ partners: { totalCount: number; nodes: { id: string }[] } }>(
      `query ($filter: PartnerFilter) { partners(filter: $filter) { totalCount nodes { id } } }`,
      { filter },
    );
    expect(partners.nodes.map((partner) => partner.id)).toEqual(ids);
    expect(partners.totalCount).toBe(ids.length);
  });

  test('partner(id) joins the roster with the partner-type subgraph', async () => {
    const { partner } = await data<{ partner: Record<string, unknown> }>(
      `{ partner(id: "europski-dom-dubrovnik") {
          id name countryCode website sources { url }
          hostedMeetings { id }
          ... on EuropeanHouse { europeDirectCentre }
          members { totalCount nodes { name kind } }
          activities { totalCount nodes { theme kind demo } }
      } }`,
    );
    expect(partner).toMatchObject({
      id: 'europski-dom-dubrovnik',
      name: 'Europski dom Dubrovnik',
      countryCode: 'HR',
      website: 'http://edd.hr',
      hostedMeetings: [],
      europeDirectCentre: false,
    });
    expect(partner.sources).toEqual([{ url: 'http://edd.hr/civilno-drustvo/91-zavrsio-projekt-citipart' }]);
    expect((partner.members as { totalCount: number }).totalCount).toBeGreaterThan(0);
  });

  test('an unknown partner is null, not an error', async () => {
    const response = await graph.query(`{ partner(id: "no-such-partner") { id name } }`);
    expect(response).toEqual({ data: { partner: null } });
  });

  test('hosts list the meetings they hosted', async () => {
    const { partner } = await data<{ partner: { hostedMeetings: { kind: string; town: string }[] } }>(
      `{ partner(id: "maison-europe-yvelines") { hostedMeetings { kind town } } }`,
    );
    expect(partner.hostedMeetings).toEqual([{ kind: 'KICK_OFF', town: 'Saint-Germain-en-Laye' }]);
  });
});

describe('meetings', () => {
  const MEETINGS = `
    query ($filter: MeetingFilter) {
      meetings(filter: $filter) {
        totalCount
        nodes {
          id kind theme title town countryCode startsOn endsOn
          host { id name }
          participants { value qualifier }
          delegations { count partner { id town } }
          sources { url }
        }
      }
    }`;
  type Meeting = {
    id: string;
    kind: string;
    theme: string | null;
    town: string;
    startsOn: string;
    host: { id: string };
    participants: { value: number; qualifier: string };
    delegations: { count: number; partner: { id: string; town: string } }[];
    sources: { url: string }[];
  };

  test('lists the 5 meetings in date order with hosts, qualified counts and sources', async () => {
    const { meetings } = await data<{ meetings: { totalCount: number; nodes: Meeting[] } }>(MEETINGS);
    expect(meetings.totalCount).toBe(5);
    expect(
      meetings.nodes.map((meeting) => [
        meeting.kind,
        meeting.theme,
        meeting.startsOn,
        meeting.host.id,
        meeting.participants,
      ]),
    ).toEqual([
      ['KICK_OFF', null, '2015-09-27', 'maison-europe-yvelines', { value: 55, qualifier: 'EXACT' }],
      [
        'THEMATIC',
        'SOLIDARITY',
        '2016-03-13',
        'polska-fundacja-roberta-schumana',
        { value: 52, qualifier: 'AT_LEAST' },
      ],
      ['THEMATIC', 'TOLERANCE', '2016-11-28', 'bbag', { value: 50, qualifier: 'AT_LEAST' }],
      ['THEMATIC', 'PEACE', '2017-02-27', 'centre-europeen-robert-schuman', { value: 54, qualifier: 'EXACT' }],
      ['CLOSING', null, '2017-09-13', 'gemma-villach', { value: 50, qualifier: 'ABOUT' }],
    ]);
    for (const meeting of meetings.nodes) expect(meeting.sources[0].url).toMatch(/^http:\/\/www\.citipart\.eu\//);
  });

  test('the kick-off lists its 55 delegates by partner', async () => {
    const { meetings } = await data<{ meetings: { nodes: Meeting[] } }>(MEETINGS, { filter: { kind: 'KICK_OFF' } });
    const [kickOff] = meetings.nodes;
    expect(kickOff.delegations.reduce((sum, delegation) => sum + delegation.count, 0)).toBe(55);
    expect(kickOff.delegations).toHaveLength(8);
    expect(kickOff.delegations[0]).toEqual({
      count: 32,
      partner: { id: 'maison-europe-yvelines', town: 'Saint-Germain-en-Laye' },
    });
    expect(
      Object.fromEntries(kickOff.delegations.map((delegation) => [delegation.partner.town, delegation.count])),
    ).toMatchObject({
      Potsdam: 5,
      Sosnowiec: 5,
      Warsaw: 3,
      Dubrovnik: 3,
      Villach: 3,
      Nîmes: 2,
      'Scy-Chazelles': 2,
    });
  });

  test.each([
    [{ theme: 'SOLIDARITY' }, ['Warsaw']],
    [{ kind: 'THEMATIC' }, ['Warsaw', 'Potsdam', 'Scy-Chazelles and Metz']],
    [{ kind: 'CLOSING' }, ['Villach']],
    [{ hostId: 'bbag' }, ['Potsdam']],
    [{ from: '2016-01-01', to: '2016-12-31' }, ['Warsaw', 'Potsdam']],
    [{ from: '2017-01-01' }, ['Scy-Chazelles and Metz', 'Villach']],
    [{ to: '2015-12-31' }, ['Saint-Germain-en-Laye']],
    [{ theme: 'PEACE', kind: 'KICK_OFF' }, []],
  ])('filter %j', async (filter, towns) => {
    const { meetings } = await data<{ meetings: { totalCount: number; nodes: Meeting[] } }>(MEETINGS, { filter });
    expect(meetings.nodes.map((meeting) => meeting.town)).toEqual(towns);
    expect(meetings.totalCount).toBe(towns.length);
  });

  test('meeting(id), and null for an unknown id', async () => {
    const { meeting } = await data<{ meeting: { title: string; host: { name: string } } }>(
      `{ meeting(id: "tolerance-potsdam-2016") { title host { name } } }`,
    );
    expect(meeting).toEqual({
      title: 'Multilateral meeting about tolerance in Potsdam',
      host: { name: 'Berlin-Brandenburgische Auslandsgesellschaft e.V.' },
    });
    expect(await graph.query(`{ meeting(id: "nope") { id } }`)).toEqual({ data: { meeting: null } });
  });
});

describe('activities and members across the network', () => {
  type Activity = {
    title: string;
    theme: string;
    kind: string;
    startsOn: string;
    demo: boolean;
    partner: { id: string; name: string };
    presentedAt: { id: string; theme: string | null } | null;
    sources: { url: string }[];
  };
  const ACTIVITIES = `
    query ($filter: ActivityFilter) {
      partners {
        nodes {
          id
          activities(filter: $filter) {
            totalCount
            nodes { title theme kind startsOn demo partner { id name } presentedAt { id theme } sources { url } }
          }
        }
      }
    }`;
  type Partners = { partners: { nodes: { id: string; activities: { totalCount: number; nodes: Activity[] } }[] } };

  test("the network-wide fan-out: every partner's tolerance activities, with the partner's name", async () => {
    const { partners } = await data<{
      partners: { nodes: { activities: { nodes: { title: string; partner: { name: string } }[] } }[] };
    }>(`{ partners { nodes { activities(filter: {theme: TOLERANCE}) { nodes { title partner { name } } } } } }`);
    const rows = partners.nodes.flatMap((partner) => partner.activities.nodes);
    expect(new Set(rows.map((row) => row.partner.name))).toEqual(new Set(PARTNER_NAMES_BY_NAME));
    expect(rows).toContainEqual({ title: "TOLER'ACTION", partner: { name: "Maison de l'Europe des Yvelines" } });
  });

  test('every partner has a demo activity per theme, presented at that theme’s meeting', async () => {
    const { partners } = await data<Partners>(ACTIVITIES);
    expect(partners.nodes).toHaveLength(8);
    for (const partner of partners.nodes) {
      const demo = partner.activities.nodes.filter((activity) => activity.demo);
      expect(demo.map((activity) => [activity.theme, activity.kind]).sort()).toEqual([
        ['PEACE', 'BOOKLET_TEXT'],
        ['SOLIDARITY', 'STREET_SURVEY'],
        ['TOLERANCE', 'FORUM_THEATRE'],
      ]);
      for (const activity of partner.activities.nodes) {
        expect(activity.partner.id).toBe(partner.id);
        expect(activity.presentedAt?.theme).toBe(activity.theme);
      }
      for (const activity of demo) expect(activity.sources).toEqual([]);
      const dates = partner.activities.nodes.map((activity) => activity.startsOn);
      expect(dates).toEqual([...dates].sort());
    }
  });

  test("the documented TOLER'ACTION forum theatre is not demo data and has its source", async () => {
    const { partners } = await data<Partners>(ACTIVITIES, {
      filter: { theme: 'TOLERANCE', kind: 'FORUM_THEATRE', from: '2016-09-01', to: '2016-09-30' },
    });
    const rows = partners.nodes.flatMap((partner) => partner.activities.nodes);
    expect(rows).toEqual([
      expect.objectContaining({
        title: "TOLER'ACTION",
        startsOn: '2016-09-03',
        demo: false,
        presentedAt: { id: 'tolerance-potsdam-2016', theme: 'TOLERANCE' },
        sources: [{ url: 'https://archives.maisoneurope78.eu/CitiPart_local_tolerance.html' }],
      }),
    ]);
  });

  test.each([
    [{ theme: 'PEACE' }, (activity: Activity) => activity.theme === 'PEACE', 8],
    [{ kind: 'STREET_SURVEY' }, (activity: Activity) => activity.kind === 'STREET_SURVEY', 8],
    [{ from: '2017-01-01' }, (activity: Activity) => activity.startsOn >= '2017-01-01', 8],
    [{ to: '2016-03-01' }, (activity: Activity) => activity.startsOn <= '2016-03-01', 8],
    [
      { presentedAt: 'solidarity-warsaw-2016' },
      (activity: Activity) => activity.presentedAt?.id === 'solidarity-warsaw-2016',
      8,
    ],
    [
      { theme: 'PEACE', kind: 'FORUM_THEATRE' },
      (activity: Activity) => activity.theme === 'PEACE' && activity.kind === 'FORUM_THEATRE',
      0,
    ],
  ])('activity filter %j', async (filter, matches, expected) => {
    const { partners } = await data<Partners>(ACTIVITIES, { filter });
    const rows = partners.nodes.flatMap((partner) => partner.activities.nodes);
    expect(rows).toHaveLength(expected);
    expect(rows.every(matches)).toBe(true);
    expect(partners.nodes.reduce((sum, partner) => sum + partner.activities.totalCount, 0)).toBe(expected);
  });

  test('members: local organisations and fictional people, by name, marked as demo data', async () => {
    const { partners } = await data<{
      partners: {
        nodes: { members: { totalCount: number; nodes: { name: string; kind: string; demo: boolean }[] } }[];
      };
    }>(`{ partners { nodes { members { totalCount nodes { name kind demo } } } } }`);
    expect(partners.nodes).toHaveLength(8);
    for (const partner of partners.nodes) {
      const names = partner.members.nodes.map((member) => member.name);
      expect(names.length).toBeGreaterThan(0);
      expect(names).toEqual([...names].sort());
      expect(new Set(partner.members.nodes.map((member) => member.kind))).toEqual(new Set(['ORGANISATION', 'PERSON']));
      expect(partner.members.nodes.every((member) => member.demo)).toBe(true);
    }
  });
});

describe('pagination', () => {
  type Connection = {
    totalCount: number;
    edges: { cursor: string; node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
  const PAGE = `totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

  async function walk(fetchPage: (after: string | null) => Promise<Connection>): Promise<string[][]> {
    const pages: string[][] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard += 1) {
      const page = await fetchPage(after);
      pages.push(page.edges.map((edge) => edge.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) return pages;
      after = page.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  test('partners: pages of 3 cover all 8 in order, without duplicates or gaps', async () => {
    const all = await data<{ partners: Connection }>(`{ partners(first: 100) { ${PAGE} } }`);
    const pages = await walk(
      async (after) =>
        (
          await data<{ partners: Connection }>(
            `query ($after: String) { partners(first: 3, after: $after) { ${PAGE} } }`,
            { after },
          )
        ).partners,
    );
    expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
    expect(pages.flat()).toEqual(all.partners.edges.map((edge) => edge.node.id));
  });

  test('meetings: pages of 2, filtered, keep the filter and the date order', async () => {
    const pages = await walk(
      async (after) =>
        (
          await data<{ meetings: Connection }>(
            `query ($after: String) { meetings(first: 2, after: $after, filter: {from: "2016-01-01"}) { ${PAGE} } }`,
            { after },
          )
        ).meetings,
    );
    expect(pages).toEqual([
      ['solidarity-warsaw-2016', 'tolerance-potsdam-2016'],
      ['peace-scy-chazelles-2017', 'closing-villach-2017'],
    ]);
  });

  test("one partner's activities, one at a time, and members two at a time", async () => {
    const query = (field: string, first: number) =>
      `query ($after: String) { partner(id: "maison-europe-yvelines") { ${field}(first: ${first}, after: $after) { ${PAGE} } } }`;
    const full = await data<{ partner: { activities: Connection; members: Connection } }>(
      `{ partner(id: "maison-europe-yvelines") { activities(first: 100) { ${PAGE} } members(first: 100) { ${PAGE} } } }`,
    );
    const activityPages = await walk(
      async (after) =>
        (await data<{ partner: { activities: Connection } }>(query('activities', 1), { after })).partner.activities,
    );
    // TOLER'ACTION and a demo activity per theme; two organisations and a person who consented.
    expect([full.partner.activities.totalCount, full.partner.members.totalCount]).toEqual([4, 3]);
    expect(activityPages.map((page) => page.length)).toEqual([1, 1, 1, 1]);
    expect(activityPages.flat()).toEqual(full.partner.activities.edges.map((edge) => edge.node.id));
    const memberPages = await walk(
      async (after) =>
        (await data<{ partner: { members: Connection } }>(query('members', 2), { after })).partner.members,
    );
    expect(memberPages.map((page) => page.length)).toEqual([2, 1]);
    expect(memberPages.flat()).toEqual(full.partner.members.edges.map((edge) => edge.node.id));
  });

  test('first: 0 gives counts and no nodes', async () => {
    const { partners } = await data<{ partners: Connection }>(`{ partners(first: 0) { ${PAGE} } }`);
    expect(partners).toMatchObject({
      totalCount: 8,
      edges: [],
      pageInfo: { hasNextPage: true, hasPreviousPage: false },
    });
  });

  test('a page after the last item is empty', async () => {
    const { partners } = await data<{ partners: Connection }>(`{ partners(first: 100) { ${PAGE} } }`);
    const { partners: after } = await data<{ partners: Connection }>(
      `query ($after: String) { partners(after: $after) { ${PAGE} } }`,
      { after: partners.pageInfo.endCursor },
    );
    expect(after).toMatchObject({ totalCount: 8, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
  });
});

describe('errors', () => {
  test.each([
    ['first above 100', `{ partners(first: 101) { totalCount } }`, /"first" must be an integer from 0 to 100; got 101/],
    ['negative first', `{ meetings(first: -1) { totalCount } }`, /"first" must be an integer from 0 to 100; got -1/],
    ['first on a nested list', `{ partners { nodes { activities(first: 500) { totalCount } } } }`, /got 500/],
    ['malformed cursor', `{ partners(after: "not a cursor") { totalCount } }`, /"after" is not a cursor/],
    ['well-formed base64 that is not a cursor', `{ meetings(after: "e30") { totalCount } }`, /"after" is not a cursor/],
    [
      'malformed nested cursor',
      `{ partners { nodes { members(after: "Zm9v") { totalCount } } } }`,
      /"after" is not a cursor/,
    ],
    [
      'unknown country code',
      `{ partners(filter: {countryCode: "XX"}) { totalCount } }`,
      /CountryCode must be an ISO 3166-1 alpha-2 code/,
    ],
    ['lower-case country code', `{ partners(filter: {countryCode: "hr"}) { totalCount } }`, /CountryCode/],
    ['impossible date', `{ meetings(filter: {from: "2016-02-30"}) { totalCount } }`, /does not exist/],
    ['malformed date', `{ partners { nodes { activities(filter: {to: "March 2016"}) { totalCount } } } }`, /ISO 8601/],
  ])('%s is BAD_USER_INPUT with a clear message', async (_name, query, message) => {
    const response = await graph.query(query);
    expect(codes(response)[0]).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(message);
    expectNoLeaks(response);
  });

  test('a bad country code sent as a variable is BAD_USER_INPUT too', async () => {
    const response = await graph.query(
      `query ($c: CountryCode) { partners(filter: {countryCode: $c}) { totalCount } }`,
      {
        c: 'ZZ',
      },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expectNoLeaks(response);
  });

  test('the message names the bad argument, and nothing is returned for it', async () => {
    const response = await graph.query(`{ partners(first: 1000) { totalCount } }`);
    expect(response.data ?? null).toBeNull();
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('with one partner-type subgraph down, a network-wide list keeps the other partners', async () => {
    const FANOUT = `{ partners { nodes { name activities { totalCount } } } }`;
    const response = await graph.withSubgraphDown('cities', () =>
      graph.query<{ partners: { nodes: { name: string; activities: { totalCount: number } | null }[] } }>(FANOUT),
    );
    const nodes = response.data!.partners.nodes;
    expect(nodes).toHaveLength(8);
    expect(nodes.filter((partner) => partner.activities === null).map((partner) => partner.name)).toEqual([
      'Miasto Sosnowiec',
    ]);
    expect(nodes.filter((partner) => (partner.activities?.totalCount ?? 0) > 0)).toHaveLength(7);
    expect(codes(response)).toEqual(['SERVICE_UNAVAILABLE']);
    expectNoLeaks(response);
  });

  test('a subgraph that is down gives a partial answer and an error without its address', async () => {
    const CITIES = `{ partners(filter: {type: CITY}) { nodes { name ... on City { region } } } }`;
    const response = await graph.withSubgraphDown('cities', () => graph.query(CITIES));
    expect(response.data).toEqual({ partners: { nodes: [{ name: 'Miasto Sosnowiec', region: null }] } });
    expect(codes(response)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(response.errors![0].message).toMatch(/^The cities service is unavailable/);
    expectNoLeaks(response);
    // The null came from the outage: with the subgraph back, the same query has the region.
    expect(await graph.query(CITIES)).toEqual({
      data: { partners: { nodes: [{ name: 'Miasto Sosnowiec', region: 'Silesian Voivodeship' }] } },
    });
  });
});
