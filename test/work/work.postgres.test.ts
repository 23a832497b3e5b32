import { Client } from 'pg';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { PARTNER_IDS, callers } from '../support/callers';
import { tableChecksums } from '../support/checksum';
import { type GraphQLResponse, postGraphQL, startGraph, type TestGraph } from '../support/graph';
import { codes, expectNoLeaks } from '../support/leaks';

// The work of activities (API v3, "The work"): surveys, plays and booklet texts, read through
// the gateway (in several languages, compared across partners, with the booklet's privacy
// rule), replaced whole by their writes (validation, authorization, versions, audit), and
// read with a statement count that does not grow with the activities.

let graph: TestGraph;
let tokens: Awaited<ReturnType<typeof callers>>;
const SCHEMAS = SUBGRAPHS.map((subgraph) => subgraph.defaultSchema);
const statements: Record<string, string[]> = {};
let counting = false;

beforeAll(async () => {
  graph = await startGraph('work', {
    onSql: (subgraph, sql) => {
      if (counting) (statements[subgraph] ??= []).push(sql);
    },
  });
  tokens = await callers(graph);
});
afterAll(() => graph?.stop());

async function ask<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; language?: string } = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.language) headers['accept-language'] = options.language;
  return postGraphQL<T>(graph.url, query, variables, headers);
}

async function ok<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; language?: string } = {},
): Promise<T> {
  const response = await ask<T>(query, variables, options);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

async function sql<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: graph.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

const versionOf = async (schema: string, activityId: string) =>
  (await sql<{ version: number }>(`select version from ${schema}.activity where id = $1`, [activityId]))[0].version;

type Option = { id: string; text: string; count: number };
type Question = { id: string; text: string; networkQuestion: { id: string } | null; options: Option[] };
type Performance = {
  on: string;
  town: string;
  venue: string | null;
  audience: { value: number; qualifier: string } | null;
  interventions: number | null;
  notes: string | null;
};
type WorkNode = {
  id: string;
  kind: string;
  demo: boolean;
  survey: { respondents: number; questions: Question[] } | null;
  play: { title: string; synopsis: string | null; originalLocale: string; performances: Performance[] } | null;
  bookletText: {
    title: string;
    body: string;
    authorName: string | null;
    authorAgeBand: string | null;
    authorConsentToPublish: boolean;
    originalLocale: string;
  } | null;
};

const WORK_OF_PARTNER = `query ($id: ID!, $locale: Locale) {
  partner(id: $id) {
    activities(first: 10) {
      nodes {
        id kind demo
        survey { respondents questions { id text(locale: $locale) networkQuestion { id } options { id text(locale: $locale) count } } }
        play { title(locale: $locale) synopsis(locale: $locale) originalLocale
          performances { on town venue audience { value qualifier } interventions notes(locale: $locale) } }
        bookletText { title(locale: $locale) body(locale: $locale) authorName authorAgeBand authorConsentToPublish originalLocale }
      }
    }
  }
}`;

async function workOf(partnerId: string, options: { locale?: string; language?: string; token?: string } = {}) {
  const data = await ok<{ partner: { activities: { nodes: WorkNode[] } } }>(
    WORK_OF_PARTNER,
    { id: partnerId, locale: options.locale ?? null },
    options,
  );
  return data.partner.activities.nodes;
}

const byId = (nodes: WorkNode[], id: string) => nodes.find((node) => node.id === id)!;

describe('reading the work', () => {
  test("a partner's survey, play and booklet text, in English by default and in the partner's language", async () => {
    const english = await workOf('bbag');
    const survey = byId(english, 'bbag-street-survey-solidarity');
    expect(survey.kind).toBe('STREET_SURVEY');
    expect(survey.demo).toBe(true);
    expect([survey.play, survey.bookletText]).toEqual([null, null]);
    const { respondents, questions } = survey.survey!;
    expect(respondents).toBeGreaterThanOrEqual(40);
    expect(respondents).toBeLessThanOrEqual(120);
    expect(questions.map((question) => [question.id, question.networkQuestion?.id ?? null])).toEqual([
      ['bbag-street-survey-solidarity-q1', 'q-solidarity-1'],
      ['bbag-street-survey-solidarity-q2', 'q-solidarity-2'],
      ['bbag-street-survey-solidarity-q3', null],
    ]);
    expect(questions[0].text).toBe('What does solidarity between Europeans mean to you?');
    expect(questions[0].options.map((option) => option.text)).toEqual([
      'Helping each other when a country is in crisis',
      'Welcoming people who flee war',
      'Sharing wealth between richer and poorer regions',
      'Nothing in particular',
    ]);
    expect(questions[0].options[0].id).toBe('bbag-street-survey-solidarity-q1-o1');
    for (const question of questions) {
      expect(question.options.length).toBeGreaterThanOrEqual(3);
      // Single-choice questions: the tallies add up to the respondents at most.
      const total = question.options.reduce((sum, option) => sum + option.count, 0);
      expect(total).toBeLessThanOrEqual(respondents);
      expect(total).toBeGreaterThan(respondents * 0.8);
    }

    const play = byId(english, 'bbag-forum-theatre-tolerance').play!;
    expect(play).toMatchObject({ title: 'The Night Bus', originalLocale: 'DE' });
    expect(play.performances).toHaveLength(2);
    const [first, second] = play.performances;
    expect(first.on < second.on).toBe(true);
    for (const performance of play.performances) {
      expect(performance.on >= '2016-10-01' && performance.on < '2016-11-28').toBe(true);
      expect(performance).toMatchObject({ town: 'Potsdam', audience: { qualifier: 'ABOUT' } });
      expect(performance.interventions).toBeGreaterThan(0);
    }
    expect(first.notes).toBe('Performed for secondary-school pupils, who replayed the scene several times.');

    const text = byId(english, 'bbag-booklet-text-peace').bookletText!;
    expect(text).toMatchObject({
      title: 'The Glienicke Bridge',
      authorName: 'Ursula Lehmann',
      authorAgeBand: 'OVER_65',
      authorConsentToPublish: true,
      originalLocale: 'DE',
    });

    // The locale argument, and the request's language, give the German originals.
    for (const german of [await workOf('bbag', { locale: 'DE' }), await workOf('bbag', { language: 'de-AT' })]) {
      expect(byId(german, 'bbag-street-survey-solidarity').survey!.questions[0].text).toBe(
        'Was bedeutet Solidarität zwischen Europäern für Sie?',
      );
      expect(byId(german, 'bbag-forum-theatre-tolerance').play!.title).toBe('Der Nachtbus');
      expect(byId(german, 'bbag-booklet-text-peace').bookletText!.title).toBe('Die Glienicker Brücke');
    }
    // A language the text has no translation into falls back to English.
    expect(byId(await workOf('bbag', { locale: 'HR' }), 'bbag-booklet-text-peace').bookletText!.title).toBe(
      'The Glienicke Bridge',
    );
  });

  test('every partner has its demo work in its own language, with some anonymous authors', async () => {
    const languages: Record<string, string> = {};
    const authors: (string | null)[] = [];
    for (const partnerId of PARTNER_IDS) {
      const nodes = await workOf(partnerId);
      const survey = byId(nodes, `${partnerId}-street-survey-solidarity`).survey!;
      expect(survey.questions).toHaveLength(3);
      const play = byId(nodes, `${partnerId}-forum-theatre-tolerance`).play!;
      expect(play.performances).toHaveLength(2);
      const text = byId(nodes, `${partnerId}-booklet-text-peace`).bookletText!;
      languages[partnerId] = text.originalLocale;
      expect(play.originalLocale).toBe(text.originalLocale);
      authors.push(text.authorName);
    }
    expect(languages).toEqual({
      bbag: 'DE',
      'centre-europeen-robert-schuman': 'FR',
      'europski-dom-dubrovnik': 'HR',
      'gemma-villach': 'DE',
      'maison-europe-nimes': 'FR',
      'maison-europe-yvelines': 'FR',
      'miasto-sosnowiec': 'PL',
      'polska-fundacja-roberta-schumana': 'PL',
    });
    expect(authors.filter((author) => author === null).length).toBeGreaterThan(0);
    expect(authors.filter((author) => author !== null).length).toBeGreaterThan(0);
  });

  test("TOLER'ACTION is the play of its documented activity, without performances", async () => {
    const nodes = await workOf('maison-europe-yvelines', { locale: 'FR' });
    const toleraction = byId(nodes, 'maison-europe-yvelines-toleraction');
    expect(toleraction.demo).toBe(false);
    expect(toleraction.play).toEqual({
      title: "TOLER'ACTION",
      synopsis: 'Une pièce de théâtre-forum sur la tolérance, avec des groupes de jeunes locaux.',
      originalLocale: 'FR',
      performances: [],
    });
    // The questionnaire at the sports forum is not a survey: the activity is a forum theatre.
    expect(toleraction.survey).toBeNull();
  });
});

describe('one network question across the network', () => {
  type Comparison = {
    partners: {
      nodes: {
        id: string;
        name: string;
        activities: {
          nodes: {
            survey: {
              respondents: number;
              questions: { text: string; networkQuestion: { id: string; text: string }; options: Option[] }[];
            };
          }[];
        };
      }[];
    };
  };
  // Pages sized to the network (8 partners, one street survey each), so that the query's cost
  // (every list counted at its page size) stays within the gateway's limit.
  const COMPARISON = `{ partners(first: 10) { nodes { id name activities(first: 2, filter: {kind: STREET_SURVEY}) { nodes {
    survey { respondents questions(networkQuestion: "q-solidarity-1") { text networkQuestion { id text } options { text count } } }
  } } } } }`;

  test("every partner's answers to q-solidarity-1, with the network's question resolved by the network subgraph", async () => {
    const data = await ok<Comparison>(COMPARISON);
    expect(data.partners.nodes.map((partner) => partner.id).sort()).toEqual([...PARTNER_IDS]);
    for (const partner of data.partners.nodes) {
      const [activity] = partner.activities.nodes;
      expect(partner.activities.nodes).toHaveLength(1);
      const { respondents, questions } = activity.survey;
      expect(questions).toHaveLength(1);
      expect(questions[0].networkQuestion).toEqual({
        id: 'q-solidarity-1',
        text: 'What does solidarity between Europeans mean to you?',
      });
      expect(questions[0].options).toHaveLength(4);
      expect(questions[0].options.reduce((sum, option) => sum + option.count, 0)).toBeLessThanOrEqual(respondents);
    }
    // In French: the partners' own questions and the network's, from their own subgraphs.
    const french = await ok<Comparison>(COMPARISON, {}, { language: 'fr' });
    const nimes = french.partners.nodes.find((partner) => partner.id === 'maison-europe-nimes')!;
    expect(nimes.activities.nodes[0].survey.questions[0]).toMatchObject({
      text: 'Que signifie pour vous la solidarité entre Européens ?',
      networkQuestion: { text: 'Que signifie pour vous la solidarité entre Européens ?' },
    });
    const dubrovnik = french.partners.nodes.find((partner) => partner.id === 'europski-dom-dubrovnik')!;
    // Croatian texts without a French translation fall back to English.
    expect(dubrovnik.activities.nodes[0].survey.questions[0].text).toBe(
      'What does solidarity between Europeans mean to you?',
    );
  });
});

const SET_SURVEY = `mutation ($id: ID!, $version: Int!, $survey: SurveyInput!) {
  setFoundationActivitySurvey(id: $id, version: $version, survey: $survey) {
    id version survey { respondents questions { id text originalLocale networkQuestion { id } options { id text count } } }
  }
}`;
const SET_PLAY = `mutation ($id: ID!, $version: Int!, $play: PlayInput!) {
  setFoundationActivityPlay(id: $id, version: $version, play: $play) {
    id version play { title synopsis originalLocale performances { on town venue audience { value qualifier } interventions notes } }
  }
}`;
const SET_TEXT = `mutation ($id: ID!, $version: Int!, $text: BookletTextInput!) {
  setFoundationActivityBookletText(id: $id, version: $version, text: $text) {
    id version bookletText { title body authorName authorAgeBand authorConsentToPublish originalLocale }
  }
}`;

const SURVEY_ACTIVITY = 'bbag-street-survey-solidarity';
const PLAY_ACTIVITY = 'bbag-forum-theatre-tolerance';
const TEXT_ACTIVITY = 'bbag-booklet-text-peace';

const validSurvey = () => ({
  respondents: 50,
  questions: [
    {
      text: 'What does solidarity mean to you?',
      networkQuestion: 'q-solidarity-1',
      options: [
        { text: 'Helping each other', count: 20 },
        { text: 'Sharing', count: 25 },
      ],
    },
    {
      text: 'Have you volunteered?',
      options: [
        { text: 'Yes', count: 30 },
        { text: 'No', count: 10 },
      ],
    },
  ],
});
const validPlay = () => ({
  title: 'Im Bus',
  performances: [{ on: '2016-10-20', town: 'Potsdam', audience: { value: 40, qualifier: 'ABOUT' }, interventions: 7 }],
});
const validText = () => ({ title: 'Frieden', body: 'Ein Text über den Frieden.', authorConsentToPublish: true });

type Survey = ReturnType<typeof validSurvey>;
type Play = ReturnType<typeof validPlay> & { performances: Record<string, unknown>[] };
type Text = Record<string, unknown>;

describe('validation: BAD_USER_INPUT naming the field, and nothing changes', () => {
  const survey = (change: (survey: Survey) => void) => {
    const value = validSurvey();
    change(value);
    return { survey: value };
  };
  const play = (change: (play: Play) => void) => {
    const value: Play = validPlay();
    change(value);
    return { play: value };
  };
  const text = (change: (text: Text) => void) => {
    const value: Text = validText();
    change(value);
    return { text: value };
  };
  const option = (count: number) => ({ text: 'Option', count });
  test.each([
    [
      'a question without options',
      SET_SURVEY,
      SURVEY_ACTIVITY,
      survey((s) => (s.questions[0].options = [])),
      'survey.questions[0].options',
    ],
    [
      'a question with one option',
      SET_SURVEY,
      SURVEY_ACTIVITY,
      survey((s) => (s.questions[0].options = [option(3)])),
      'survey.questions[0].options',
    ],
    [
      'a negative count',
      SET_SURVEY,
      SURVEY_ACTIVITY,
      survey((s) => (s.questions[0].options[1].count = -1)),
      'survey.questions[0].options[1].count',
    ],
    [
      'an option chosen by more people than answered',
      SET_SURVEY,
      SURVEY_ACTIVITY,
      survey((s) => (s.questions[1].options[0].count = 51)),
      'survey.questions[1].options[0].count',
    ],
    [
      "a question's tallies adding up to more than the respondents",
      SET_SURVEY,
      SURVEY_ACTIVITY,
      survey((s) => (s.questions[0].options[0].count = 26)),
      'survey.questions[0].options',
    ],
    ['negative respondents', SET_SURVEY, SURVEY_ACTIVITY, survey((s) => (s.respondents = -1)), 'survey.respondents'],
    ['a survey without questions', SET_SURVEY, SURVEY_ACTIVITY, survey((s) => (s.questions = [])), 'survey.questions'],
    [
      'too many questions',
      SET_SURVEY,
      SURVEY_ACTIVITY,
      survey((s) => (s.questions = Array.from({ length: 31 }, () => ({ ...s.questions[1] })))),
      'survey.questions',
    ],
    [
      'too many options',
      SET_SURVEY,
      SURVEY_ACTIVITY,
      survey((s) => (s.questions[0].options = Array.from({ length: 13 }, () => option(1)))),
      'survey.questions[0].options',
    ],
    [
      'an empty question',
      SET_SURVEY,
      SURVEY_ACTIVITY,
      survey((s) => (s.questions[1].text = '  ')),
      'survey.questions[1].text',
    ],
    [
      'an empty option',
      SET_SURVEY,
      SURVEY_ACTIVITY,
      survey((s) => (s.questions[0].options[0].text = '')),
      'survey.questions[0].options[0].text',
    ],
    [
      'a malformed network question id',
      SET_SURVEY,
      SURVEY_ACTIVITY,
      survey((s) => (s.questions[0].networkQuestion = 'Q Solidarity!')),
      'survey.questions[0].networkQuestion',
    ],
    [
      'one network question asked twice',
      SET_SURVEY,
      SURVEY_ACTIVITY,
      survey((s) => Object.assign(s.questions[1], { networkQuestion: 'q-solidarity-1' })),
      'survey.questions[1].networkQuestion',
    ],
    ['a survey on a forum-theatre activity', SET_SURVEY, PLAY_ACTIVITY, survey(() => {}), 'id'],
    [
      'a performance before 2015',
      SET_PLAY,
      PLAY_ACTIVITY,
      play((p) => (p.performances[0].on = '2014-12-31')),
      'play.performances[0].on',
    ],
    [
      'a negative audience',
      SET_PLAY,
      PLAY_ACTIVITY,
      play((p) => (p.performances[0].audience = { value: -3, qualifier: 'ABOUT' })),
      'play.performances[0].audience.value',
    ],
    [
      'negative interventions',
      SET_PLAY,
      PLAY_ACTIVITY,
      play((p) => (p.performances[0].interventions = -1)),
      'play.performances[0].interventions',
    ],
    ['a play without a title', SET_PLAY, PLAY_ACTIVITY, play((p) => (p.title = ' ')), 'play.title'],
    [
      'a performance without a town',
      SET_PLAY,
      PLAY_ACTIVITY,
      play((p) => (p.performances[0].town = '')),
      'play.performances[0].town',
    ],
    ['a play on a booklet-text activity', SET_PLAY, TEXT_ACTIVITY, play(() => {}), 'id'],
    ['a booklet text without a body', SET_TEXT, TEXT_ACTIVITY, text((t) => (t.body = '\n ')), 'text.body'],
    ['a booklet text without a title', SET_TEXT, TEXT_ACTIVITY, text((t) => (t.title = '')), 'text.title'],
    ['a booklet text on a street-survey activity', SET_TEXT, SURVEY_ACTIVITY, text(() => {}), 'id'],
  ])('%s', async (_name, mutation, id, work, field) => {
    const version = await versionOf('foundations', id);
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    const response = await ask(mutation, { id, version, ...work }, { token: tokens.editors.bbag });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(response.errors![0].message).toContain(`"${field}"`);
    expectNoLeaks(response);
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
  });
});

describe('writes', () => {
  test('anonymous callers and editors of other partners are refused, and nothing changes', async () => {
    const version = await versionOf('foundations', SURVEY_ACTIVITY);
    const variables = { id: SURVEY_ACTIVITY, version, survey: validSurvey() };
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    expect(codes(await ask(SET_SURVEY, variables))).toEqual(['UNAUTHENTICATED']);
    // Another foundation's editor, in the same subgraph.
    const other = await ask(SET_SURVEY, variables, { token: tokens.editors['polska-fundacja-roberta-schumana'] });
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expectNoLeaks(other);
    const play = { id: PLAY_ACTIVITY, version: await versionOf('foundations', PLAY_ACTIVITY), play: validPlay() };
    expect(codes(await ask(SET_PLAY, play, { token: tokens.editors['gemma-villach'] }))).toEqual(['FORBIDDEN']);
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
  });

  test("the owner's editor replaces the survey whole: a new version, the partner's language, an audit entry", async () => {
    const version = await versionOf('foundations', SURVEY_ACTIVITY);
    const { setFoundationActivitySurvey: saved } = await ok<{
      setFoundationActivitySurvey: { version: number; survey: { respondents: number; questions: Question[] } };
    }>(SET_SURVEY, { id: SURVEY_ACTIVITY, version, survey: validSurvey() }, { token: tokens.editors.bbag });
    expect(saved.version).toBe(version + 1);
    expect(saved.survey.respondents).toBe(50);
    expect(saved.survey.questions).toEqual([
      {
        id: `${SURVEY_ACTIVITY}-q1`,
        text: 'What does solidarity mean to you?',
        originalLocale: 'DE',
        networkQuestion: { id: 'q-solidarity-1' },
        options: [
          { id: `${SURVEY_ACTIVITY}-q1-o1`, text: 'Helping each other', count: 20 },
          { id: `${SURVEY_ACTIVITY}-q1-o2`, text: 'Sharing', count: 25 },
        ],
      },
      {
        id: `${SURVEY_ACTIVITY}-q2`,
        text: 'Have you volunteered?',
        originalLocale: 'DE',
        networkQuestion: null,
        options: [
          { id: `${SURVEY_ACTIVITY}-q2-o1`, text: 'Yes', count: 30 },
          { id: `${SURVEY_ACTIVITY}-q2-o2`, text: 'No', count: 10 },
        ],
      },
    ]);
    // The demo's third question and its options are gone with the rest.
    const rows = await sql<{ n: string }>(
      `select count(*) as n from foundations.survey_option o join foundations.survey_question q on q.id = o.question_id where q.activity_id = $1`,
      [SURVEY_ACTIVITY],
    );
    expect(Number(rows[0].n)).toBe(4);

    const audit = await ok<{
      foundationAuditLog: {
        nodes: { actor: string; role: string; action: string; entityId: string; fields: string[] }[];
      };
    }>(`{ foundationAuditLog(first: 1) { nodes { actor role action entityId fields } } }`, {}, { token: tokens.admin });
    expect(audit.foundationAuditLog.nodes).toEqual([
      {
        actor: 'staff@bbag.example.org',
        role: 'PARTNER_EDITOR',
        action: 'setFoundationActivitySurvey',
        entityId: SURVEY_ACTIVITY,
        fields: ['survey'],
      },
    ]);

    // A stale version is a CONFLICT and changes nothing.
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    const stale = await ask(
      SET_SURVEY,
      { id: SURVEY_ACTIVITY, version, survey: validSurvey() },
      { token: tokens.admin },
    );
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].message).toMatch(new RegExp(`is at version ${version + 1}, not ${version}`));
    expectNoLeaks(stale);
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);

    // The admin may too, in a language of their choice.
    const english = { ...validSurvey(), locale: 'EN' };
    const { setFoundationActivitySurvey: byAdmin } = await ok<{
      setFoundationActivitySurvey: { version: number; survey: { questions: Question[] } };
    }>(SET_SURVEY, { id: SURVEY_ACTIVITY, version: version + 1, survey: english }, { token: tokens.admin });
    expect(byAdmin.version).toBe(version + 2);
    expect(
      byAdmin.survey.questions.map((question) => (question as { originalLocale?: string }).originalLocale),
    ).toEqual(['EN', 'EN']);
  });

  test('a play with its performances by date; an empty list of performances is a play not yet performed', async () => {
    const version = await versionOf('foundations', PLAY_ACTIVITY);
    const play = {
      title: 'Im Nachtbus',
      synopsis: 'Eine Szene über Zivilcourage.',
      performances: [
        { on: '2016-11-10', town: 'Potsdam', venue: 'Waschhaus', notes: 'Ausverkauft.' },
        { on: '2016-10-21', town: 'Berlin', audience: { value: 55, qualifier: 'EXACT' }, interventions: 12 },
      ],
    };
    const { setFoundationActivityPlay: saved } = await ok<{
      setFoundationActivityPlay: { version: number; play: WorkNode['play'] };
    }>(SET_PLAY, { id: PLAY_ACTIVITY, version, play }, { token: tokens.editors.bbag });
    expect(saved.version).toBe(version + 1);
    expect(saved.play).toEqual({
      title: 'Im Nachtbus',
      synopsis: 'Eine Szene über Zivilcourage.',
      originalLocale: 'DE',
      performances: [
        {
          on: '2016-10-21',
          town: 'Berlin',
          venue: null,
          audience: { value: 55, qualifier: 'EXACT' },
          interventions: 12,
          notes: null,
        },
        {
          on: '2016-11-10',
          town: 'Potsdam',
          venue: 'Waschhaus',
          audience: null,
          interventions: null,
          notes: 'Ausverkauft.',
        },
      ],
    });
    const { setFoundationActivityPlay: unperformed } = await ok<{
      setFoundationActivityPlay: { play: WorkNode['play'] };
    }>(
      SET_PLAY,
      { id: PLAY_ACTIVITY, version: version + 1, play: { title: 'Im Nachtbus', performances: [] } },
      { token: tokens.admin },
    );
    expect(unperformed.play).toMatchObject({ title: 'Im Nachtbus', synopsis: null, performances: [] });
  });

  test('two writes in one document: each answers with the work it stored', async () => {
    const version = await versionOf('foundations', SURVEY_ACTIVITY);
    const second = { ...validSurvey(), respondents: 77, questions: [validSurvey().questions[1]] };
    const data = await ok<
      Record<'a' | 'b', { version: number; survey: { respondents: number; questions: unknown[] } }>
    >(
      `mutation ($id: ID!, $v1: Int!, $v2: Int!, $s1: SurveyInput!, $s2: SurveyInput!) {
        a: setFoundationActivitySurvey(id: $id, version: $v1, survey: $s1) { version survey { respondents questions { text } } }
        b: setFoundationActivitySurvey(id: $id, version: $v2, survey: $s2) { version survey { respondents questions { text } } }
      }`,
      { id: SURVEY_ACTIVITY, v1: version, v2: version + 1, s1: validSurvey(), s2: second },
      { token: tokens.admin },
    );
    expect([data.a.version, data.a.survey.respondents, data.a.survey.questions.length]).toEqual([version + 1, 50, 2]);
    expect([data.b.version, data.b.survey.respondents, data.b.survey.questions]).toEqual([
      version + 2,
      77,
      [{ text: 'Have you volunteered?' }],
    ]);
  });

  test('an activity with work keeps its kind; deleting it deletes its work', async () => {
    const version = await versionOf('foundations', SURVEY_ACTIVITY);
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    const changed = await ask(
      `mutation ($id: ID!, $version: Int!) { updateFoundationActivity(id: $id, version: $version, patch: {kind: DEBATE}) { kind } }`,
      { id: SURVEY_ACTIVITY, version },
      { token: tokens.editors.bbag },
    );
    expect(changed.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'patch.kind' });
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);

    const { createFoundationActivity: created } = await ok<{ createFoundationActivity: { id: string } }>(
      `mutation { createFoundationActivity(partnerId: "bbag", input: {kind: STREET_SURVEY, theme: SOLIDARITY, title: "Umfrage am Bahnhof", startsOn: "2016-02-20"}) { id } }`,
      {},
      { token: tokens.editors.bbag },
    );
    await ok(SET_SURVEY, { id: created.id, version: 1, survey: validSurvey() }, { token: tokens.editors.bbag });
    const count = async () =>
      (
        await sql<{ n: string }>(`select count(*) as n from foundations.survey_question where activity_id = $1`, [
          created.id,
        ])
      )[0].n;
    expect(await count()).toBe('2');
    await ok(
      `mutation ($id: ID!) { deleteFoundationActivity(id: $id, version: 2) }`,
      { id: created.id },
      { token: tokens.editors.bbag },
    );
    expect(await count()).toBe('0');
    expect(await sql(`select * from foundations.survey where activity_id = $1`, [created.id])).toEqual([]);
  });
});

describe('the booklet: a text is public only with its author’s consent', () => {
  const TEXT = `query ($id: ID!) { partner(id: $id) { activities(filter: {kind: BOOKLET_TEXT}) { nodes { id bookletText { title authorName authorConsentToPublish } } } } }`;
  const textSeenBy = async (token?: string) => {
    const data = await ok<{ partner: { activities: { nodes: WorkNode[] } } }>(TEXT, { id: 'gemma-villach' }, { token });
    return byId(data.partner.activities.nodes, 'gemma-villach-booklet-text-peace').bookletText;
  };
  const SET = `mutation ($id: ID!, $version: Int!, $text: BookletTextInput!) {
    setYouthAssociationActivityBookletText(id: $id, version: $version, text: $text) { version bookletText { title authorName authorConsentToPublish } }
  }`;

  test('without consent only the partner’s editors and the admin see it; with consent anyone, anonymous or named', async () => {
    const id = 'gemma-villach-booklet-text-peace';
    const version = await versionOf('youth_associations', id);
    const text = {
      title: 'Mein Frieden',
      body: 'Ein persönlicher Text.',
      authorName: 'Anna Berger',
      authorAgeBand: 'UNDER_18',
    };
    // No consent given: the text is private.
    const saved = await ok<{ setYouthAssociationActivityBookletText: { bookletText: unknown } }>(
      SET,
      { id, version, text },
      { token: tokens.editors['gemma-villach'] },
    );
    const private_ = { title: 'Mein Frieden', authorName: 'Anna Berger', authorConsentToPublish: false };
    expect(saved.setYouthAssociationActivityBookletText.bookletText).toEqual(private_);
    expect(await textSeenBy()).toBeNull();
    expect(await textSeenBy(tokens.editors.bbag)).toBeNull();
    expect(await textSeenBy(tokens.editors['gemma-villach'])).toEqual(private_);
    expect(await textSeenBy(tokens.admin)).toEqual(private_);

    // Published anonymously, with consent.
    await ok(
      SET,
      { id, version: version + 1, text: { ...text, authorName: null, authorConsentToPublish: true } },
      { token: tokens.admin },
    );
    expect(await textSeenBy()).toEqual({ title: 'Mein Frieden', authorName: null, authorConsentToPublish: true });
  });
});

/**
 * Gives every partner `count` more activities with their work, dated before the seeded ones
 * so that they come first in a page: surveys of 3 questions of 3 options, plays with 2
 * performances, booklet texts, one kind after another.
 */
async function growWork(round: number, count: number) {
  for (const subgraph of SUBGRAPHS.filter((candidate) => candidate.partnerType)) {
    const schema = subgraph.defaultSchema;
    const grown = `%-grown-${round}-%`;
    await sql(
      `insert into ${schema}.activity (id, partner_id, kind, theme, title, starts_on, original_locale, demo)
       select p.id || '-grown-${round}-' || n, p.id,
              (array['STREET_SURVEY', 'FORUM_THEATRE', 'BOOKLET_TEXT'])[n % 3 + 1], 'PEACE', 'Grown ' || n,
              date '2015-10-01' + n - ${round} * 100, 'EN', true
       from ${schema}.profile p, generate_series(1, $1::int) n`,
      [count],
    );
    await sql(
      `insert into ${schema}.survey (activity_id, respondents)
       select id, 60 from ${schema}.activity where id like $1 and kind = 'STREET_SURVEY'`,
      [grown],
    );
    await sql(
      `insert into ${schema}.survey_question (id, activity_id, position, text, original_locale)
       select s.activity_id || '-q' || q, s.activity_id, q, 'Question ' || q, 'EN'
       from ${schema}.survey s, generate_series(1, 3) q where s.activity_id like $1`,
      [grown],
    );
    await sql(
      `insert into ${schema}.survey_option (id, question_id, position, text, count, original_locale)
       select q.id || '-o' || o, q.id, o, 'Option ' || o, 10 * o, 'EN'
       from ${schema}.survey_question q, generate_series(1, 3) o where q.activity_id like $1`,
      [grown],
    );
    await sql(
      `insert into ${schema}.play (activity_id, title, original_locale)
       select id, 'Play', 'EN' from ${schema}.activity where id like $1 and kind = 'FORUM_THEATRE'`,
      [grown],
    );
    await sql(
      `insert into ${schema}.performance (id, activity_id, position, performed_on, town, original_locale)
       select p.activity_id || '-p' || n, p.activity_id, n, date '2016-10-01' + n, 'Town', 'EN'
       from ${schema}.play p, generate_series(1, 2) n where p.activity_id like $1`,
      [grown],
    );
    await sql(
      `insert into ${schema}.booklet_text (activity_id, title, body, author_consent, original_locale)
       select id, 'Title', 'Body', true, 'EN' from ${schema}.activity where id like $1 and kind = 'BOOKLET_TEXT'`,
      [grown],
    );
  }
}

test('the statement count of the work stays the same as activities with work grow', async () => {
  // Pages sized to stay within the gateway's cost limit, which counts every list of the work
  // at its page size; 18 activities for each of the 8 partners fill the page after growing.
  const QUERY = `{ partners(first: 8) { nodes { activities(first: 18) { nodes {
    survey { questions { options { count } } } play { performances { on } } bookletText { title }
  } } } } }`;
  type Page = {
    partners: {
      nodes: {
        activities: {
          nodes: {
            survey: { questions: { options: unknown[] }[] } | null;
            play: { performances: unknown[] } | null;
            bookletText: unknown;
          }[];
        };
      }[];
    };
  };
  const measure = async () => {
    for (const key of Object.keys(statements)) delete statements[key];
    counting = true;
    const data = await ok<Page>(QUERY);
    counting = false;
    const activities = data.partners.nodes.flatMap((partner) => partner.activities.nodes);
    return {
      perSubgraph: Object.fromEntries(Object.entries(statements).map(([name, list]) => [name, list.length])),
      activities: activities.length,
      options: activities.flatMap((activity) => activity.survey?.questions.flatMap((q) => q.options) ?? []).length,
      performances: activities.flatMap((activity) => activity.play?.performances ?? []).length,
      texts: activities.filter((activity) => activity.bookletText).length,
    };
  };
  const seeded = await measure();
  await growWork(1, 6);
  const larger = await measure();
  await growWork(2, 12);
  const largest = await measure();

  expect(seeded.activities).toBe(25);
  expect(largest.activities).toBe(8 * 18);
  expect(largest.options).toBeGreaterThan(3 * seeded.options);
  expect(largest.performances).toBeGreaterThan(3 * seeded.performances);
  expect(largest.texts).toBeGreaterThan(3 * seeded.texts);
  // The roster page; per partner-type subgraph the activities, and one statement for each
  // table of the work: surveys, questions, options, plays, performances, booklet texts. (No
  // profile rows: the partners' `_entities` loads them only for a field stored there.)
  expect(seeded.perSubgraph).toEqual(
    Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.partnerType ? 7 : 1])),
  );
  expect(larger.perSubgraph).toEqual(seeded.perSubgraph);
  expect(largest.perSubgraph).toEqual(seeded.perSubgraph);
});
