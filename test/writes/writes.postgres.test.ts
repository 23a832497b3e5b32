import { Role } from '@citipart/subgraph-kit';
import { Client } from 'pg';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { callers } from '../support/callers';
import { tableChecksums } from '../support/checksum';
import { startGraph, type TestGraph } from '../support/graph';
import { codes, expectNoLeaks } from '../support/leaks';

// Editing through the gateway: the editor's happy path, versions, idempotent creates,
// validation, the admin's roster and meetings, and the audit trail.

let graph: TestGraph;
let tokens: Awaited<ReturnType<typeof callers>>;
const SCHEMAS = SUBGRAPHS.map((subgraph) => subgraph.defaultSchema);

beforeAll(async () => {
  graph = await startGraph('writes');
  tokens = await callers(graph);
});
afterAll(() => graph?.stop());

async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
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

const NETWORK_TOLERANCE = `{ partners { nodes { id activities(filter: {theme: TOLERANCE}) { nodes { id title version partner { name } } } } } }`;
type Fanout = {
  partners: { nodes: { id: string; activities: { nodes: { id: string; title: string; version: number }[] } }[] };
};
const activitiesOf = (data: Fanout, partnerId: string) =>
  data.partners.nodes.find((partner) => partner.id === partnerId)!.activities.nodes;

test("an editor's happy path: create, update and delete an activity, seen in the network-wide query", async () => {
  const editor = tokens.editors['miasto-sosnowiec'];
  const { createCityActivity: created } = await ok<{ createCityActivity: { id: string; version: number } }>(
    `mutation ($input: ActivityInput!) { createCityActivity(partnerId: "miasto-sosnowiec", input: $input) { id version title partner { id } } }`,
    {
      input: {
        kind: 'FORUM_THEATRE',
        theme: 'TOLERANCE',
        title: 'Forum theatre in the Sosnowiec library',
        startsOn: '2016-10-20',
        participants: { value: 40, qualifier: 'ABOUT' },
        presentedAt: 'tolerance-potsdam-2016',
      },
    },
    editor,
  );
  expect(created.version).toBe(1);
  let seen = activitiesOf(await ok<Fanout>(NETWORK_TOLERANCE, {}, editor), 'miasto-sosnowiec');
  expect(seen).toContainEqual(
    expect.objectContaining({ id: created.id, title: 'Forum theatre in the Sosnowiec library' }),
  );

  const { updateCityActivity: updated } = await ok<{
    updateCityActivity: { version: number; title: string; description: string };
  }>(
    `mutation ($id: ID!) { updateCityActivity(id: $id, version: 1, patch: {title: "Forum theatre: the library show", description: "With pupils"}) { version title description startsOn } }`,
    { id: created.id },
    editor,
  );
  expect(updated).toEqual({
    version: 2,
    title: 'Forum theatre: the library show',
    description: 'With pupils',
    startsOn: '2016-10-20',
  });
  seen = activitiesOf(await ok<Fanout>(NETWORK_TOLERANCE, {}, tokens.editors.bbag), 'miasto-sosnowiec');
  expect(seen).toContainEqual(
    expect.objectContaining({ id: created.id, title: 'Forum theatre: the library show', version: 2 }),
  );

  const deleted = await ok<{ deleteCityActivity: string }>(
    `mutation ($id: ID!) { deleteCityActivity(id: $id, version: 2) }`,
    { id: created.id },
    editor,
  );
  expect(deleted.deleteCityActivity).toBe(created.id);
  seen = activitiesOf(await ok<Fanout>(NETWORK_TOLERANCE, {}, editor), 'miasto-sosnowiec');
  expect(seen.map((activity) => activity.id)).not.toContain(created.id);

  const audit = await ok<{
    cityAuditLog: {
      nodes: { id: string; actor: string; role: string; action: string; entityId: string; fields: string[] }[];
    };
  }>(`{ cityAuditLog(first: 3) { nodes { id actor role action entityId fields } } }`, {}, tokens.admin);
  // Newest first, by their bigint ids (given out as strings).
  const ids = audit.cityAuditLog.nodes.map((node) => BigInt(node.id));
  expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
  expect(audit.cityAuditLog.nodes).toEqual([
    {
      id: expect.stringMatching(/^\d+$/),
      actor: 'staff@miasto-sosnowiec.example.org',
      role: 'PARTNER_EDITOR',
      action: 'deleteCityActivity',
      entityId: created.id,
      fields: [],
    },
    expect.objectContaining({ action: 'updateCityActivity', fields: ['description', 'title'] }),
    expect.objectContaining({ action: 'createCityActivity', entityId: created.id }),
  ]);
});

describe('versions', () => {
  test.each([
    [
      'an activity',
      `mutation { updateFoundationActivity(id: "bbag-booklet-text-peace", version: $v, patch: {title: "T"}) { version } }`,
      'updateFoundationActivity',
    ],
    [
      'a member',
      `mutation { updateFoundationMember(id: "bbag-m-1", version: $v, patch: {role: "host"}) { version } }`,
      'updateFoundationMember',
    ],
    [
      'a profile',
      `mutation { updateFoundationProfile(partnerId: "bbag", version: $v, patch: {patron: "x"}) { profileVersion } }`,
      'updateFoundationProfile',
    ],
    [
      'a roster entry',
      `mutation { updatePartner(id: "gemma-villach", version: $v, patch: {town: "Villach/Beljak"}) { version } }`,
      'updatePartner',
    ],
    [
      'a meeting',
      `mutation { updateMeeting(id: "peace-scy-chazelles-2017", version: $v, patch: {title: "Peace"}) { version } }`,
      'updateMeeting',
    ],
  ])('a stale version of %s is a CONFLICT and changes nothing', async (_name, template, field) => {
    const query = template.replace('mutation {', 'mutation ($v: Int!) {');
    const first = await graph.query<Record<string, Record<string, number>>>(query, { v: 1 }, tokens.admin);
    expect(first.errors).toBeUndefined();
    expect(Object.values(first.data![field])[0]).toBe(2);
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    const stale = await graph.query(query, { v: 1 }, tokens.admin);
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].message).toMatch(/is at version 2, not 1/);
    expectNoLeaks(stale);
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
  });

  test('deleting with a stale version is a CONFLICT; an unknown id is NOT_FOUND', async () => {
    // Rows of their own (not the ones the updates above use), brought to version 2 here.
    const activity = 'polska-fundacja-roberta-schumana-booklet-text-peace';
    const meeting = 'solidarity-warsaw-2016';
    await ok(
      `mutation { updateFoundationActivity(id: "${activity}", version: 1, patch: {title: "T"}) { version } }`,
      {},
      tokens.admin,
    );
    await ok(
      `mutation { updateMeeting(id: "${meeting}", version: 1, patch: {title: "Solidarity"}) { version } }`,
      {},
      tokens.admin,
    );
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    expect(
      codes(
        await graph.query(`mutation { deleteFoundationActivity(id: "${activity}", version: 1) }`, {}, tokens.admin),
      ),
    ).toEqual(['CONFLICT']);
    expect(
      codes(await graph.query(`mutation { deleteMeeting(id: "${meeting}", version: 1) }`, {}, tokens.admin)),
    ).toEqual(['CONFLICT']);
    expect(
      codes(await graph.query(`mutation { removeFoundationMember(id: "nope", version: 1) }`, {}, tokens.admin)),
    ).toEqual(['NOT_FOUND']);
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
    expect(await count(`select count(*) as n from foundations.activity where id = $1`, [activity])).toBe(1);
    expect(await count(`select count(*) as n from network.meeting where id = $1`, [meeting])).toBe(1);
  });
});

test('an editor cannot make their partner one of another type’s subgraph', async () => {
  const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
  const editor = tokens.editors['gemma-villach'];
  const profile = await graph.query(
    `mutation { updateCityProfile(partnerId: "gemma-villach", version: 0, patch: {region: "Carinthia"}) { id } }`,
    {},
    editor,
  );
  expect(codes(profile)).toEqual(['FORBIDDEN']);
  const activity = await graph.query(
    `mutation { createCityActivity(partnerId: "gemma-villach", input: {kind: DEBATE, theme: PEACE, title: "Debate", startsOn: "2016-05-01"}) { id } }`,
    {},
    editor,
  );
  expect(activity.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'partnerId' });
  expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
});

test('20 parallel updates naming the same version: one wins, 19 get CONFLICT', async () => {
  const responses = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      graph.query(
        `mutation { updateCityMember(id: "miasto-sosnowiec-m-3", version: 1, patch: {role: "officer ${index}"}) { version } }`,
        {},
        tokens.editors['miasto-sosnowiec'],
      ),
    ),
  );
  expect(responses.filter((response) => !response.errors)).toHaveLength(1);
  expect(responses.flatMap(codes)).toEqual(Array(19).fill('CONFLICT'));
  expect(await count(`select version as n from cities.member where id = 'miasto-sosnowiec-m-3'`)).toBe(2);
});

test('20 parallel first profiles of one partner: one is stored, 19 get CONFLICT', async () => {
  await ok(
    `mutation { registerPartner(input: {id: "fundacja-test", type: FOUNDATION, name: "Fundacja Test", countryCode: "PL", town: "Kraków", role: PARTNER, legalForm: FOUNDATION}) { id } }`,
    {},
    tokens.admin,
  );
  const responses = await Promise.all(
    Array.from({ length: 20 }, () =>
      graph.query(
        `mutation { updateFoundationProfile(partnerId: "fundacja-test", version: 0, patch: {foundedYear: 2001}) { profileVersion } }`,
        {},
        tokens.admin,
      ),
    ),
  );
  expect(responses.filter((response) => !response.errors)).toHaveLength(1);
  expect(responses.flatMap(codes)).toEqual(Array(19).fill('CONFLICT'));
  expect(await count(`select count(*) as n from foundations.profile where id = 'fundacja-test'`)).toBe(1);
});

describe('idempotent creates', () => {
  const CREATE = `mutation ($key: String) {
    createYouthAssociationActivity(partnerId: "gemma-villach", clientKey: $key,
      input: {kind: WORKSHOP, theme: SOLIDARITY, title: "Solidarity workshop", startsOn: "2016-02-20"}) { id }
  }`;

  test('the same create sent twice leaves one row and returns it both times', async () => {
    const editor = tokens.editors['gemma-villach'];
    const first = await ok<{ createYouthAssociationActivity: { id: string } }>(CREATE, { key: 'twice' }, editor);
    const second = await ok<{ createYouthAssociationActivity: { id: string } }>(CREATE, { key: 'twice' }, editor);
    expect(second).toEqual(first);
    expect(await count(`select count(*) as n from youth_associations.activity where client_key = 'twice'`)).toBe(1);
    expect(
      await count(
        `select count(*) as n from youth_associations.audit where action = 'createYouthAssociationActivity' and entity_id = $1`,
        [first.createYouthAssociationActivity.id],
      ),
    ).toBe(1);
  });

  test('20 creates in parallel with one key leave one row, and all get it', async () => {
    const editor = tokens.editors['gemma-villach'];
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        graph.query<{ createYouthAssociationActivity: { id: string } }>(CREATE, { key: 'parallel' }, editor),
      ),
    );
    expect(responses.every((response) => response.errors === undefined)).toBe(true);
    expect(new Set(responses.map((response) => response.data!.createYouthAssociationActivity.id)).size).toBe(1);
    expect(await count(`select count(*) as n from youth_associations.activity where client_key = 'parallel'`)).toBe(1);
  });

  test('20 parallel member adds and meeting creates with one key each leave one row each', async () => {
    const members = await Promise.all(
      Array.from({ length: 20 }, () =>
        graph.query(
          `mutation { addYouthAssociationMember(partnerId: "gemma-villach", clientKey: "m-parallel", input: {kind: ORGANISATION, name: "Villach youth choir"}) { id } }`,
          {},
          tokens.editors['gemma-villach'],
        ),
      ),
    );
    expect(members.every((response) => response.errors === undefined)).toBe(true);
    expect(await count(`select count(*) as n from youth_associations.member where client_key = 'm-parallel'`)).toBe(1);
    const meetings = await Promise.all(
      Array.from({ length: 20 }, () =>
        graph.query(
          `mutation { createMeeting(clientKey: "follow-up", input: {kind: THEMATIC, theme: SOLIDARITY, title: "Follow-up", town: "Villach", countryCode: "AT", startsOn: "2018-03-01", endsOn: "2018-03-02", hostId: "gemma-villach", participants: {value: 20, qualifier: ABOUT}, delegations: [{partnerId: "bbag", count: 2}]}) { id delegations { count } } }`,
          {},
          tokens.admin,
        ),
      ),
    );
    expect(meetings.every((response) => response.errors === undefined)).toBe(true);
    expect(await count(`select count(*) as n from network.meeting where client_key = 'follow-up'`)).toBe(1);
    expect(
      await count(
        `select count(*) as n from network.delegation d join network.meeting m on m.id = d.meeting_id where m.client_key = 'follow-up'`,
      ),
    ).toBe(1);
  });

  test('a key whose record was deleted or erased is not used again: the retry is a CONFLICT', async () => {
    const editor = tokens.editors['centre-europeen-robert-schuman'];
    const RETIRED = `select count(*) as n from european_houses.retired_client_key where partner_id = 'centre-europeen-robert-schuman'`;
    const retiredBefore = await count(RETIRED);
    const add = () =>
      graph.query<{ addEuropeanHouseMember: { id: string; version: number } }>(
        `mutation { addEuropeanHouseMember(partnerId: "centre-europeen-robert-schuman", clientKey: "add-paul", input: {kind: PERSON, name: "Paul Girard", email: "paul.girard@example.org", consentToPublish: true}) { id version } }`,
        {},
        editor,
      );
    const first = (await add()).data!.addEuropeanHouseMember;
    await ok(`mutation ($id: ID!) { removeEuropeanHouseMember(id: $id, version: 1) }`, { id: first.id }, editor);
    const retry = await add();
    expect(retry.errors![0].extensions).toEqual({ code: 'CONFLICT', field: 'clientKey' });
    expect(await count(`select count(*) as n from european_houses.member where name = 'Paul Girard'`)).toBe(0);

    const addAgain = (key: string) =>
      graph.query(
        `mutation { addEuropeanHouseMember(partnerId: "centre-europeen-robert-schuman", clientKey: "${key}", input: {kind: PERSON, name: "Paul Girard", email: "paul.girard@example.org"}) { id } }`,
        {},
        editor,
      );
    expect((await addAgain('add-paul-2')).errors).toBeUndefined();
    await ok(
      `mutation { eraseEuropeanHousePersonalData(email: "paul.girard@example.org") { membersRemoved } }`,
      {},
      tokens.admin,
    );
    expect(codes(await addAgain('add-paul-2'))).toEqual(['CONFLICT']);
    expect(await count(`select count(*) as n from european_houses.member where name = 'Paul Girard'`)).toBe(0);
    // Both keys are retired (the removed member's and the erased one's), and neither is kept
    // in clear: a key may be anything a client chose, an e-mail address included.
    expect(await count(RETIRED)).toBe(retiredBefore + 2);
    expect(
      await count(`select count(*) as n from european_houses.retired_client_key t where t::text like '%add-paul%'`),
    ).toBe(0);

    const meeting = (key: string) =>
      graph.query<{ createMeeting: { id: string } }>(
        `mutation { createMeeting(clientKey: "${key}", input: {kind: CLOSING, title: "Reunion", town: "Metz", countryCode: "FR", startsOn: "2019-09-01", endsOn: "2019-09-02", hostId: "centre-europeen-robert-schuman", participants: {value: 12, qualifier: EXACT}}) { id } }`,
        {},
        tokens.admin,
      );
    const created = (await meeting('reunion')).data!.createMeeting;
    await ok(`mutation ($id: ID!) { deleteMeeting(id: $id, version: 1) }`, { id: created.id }, tokens.admin);
    expect(codes(await meeting('reunion'))).toEqual(['CONFLICT']);
  });

  test('keys are per partner: two editors using one key make a row each', async () => {
    const make = (partnerId: string) =>
      ok(
        `mutation { addFoundationMember(partnerId: "${partnerId}", clientKey: "shared-key", input: {kind: ORGANISATION, name: "Partner school"}) { id } }`,
        {},
        tokens.editors[partnerId],
      );
    await make('bbag');
    await make('polska-fundacja-roberta-schumana');
    expect(await count(`select count(*) as n from foundations.member where client_key = 'shared-key'`)).toBe(2);
  });
});

describe('bad input is BAD_USER_INPUT naming the field, and changes nothing', () => {
  test.each([
    [
      `mutation { createCityActivity(partnerId: "miasto-sosnowiec", input: {kind: DEBATE, theme: PEACE, title: "   ", startsOn: "2016-01-01"}) { id } }`,
      'input.title',
      /must not be empty/,
    ],
    [
      `mutation { createCityActivity(partnerId: "miasto-sosnowiec", input: {kind: DEBATE, theme: PEACE, title: "Debate\\nnight", startsOn: "2016-01-01"}) { id } }`,
      'input.title',
      /control characters/,
    ],
    [
      `mutation { createCityActivity(partnerId: "miasto-sosnowiec", input: {kind: DEBATE, theme: PEACE, title: "Debate", startsOn: "2016-05-01", endsOn: "2016-04-01"}) { id } }`,
      'input.endsOn',
      /before the start date/,
    ],
    [
      `mutation { createCityActivity(partnerId: "miasto-sosnowiec", input: {kind: DEBATE, theme: PEACE, title: "Debate", startsOn: "2016-05-01", participants: {value: -3, qualifier: EXACT}}) { id } }`,
      'input.participants.value',
      /from 0/,
    ],
    [
      `mutation { createCityActivity(partnerId: "gemma-villach", input: {kind: DEBATE, theme: PEACE, title: "Debate", startsOn: "2016-05-01"}) { id } }`,
      'partnerId',
      /no City "gemma-villach"/,
    ],
    [
      `mutation { createCityActivity(partnerId: "miasto-sosnowiec", clientKey: "has spaces", input: {kind: DEBATE, theme: PEACE, title: "Debate", startsOn: "2016-05-01"}) { id } }`,
      'clientKey',
      /printable/,
    ],
    [
      `mutation { addCityMember(partnerId: "miasto-sosnowiec", input: {kind: PERSON, name: "Ewa", email: "not-an-address"}) { id } }`,
      'input.email',
      /e-mail/,
    ],
    [
      `mutation { addCityMember(partnerId: "miasto-sosnowiec", input: {kind: PERSON, name: "Ewa", birthYear: 1850}) { id } }`,
      'input.birthYear',
      /1900/,
    ],
    [
      `mutation { updateCityMember(id: "miasto-sosnowiec-m-1", version: 1, patch: {}) { id } }`,
      'patch',
      /at least one field/,
    ],
    [
      `mutation { updateCityMember(id: "miasto-sosnowiec-m-1", version: 1, patch: {name: null}) { id } }`,
      'patch.name',
      /cannot be null/,
    ],
    [
      `mutation { updateCityProfile(partnerId: "miasto-sosnowiec", version: 1, patch: {website: "ftp://example.org"}) { id } }`,
      'patch.website',
      /http\(s\) URL/,
    ],
    [
      `mutation { updateCityProfile(partnerId: "miasto-sosnowiec", version: 1, patch: {population: -1}) { id } }`,
      'patch.population',
      /from 0/,
    ],
    [
      `mutation { registerPartner(input: {id: "Not A Slug", type: CITY, name: "X", countryCode: "HR", town: "Y", role: PARTNER, legalForm: MUNICIPALITY}) { id } }`,
      'input.id',
      /lower-case/,
    ],
    [
      `mutation { updatePartner(id: "miasto-sosnowiec", version: 1, patch: {type: FOUNDATION}) { id } }`,
      'patch.type',
      /cannot change/,
    ],
    [
      `mutation { createMeeting(input: {kind: THEMATIC, title: "No theme", town: "X", countryCode: "HR", startsOn: "2018-01-01", endsOn: "2018-01-02", hostId: "bbag", participants: {value: 1, qualifier: EXACT}}) { id } }`,
      'input.theme',
      /THEMATIC/,
    ],
    [
      `mutation { createMeeting(input: {kind: CLOSING, title: "X", town: "X", countryCode: "HR", startsOn: "2018-01-01", endsOn: "2018-01-02", hostId: "nobody", participants: {value: 1, qualifier: EXACT}}) { id } }`,
      'input.hostId',
      /no partner "nobody"/,
    ],
    [
      `mutation { createMeeting(input: {kind: CLOSING, title: "X", town: "X", countryCode: "HR", startsOn: "2018-01-01", endsOn: "2018-01-02", hostId: "bbag", participants: {value: 1, qualifier: EXACT}, delegations: [{partnerId: "bbag", count: 1}, {partnerId: "bbag", count: 2}]}) { id } }`,
      'input.delegations[1].partnerId',
      /twice/,
    ],
  ])('%s', async (query, field, message) => {
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    const response = await graph.query(query, {}, tokens.admin);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(response.errors![0].message).toMatch(message);
    expectNoLeaks(response);
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
  });

  test('an invalid country code in an input is BAD_USER_INPUT too', async () => {
    const response = await graph.query(
      `mutation { registerPartner(input: {id: "x-y", type: CITY, name: "X", countryCode: "XX", town: "Y", role: PARTNER, legalForm: MUNICIPALITY}) { id } }`,
      {},
      tokens.admin,
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  });

  // One write engine: a record that exists already is a CONFLICT whichever record it is.
  test.each([
    [
      'a roster id',
      `mutation { registerPartner(input: {id: "bbag", type: CITY, name: "X", countryCode: "HR", town: "Y", role: PARTNER, legalForm: MUNICIPALITY}) { id } }`,
      /Partner "bbag" already exists/,
    ],
    [
      'a first profile',
      `mutation { updateCityProfile(partnerId: "miasto-sosnowiec", version: 0, patch: {region: "X"}) { id } }`,
      /City profile "miasto-sosnowiec" already exists/,
    ],
  ])('a duplicate (%s) is CONFLICT and changes nothing', async (_what, query, message) => {
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    const response = await graph.query(query, {}, tokens.admin);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['CONFLICT']);
    expect(response.errors![0].message).toMatch(message);
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
  });
});

test('the admin registers a partner and stores its first profile (version 0); then its editor works', async () => {
  await ok(
    `mutation { registerPartner(input: {id: "grad-split", type: CITY, name: "Grad Split", countryCode: "HR", town: "Split", role: PARTNER, legalForm: MUNICIPALITY}) { id } }`,
    {},
    tokens.admin,
  );
  const editor = await graph.token({
    role: Role.PARTNER_EDITOR,
    partnerId: 'grad-split',
    subject: 'staff@split.example.org',
  });
  const blank = await ok<{ partner: { name: string; profileVersion: number; website: string | null } }>(
    `{ partner(id: "grad-split") { name ... on City { profileVersion website } } }`,
    {},
    editor,
  );
  expect(blank.partner).toEqual({ name: 'Grad Split', profileVersion: 0, website: null });
  expect(
    codes(
      await graph.query(
        `mutation { createCityActivity(partnerId: "grad-split", input: {kind: DEBATE, theme: PEACE, title: "Debate", startsOn: "2016-05-01"}) { id } }`,
        {},
        editor,
      ),
    ),
  ).toEqual(['BAD_USER_INPUT']);
  const FIRST_PROFILE = `mutation { updateCityProfile(partnerId: "grad-split", version: 0, patch: {region: "Split-Dalmatia County", website: "https://www.split.hr", locale: HR}) { profileVersion region } }`;
  // Which partners are cities is the admin's to say: the editor cannot make the first profile.
  expect(codes(await graph.query(FIRST_PROFILE, {}, editor))).toEqual(['FORBIDDEN']);
  const profile = await ok<{ updateCityProfile: { profileVersion: number; region: string } }>(
    FIRST_PROFILE,
    {},
    tokens.admin,
  );
  expect(profile.updateCityProfile).toEqual({ profileVersion: 1, region: 'Split-Dalmatia County' });
  // Its texts are in the partner's language, which the first profile gave.
  const debate = await ok<{ createCityActivity: { originalLocale: string } }>(
    `mutation { createCityActivity(partnerId: "grad-split", input: {kind: DEBATE, theme: PEACE, title: "Debate on peace", startsOn: "2016-05-01"}) { originalLocale } }`,
    {},
    editor,
  );
  expect(debate.createCityActivity.originalLocale).toBe('HR');
  const { partners } = await ok<{
    partners: { totalCount: number; nodes: { id: string; website: string; activities: { totalCount: number } }[] };
  }>(`{ partners(filter: {type: CITY}) { totalCount nodes { id website activities { totalCount } } } }`, {}, editor);
  expect(partners.nodes).toContainEqual({
    id: 'grad-split',
    website: 'https://www.split.hr',
    activities: { totalCount: 1 },
  });
  const log = await ok<{ networkAuditLog: { nodes: { action: string; entityId: string; actor: string }[] } }>(
    `{ networkAuditLog(first: 100) { nodes { action entityId actor } } }`,
    {},
    tokens.admin,
  );
  expect(log.networkAuditLog.nodes).toContainEqual({
    action: 'registerPartner',
    entityId: 'grad-split',
    actor: 'coordinator@example.org',
  });
});

test('meetings: the admin updates delegations and deletes a meeting with them', async () => {
  const { createMeeting } = await ok<{ createMeeting: { id: string; version: number } }>(
    `mutation { createMeeting(input: {kind: CLOSING, title: "Alumni meeting", town: "Dubrovnik", countryCode: "HR", startsOn: "2019-05-01", endsOn: "2019-05-03", hostId: "europski-dom-dubrovnik", participants: {value: 30, qualifier: ABOUT}, delegations: [{partnerId: "bbag", count: 4}], sources: [{url: "https://example.org/alumni"}]}) { id version } }`,
    {},
    tokens.admin,
  );
  const updated = await ok<{
    updateMeeting: { version: number; delegations: { count: number; partner: { id: string } }[] };
  }>(
    `mutation ($id: ID!) { updateMeeting(id: $id, version: 1, patch: {delegations: [{partnerId: "gemma-villach", count: 6}, {partnerId: "bbag", count: 2}]}) { version delegations { count partner { id } } } }`,
    { id: createMeeting.id },
    tokens.admin,
  );
  expect(updated.updateMeeting).toEqual({
    version: 2,
    delegations: [
      { count: 6, partner: { id: 'gemma-villach' } },
      { count: 2, partner: { id: 'bbag' } },
    ],
  });
  await ok(`mutation ($id: ID!) { deleteMeeting(id: $id, version: 2) }`, { id: createMeeting.id }, tokens.admin);
  expect(await graph.query(`query ($id: ID!) { meeting(id: $id) { id } }`, { id: createMeeting.id })).toEqual({
    data: { meeting: null },
  });
  expect(await count(`select count(*) as n from network.delegation where meeting_id = $1`, [createMeeting.id])).toBe(0);
});

// Who may write is decided before anything is validated or read, where the id tells the
// owner: a caller without the right learns nothing about which ids exist or what is valid.
test.each([
  ['an unknown roster id', `mutation { updatePartner(id: "nobody-here", version: 1, patch: {name: "X"}) { id } }`],
  ['invalid roster input', `mutation { updatePartner(id: "bbag", version: 1, patch: {name: ""}) { id } }`],
  ['an unknown meeting', `mutation { deleteMeeting(id: "no-such-meeting", version: 1) }`],
  [
    "another partner's profile with invalid input",
    `mutation { updateCityProfile(partnerId: "miasto-sosnowiec", version: 1, patch: {population: -1}) { id } }`,
  ],
  [
    'an empty first profile',
    `mutation { updateCityProfile(partnerId: "miasto-sosnowiec", version: 0, patch: {}) { id } }`,
  ],
])("an editor's write to %s is FORBIDDEN, and an anonymous one UNAUTHENTICATED", async (_what, query) => {
  const codesOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    response.errors?.map((error) => error.extensions?.code);
  expect(codesOf(await graph.query(query, {}, tokens.editors.bbag))).toEqual(['FORBIDDEN']);
  expect(codesOf(await graph.query(query))).toEqual(['UNAUTHENTICATED']);
});

// An unknown input field is refused before any resolver runs, as the client's mistake, in
// variables as in the document; the write engine refuses any that reach it
// (subgraphs/kit/src/writes/records.test.ts).
test.each([
  [
    'createCityActivity',
    `mutation ($input: ActivityInput!) { createCityActivity(partnerId: "miasto-sosnowiec", input: $input) { id } }`,
    { kind: 'WORKSHOP', theme: 'PEACE', title: 'X', startsOn: '2017-01-01', colour: 'blue' },
  ],
  [
    'createMeeting',
    `mutation ($input: MeetingInput!) { createMeeting(input: $input) { id } }`,
    {
      kind: 'CLOSING',
      title: 'X',
      town: 'X',
      countryCode: 'HR',
      startsOn: '2018-01-01',
      endsOn: '2018-01-02',
      hostId: 'bbag',
      participants: { value: 1, qualifier: 'EXACT' },
      colour: 'blue',
    },
  ],
])('an unknown field in the input of %s is BAD_USER_INPUT and changes nothing', async (_name, query, input) => {
  const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
  const response = await graph.query(query, { input }, tokens.admin);
  expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.errors![0].message).toMatch(/"colour" is not defined/);
  expectNoLeaks(response);
  expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
});
