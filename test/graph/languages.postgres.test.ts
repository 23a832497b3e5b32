import { type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { LOCALES, Locale, type LocalizedTexts } from '@citipart/schema';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { TOLERACTION_TEXTS } from '../../subgraphs/european-houses/src/seed/toleraction.texts';
import { DEMO_ACTIVITY_TEXTS } from '../../subgraphs/kit/src/partner-type/demo-activity-texts';
import { MEETING_TEXTS, NETWORK_TEXTS } from '../../subgraphs/network/src/seed/network.texts';
import { PARTNER_IDS, callers } from '../support/callers';
import { tableChecksums } from '../support/checksum';
import { type GraphQLResponse, type TestGraph, startGraph } from '../support/graph';
import { codes, expectNoLeaks } from '../support/leaks';

// The language layer of API version 3 (docs/API.md, "Languages"), against the whole stack:
// every translatable text of the dataset in every locale, compared with the seed's own text
// modules; Accept-Language negotiated by the gateway and passed to every subgraph; the
// fallback (argument → request's language → English → original) step by step; the
// set…Translation writes under version 2's rules; translation coverage.
//
// The reads of the seed come first, the writes after them, on records made for the purpose
// where they can be (jest runs a file's tests in order).

let graph: TestGraph;
let tokens: Awaited<ReturnType<typeof callers>>;
const SCHEMAS = SUBGRAPHS.map((subgraph) => subgraph.defaultSchema);

beforeAll(async () => {
  graph = await startGraph('languages');
  tokens = await callers(graph);
});
afterAll(() => graph?.stop());

type Field = 'title' | 'description';
type Texts = LocalizedTexts<Field>;
/** Texts as the rule sees them: a translation may lack a field. */
type SomeTexts = { originalLocale: Locale; texts: Partial<Record<Locale, Partial<Record<Field, string>>>> };
const FIELDS: readonly Field[] = ['title', 'description'];

interface Answer<T> {
  status: number;
  headers: IncomingHttpHeaders;
  body: GraphQLResponse<T>;
}

/**
 * A POST with exactly the headers given: `fetch` would add `Accept-Language: *` when none
 * is, and the absent header is one of the cases here.
 */
function post<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: JSON.parse(text) });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** An answer from the gateway without errors, with its headers. */
async function ask<T>(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ data: T; headers: IncomingHttpHeaders }> {
  const answer = await post<T>(graph.url, query, variables, headers);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  return { data: answer.body.data as T, headers: answer.headers };
}

/** Through the gateway as `token`'s holder (graph.query: fetch, so `Accept-Language: *`, English). */
async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const response = await graph.query<T>(query, variables, token);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

const lower = (locale: Locale) => locale.toLowerCase();
const language = (locale: Locale) => ({ 'accept-language': lower(locale) });

/**
 * The documented rule, written here apart from the implementation: the field's argument,
 * the request's language, English, then the language the text was written in.
 */
function expected(texts: SomeTexts, field: Field, argument: Locale | null, requested: Locale | null = null): string {
  for (const locale of [argument, requested, Locale.EN]) {
    const text = locale ? texts.texts[locale]?.[field] : undefined;
    if (text !== undefined) return text;
  }
  return texts.texts[texts.originalLocale]![field]!;
}

interface Stored {
  field: string;
  locale: Locale;
  text: string;
}

const byLocaleAndField = (a: Stored, b: Stored) =>
  a.locale.localeCompare(b.locale) || a.field.localeCompare(b.field) || a.text.localeCompare(b.text);

/** Every text a record has, the original's included, as `translations` lists them (in any order). */
function storedTexts(texts: SomeTexts): Stored[] {
  return LOCALES.flatMap((locale) =>
    FIELDS.flatMap((field) => {
      const text = texts.texts[locale]?.[field];
      return text === undefined ? [] : [{ field, locale, text }];
    }),
  ).sort(byLocaleAndField);
}

/** `translations` as answered: the original's texts first, then the others (compared in any order). */
function expectTranslations(answered: Stored[], texts: SomeTexts): void {
  expect(answered[0]!.locale).toBe(texts.originalLocale);
  expect([...answered].sort(byLocaleAndField)).toEqual(storedTexts(texts));
}

/** The seed's activities whose texts the modules give: TOLER'ACTION and every partner's three demo activities. */
const SEED_ACTIVITIES: Record<string, Texts> = {
  'maison-europe-yvelines-toleraction': TOLERACTION_TEXTS,
  ...Object.fromEntries(
    Object.entries(DEMO_ACTIVITY_TEXTS).flatMap(([partnerId, bySlug]) =>
      Object.entries(bySlug).map(([slug, texts]) => [`${partnerId}-${slug}`, texts]),
    ),
  ),
};

/** The language of each partner's country (docs/API.md: the default of its activities' texts). */
const PARTNER_LOCALE: Record<(typeof PARTNER_IDS)[number], Locale> = {
  bbag: Locale.DE,
  'centre-europeen-robert-schuman': Locale.FR,
  'europski-dom-dubrovnik': Locale.HR,
  'gemma-villach': Locale.DE,
  'maison-europe-nimes': Locale.FR,
  'maison-europe-yvelines': Locale.FR,
  'miasto-sosnowiec': Locale.PL,
  'polska-fundacja-roberta-schumana': Locale.PL,
};

interface Coverage {
  locale: Locale;
  translated: number;
  missing: number;
}

/** What translationCoverage should say of these records: per locale, texts that exist in it and texts that do not. */
function coverageOf(records: readonly SomeTexts[]): Coverage[] {
  return LOCALES.map((locale) => {
    let total = 0;
    let translated = 0;
    for (const record of records) {
      for (const field of FIELDS) {
        if (record.texts[record.originalLocale]?.[field] === undefined) continue;
        total += 1;
        if (record.texts[locale]?.[field] !== undefined) translated += 1;
      }
    }
    return { locale, translated, missing: total - translated };
  });
}

/** `after` minus `before`, per locale. */
const coverageDelta = (before: Coverage[], after: Coverage[]) =>
  Object.fromEntries(
    after.map((row, index) => [
      row.locale,
      { translated: row.translated - before[index]!.translated, missing: row.missing - before[index]!.missing },
    ]),
  );

type RecordTexts = { id: string; originalLocale: Locale; title: string; description: string | null };
type WithTranslations = RecordTexts & { translations: Stored[] };

describe('every translatable text of the dataset, in every locale', () => {
  const NETWORK_AND_MEETINGS = `query ($locale: Locale) {
    network { originalLocale title(locale: $locale) description(locale: $locale) translations { field locale text } }
    meetings { nodes { id originalLocale title(locale: $locale) description(locale: $locale) translations { field locale text } } }
  }`;
  type NetworkAndMeetings = {
    network: Omit<WithTranslations, 'id'>;
    meetings: { nodes: WithTranslations[] };
  };

  test.each([...LOCALES, null])('the network and its meetings, title(locale: %s)', async (locale) => {
    const { data } = await ask<NetworkAndMeetings>(NETWORK_AND_MEETINGS, { locale });
    expect(data.network.originalLocale).toBe(Locale.HR);
    expect(data.network.title).toBe(expected(NETWORK_TEXTS, 'title', locale));
    expect(data.network.description).toBe(expected(NETWORK_TEXTS, 'description', locale));
    expectTranslations(data.network.translations, NETWORK_TEXTS);
    expect(data.meetings.nodes.map((meeting) => meeting.id).sort()).toEqual(Object.keys(MEETING_TEXTS).sort());
    for (const meeting of data.meetings.nodes) {
      const texts = MEETING_TEXTS[meeting.id]!;
      expect(meeting.originalLocale).toBe(Locale.EN);
      expect(meeting.title).toBe(expected(texts, 'title', locale));
      expect(meeting.description).toBe(expected(texts, 'description', locale));
      expectTranslations(meeting.translations, texts);
    }
  });

  // The query without a locale, with no Accept-Language: English where there is one.
  test('without a locale and without Accept-Language, English', async () => {
    const { data, headers } = await ask<{ network: { title: string; description: string } }>(
      `{ network { title description } }`,
    );
    expect(data.network).toEqual(NETWORK_TEXTS.texts.EN);
    expect(headers['content-language']).toBe('en');
  });

  const ACTIVITIES = `query ($locale: Locale) {
    partners { nodes { id locale activities { nodes {
      id originalLocale title(locale: $locale) description(locale: $locale) translations { field locale text }
    } } } }
  }`;
  type Activities = {
    partners: { nodes: { id: string; locale: Locale; activities: { nodes: WithTranslations[] } }[] };
  };

  test.each([...LOCALES, null])(
    "every partner's seeded activities (TOLER'ACTION and the demo ones), title(locale: %s)",
    async (locale) => {
      const { data } = await ask<Activities>(ACTIVITIES, { locale });
      const activities = data.partners.nodes.flatMap((partner) => partner.activities.nodes);
      expect(activities.map((activity) => activity.id).sort()).toEqual(Object.keys(SEED_ACTIVITIES).sort());
      for (const activity of activities) {
        const texts = SEED_ACTIVITIES[activity.id]!;
        expect({ id: activity.id, originalLocale: activity.originalLocale }).toEqual({
          id: activity.id,
          originalLocale: texts.originalLocale,
        });
        expect(activity.title).toBe(expected(texts, 'title', locale));
        expect(activity.description).toBe(expected(texts, 'description', locale));
        expectTranslations(activity.translations, texts);
      }
      // Each partner's activities are written in its country's language.
      for (const partner of data.partners.nodes) {
        expect(partner.locale).toBe(PARTNER_LOCALE[partner.id as keyof typeof PARTNER_LOCALE]);
        for (const activity of partner.activities.nodes) expect(activity.originalLocale).toBe(partner.locale);
      }
    },
  );

  test('the records named in the issue, spelled out', async () => {
    // What the generic checks above compare, for four records a reader can check by eye.
    const { data } = await ask<Activities>(ACTIVITIES, { locale: Locale.DE });
    const activity = (id: string) =>
      data.partners.nodes.flatMap((partner) => partner.activities.nodes).find((node) => node.id === id)!;
    // TOLER'ACTION: French, translated into every language; its title is the piece's name.
    expect(activity('maison-europe-yvelines-toleraction')).toMatchObject({
      originalLocale: Locale.FR,
      title: TOLERACTION_TEXTS.texts.FR!.title,
      description: TOLERACTION_TEXTS.texts.DE!.description,
    });
    // A Croatian demo activity has Croatian and English only: German falls back to English.
    expect(activity('europski-dom-dubrovnik-street-survey-solidarity')).toMatchObject({
      originalLocale: Locale.HR,
      title: DEMO_ACTIVITY_TEXTS['europski-dom-dubrovnik']!['street-survey-solidarity'].texts.EN!.title,
    });
    // Austria writes German: GEMMA's German originals answer.
    expect(activity('gemma-villach-booklet-text-peace')).toMatchObject({
      originalLocale: Locale.DE,
      title: DEMO_ACTIVITY_TEXTS['gemma-villach']!['booklet-text-peace'].texts.DE!.title,
    });
    expect(activity('miasto-sosnowiec-forum-theatre-tolerance').originalLocale).toBe(Locale.PL);
  });
});

describe('Accept-Language, negotiated by the gateway', () => {
  const JUNK = '#!;q=,;$%~^&|{}'.repeat(350);
  // [header, negotiated]; null: no header at all. The wildcard stands for the locales the
  // header does not name, in the order EN, HR, FR, DE, PL (negotiateLocale's doc).
  const CASES: [string | null, Locale][] = [
    [null, Locale.EN],
    ['', Locale.EN],
    ['hr-HR,hr;q=0.9,en;q=0.8', Locale.HR],
    ['de-AT', Locale.DE],
    ['DE', Locale.DE],
    ['Fr-ch', Locale.FR],
    ['*', Locale.EN],
    ['fr;q=0', Locale.EN],
    ['*;q=0', Locale.EN],
    [';;;,q=x', Locale.EN],
    ['klingon', Locale.EN],
    ['i-klingon, x-pig-latin', Locale.EN],
    [JUNK, Locale.EN],
    [`de, ${JUNK}`, Locale.DE],
    ['sr-Latn', Locale.EN],
    ['sr-Latn, pl;q=0.1', Locale.PL],
    ['en-GB;q=0.5, pl', Locale.PL],
    ['fr-CA;q=0, fr;q=0.4, de;q=0.3', Locale.FR],
    ['*;q=0.5, en;q=0', Locale.HR],
    ['en;q=0, fr;q=0, *', Locale.HR],
    ['fr;q=0, *', Locale.EN],
    ['fr;q=0.1234', Locale.EN],
    ['fr;q=0.1234, de;q=0.1', Locale.DE],
    ['pl;q=1.000', Locale.PL],
    ['pl;q=1.5, hr;q=0.2', Locale.HR],
    ['fr;q=abc, de', Locale.DE],
    ['de; Q=0.5, en;q=0.4', Locale.DE],
    ['pl;q=0.5, fr;q=0.5', Locale.PL],
    ['en;q=0.8, de', Locale.DE],
    ['fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', Locale.FR],
  ];
  /** How a header reads in the test's name and in the table: long ones shortened. */
  const shown = (header: string | null) =>
    header === null
      ? '(none)'
      : header.length > 60
        ? `"${header.slice(0, 16)}…" (${header.length} bytes)`
        : `"${header}"`;
  const table: [string, string][] = [];
  afterAll(() => {
    const width = Math.max(...table.map(([header]) => header.length));
    const lines = table.map(([header, negotiated]) => `  ${header.padEnd(width)} → ${negotiated}`);
    process.stdout.write(`Accept-Language → Content-Language, ${table.length} headers:\n${lines.join('\n')}\n`);
  });

  test.each(CASES.map(([header, locale]) => ({ name: shown(header), header, locale })))(
    'Accept-Language $name',
    async ({ header, locale }) => {
      const { data, headers } = await ask<{ network: { title: string } }>(
        `{ network { title } }`,
        {},
        header === null ? {} : { 'accept-language': header },
      );
      table.push([shown(header), String(headers['content-language'])]);
      expect(headers['content-language']).toBe(lower(locale));
      // The text answers in that language too: the gateway passed it on to the network subgraph.
      expect(data.network.title).toBe(NETWORK_TEXTS.texts[locale]!.title);
      const vary = String(headers.vary ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase());
      expect(vary).toContain('accept-language');
    },
  );
});

describe('the fallback, step by step (seeded records)', () => {
  const SOSNOWIEC_SURVEY = DEMO_ACTIVITY_TEXTS['miasto-sosnowiec']!['street-survey-solidarity'];
  const NIMES_THEATRE = DEMO_ACTIVITY_TEXTS['maison-europe-nimes']!['forum-theatre-tolerance'];
  const activitiesQuery = (partnerId: string, argument: string) =>
    `{ partner(id: "${partnerId}") { activities { nodes { id title${argument} description${argument} } } } }`;
  const activityOf = (data: { partner: { activities: { nodes: RecordTexts[] } } }, id: string) =>
    data.partner.activities.nodes.find((activity) => activity.id === id)!;

  test("the field's locale argument wins over the request's language", async () => {
    const { data, headers } = await ask<{
      network: { title: string; description: string };
      meetings: { nodes: { id: string; title: string }[] };
    }>(
      `{ network { title(locale: PL) description(locale: PL) } meetings { nodes { id title(locale: PL) } } }`,
      {},
      {
        'accept-language': 'fr',
      },
    );
    // The response still says what was negotiated: the argument is the field's, not the request's.
    expect(headers['content-language']).toBe('fr');
    expect(data.network).toEqual(NETWORK_TEXTS.texts.PL);
    for (const meeting of data.meetings.nodes) expect(meeting.title).toBe(MEETING_TEXTS[meeting.id]!.texts.PL!.title);
  });

  test("without an argument, the request's language", async () => {
    const { data } = await ask<{ network: { title: string }; meetings: { nodes: { id: string; title: string }[] } }>(
      `{ network { title } meetings { nodes { id title } } }`,
      {},
      { 'accept-language': 'fr' },
    );
    expect(data.network.title).toBe(NETWORK_TEXTS.texts.FR!.title);
    for (const meeting of data.meetings.nodes) expect(meeting.title).toBe(MEETING_TEXTS[meeting.id]!.texts.FR!.title);
    const nimes = await ask<{ partner: { activities: { nodes: RecordTexts[] } } }>(
      activitiesQuery('maison-europe-nimes', ''),
      {},
      { 'accept-language': 'fr' },
    );
    expect(activityOf(nimes.data, 'maison-europe-nimes-forum-theatre-tolerance')).toMatchObject(
      NIMES_THEATRE.texts.FR!,
    );
  });

  test("an argument without a text falls back to the request's language, then English", async () => {
    // Nîmes writes French and has English: asked in DE (none) with a French request, French.
    const nimes = await ask<{ partner: { activities: { nodes: RecordTexts[] } } }>(
      activitiesQuery('maison-europe-nimes', '(locale: DE)'),
      {},
      { 'accept-language': 'fr' },
    );
    expect(activityOf(nimes.data, 'maison-europe-nimes-forum-theatre-tolerance')).toMatchObject(
      NIMES_THEATRE.texts.FR!,
    );
    // Sosnowiec writes Polish and has English: asked in FR with a Polish request, Polish...
    const polish = await ask<{ partner: { activities: { nodes: RecordTexts[] } } }>(
      activitiesQuery('miasto-sosnowiec', '(locale: FR)'),
      {},
      { 'accept-language': 'pl' },
    );
    expect(activityOf(polish.data, 'miasto-sosnowiec-street-survey-solidarity')).toMatchObject(
      SOSNOWIEC_SURVEY.texts.PL!,
    );
    // ...and with a German request (no text either), English.
    const german = await ask<{ partner: { activities: { nodes: RecordTexts[] } } }>(
      activitiesQuery('miasto-sosnowiec', '(locale: FR)'),
      {},
      { 'accept-language': 'de' },
    );
    expect(activityOf(german.data, 'miasto-sosnowiec-street-survey-solidarity')).toMatchObject(
      SOSNOWIEC_SURVEY.texts.EN!,
    );
  });

  test('a Polish-original activity asked in French answers in English, by argument or by header', async () => {
    const byArgument = await ask<{ partner: { activities: { nodes: RecordTexts[] } } }>(
      activitiesQuery('miasto-sosnowiec', '(locale: FR)'),
    );
    const byHeader = await ask<{ partner: { activities: { nodes: RecordTexts[] } } }>(
      activitiesQuery('miasto-sosnowiec', ''),
      {},
      { 'accept-language': 'fr' },
    );
    for (const { data } of [byArgument, byHeader]) {
      expect(activityOf(data, 'miasto-sosnowiec-street-survey-solidarity')).toMatchObject(SOSNOWIEC_SURVEY.texts.EN!);
    }
  });
});

describe('one query across the subgraphs, in one language', () => {
  const CROSS = `{
    network { title description }
    meetings { nodes { id title description } }
    partners { nodes { id name locale activities { nodes { id title description originalLocale } } } }
  }`;
  type Cross = {
    network: { title: string; description: string };
    meetings: { nodes: { id: string; title: string; description: string }[] };
    partners: { nodes: { id: string; name: string; locale: Locale; activities: { nodes: RecordTexts[] } }[] };
  };

  test('Accept-Language: de — every text as the fallback rule predicts, official names untranslated', async () => {
    const { data, headers } = await ask<Cross>(CROSS, {}, { 'accept-language': 'de' });
    expect(headers['content-language']).toBe('de');
    // The network and the meetings have German.
    expect(data.network).toEqual(NETWORK_TEXTS.texts.DE);
    for (const meeting of data.meetings.nodes) {
      expect({ id: meeting.id, title: meeting.title, description: meeting.description }).toEqual({
        id: meeting.id,
        ...MEETING_TEXTS[meeting.id]!.texts.DE,
      });
    }
    const answered: Record<string, string> = {};
    for (const partner of data.partners.nodes) {
      for (const activity of partner.activities.nodes) {
        const texts = SEED_ACTIVITIES[activity.id]!;
        answered[activity.id] = `${activity.originalLocale}: ${activity.title}`;
        expect([activity.id, activity.title, activity.description]).toEqual([
          activity.id,
          expected(texts, 'title', null, Locale.DE),
          expected(texts, 'description', null, Locale.DE),
        ]);
        // German-speaking partners: their German originals. French ones (FR and EN only,
        // TOLER'ACTION aside): English.
        if (partner.locale === Locale.DE) expect(activity.title).toBe(texts.texts.DE!.title);
        if (partner.locale === Locale.FR && activity.id !== 'maison-europe-yvelines-toleraction') {
          expect(activity.title).toBe(texts.texts.EN!.title);
        }
      }
    }
    expect(Object.keys(answered).sort()).toEqual(Object.keys(SEED_ACTIVITIES).sort());
    // Official names are the organisations' own, whatever the language asked.
    for (const locale of [Locale.EN, Locale.HR, Locale.FR, Locale.PL]) {
      const other = await ask<Cross>(`{ partners { nodes { id name } } }`, {}, language(locale));
      expect(other.data.partners.nodes).toEqual(data.partners.nodes.map(({ id, name }) => ({ id, name })));
    }
    expect(data.partners.nodes.find((partner) => partner.id === 'bbag')!.name).toBe(
      'Berlin-Brandenburgische Auslandsgesellschaft e.V.',
    );
  });
});

describe('a subgraph called directly', () => {
  test('the network subgraph honours Accept-Language: pl as the gateway does', async () => {
    const answer = await post<{ network: { title: string }; meetings: { nodes: { id: string; title: string }[] } }>(
      graph.subgraphs.get('network')!.url,
      `{ network { title } meetings { nodes { id title } } }`,
      {},
      { 'accept-language': 'pl' },
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.headers['content-language']).toBe('pl');
    expect(String(answer.headers.vary)).toMatch(/accept-language/i);
    expect(answer.body.data!.network.title).toBe(NETWORK_TEXTS.texts.PL!.title);
    expect(answer.body.data!.meetings.nodes).toHaveLength(Object.keys(MEETING_TEXTS).length);
    for (const meeting of answer.body.data!.meetings.nodes) {
      expect(meeting.title).toBe(MEETING_TEXTS[meeting.id]!.texts.PL!.title);
    }
  });

  test('a partner-type subgraph too: Nîmes’ activities in French, through _entities', async () => {
    const answer = await post<{ _entities: { activities: { nodes: RecordTexts[] } }[] }>(
      graph.subgraphs.get('european-houses')!.url,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on EuropeanHouse { activities { nodes { id title description } } } } }`,
      { representations: [{ __typename: 'EuropeanHouse', id: 'maison-europe-nimes' }] },
      { 'accept-language': 'fr-FR' },
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.headers['content-language']).toBe('fr');
    const nodes = answer.body.data!._entities[0]!.activities.nodes;
    expect(nodes).toHaveLength(3);
    for (const activity of nodes) {
      expect({ title: activity.title, description: activity.description }).toEqual(
        SEED_ACTIVITIES[activity.id]!.texts.FR,
      );
    }
  });

  test('without the header, English, and Content-Language: en', async () => {
    const answer = await post<{ network: { title: string } }>(
      graph.subgraphs.get('network')!.url,
      `{ network { title } }`,
    );
    expect(answer.headers['content-language']).toBe('en');
    expect(answer.body.data!.network.title).toBe(NETWORK_TEXTS.texts.EN!.title);
  });
});

describe('an unknown locale', () => {
  test.each([
    ['XX', `{ network { title(locale: XX) } }`],
    ['lower case', `{ network { title(locale: hr) } }`],
    ['a string', `{ network { title(locale: "HR") } }`],
    ['on an activity', `{ partners { nodes { activities { nodes { description(locale: EN_GB) } } } } }`],
  ])('in the argument (%s) is GRAPHQL_VALIDATION_FAILED, HTTP 400', async (_name, query) => {
    const answer = await post(graph.url, query);
    expect(answer.status).toBe(400);
    expect(codes(answer.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(answer.body.data).toBeUndefined();
    expectNoLeaks(answer.body);
  });

  test('in a variable, a BAD_USER_INPUT, HTTP 400', async () => {
    const answer = await post(graph.url, `query ($locale: Locale) { network { title(locale: $locale) } }`, {
      locale: 'XX',
    });
    expect(answer.status).toBe(400);
    expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
    expectNoLeaks(answer.body);
  });
});

const PARTNER_COVERAGE = `{ partners { nodes { id translationCoverage { locale translated missing } } } }`;
const NETWORK_COVERAGE = `{ network { translationCoverage { locale translated missing } } }`;
type PartnerCoverage = { partners: { nodes: { id: string; translationCoverage: Coverage[] }[] } };
const coverageOfPartner = (data: PartnerCoverage, id: string) =>
  data.partners.nodes.find((partner) => partner.id === id)!.translationCoverage;

describe('translation coverage of the seed', () => {
  test('europski-dom-dubrovnik: 3 demo activities × 2 texts, in Croatian and English', async () => {
    const { data } = await ask<PartnerCoverage>(PARTNER_COVERAGE);
    const coverage = coverageOfPartner(data, 'europski-dom-dubrovnik');
    expect(coverage).toEqual(coverageOf(Object.values(DEMO_ACTIVITY_TEXTS['europski-dom-dubrovnik']!)));
    // The same, spelled out: every locale listed, zeros included.
    expect(coverage).toEqual([
      { locale: Locale.EN, translated: 6, missing: 0 },
      { locale: Locale.HR, translated: 6, missing: 0 },
      { locale: Locale.FR, translated: 0, missing: 6 },
      { locale: Locale.DE, translated: 0, missing: 6 },
      { locale: Locale.PL, translated: 0, missing: 6 },
    ]);
  });

  test('every partner, as its texts in the modules predict', async () => {
    const { data } = await ask<PartnerCoverage>(PARTNER_COVERAGE);
    expect(data.partners.nodes.map((partner) => partner.id).sort()).toEqual([...PARTNER_IDS].sort());
    for (const partner of data.partners.nodes) {
      const records = Object.entries(SEED_ACTIVITIES)
        .filter(([id]) => id.startsWith(`${partner.id}-`))
        .map(([, texts]) => texts);
      expect({ id: partner.id, coverage: partner.translationCoverage }).toEqual({
        id: partner.id,
        coverage: coverageOf(records),
      });
    }
    // TOLER'ACTION is in every language: the Yvelines have 1 × 2 more texts in HR, DE and PL.
    expect(coverageOfPartner(data, 'maison-europe-yvelines')).toContainEqual({
      locale: Locale.DE,
      translated: 2,
      missing: 6,
    });
  });

  test('the network: its title and description and its 5 meetings’ two texts each', async () => {
    const { data } = await ask<{ network: { translationCoverage: Coverage[] } }>(NETWORK_COVERAGE);
    const records = [NETWORK_TEXTS, ...Object.values(MEETING_TEXTS)];
    expect(data.network.translationCoverage).toEqual(coverageOf(records));
    // The seed has all five languages for all of them: 12 texts, none missing.
    expect(data.network.translationCoverage).toEqual(LOCALES.map((locale) => ({ locale, translated: 12, missing: 0 })));
  });
});

// From here on, the tests write.

const ACTIVITY_FIELDS = `id version originalLocale title description translations { field locale text }`;
const createActivity = (type: string) =>
  `mutation ($partnerId: ID!, $input: ActivityInput!) { create${type}Activity(partnerId: $partnerId, input: $input) { ${ACTIVITY_FIELDS} } }`;
const translateActivity = (type: string, selection = ACTIVITY_FIELDS) =>
  `mutation ($id: ID!, $version: Int!, $locale: Locale!, $title: String!, $description: String) {
    set${type}ActivityTranslation(id: $id, version: $version, locale: $locale, title: $title, description: $description) { ${selection} }
  }`;
type Written = WithTranslations & { version: number };

describe('the fallback, step by step (records written for it)', () => {
  const ORIGINAL = {
    title: 'Radionica o miru u Gradskoj knjižnici',
    description: 'Učenici su pisali pisma miru (test).',
  };
  const GERMAN_TITLE = { title: 'Friedenswerkstatt in der Stadtbibliothek' };
  const ENGLISH = { title: 'Peace workshop in the town library', description: 'Pupils wrote letters to peace (test).' };
  let created: Written;

  test('an activity written in Croatian with no translation answers in Croatian whatever is asked', async () => {
    const editor = tokens.editors['europski-dom-dubrovnik']!;
    const input = { kind: 'WORKSHOP', theme: 'PEACE', startsOn: '2016-06-01', ...ORIGINAL };
    created = (
      await ok<{ createEuropeanHouseActivity: Written }>(
        createActivity('EuropeanHouse'),
        { partnerId: 'europski-dom-dubrovnik', input },
        editor,
      )
    ).createEuropeanHouseActivity;
    // The partner's language, though `locale` was left out.
    expect(created.originalLocale).toBe(Locale.HR);
    expect(created.translations).toEqual([
      { field: 'title', locale: Locale.HR, text: ORIGINAL.title },
      { field: 'description', locale: Locale.HR, text: ORIGINAL.description },
    ]);
    for (const locale of LOCALES) {
      const { data } = await ask<{ partner: { activities: { nodes: RecordTexts[] } } }>(
        `query ($locale: Locale) { partner(id: "europski-dom-dubrovnik") { activities(filter: {kind: WORKSHOP}) { nodes { id title(locale: $locale) description(locale: $locale) } } } }`,
        { locale },
        { 'accept-language': 'de' },
      );
      expect(data.partner.activities.nodes).toEqual([{ id: created.id, ...ORIGINAL }]);
    }
  });

  test('each field falls back on its own: a translation with a title and no description', async () => {
    const editor = tokens.editors['europski-dom-dubrovnik']!;
    const german = GERMAN_TITLE;
    const english = ENGLISH;
    const afterGerman = (
      await ok<{ setEuropeanHouseActivityTranslation: Written }>(
        translateActivity('EuropeanHouse'),
        { id: created.id, version: created.version, locale: Locale.DE, ...german },
        editor,
      )
    ).setEuropeanHouseActivityTranslation;
    expect(afterGerman.version).toBe(created.version + 1);
    const inGerman = `query ($locale: Locale) { partner(id: "europski-dom-dubrovnik") { activities(filter: {kind: WORKSHOP}) { nodes { title(locale: $locale) description(locale: $locale) } } } }`;
    type InGerman = { partner: { activities: { nodes: { title: string; description: string }[] } } };
    // German title; no German description and no English one: the Croatian original.
    let answer = await ask<InGerman>(inGerman, { locale: Locale.DE });
    expect(answer.data.partner.activities.nodes).toEqual([{ title: german.title, description: ORIGINAL.description }]);
    // With English added, the description falls back to English, the title stays German.
    await ok(
      translateActivity('EuropeanHouse', 'version'),
      { id: created.id, version: afterGerman.version, locale: Locale.EN, ...english },
      editor,
    );
    answer = await ask<InGerman>(inGerman, { locale: Locale.DE });
    expect(answer.data.partner.activities.nodes).toEqual([{ title: german.title, description: english.description }]);
    // Asked in French (nothing): English for both.
    answer = await ask<InGerman>(inGerman, { locale: Locale.FR });
    expect(answer.data.partner.activities.nodes).toEqual([english]);
    // Every stored text, the original first.
    const { data } = await ask<{ partner: { activities: { nodes: { translations: Stored[] }[] } } }>(
      `{ partner(id: "europski-dom-dubrovnik") { activities(filter: {kind: WORKSHOP}) { nodes { translations { field locale text } } } } }`,
    );
    expectTranslations(data.partner.activities.nodes[0]!.translations, {
      originalLocale: Locale.HR,
      texts: { HR: ORIGINAL, DE: german, EN: english },
    });
  });

  test('a blank description in a translation is no description: it falls back too', async () => {
    const editor = tokens.editors['europski-dom-dubrovnik']!;
    const { data: before } = await ask<{ partner: { activities: { nodes: { version: number }[] } } }>(
      `{ partner(id: "europski-dom-dubrovnik") { activities(filter: {kind: WORKSHOP}) { nodes { version } } } }`,
    );
    const polish = { title: 'Warsztaty o pokoju w bibliotece miejskiej', description: '   ' };
    await ok(
      translateActivity('EuropeanHouse', 'version'),
      { id: created.id, version: before.partner.activities.nodes[0]!.version, locale: Locale.PL, ...polish },
      editor,
    );
    const { data } = await ask<{
      partner: { activities: { nodes: { title: string; description: string; translations: Stored[] }[] } };
    }>(
      `{ partner(id: "europski-dom-dubrovnik") { activities(filter: {kind: WORKSHOP}) { nodes { title(locale: PL) description(locale: PL) translations { field locale text } } } } }`,
    );
    const [activity] = data.partner.activities.nodes;
    expect(activity!.title).toBe(polish.title);
    // English (stored by the test above), not null.
    expect(activity!.description).toBe(ENGLISH.description);
    expect(activity!.translations.filter((text) => text.locale === Locale.PL)).toEqual([
      { field: 'title', locale: Locale.PL, text: polish.title },
    ]);
  });
});

describe('writes (version 2 rules)', () => {
  const nimes = () => tokens.editors['maison-europe-nimes']!;
  const ACTIVITY_INPUT = {
    kind: 'DEBATE',
    theme: 'PEACE',
    title: 'Débat sur la paix au lycée Daudet',
    description: 'Des lycéens ont débattu de la paix en Europe (test).',
    startsOn: '2017-01-10',
  };
  let debate: Written;

  test("an activity's language defaults to its partner's, or is the one given", async () => {
    debate = (
      await ok<{ createEuropeanHouseActivity: Written }>(
        createActivity('EuropeanHouse'),
        { partnerId: 'maison-europe-nimes', input: ACTIVITY_INPUT },
        nimes(),
      )
    ).createEuropeanHouseActivity;
    expect(debate).toMatchObject({ version: 1, originalLocale: Locale.FR, title: ACTIVITY_INPUT.title });
    // Austria: German.
    const villach = await ok<{ createYouthAssociationActivity: Written }>(
      createActivity('YouthAssociation'),
      {
        partnerId: 'gemma-villach',
        input: { kind: 'WORKSHOP', theme: 'TOLERANCE', title: 'Toleranzwerkstatt', startsOn: '2016-10-01' },
      },
      tokens.editors['gemma-villach']!,
    );
    expect(villach.createYouthAssociationActivity.originalLocale).toBe(Locale.DE);
    const inEnglish = await ok<{ createEuropeanHouseActivity: Written }>(
      createActivity('EuropeanHouse'),
      {
        partnerId: 'maison-europe-nimes',
        input: { ...ACTIVITY_INPUT, title: 'Debate on peace at the Daudet school', locale: 'EN' },
      },
      nimes(),
    );
    expect(inEnglish.createEuropeanHouseActivity.originalLocale).toBe(Locale.EN);
    expect(inEnglish.createEuropeanHouseActivity.translations.map((text) => text.locale)).toEqual([
      Locale.EN,
      Locale.EN,
    ]);
  });

  const GERMAN = {
    title: 'Debatte über den Frieden am Lycée Daudet',
    description: 'Schüler debattierten über den Frieden in Europa (Test).',
  };

  test('the owner stores a translation: a new version, its texts in that locale when asked, audited', async () => {
    // Asked with Accept-Language: de, the mutation's answer is in German.
    const answer = await post<{ setEuropeanHouseActivityTranslation: Written }>(
      graph.url,
      translateActivity('EuropeanHouse'),
      { id: debate.id, version: 1, locale: Locale.DE, ...GERMAN },
      { authorization: `Bearer ${nimes()}`, 'accept-language': 'de' },
    );
    expect(answer.body.errors).toBeUndefined();
    const translated = answer.body.data!.setEuropeanHouseActivityTranslation;
    expect(translated).toMatchObject({ id: debate.id, version: 2, originalLocale: Locale.FR, ...GERMAN });
    expectTranslations(translated.translations, {
      originalLocale: Locale.FR,
      texts: { FR: { title: ACTIVITY_INPUT.title, description: ACTIVITY_INPUT.description }, DE: GERMAN },
    });
    // Read back: in German by argument, French by header, the original untouched.
    const { data } = await ask<{ partner: { activities: { nodes: (RecordTexts & { de: string })[] } } }>(
      `{ partner(id: "maison-europe-nimes") { activities(filter: {kind: DEBATE}) { nodes { id originalLocale title de: title(locale: DE) description } } } }`,
      {},
      { 'accept-language': 'fr' },
    );
    expect(data.partner.activities.nodes.find((node) => node.id === debate.id)).toEqual({
      id: debate.id,
      originalLocale: Locale.FR,
      title: ACTIVITY_INPUT.title,
      de: GERMAN.title,
      description: ACTIVITY_INPUT.description,
    });
    const audit = await ok<{ europeanHouseAuditLog: { nodes: Record<string, unknown>[] } }>(
      `{ europeanHouseAuditLog(first: 1) { nodes { actor role action entityType entityId partnerId fields } } }`,
      {},
      tokens.admin,
    );
    const [entry] = audit.europeanHouseAuditLog.nodes;
    expect({ ...entry, fields: [...(entry!.fields as string[])].sort() }).toEqual({
      actor: 'staff@maison-europe-nimes.example.org',
      role: 'PARTNER_EDITOR',
      action: 'setEuropeanHouseActivityTranslation',
      entityType: 'Activity',
      entityId: debate.id,
      partnerId: 'maison-europe-nimes',
      fields: ['description', 'locale', 'title'],
    });
  });

  test('refused: a stale version, the original locale, another partner, no one; nothing changes', async () => {
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    const attempt = (variables: Record<string, unknown>, token?: string) =>
      graph.query(translateActivity('EuropeanHouse', 'id'), { id: debate.id, ...variables }, token);
    const stale = await attempt({ version: 1, locale: Locale.PL, title: 'Debata o pokoju' }, nimes());
    expect(codes(stale)).toEqual(['CONFLICT']);
    const original = await attempt({ version: 2, locale: Locale.FR, title: 'Un autre titre' }, nimes());
    expect(codes(original)).toEqual(['BAD_USER_INPUT']);
    expect(original.errors![0]!.extensions!.field).toBe('locale');
    const stranger = await attempt(
      { version: 2, locale: Locale.PL, title: 'Debata o pokoju' },
      tokens.editors['europski-dom-dubrovnik'],
    );
    expect(codes(stranger)).toEqual(['FORBIDDEN']);
    const anonymous = await attempt({ version: 2, locale: Locale.PL, title: 'Debata o pokoju' });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    for (const response of [stale, original, stranger, anonymous]) expectNoLeaks(response);
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
  });

  test('texts are checked as in an update: too long, control characters, a description the original lacks', async () => {
    const villach = await ok<{ createYouthAssociationActivity: Written }>(
      createActivity('YouthAssociation'),
      {
        partnerId: 'gemma-villach',
        input: { kind: 'EXHIBITION', theme: 'PEACE', title: 'Friedensausstellung', startsOn: '2017-02-01' },
      },
      tokens.editors['gemma-villach']!,
    );
    const id = villach.createYouthAssociationActivity.id;
    expect(villach.createYouthAssociationActivity.description).toBeNull();
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    const attempt = (texts: Record<string, unknown>) =>
      graph.query(
        translateActivity('YouthAssociation', 'id'),
        { id, version: 1, locale: Locale.EN, ...texts },
        tokens.editors['gemma-villach'],
      );
    for (const [texts, field] of [
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ title: 'Peace\u0007exhibition' }, 'title'],
      [{ title: 'Peace exhibition\u202e' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 'Peace exhibition', description: 'It has none in German.' }, 'description'],
      [{ title: 'Peace exhibition', description: 'x'.repeat(2001) }, 'description'],
    ] as const) {
      const response = await attempt(texts);
      expect([JSON.stringify(texts).slice(0, 40), codes(response)]).toEqual([
        JSON.stringify(texts).slice(0, 40),
        ['BAD_USER_INPUT'],
      ]);
      expect(response.errors![0]!.extensions!.field).toBe(field);
      expectNoLeaks(response);
    }
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
  });

  test("an activity's language cannot become one it has a translation into; another one it can", async () => {
    const update = (version: number, locale: Locale) =>
      graph.query<{ updateEuropeanHouseActivity: Written }>(
        `mutation ($id: ID!, $version: Int!, $locale: Locale!) { updateEuropeanHouseActivity(id: $id, version: $version, patch: {locale: $locale}) { ${ACTIVITY_FIELDS} } }`,
        { id: debate.id, version, locale },
        nimes(),
      );
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    const refused = await update(2, Locale.DE);
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions!.field).toBe('patch.locale');
    expectNoLeaks(refused);
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
    // Into English (no translation there): the texts are now said to be English.
    const moved = await update(2, Locale.EN);
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateEuropeanHouseActivity).toMatchObject({ version: 3, originalLocale: Locale.EN });
  });

  describe('meetings and the network: the admin’s', () => {
    const MEETING_FIELDS = `id version originalLocale title description translations { field locale text }`;
    const createMeeting = `mutation ($input: MeetingInput!) { createMeeting(input: $input) { ${MEETING_FIELDS} } }`;
    const translateMeeting = (selection = MEETING_FIELDS) =>
      `mutation ($id: ID!, $version: Int!, $locale: Locale!, $title: String!, $description: String) {
        setMeetingTranslation(id: $id, version: $version, locale: $locale, title: $title, description: $description) { ${selection} }
      }`;
    const MEETING_INPUT = {
      kind: 'CLOSING',
      title: 'Alumni meeting in Dubrovnik',
      description: 'Former participants met again to plan new exchanges (test).',
      town: 'Dubrovnik',
      countryCode: 'HR',
      startsOn: '2018-05-10',
      endsOn: '2018-05-11',
      hostId: 'europski-dom-dubrovnik',
      participants: { value: 20, qualifier: 'ABOUT' },
    };

    test('setMeetingTranslation stores a translation; an editor is FORBIDDEN; bad texts are BAD_USER_INPUT', async () => {
      const { createMeeting: meeting } = await ok<{ createMeeting: Written }>(
        createMeeting,
        { input: MEETING_INPUT },
        tokens.admin,
      );
      // Meetings are written in English unless the input says otherwise.
      expect(meeting).toMatchObject({ version: 1, originalLocale: Locale.EN });
      const croatian = {
        title: 'Susret bivših sudionika u Dubrovniku',
        description: 'Bivši sudionici ponovno su se okupili kako bi planirali nove razmjene (test).',
      };
      const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
      const attempt = (variables: Record<string, unknown>, token?: string) =>
        graph.query(translateMeeting('id'), { id: meeting.id, version: 1, locale: Locale.HR, ...variables }, token);
      for (const [name, response, code, field] of [
        ['editor', await attempt(croatian, tokens.editors['europski-dom-dubrovnik']), 'FORBIDDEN', undefined],
        ['anonymous', await attempt(croatian), 'UNAUTHENTICATED', undefined],
        ['stale', await attempt({ ...croatian, version: 0 }, tokens.admin), 'CONFLICT', undefined],
        ['original', await attempt({ ...croatian, locale: Locale.EN }, tokens.admin), 'BAD_USER_INPUT', 'locale'],
        ['long', await attempt({ title: 'x'.repeat(201) }, tokens.admin), 'BAD_USER_INPUT', 'title'],
        ['control', await attempt({ title: 'Susret\u0000' }, tokens.admin), 'BAD_USER_INPUT', 'title'],
        ['newline', await attempt({ title: 'Susret\nu Dubrovniku' }, tokens.admin), 'BAD_USER_INPUT', 'title'],
      ] as const) {
        expect([name, codes(response)]).toEqual([name, [code]]);
        if (field) expect([name, response.errors![0]!.extensions!.field]).toEqual([name, field]);
        expectNoLeaks(response);
      }
      expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);

      const { setMeetingTranslation: translated } = await ok<{ setMeetingTranslation: Written }>(
        translateMeeting(),
        { id: meeting.id, version: 1, locale: Locale.HR, ...croatian },
        tokens.admin,
      );
      expect(translated.version).toBe(2);
      expectTranslations(translated.translations, {
        originalLocale: Locale.EN,
        texts: { EN: { title: MEETING_INPUT.title, description: MEETING_INPUT.description }, HR: croatian },
      });
      const { data } = await ask<{ meeting: { title: string; description: string; en: string } }>(
        `query ($id: ID!) { meeting(id: $id) { title description en: title(locale: EN) } }`,
        { id: meeting.id },
        { 'accept-language': 'hr-HR' },
      );
      expect(data.meeting).toEqual({ ...croatian, en: MEETING_INPUT.title });
      const audit = await ok<{ networkAuditLog: { nodes: Record<string, unknown>[] } }>(
        `{ networkAuditLog(first: 1) { nodes { actor action entityType entityId fields } } }`,
        {},
        tokens.admin,
      );
      expect(audit.networkAuditLog.nodes[0]).toMatchObject({
        actor: 'coordinator@example.org',
        action: 'setMeetingTranslation',
        entityType: 'Meeting',
        entityId: meeting.id,
      });
    });

    test('a description given where the meeting has none is BAD_USER_INPUT', async () => {
      const { createMeeting: meeting } = await ok<{ createMeeting: Written }>(
        createMeeting,
        { input: { ...MEETING_INPUT, title: 'Alumni meeting without a report', description: null } },
        tokens.admin,
      );
      expect(meeting.description).toBeNull();
      const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
      const response = await graph.query(
        translateMeeting('id'),
        { id: meeting.id, version: 1, locale: Locale.FR, title: 'Rencontre', description: 'Pas de rapport.' },
        tokens.admin,
      );
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions!.field).toBe('description');
      expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
      // Its title alone can be translated.
      const titled = await ok<{ setMeetingTranslation: Written }>(
        translateMeeting(),
        { id: meeting.id, version: 1, locale: Locale.FR, title: 'Rencontre des anciens sans rapport' },
        tokens.admin,
      );
      expect(titled.setMeetingTranslation.version).toBe(2);
    });

    test('setNetworkTranslation: the admin’s, versioned, per field; then the seed’s Polish again', async () => {
      const current = async () =>
        (await ask<{ network: { version: number } }>(`{ network { version } }`)).data.network.version;
      const version = await current();
      const translate = (variables: Record<string, unknown>, token?: string) =>
        graph.query<{ setNetworkTranslation: { version: number; title: string; description: string } }>(
          `mutation ($version: Int!, $locale: Locale!, $title: String!, $description: String) {
            setNetworkTranslation(version: $version, locale: $locale, title: $title, description: $description) {
              version title(locale: PL) description(locale: PL)
            }
          }`,
          { version, locale: Locale.PL, title: 'Partnerstwo miast (tytuł testowy)', ...variables },
          token,
        );
      const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
      for (const [name, response, code, field] of [
        ['editor', await translate({}, tokens.editors['europski-dom-dubrovnik']), 'FORBIDDEN', undefined],
        ['anonymous', await translate({}), 'UNAUTHENTICATED', undefined],
        ['stale', await translate({ version: version - 1 }, tokens.admin), 'CONFLICT', undefined],
        ['original', await translate({ locale: Locale.HR }, tokens.admin), 'BAD_USER_INPUT', 'locale'],
        ['long', await translate({ title: 'x'.repeat(201) }, tokens.admin), 'BAD_USER_INPUT', 'title'],
        ['control', await translate({ title: 'Partnerstwo\u001b[31m' }, tokens.admin), 'BAD_USER_INPUT', 'title'],
      ] as const) {
        expect([name, codes(response)]).toEqual([name, [code]]);
        if (field) expect([name, response.errors![0]!.extensions!.field]).toEqual([name, field]);
        expectNoLeaks(response);
      }
      expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);

      // A Polish title and no Polish description: the description falls back to English.
      const changed = await translate({}, tokens.admin);
      expect(changed.errors).toBeUndefined();
      expect(changed.data!.setNetworkTranslation).toEqual({
        version: version + 1,
        title: 'Partnerstwo miast (tytuł testowy)',
        description: NETWORK_TEXTS.texts.EN!.description,
      });
      const { data } = await ask<{ network: { title: string; translations: Stored[] } }>(
        `{ network { title translations { field locale text } } }`,
        {},
        { 'accept-language': 'pl' },
      );
      expect(data.network.title).toBe('Partnerstwo miast (tytuł testowy)');
      expect(data.network.translations.filter((text) => text.locale === Locale.PL)).toEqual([
        { field: 'title', locale: Locale.PL, text: 'Partnerstwo miast (tytuł testowy)' },
      ]);
      const audit = await ok<{ networkAuditLog: { nodes: Record<string, unknown>[] } }>(
        `{ networkAuditLog(first: 1) { nodes { action entityType fields } } }`,
        {},
        tokens.admin,
      );
      expect(audit.networkAuditLog.nodes[0]).toEqual({
        action: 'setNetworkTranslation',
        entityType: 'Network',
        fields: ['locale', 'title'],
      });

      // The seed's Polish back, so that the network reads as the modules say again.
      const restored = await ok<{ setNetworkTranslation: { version: number; title: string; description: string } }>(
        `mutation ($version: Int!, $title: String!, $description: String) {
          setNetworkTranslation(version: $version, locale: PL, title: $title, description: $description) {
            version title(locale: PL) description(locale: PL)
          }
        }`,
        { version: version + 1, ...NETWORK_TEXTS.texts.PL },
        tokens.admin,
      );
      expect(restored.setNetworkTranslation).toEqual({ version: version + 2, ...NETWORK_TEXTS.texts.PL });
    });
  });
});

describe('translation coverage moves with the writes', () => {
  const translateMeeting = () =>
    `mutation ($id: ID!, $version: Int!, $locale: Locale!, $title: String!) {
      setMeetingTranslation(id: $id, version: $version, locale: $locale, title: $title) { version }
    }`;

  test("a partner's: a title, then a title and a description, in a locale it lacked", async () => {
    const partner = 'europski-dom-dubrovnik';
    const id = `${partner}-booklet-text-peace`;
    const coverage = async () => coverageOfPartner((await ask<PartnerCoverage>(PARTNER_COVERAGE)).data, partner);
    const before = await coverage();
    const { data } = await ask<{ partner: { activities: { nodes: { id: string; version: number }[] } } }>(
      `{ partner(id: "${partner}") { activities(filter: {kind: BOOKLET_TEXT}) { nodes { id version } } } }`,
    );
    const version = data.partner.activities.nodes.find((node) => node.id === id)!.version;
    const editor = tokens.editors[partner]!;
    await ok(
      translateActivity('EuropeanHouse', 'version'),
      { id, version, locale: Locale.FR, title: 'Textes de Dubrovnik pour le livret sur la paix' },
      editor,
    );
    const unchanged = { translated: 0, missing: 0 };
    expect(coverageDelta(before, await coverage())).toEqual({
      EN: unchanged,
      HR: unchanged,
      FR: { translated: 1, missing: -1 },
      DE: unchanged,
      PL: unchanged,
    });
    // The translation into FR is replaced as a whole: now both texts.
    await ok(
      translateActivity('EuropeanHouse', 'version'),
      {
        id,
        version: version + 1,
        locale: Locale.FR,
        title: 'Textes de Dubrovnik pour le livret sur la paix',
        description: "Des textes d'auteurs locaux pour le livret du réseau sur la paix (test).",
      },
      editor,
    );
    const after = await coverage();
    expect(coverageDelta(before, after)).toEqual({
      EN: unchanged,
      HR: unchanged,
      FR: { translated: 2, missing: -2 },
      DE: unchanged,
      PL: unchanged,
    });
    expect(after.map((row) => row.locale)).toEqual(LOCALES);
  });

  test("the network's: a new English meeting, then its German title", async () => {
    const coverage = async () =>
      (await ask<{ network: { translationCoverage: Coverage[] } }>(NETWORK_COVERAGE)).data.network.translationCoverage;
    const before = await coverage();
    const { createMeeting: meeting } = await ok<{ createMeeting: { id: string } }>(
      `mutation { createMeeting(input: {kind: CLOSING, title: "Reunion in Potsdam", description: "Ten years on (test).", town: "Potsdam", countryCode: "DE", startsOn: "2025-09-01", endsOn: "2025-09-02", hostId: "bbag", participants: {value: 30, qualifier: ABOUT}}) { id } }`,
      {},
      tokens.admin,
    );
    const twoMore = { translated: 0, missing: 2 };
    expect(coverageDelta(before, await coverage())).toEqual({
      EN: { translated: 2, missing: 0 },
      HR: twoMore,
      FR: twoMore,
      DE: twoMore,
      PL: twoMore,
    });
    await ok(
      translateMeeting(),
      { id: meeting.id, version: 1, locale: Locale.DE, title: 'Wiedersehen in Potsdam' },
      tokens.admin,
    );
    expect(coverageDelta(before, await coverage())).toEqual({
      EN: { translated: 2, missing: 0 },
      HR: twoMore,
      FR: twoMore,
      DE: { translated: 1, missing: 1 },
      PL: twoMore,
    });
  });
});
