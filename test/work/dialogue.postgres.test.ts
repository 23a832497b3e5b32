import { Client } from 'pg';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { callers } from '../support/callers';
import { tableChecksums } from '../support/checksum';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph';
import { codes, expectNoLeaks } from '../support/leaks';

// The network's part of the work (API v3) through the gateway: the common questionnaire, the
// meetings' conclusions and the cooperations agreed at the closing meeting; reading them in
// a constant number of statements, and writing them under version 2's rules.

let graph: TestGraph;
let tokens: Awaited<ReturnType<typeof callers>>;
const SCHEMAS = SUBGRAPHS.map((subgraph) => subgraph.defaultSchema);
/** The network subgraph's statements while `counting`. */
let statements: string[] = [];
let counting = false;

beforeAll(async () => {
  graph = await startGraph('dialogue', {
    onSql: (subgraph, sql) => {
      if (counting && subgraph === 'network') statements.push(sql);
    },
  });
  tokens = await callers(graph);
});
afterAll(() => graph?.stop());

async function ok<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await graph.query<T>(query, variables, token);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const client = new Client({ connectionString: graph.databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql, params)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** The network subgraph's statements for one query, and its answer. */
async function measure<T>(query: string): Promise<{ statements: string[]; data: T }> {
  statements = [];
  counting = true;
  const response = await graph.query<T>(query);
  counting = false;
  expect(response.errors).toBeUndefined();
  return { statements, data: response.data as T };
}

const MEETING = {
  kickOff: 'kick-off-saint-germain-en-laye-2015',
  solidarity: 'solidarity-warsaw-2016',
  tolerance: 'tolerance-potsdam-2016',
  peace: 'peace-scy-chazelles-2017',
  closing: 'closing-villach-2017',
};

type Question = { id: string; theme: string; text: string; demo: boolean; originalLocale: string };
const QUESTIONNAIRE = `{ network { version questionnaire { id theme text demo originalLocale } } }`;

describe('reading', () => {
  test('the common questionnaire: four demo questions in order, in any language', async () => {
    const { network } = await ok<{ network: { questionnaire: Question[] } }>(QUESTIONNAIRE);
    expect(network.questionnaire).toEqual([
      {
        id: 'q-solidarity-1',
        theme: 'SOLIDARITY',
        text: 'What does solidarity between Europeans mean to you?',
        demo: true,
        originalLocale: 'EN',
      },
      {
        id: 'q-solidarity-2',
        theme: 'SOLIDARITY',
        text: 'Have you helped someone from another EU country in the past year?',
        demo: true,
        originalLocale: 'EN',
      },
      {
        id: 'q-tolerance-1',
        theme: 'TOLERANCE',
        text: 'Have you witnessed intolerance towards someone in your town in the past year?',
        demo: true,
        originalLocale: 'EN',
      },
      {
        id: 'q-peace-1',
        theme: 'PEACE',
        text: 'Do you think peace in Europe can be taken for granted?',
        demo: true,
        originalLocale: 'EN',
      },
    ]);

    const croatian = await ok<{ network: { questionnaire: { id: string; text: string }[] } }>(
      `{ network { questionnaire { id text(locale: HR) } } }`,
    );
    expect(croatian.network.questionnaire[0]).toEqual({
      id: 'q-solidarity-1',
      text: 'Što za vas znači solidarnost među Europljanima?',
    });
    // Every question is in all five languages.
    const all = await ok<{ network: { questionnaire: { translations: { locale: string }[] }[] } }>(
      `{ network { questionnaire { translations { locale } } } }`,
    );
    for (const question of all.network.questionnaire) {
      expect(question.translations.map((translation) => translation.locale)).toEqual(['EN', 'HR', 'FR', 'DE', 'PL']);
    }
    // The request's language (Accept-Language) applies as well.
    const german = await postGraphQL<{ network: { questionnaire: { text: string }[] } }>(
      graph.url,
      `{ network { questionnaire { text } } }`,
      {},
      { 'accept-language': 'de-AT' },
    );
    expect(german.data!.network.questionnaire[3].text).toBe(
      'Glauben Sie, dass der Frieden in Europa selbstverständlich ist?',
    );
  });

  test('a question is an entity: partners’ survey questions refer to it, and an unknown id resolves to null', async () => {
    const network = graph.subgraphs.get('network')!.url;
    const response = await postGraphQL<{ _entities: ({ id: string; theme: string; text: string } | null)[] }>(
      network,
      `{ _entities(representations: [
          {__typename: "NetworkQuestion", id: "q-peace-1"},
          {__typename: "NetworkQuestion", id: "q-removed-long-ago"}
        ]) { ... on NetworkQuestion { id theme text(locale: PL) } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([
      { id: 'q-peace-1', theme: 'PEACE', text: 'Czy uważa Pan/Pani, że pokój w Europie jest dany raz na zawsze?' },
      null,
    ]);
  });

  test('conclusions: two or three per thematic meeting, in order, demo; none for the others', async () => {
    type Conclusions = {
      meeting: {
        conclusions: {
          id: string;
          theme: string | null;
          problem: string;
          proposal: string;
          followUp: string | null;
          demo: boolean;
          version: number;
        }[];
      };
    };
    const query = `query ($id: ID!) { meeting(id: $id) { conclusions { id theme problem proposal followUp demo version } } }`;
    const solidarity = await ok<Conclusions>(query, { id: MEETING.solidarity });
    expect(solidarity.meeting.conclusions.map((conclusion) => conclusion.id)).toEqual([
      'solidarity-warsaw-2016-conclusion-1',
      'solidarity-warsaw-2016-conclusion-2',
    ]);
    expect(solidarity.meeting.conclusions[0]).toEqual({
      id: 'solidarity-warsaw-2016-conclusion-1',
      theme: 'SOLIDARITY',
      problem:
        'Citizens hear about solidarity between EU countries mostly when governments disagree, and rarely see what it means in their own town.',
      proposal:
        "Show local examples of European solidarity, such as town twinning, volunteering and jointly funded projects, in a public exhibition and on the town's web site.",
      followUp: 'Each partner collects three local examples for the tolerance meeting in Potsdam (sample data).',
      demo: true,
      version: 1,
    });
    const counts: Record<string, number> = {};
    for (const id of Object.values(MEETING)) {
      const { meeting } = await ok<Conclusions>(query, { id });
      counts[id] = meeting.conclusions.length;
      const themes = new Set(meeting.conclusions.map((conclusion) => conclusion.theme));
      expect(meeting.conclusions.every((conclusion) => conclusion.demo)).toBe(true);
      expect(themes.size).toBeLessThanOrEqual(1);
    }
    expect(counts).toEqual({
      [MEETING.kickOff]: 0,
      [MEETING.solidarity]: 2,
      [MEETING.tolerance]: 3,
      [MEETING.peace]: 2,
      [MEETING.closing]: 0,
    });
    const french = await ok<{ meeting: { conclusions: { problem: string; followUp: string }[] } }>(
      `{ meeting(id: "${MEETING.peace}") { conclusions { problem(locale: FR) followUp(locale: FR) } } }`,
    );
    expect(french.meeting.conclusions[1]).toEqual({
      problem: 'Les discours populistes présentent de nouveau les nations voisines comme une menace.',
      followUp: "Les partenaires proposent de tels témoignages à leurs journaux locaux (données d'exemple).",
    });
  });

  test('cooperations: two agreed at Villach, with their partners in order as roster entries', async () => {
    const { network } = await ok<{
      network: {
        cooperations: {
          id: string;
          title: string;
          description: string;
          demo: boolean;
          agreedAt: { id: string; kind: string } | null;
          partners: { __typename: string; id: string; name: string; website: string | null }[];
        }[];
      };
    }>(
      `{ network { cooperations { id title description demo agreedAt { id kind } partners { __typename id name website } } } }`,
    );
    expect(
      network.cooperations.map(({ id, demo, agreedAt, partners }) => ({
        id,
        demo,
        agreedAt,
        partners: partners.map((partner) => `${partner.__typename}:${partner.id}`),
      })),
    ).toEqual([
      {
        id: 'villach-2017-forum-theatre-exchange',
        demo: true,
        agreedAt: { id: MEETING.closing, kind: 'CLOSING' },
        partners: ['YouthAssociation:gemma-villach', 'EuropeanHouse:maison-europe-yvelines', 'Foundation:bbag'],
      },
      {
        id: 'villach-2017-schuman-school-visits',
        demo: true,
        agreedAt: { id: MEETING.closing, kind: 'CLOSING' },
        partners: ['EuropeanHouse:centre-europeen-robert-schuman', 'Foundation:polska-fundacja-roberta-schumana'],
      },
    ]);
    expect(network.cooperations[0].title).toBe('Youth exchange on forum theatre');
    expect(network.cooperations[0].description).toMatch(/\(sample data\)\.$/);
    // The partners are the roster's: their other subgraphs answer for them too.
    expect(network.cooperations[0].partners[0]).toEqual(
      expect.objectContaining({ name: 'Verein GEMMA', website: expect.any(String) }),
    );
    const polish = await ok<{ network: { cooperations: { title: string }[] } }>(
      `{ network { cooperations { title(locale: PL) } } }`,
    );
    expect(polish.network.cooperations.map((cooperation) => cooperation.title)).toEqual([
      'Wymiana młodzieży wokół teatru forum',
      'Wizyty szkolne w miejscach pamięci europejskiej',
    ]);
  });

  test('the conclusions of all meetings, and the partners of all cooperations, take the same statements however many there are', async () => {
    const MEETINGS = `{ meetings(first: 100) { nodes { id conclusions { problem } } } }`;
    const COOPERATIONS = `{ network { cooperations { title partners { name } agreedAt { title } } } }`;
    type Meetings = { meetings: { nodes: { conclusions: unknown[] }[] } };
    type Cooperations = { network: { cooperations: { partners: unknown[] }[] } };
    const conclusionsOf = (data: Meetings) => data.meetings.nodes.reduce((n, m) => n + m.conclusions.length, 0);

    const seeded = await measure<Meetings>(MEETINGS);
    const seededCooperations = await measure<Cooperations>(COOPERATIONS);
    expect(conclusionsOf(seeded.data)).toBe(7);
    // One statement reads the conclusions of every meeting on the page.
    expect(seeded.statements.filter((sql) => /from "network"\."conclusion"/.test(sql))).toHaveLength(1);
    // One reads the partners of every cooperation, joined to the roster.
    expect(seededCooperations.statements.filter((sql) => /"cooperation_partner"/.test(sql))).toHaveLength(1);

    // Ten more meetings with three conclusions each, and five more cooperations.
    for (let index = 0; index < 10; index += 1) {
      const { createMeeting } = await ok<{ createMeeting: { id: string } }>(
        `mutation ($title: String!) { createMeeting(input: {kind: THEMATIC, theme: PEACE, title: $title, town: "Metz", countryCode: "FR", startsOn: "2018-0${(index % 9) + 1}-01", endsOn: "2018-0${(index % 9) + 1}-02", hostId: "centre-europeen-robert-schuman", participants: {value: 20, qualifier: ABOUT}}) { id } }`,
        { title: `Follow-up meeting ${index}` },
        tokens.admin,
      );
      for (let n = 0; n < 3; n += 1) {
        await ok(
          `mutation ($meetingId: ID!) { addMeetingConclusion(meetingId: $meetingId, input: {theme: PEACE, problem: "Problem ${n}", proposal: "Proposal ${n}"}) { id } }`,
          { meetingId: createMeeting.id },
          tokens.admin,
        );
      }
    }
    for (let index = 0; index < 5; index += 1) {
      await ok(
        `mutation { createCooperation(input: {title: "Cooperation ${index}", partners: ["bbag", "miasto-sosnowiec", "europski-dom-dubrovnik"], agreedAt: "${MEETING.closing}"}) { id } }`,
        {},
        tokens.admin,
      );
    }
    const grown = await measure<Meetings>(MEETINGS);
    const grownCooperations = await measure<Cooperations>(COOPERATIONS);
    expect(conclusionsOf(grown.data)).toBe(7 + 30);
    expect(grownCooperations.data.network.cooperations).toHaveLength(7);
    expect(grown.statements).toHaveLength(seeded.statements.length);
    expect(grownCooperations.statements).toHaveLength(seededCooperations.statements.length);
    process.stdout.write(
      `network statements: ${seeded.statements.length} for ${seeded.data.meetings.nodes.length} meetings' conclusions, ` +
        `${grown.statements.length} for ${grown.data.meetings.nodes.length}; ` +
        `${seededCooperations.statements.length} for 2 cooperations with partners, ${grownCooperations.statements.length} for 7\n`,
    );
  });
});

describe('writing', () => {
  const CONCLUSION = `id version theme problem proposal followUp demo originalLocale`;
  const COOPERATION = `id version title description demo partners { id } agreedAt { id }`;

  type Conclusion = {
    id: string;
    version: number;
    theme: string | null;
    problem: string;
    proposal: string;
    followUp: string | null;
    demo: boolean;
    originalLocale: string;
  };
  type Cooperation = {
    id: string;
    version: number;
    title: string;
    description: string | null;
    demo: boolean;
    partners: { id: string }[];
    agreedAt: { id: string } | null;
  };

  const addConclusion = (input: Record<string, unknown>, meetingId = MEETING.closing, clientKey?: string) =>
    graph.query<{ addMeetingConclusion: Conclusion }>(
      `mutation ($meetingId: ID!, $input: ConclusionInput!, $clientKey: String) { addMeetingConclusion(meetingId: $meetingId, input: $input, clientKey: $clientKey) { ${CONCLUSION} } }`,
      { meetingId, input, clientKey },
      tokens.admin,
    );
  const createCooperation = (input: Record<string, unknown>, clientKey?: string) =>
    graph.query<{ createCooperation: Cooperation }>(
      `mutation ($input: CooperationInput!, $clientKey: String) { createCooperation(input: $input, clientKey: $clientKey) { ${COOPERATION} } }`,
      { input, clientKey },
      tokens.admin,
    );

  test('conclusions: the admin adds, changes and removes one; it comes after the meeting’s others', async () => {
    const added = await addConclusion({
      problem: 'Few citizens know where to bring their proposals after the project.',
      proposal: 'Each partner names a contact person for proposals.',
    });
    expect(added.errors).toBeUndefined();
    const conclusion = added.data!.addMeetingConclusion;
    expect(conclusion).toEqual({
      id: expect.any(String),
      version: 1,
      theme: null,
      problem: 'Few citizens know where to bring their proposals after the project.',
      proposal: 'Each partner names a contact person for proposals.',
      followUp: null,
      demo: false,
      originalLocale: 'EN',
    });
    const second = (await addConclusion({ theme: 'PEACE', problem: 'Second', proposal: 'Later', locale: 'DE' })).data!
      .addMeetingConclusion;
    expect(second.originalLocale).toBe('DE');

    const { updateMeetingConclusion: updated } = await ok<{ updateMeetingConclusion: Conclusion }>(
      `mutation ($id: ID!) { updateMeetingConclusion(id: $id, version: 1, patch: {theme: TOLERANCE, followUp: "  The partners report back in 2018.  "}) { ${CONCLUSION} } }`,
      { id: conclusion.id },
      tokens.admin,
    );
    expect(updated).toEqual({
      ...conclusion,
      version: 2,
      theme: 'TOLERANCE',
      followUp: 'The partners report back in 2018.',
    });
    // null clears an optional field.
    const cleared = await ok<{ updateMeetingConclusion: Conclusion }>(
      `mutation ($id: ID!) { updateMeetingConclusion(id: $id, version: 2, patch: {theme: null, followUp: null}) { ${CONCLUSION} } }`,
      { id: conclusion.id },
      tokens.admin,
    );
    expect(cleared.updateMeetingConclusion).toEqual(
      expect.objectContaining({ version: 3, theme: null, followUp: null }),
    );

    const read = await ok<{ meeting: { conclusions: { id: string }[] } }>(
      `{ meeting(id: "${MEETING.closing}") { conclusions { id } } }`,
    );
    expect(read.meeting.conclusions.map((row) => row.id)).toEqual([conclusion.id, second.id]);

    const removed = await ok<{ removeMeetingConclusion: string }>(
      `mutation ($id: ID!) { removeMeetingConclusion(id: $id, version: 3) }`,
      { id: conclusion.id },
      tokens.admin,
    );
    expect(removed.removeMeetingConclusion).toBe(conclusion.id);
    expect(await count(`select count(*) as n from network.conclusion where id = $1`, [conclusion.id])).toBe(0);
  });

  test('cooperations: the admin records, changes and deletes one; partners keep the order given', async () => {
    const created = await createCooperation({
      title: 'Twinning of youth councils',
      partners: ['miasto-sosnowiec', 'gemma-villach'],
      agreedAt: MEETING.closing,
    });
    expect(created.errors).toBeUndefined();
    const cooperation = created.data!.createCooperation;
    expect(cooperation).toEqual({
      id: expect.any(String),
      version: 1,
      title: 'Twinning of youth councils',
      description: null,
      demo: false,
      partners: [{ id: 'miasto-sosnowiec' }, { id: 'gemma-villach' }],
      agreedAt: { id: MEETING.closing },
    });

    const { updateCooperation: updated } = await ok<{ updateCooperation: Cooperation }>(
      `mutation ($id: ID!) { updateCooperation(id: $id, version: 1, patch: {description: "Yearly visits.", partners: ["gemma-villach", "bbag", "miasto-sosnowiec"], agreedAt: null}) { ${COOPERATION} } }`,
      { id: cooperation.id },
      tokens.admin,
    );
    expect(updated).toEqual({
      ...cooperation,
      version: 2,
      description: 'Yearly visits.',
      partners: [{ id: 'gemma-villach' }, { id: 'bbag' }, { id: 'miasto-sosnowiec' }],
      agreedAt: null,
    });
    // A patch without partners leaves them as they are.
    const retitled = await ok<{ updateCooperation: Cooperation }>(
      `mutation ($id: ID!) { updateCooperation(id: $id, version: 2, patch: {title: "Youth councils together"}) { ${COOPERATION} } }`,
      { id: cooperation.id },
      tokens.admin,
    );
    expect(retitled.updateCooperation.partners).toEqual(updated.partners);

    await ok(`mutation ($id: ID!) { deleteCooperation(id: $id, version: 3) }`, { id: cooperation.id }, tokens.admin);
    expect(
      await count(`select count(*) as n from network.cooperation_partner where cooperation_id = $1`, [cooperation.id]),
    ).toBe(0);
    const { network } = await ok<{ network: { cooperations: { id: string }[] } }>(
      `{ network { cooperations { id } } }`,
    );
    expect(network.cooperations.map((row) => row.id)).not.toContain(cooperation.id);
  });

  /** Every write of the work, valid, each on records of its own. */
  async function writes(): Promise<[string, string][]> {
    const conclusion = (await addConclusion({ problem: 'For the refusals', proposal: 'Refuse' })).data!
      .addMeetingConclusion;
    const cooperation = (await createCooperation({ title: 'For the refusals', partners: ['bbag', 'gemma-villach'] }))
      .data!.createCooperation;
    const { network } = await ok<{ network: { version: number } }>(`{ network { version } }`);
    return [
      [
        'setNetworkQuestionnaire',
        `mutation { setNetworkQuestionnaire(version: ${network.version}, questions: [{id: "q-solidarity-1", text: "What does solidarity between Europeans mean to you?", theme: SOLIDARITY}, {id: "q-solidarity-2", text: "Have you helped someone from another EU country in the past year?", theme: SOLIDARITY}, {id: "q-tolerance-1", text: "Have you witnessed intolerance towards someone in your town in the past year?", theme: TOLERANCE}, {id: "q-peace-1", text: "Do you think peace in Europe can be taken for granted?", theme: PEACE}]) { version } }`,
      ],
      [
        'addMeetingConclusion',
        `mutation { addMeetingConclusion(meetingId: "${MEETING.peace}", input: {problem: "P", proposal: "Q"}) { id } }`,
      ],
      [
        'updateMeetingConclusion',
        `mutation { updateMeetingConclusion(id: "${conclusion.id}", version: 1, patch: {proposal: "Changed"}) { id } }`,
      ],
      ['removeMeetingConclusion', `mutation { removeMeetingConclusion(id: "${conclusion.id}", version: 2) }`],
      [
        'createCooperation',
        `mutation { createCooperation(input: {title: "T", partners: ["bbag", "miasto-sosnowiec"]}) { id } }`,
      ],
      [
        'updateCooperation',
        `mutation { updateCooperation(id: "${cooperation.id}", version: 1, patch: {title: "Changed"}) { id } }`,
      ],
      ['deleteCooperation', `mutation { deleteCooperation(id: "${cooperation.id}", version: 2) }`],
    ];
  }

  test('every write is the admin’s: refused to anonymous callers and to editors, and nothing changes', async () => {
    const attempts = await writes();
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    for (const [name, query] of attempts) {
      const anonymous = await graph.query(query);
      expect([name, codes(anonymous)]).toEqual([name, ['UNAUTHENTICATED']]);
      expectNoLeaks(anonymous);
      for (const editor of [tokens.editors['gemma-villach'], tokens.editors['centre-europeen-robert-schuman']]) {
        const refused = await graph.query(query, {}, editor);
        expect([name, codes(refused)]).toEqual([name, ['FORBIDDEN']]);
        expectNoLeaks(refused);
      }
    }
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
    for (const [name, query] of attempts) {
      const response = await graph.query(query, {}, tokens.admin);
      expect([name, response.errors]).toEqual([name, undefined]);
    }
  });

  test('a stale version is a CONFLICT, and changes nothing', async () => {
    const conclusion = (await addConclusion({ problem: 'Stale', proposal: 'Read again' })).data!.addMeetingConclusion;
    const cooperation = (await createCooperation({ title: 'Stale', partners: ['bbag', 'gemma-villach'] })).data!
      .createCooperation;
    await ok(
      `mutation ($id: ID!) { updateMeetingConclusion(id: $id, version: 1, patch: {problem: "Fresh"}) { id } }`,
      { id: conclusion.id },
      tokens.admin,
    );
    await ok(
      `mutation ($id: ID!) { updateCooperation(id: $id, version: 1, patch: {title: "Fresh"}) { id } }`,
      { id: cooperation.id },
      tokens.admin,
    );
    const { network } = await ok<{ network: { version: number } }>(`{ network { version } }`);
    const stale: [string, string, Record<string, unknown>][] = [
      [
        'updateMeetingConclusion',
        `mutation ($id: ID!) { updateMeetingConclusion(id: $id, version: 1, patch: {problem: "Lost"}) { id } }`,
        { id: conclusion.id },
      ],
      [
        'removeMeetingConclusion',
        `mutation ($id: ID!) { removeMeetingConclusion(id: $id, version: 1) }`,
        { id: conclusion.id },
      ],
      [
        'updateCooperation',
        `mutation ($id: ID!) { updateCooperation(id: $id, version: 1, patch: {title: "Lost"}) { id } }`,
        { id: cooperation.id },
      ],
      ['deleteCooperation', `mutation ($id: ID!) { deleteCooperation(id: $id, version: 1) }`, { id: cooperation.id }],
      [
        'setNetworkQuestionnaire',
        `mutation ($version: Int!) { setNetworkQuestionnaire(version: $version, questions: []) { version } }`,
        { version: network.version - 1 },
      ],
    ];
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    for (const [name, query, variables] of stale) {
      const response = await graph.query(query, variables, tokens.admin);
      expect([name, codes(response)]).toEqual([name, ['CONFLICT']]);
      expect(response.errors![0].message).toMatch(/at version \d+, not \d+/);
    }
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
  });

  test('a retried create with the same clientKey returns the first record; a deleted one’s key is retired', async () => {
    const input = { problem: 'Retried', proposal: 'Once' };
    const [first, second] = await Promise.all([
      addConclusion(input, MEETING.tolerance, 'dialogue-retry'),
      addConclusion(input, MEETING.tolerance, 'dialogue-retry'),
    ]);
    expect(first.errors).toBeUndefined();
    expect(second.data!.addMeetingConclusion.id).toBe(first.data!.addMeetingConclusion.id);
    const third = await addConclusion(input, MEETING.tolerance, 'dialogue-retry');
    expect(third.data!.addMeetingConclusion.id).toBe(first.data!.addMeetingConclusion.id);
    expect(await count(`select count(*) as n from network.conclusion where client_key = 'dialogue-retry'`)).toBe(1);

    const cooperation = { title: 'Retried', partners: ['bbag', 'gemma-villach'] };
    const made = await Promise.all([1, 2, 3].map(() => createCooperation(cooperation, 'dialogue-retry')));
    expect(new Set(made.map((response) => response.data!.createCooperation.id)).size).toBe(1);
    expect(await count(`select count(*) as n from network.cooperation where client_key = 'dialogue-retry'`)).toBe(1);
    const id = made[0].data!.createCooperation.id;
    expect(await count(`select count(*) as n from network.cooperation_partner where cooperation_id = $1`, [id])).toBe(
      2,
    );

    await ok(`mutation ($id: ID!) { deleteCooperation(id: $id, version: 1) }`, { id }, tokens.admin);
    expect(codes(await createCooperation(cooperation, 'dialogue-retry'))).toEqual(['CONFLICT']);
    await ok(
      `mutation ($id: ID!) { removeMeetingConclusion(id: $id, version: 1) }`,
      { id: first.data!.addMeetingConclusion.id },
      tokens.admin,
    );
    expect(codes(await addConclusion(input, MEETING.tolerance, 'dialogue-retry'))).toEqual(['CONFLICT']);
  });

  describe('input the admin gets back with BAD_USER_INPUT naming the field, and nothing changed', () => {
    const long = 'x'.repeat(2001);
    const cases: [string, string, Record<string, unknown>, string][] = [
      [
        'a conclusion for a meeting that does not exist',
        `mutation ($input: ConclusionInput!) { addMeetingConclusion(meetingId: "no-such-meeting", input: $input) { id } }`,
        { input: { problem: 'P', proposal: 'Q' } },
        'meetingId',
      ],
      [
        'an empty problem',
        `mutation ($input: ConclusionInput!) { addMeetingConclusion(meetingId: "${MEETING.peace}", input: $input) { id } }`,
        { input: { problem: '   ', proposal: 'Q' } },
        'input.problem',
      ],
      [
        'a proposal that is too long',
        `mutation ($input: ConclusionInput!) { addMeetingConclusion(meetingId: "${MEETING.peace}", input: $input) { id } }`,
        { input: { problem: 'P', proposal: long } },
        'input.proposal',
      ],
      [
        'a follow-up with control characters',
        `mutation ($input: ConclusionInput!) { addMeetingConclusion(meetingId: "${MEETING.peace}", input: $input) { id } }`,
        { input: { problem: 'P', proposal: 'Q', followUp: 'a\u0007b' } },
        'input.followUp',
      ],
      [
        'a conclusion whose problem is cleared',
        `mutation { updateMeetingConclusion(id: "${MEETING.tolerance}-conclusion-1", version: 1, patch: {problem: null}) { id } }`,
        {},
        'patch.problem',
      ],
      [
        'a conclusion moved into a language it has a translation into',
        `mutation { updateMeetingConclusion(id: "${MEETING.tolerance}-conclusion-1", version: 1, patch: {locale: FR}) { id } }`,
        {},
        'patch.locale',
      ],
      [
        'a cooperation of one partner',
        `mutation ($input: CooperationInput!) { createCooperation(input: $input) { id } }`,
        { input: { title: 'Alone', partners: ['bbag'] } },
        'input.partners',
      ],
      [
        'a partner listed twice',
        `mutation ($input: CooperationInput!) { createCooperation(input: $input) { id } }`,
        { input: { title: 'Twice', partners: ['bbag', 'gemma-villach', 'bbag'] } },
        'input.partners[2]',
      ],
      [
        'a partner that is not on the roster',
        `mutation ($input: CooperationInput!) { createCooperation(input: $input) { id } }`,
        { input: { title: 'Stranger', partners: ['bbag', 'grad-split'] } },
        'input.partners[1]',
      ],
      [
        'a meeting that does not exist as agreedAt',
        `mutation ($input: CooperationInput!) { createCooperation(input: $input) { id } }`,
        { input: { title: 'Nowhere', partners: ['bbag', 'gemma-villach'], agreedAt: 'no-such-meeting' } },
        'input.agreedAt',
      ],
      [
        'a cooperation without a title',
        `mutation ($input: CooperationInput!) { createCooperation(input: $input) { id } }`,
        { input: { title: ' ', partners: ['bbag', 'gemma-villach'] } },
        'input.title',
      ],
      [
        'a cooperation whose partners are cleared',
        `mutation { updateCooperation(id: "villach-2017-forum-theatre-exchange", version: 1, patch: {partners: null}) { id } }`,
        {},
        'patch.partners',
      ],
      [
        'a question id that is not a slug',
        `mutation ($questions: [NetworkQuestionInput!]!) { setNetworkQuestionnaire(version: 1, questions: $questions) { version } }`,
        { questions: [{ id: 'Q 1', text: 'Why?', theme: 'PEACE' }] },
        'questions[0].id',
      ],
      [
        'a question id listed twice',
        `mutation ($questions: [NetworkQuestionInput!]!) { setNetworkQuestionnaire(version: 1, questions: $questions) { version } }`,
        {
          questions: [
            { id: 'q-peace-1', text: 'Why?', theme: 'PEACE' },
            { id: 'q-peace-1', text: 'Why not?', theme: 'PEACE' },
          ],
        },
        'questions[1].id',
      ],
      [
        'an empty question',
        `mutation ($questions: [NetworkQuestionInput!]!) { setNetworkQuestionnaire(version: 1, questions: $questions) { version } }`,
        { questions: [{ id: 'q-peace-1', text: '', theme: 'PEACE' }] },
        'questions[0].text',
      ],
    ];

    test.each(cases)('%s', async (_name, query, variables, field) => {
      const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
      const response = await graph.query(query, variables, tokens.admin);
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions!.field).toBe(field);
      expect(response.errors![0].message).toContain(`"${field}`);
      expectNoLeaks(response);
      expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
    });

    test('a question in a language it has a translation into, at the network’s version', async () => {
      const { network } = await ok<{ network: { version: number } }>(`{ network { version } }`);
      const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
      const response = await graph.query(
        `mutation ($version: Int!) { setNetworkQuestionnaire(version: $version, questions: [{id: "q-peace-1", text: "Mislite li da se mir u Europi može uzeti zdravo za gotovo?", theme: PEACE, locale: HR}]) { version } }`,
        { version: network.version },
        tokens.admin,
      );
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions!.field).toBe('questions[0].locale');
      expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
    });

    test('a theme that is not one of the themes', async () => {
      const response = await graph.query(
        `mutation ($input: ConclusionInput!) { addMeetingConclusion(meetingId: "${MEETING.peace}", input: $input) { id } }`,
        { input: { theme: 'PROSPERITY', problem: 'P', proposal: 'Q' } },
        tokens.admin,
      );
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].message).toMatch(/PROSPERITY/);
      expectNoLeaks(response);
    });
  });

  test('the network’s audit log records every write of the work, without values', async () => {
    const conclusion = (await addConclusion({ problem: 'Audited', proposal: 'Logged' })).data!.addMeetingConclusion;
    await ok(
      `mutation ($id: ID!) { updateMeetingConclusion(id: $id, version: 1, patch: {proposal: "Logged again", theme: PEACE}) { id } }`,
      { id: conclusion.id },
      tokens.admin,
    );
    const { network } = await ok<{ network: { version: number } }>(`{ network { version } }`);
    await ok(
      `mutation ($version: Int!) { setNetworkQuestionnaire(version: $version, questions: [{id: "q-solidarity-1", text: "What does solidarity between Europeans mean to you?", theme: SOLIDARITY}, {id: "q-solidarity-2", text: "Have you helped someone from another EU country in the past year?", theme: SOLIDARITY}, {id: "q-tolerance-1", text: "Have you witnessed intolerance towards someone in your town in the past year?", theme: TOLERANCE}, {id: "q-peace-1", text: "Do you think peace in Europe can be taken for granted?", theme: PEACE}]) { version } }`,
      { version: network.version },
      tokens.admin,
    );
    const cooperation = (await createCooperation({ title: 'Audited', partners: ['bbag', 'gemma-villach'] })).data!
      .createCooperation;
    await ok(`mutation ($id: ID!) { deleteCooperation(id: $id, version: 1) }`, { id: cooperation.id }, tokens.admin);

    const log = await ok<{
      networkAuditLog: {
        nodes: {
          actor: string;
          role: string;
          action: string;
          entityType: string;
          entityId: string;
          partnerId: string | null;
          fields: string[];
        }[];
      };
    }>(
      `{ networkAuditLog(first: 5) { nodes { actor role action entityType entityId partnerId fields } } }`,
      {},
      tokens.admin,
    );
    const admin = { actor: 'coordinator@example.org', role: 'NETWORK_ADMIN', partnerId: null };
    expect(log.networkAuditLog.nodes).toEqual([
      { ...admin, action: 'deleteCooperation', entityType: 'Cooperation', entityId: cooperation.id, fields: [] },
      {
        ...admin,
        action: 'createCooperation',
        entityType: 'Cooperation',
        entityId: cooperation.id,
        fields: ['partners', 'title'],
      },
      {
        ...admin,
        action: 'setNetworkQuestionnaire',
        entityType: 'Network',
        entityId: 'citipart',
        fields: ['questions'],
      },
      {
        ...admin,
        action: 'updateMeetingConclusion',
        entityType: 'Conclusion',
        entityId: conclusion.id,
        fields: ['proposal', 'theme'],
      },
      {
        ...admin,
        action: 'addMeetingConclusion',
        entityType: 'Conclusion',
        entityId: conclusion.id,
        fields: ['problem', 'proposal'],
      },
    ]);
    expect(JSON.stringify(log)).not.toMatch(/Logged|Audited/);
  });

  test('setNetworkQuestionnaire replaces the questionnaire: kept ids keep their translations, removed ones resolve to null', async () => {
    const { network } = await ok<{ network: { version: number } }>(`{ network { version } }`);
    const { setNetworkQuestionnaire } = await ok<{
      setNetworkQuestionnaire: { version: number; questionnaire: (Question & { hr: string })[] };
    }>(
      `mutation ($version: Int!, $questions: [NetworkQuestionInput!]!) {
        setNetworkQuestionnaire(version: $version, questions: $questions) {
          version questionnaire { id theme text demo originalLocale hr: text(locale: HR) }
        }
      }`,
      {
        version: network.version,
        questions: [
          { id: 'q-peace-1', text: 'Can peace in Europe be taken for granted?', theme: 'PEACE' },
          { id: 'q-solidarity-1', text: 'What does solidarity between Europeans mean to you?', theme: 'SOLIDARITY' },
          {
            id: 'q-dialogue-1',
            text: 'Wann haben Sie zuletzt mit einem Politiker gesprochen?',
            theme: 'SOLIDARITY',
            locale: 'DE',
          },
        ],
      },
      tokens.admin,
    );
    expect(setNetworkQuestionnaire.version).toBe(network.version + 1);
    expect(setNetworkQuestionnaire.questionnaire).toEqual([
      {
        id: 'q-peace-1',
        theme: 'PEACE',
        text: 'Can peace in Europe be taken for granted?',
        demo: true,
        originalLocale: 'EN',
        // Translations are kept when the original changes (API.md, languages).
        hr: 'Mislite li da se mir u Europi može uzeti zdravo za gotovo?',
      },
      {
        id: 'q-solidarity-1',
        theme: 'SOLIDARITY',
        text: 'What does solidarity between Europeans mean to you?',
        demo: true,
        originalLocale: 'EN',
        hr: 'Što za vas znači solidarnost među Europljanima?',
      },
      {
        id: 'q-dialogue-1',
        theme: 'SOLIDARITY',
        text: 'Wann haben Sie zuletzt mit einem Politiker gesprochen?',
        demo: false,
        originalLocale: 'DE',
        hr: 'Wann haben Sie zuletzt mit einem Politiker gesprochen?',
      },
    ]);
    // Read again, as a client would.
    const again = await ok<{ network: { version: number; questionnaire: Question[] } }>(QUESTIONNAIRE);
    expect(again.network.version).toBe(network.version + 1);
    expect(again.network.questionnaire.map((question) => question.id)).toEqual([
      'q-peace-1',
      'q-solidarity-1',
      'q-dialogue-1',
    ]);
    expect(await count(`select count(*) as n from network.network_question`)).toBe(3);
    // A partner's survey question that pointed at a removed question now finds none.
    const entities = await postGraphQL<{ _entities: ({ id: string } | null)[] }>(
      graph.subgraphs.get('network')!.url,
      `{ _entities(representations: [{__typename: "NetworkQuestion", id: "q-solidarity-2"}, {__typename: "NetworkQuestion", id: "q-dialogue-1"}]) { ... on NetworkQuestion { id } } }`,
    );
    expect(entities.data!._entities).toEqual([null, { id: 'q-dialogue-1' }]);

    // An empty questionnaire is a questionnaire too.
    const emptied = await ok<{ setNetworkQuestionnaire: { questionnaire: unknown[] } }>(
      `mutation ($version: Int!) { setNetworkQuestionnaire(version: $version, questions: []) { questionnaire { id } } }`,
      { version: network.version + 1 },
      tokens.admin,
    );
    expect(emptied.setNetworkQuestionnaire.questionnaire).toEqual([]);
  });
});
