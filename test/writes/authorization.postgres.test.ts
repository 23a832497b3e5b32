import { generateKeyPairSync } from 'node:crypto';
import { importSigningKey, issueToken } from '@citipart/gateway';
import { IDENTITY_HEADER, Role, createIdentityProof } from '@citipart/subgraph-kit';
import { type FieldNode, type OperationDefinitionNode, parse } from 'graphql';
import { SignJWT } from 'jose';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { PARTNER_IDS, PARTNER_OF_TYPE, type TypeName, callers } from '../support/callers';
import { tableChecksums } from '../support/checksum';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph';
import { codes, expectNoLeaks } from '../support/leaks';

// Nobody changes, or reads the private data of, an organisation that is not theirs: every
// mutation is tried by an anonymous caller and by editors of the other partners, with valid
// input, and every table of every subgraph must be the same afterwards.

let graph: TestGraph;
let tokens: Awaited<ReturnType<typeof callers>>;
const SCHEMAS = SUBGRAPHS.map((subgraph) => subgraph.defaultSchema);

beforeAll(async () => {
  graph = await startGraph('authz');
  tokens = await callers(graph);
});
afterAll(() => graph?.stop());

interface Attempt {
  name: string;
  query: string;
  /** The partner whose editors may run it; none: the admin only. */
  owner?: string;
}

function partnerTypeAttempts(type: TypeName): Attempt[] {
  const owner = PARTNER_OF_TYPE[type];
  const activity = `${owner}-forum-theatre-tolerance`;
  const member = `${owner}-m-1`;
  // Other rows for the deletes, so that every attempt can also succeed for the admin.
  const activityToDelete = `${owner}-street-survey-solidarity`;
  const memberToRemove = `${owner}-m-2`;
  return [
    {
      name: `create${type}Activity`,
      owner,
      query: `mutation { create${type}Activity(partnerId: "${owner}", input: {kind: WORKSHOP, theme: PEACE, title: "Intrusion", startsOn: "2017-05-01"}) { id } }`,
    },
    {
      name: `update${type}Activity`,
      owner,
      query: `mutation { update${type}Activity(id: "${activity}", version: 1, patch: {title: "Defaced"}) { id } }`,
    },
    {
      // After update${type}Activity above, which moved the activity to version 2.
      name: `set${type}ActivityAttendance`,
      owner,
      query: `mutation { set${type}ActivityAttendance(id: "${activity}", version: 2, attendance: [{category: CITIZEN, ageBand: AGE_18_30, count: 9}]) { id } }`,
    },
    {
      name: `set${type}ActivityTranslation`,
      owner,
      query: `mutation { set${type}ActivityTranslation(id: "${owner}-booklet-text-peace", version: 1, locale: EN, title: "Hijacked") { id } }`,
    },
    {
      // After update${type}Activity and set${type}ActivityAttendance above (version 3).
      name: `set${type}ActivityPlay`,
      owner,
      query: `mutation { set${type}ActivityPlay(id: "${activity}", version: 3, play: {title: "Hijacked", performances: [{on: "2016-10-20", town: "Nowhere"}]}) { id } }`,
    },
    {
      // After set${type}ActivityTranslation above (version 2).
      name: `set${type}ActivityBookletText`,
      owner,
      query: `mutation { set${type}ActivityBookletText(id: "${owner}-booklet-text-peace", version: 2, text: {title: "Hijacked", body: "Defaced", authorConsentToPublish: true}) { id } }`,
    },
    {
      name: `set${type}ActivitySurvey`,
      owner,
      query: `mutation { set${type}ActivitySurvey(id: "${activityToDelete}", version: 1, survey: {respondents: 10, questions: [{text: "Hijacked?", options: [{text: "Yes", count: 5}, {text: "No", count: 5}]}]}) { id } }`,
    },
    {
      // After set${type}ActivitySurvey above, which moved the activity to version 2.
      name: `delete${type}Activity`,
      owner,
      query: `mutation { delete${type}Activity(id: "${activityToDelete}", version: 2) }`,
    },
    {
      name: `add${type}Member`,
      owner,
      query: `mutation { add${type}Member(partnerId: "${owner}", input: {kind: PERSON, name: "Intruder", consentToPublish: true}) { id } }`,
    },
    {
      name: `update${type}Member`,
      owner,
      query: `mutation { update${type}Member(id: "${member}", version: 1, patch: {name: "Renamed"}) { id } }`,
    },
    {
      name: `remove${type}Member`,
      owner,
      query: `mutation { remove${type}Member(id: "${memberToRemove}", version: 1) }`,
    },
    {
      name: `update${type}Profile`,
      owner,
      query: `mutation { update${type}Profile(partnerId: "${owner}", version: 1, patch: {website: "https://example.org/defaced"}) { id } }`,
    },
    {
      name: `erase${type}PersonalData`,
      query: `mutation { erase${type}PersonalData(email: "lena.huber@example.org") { membersRemoved } }`,
    },
  ];
}

const NETWORK_ATTEMPTS: Attempt[] = [
  {
    name: 'registerPartner',
    query: `mutation { registerPartner(input: {id: "grad-split", type: CITY, name: "Grad Split", countryCode: "HR", town: "Split", role: PARTNER, legalForm: MUNICIPALITY}) { id } }`,
  },
  {
    name: 'updatePartner',
    query: `mutation { updatePartner(id: "bbag", version: 1, patch: {town: "Berlin"}) { id } }`,
  },
  {
    name: 'createMeeting',
    query: `mutation { createMeeting(input: {kind: THEMATIC, theme: PEACE, title: "Extra", town: "Split", countryCode: "HR", startsOn: "2018-01-01", endsOn: "2018-01-02", hostId: "bbag", participants: {value: 10, qualifier: EXACT}}) { id } }`,
  },
  {
    name: 'updateMeeting',
    query: `mutation { updateMeeting(id: "solidarity-warsaw-2016", version: 1, patch: {title: "Changed"}) { id } }`,
  },
  { name: 'deleteMeeting', query: `mutation { deleteMeeting(id: "closing-villach-2017", version: 1) }` },
  {
    name: 'setMeetingTranslation',
    query: `mutation { setMeetingTranslation(id: "peace-scy-chazelles-2017", version: 1, locale: DE, title: "Geändert") { id } }`,
  },
  {
    name: 'setMeetingAttendance',
    query: `mutation { setMeetingAttendance(id: "tolerance-potsdam-2016", version: 1, attendance: [{category: CITIZEN, ageBand: AGE_18_30, count: 9}]) { id } }`,
  },
  {
    name: 'setNetworkTranslation',
    query: `mutation { setNetworkTranslation(version: 1, locale: PL, title: "Zmieniony") { version } }`,
  },
  {
    name: 'eraseNetworkPersonalData',
    query: `mutation { eraseNetworkPersonalData(email: "lena.huber@example.org") { membersRemoved } }`,
  },
  // The network's work. The admin runs these after setNetworkTranslation above, which moved
  // the network to version 2, and after deleteMeeting, which left the Villach cooperations
  // without their meeting.
  {
    name: 'setNetworkQuestionnaire',
    query: `mutation { setNetworkQuestionnaire(version: 2, questions: [{id: "q-solidarity-1", text: "Hijacked?", theme: SOLIDARITY}]) { version } }`,
  },
  {
    name: 'addMeetingConclusion',
    query: `mutation { addMeetingConclusion(meetingId: "tolerance-potsdam-2016", input: {problem: "Intrusion", proposal: "None"}) { id } }`,
  },
  {
    name: 'updateMeetingConclusion',
    query: `mutation { updateMeetingConclusion(id: "solidarity-warsaw-2016-conclusion-1", version: 1, patch: {followUp: "Defaced"}) { id } }`,
  },
  {
    name: 'removeMeetingConclusion',
    query: `mutation { removeMeetingConclusion(id: "peace-scy-chazelles-2017-conclusion-2", version: 1) }`,
  },
  {
    name: 'createCooperation',
    query: `mutation { createCooperation(input: {title: "Intrusion", partners: ["bbag", "gemma-villach"]}) { id } }`,
  },
  {
    name: 'updateCooperation',
    query: `mutation { updateCooperation(id: "villach-2017-forum-theatre-exchange", version: 1, patch: {title: "Defaced"}) { id } }`,
  },
  {
    name: 'deleteCooperation',
    query: `mutation { deleteCooperation(id: "villach-2017-schuman-school-visits", version: 1) }`,
  },
];

const ATTEMPTS = [...(Object.keys(PARTNER_OF_TYPE) as TypeName[]).flatMap(partnerTypeAttempts), ...NETWORK_ATTEMPTS];

/** Root query fields only the admin may read. */
const ADMIN_QUERIES = [
  'networkAuditLog',
  'cityAuditLog',
  'europeanHouseAuditLog',
  'foundationAuditLog',
  'youthAssociationAuditLog',
];

/** Root query fields anyone may read, each with a query that reads it. */
const PUBLIC_QUERIES: Record<string, string> = {
  network: `{ network { name } }`,
  partners: `{ partners { totalCount } }`,
  partner: `{ partner(id: "bbag") { id } }`,
  meetings: `{ meetings { totalCount } }`,
  meeting: `{ meeting(id: "tolerance-potsdam-2016") { id } }`,
};

/** The root fields an operation selects. */
const rootFields = (query: string) =>
  (parse(query).definitions[0] as OperationDefinitionNode).selectionSet.selections.map(
    (selection) => (selection as FieldNode).name.value,
  );

test('the lists of this file cover every mutation and every root query field the gateway serves', async () => {
  const response = await graph.query<{
    __schema: { mutationType: { fields: { name: string }[] }; queryType: { fields: { name: string }[] } };
  }>(`{ __schema { mutationType { fields { name } } queryType { fields { name } } } }`);
  expect(response.errors).toBeUndefined();
  const mutations = response.data!.__schema.mutationType.fields.map((field) => field.name);
  const queries = response.data!.__schema.queryType.fields.map((field) => field.name);
  // Each attempt runs the mutation it is named after, and nothing else.
  expect(ATTEMPTS.filter((attempt) => rootFields(attempt.query).join() !== attempt.name)).toEqual([]);
  const tried = ATTEMPTS.map((attempt) => attempt.name);
  const classified = [...ADMIN_QUERIES, ...Object.keys(PUBLIC_QUERIES)];
  // A new mutation (or root query field) fails here, by name, until it is added above.
  expect({
    'mutations of the schema missing from ATTEMPTS': mutations.filter((name) => !tried.includes(name)),
    'ATTEMPTS that are not mutations of the schema': tried.filter((name) => !mutations.includes(name)),
    'ATTEMPTS listed twice': tried.filter((name, index) => tried.indexOf(name) !== index),
    'root query fields in neither ADMIN_QUERIES nor PUBLIC_QUERIES': queries.filter(
      (name) => !classified.includes(name),
    ),
    'ADMIN_QUERIES and PUBLIC_QUERIES that are not root query fields': classified.filter(
      (name) => !queries.includes(name),
    ),
  }).toEqual({
    'mutations of the schema missing from ATTEMPTS': [],
    'ATTEMPTS that are not mutations of the schema': [],
    'ATTEMPTS listed twice': [],
    'root query fields in neither ADMIN_QUERIES nor PUBLIC_QUERIES': [],
    'ADMIN_QUERIES and PUBLIC_QUERIES that are not root query fields': [],
  });
  expect(mutations.length).toBeGreaterThan(0);
  expect(queries.filter((name) => name.endsWith('AuditLog')).sort()).toEqual([...ADMIN_QUERIES].sort());
});

test('every mutation is refused to anonymous callers and to editors of other partners, and nothing changes', async () => {
  const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
  let refused = 0;
  for (const attempt of ATTEMPTS) {
    const anonymous = await graph.query(attempt.query);
    expect([attempt.name, codes(anonymous)]).toEqual([attempt.name, ['UNAUTHENTICATED']]);
    expectNoLeaks(anonymous);
    refused += 1;
    for (const partnerId of PARTNER_IDS.filter((id) => id !== attempt.owner)) {
      const response = await graph.query(attempt.query, {}, tokens.editors[partnerId]);
      expect([attempt.name, partnerId, codes(response)]).toEqual([attempt.name, partnerId, ['FORBIDDEN']]);
      refused += 1;
    }
  }
  expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
  process.stdout.write(`refused attempts: ${refused}, tables unchanged: ${Object.keys(before).length}\n`);

  // The same operations are valid: the admin may run every one of them.
  for (const attempt of ATTEMPTS) {
    const response = await graph.query(attempt.query, {}, tokens.admin);
    expect([attempt.name, response.errors]).toEqual([attempt.name, undefined]);
  }
  expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).not.toEqual(before);
});

test.each(ADMIN_QUERIES)('%s is the admin’s to read', async (field) => {
  const query = `{ ${field} { totalCount } }`;
  const anonymous = await graph.query(query);
  expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
  expect(anonymous.data ?? null).toBeNull();
  for (const partnerId of PARTNER_IDS) {
    const editor = await graph.query(query, {}, tokens.editors[partnerId]);
    expect([partnerId, codes(editor), editor.data ?? null]).toEqual([partnerId, ['FORBIDDEN'], null]);
  }
  const admin = await graph.query<Record<string, { totalCount: number }>>(query, {}, tokens.admin);
  expect(admin.errors).toBeUndefined();
  expect(admin.data![field].totalCount).toEqual(expect.any(Number));
});

test.each(Object.entries(PUBLIC_QUERIES))('%s is public: an anonymous caller reads it', async (field, query) => {
  const response = await graph.query<Record<string, unknown>>(query);
  expect(response.errors).toBeUndefined();
  expect(response.data![field]).not.toBeNull();
});

describe('tokens the gateway refuses', () => {
  const MUTATION = `mutation { updateCityProfile(partnerId: "miasto-sosnowiec", version: 1, patch: {region: "Forged"}) { id } }`;
  const PRIVATE_READ = `{ partner(id: "gemma-villach") { members { nodes { name contact { email } } } } }`;

  async function refusedEverywhere(token: string, reason: RegExp) {
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    for (const query of [MUTATION, PRIVATE_READ]) {
      const response = await graph.query(query, {}, token);
      expect(codes(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.errors![0].message).toMatch(reason);
      expect(response.data ?? null).toBeNull();
      expectNoLeaks(response);
    }
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
  }

  test('signed with another key', async () => {
    const other = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const forged = await issueToken(await importSigningKey(other.privateKey), {
      role: Role.NETWORK_ADMIN,
      subject: 'mallory',
    });
    await refusedEverywhere(forged, /not valid/);
  });

  test('expired', async () => {
    const expired = await graph.token({ role: Role.NETWORK_ADMIN, subject: 'late', expiresIn: '-1m' });
    await refusedEverywhere(expired, /expired/);
  });

  test('with a changed payload (a forged role)', async () => {
    const token = await graph.token({ role: Role.PARTNER_EDITOR, partnerId: 'bbag', subject: 'staff' });
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(
      JSON.stringify({ role: 'NETWORK_ADMIN', sub: 'staff', iss: 'citipart', aud: 'citipart-graph', exp: 4102444800 }),
    ).toString('base64url');
    await refusedEverywhere(`${header}.${payload}.${signature}`, /not valid/);
  });

  test('signed with HS256 using the public key as the secret (algorithm confusion)', async () => {
    const token = await new SignJWT({ role: 'NETWORK_ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('citipart')
      .setAudience('citipart-graph')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('any secret at all'));
    await refusedEverywhere(token, /not valid/);
  });

  test('unsigned (alg none) and malformed', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"role":"NETWORK_ADMIN","sub":"x"}').toString('base64url')}.`;
    await refusedEverywhere(none, /not valid|Bearer/);
    await refusedEverywhere('not-a-token', /not valid/);
  });

  test('a token without a partner for an editor', async () => {
    const signer = await new SignJWT({ role: 'PARTNER_EDITOR' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('staff')
      .setIssuer('citipart')
      .setAudience('citipart-graph')
      .setExpirationTime('1h');
    const token = await signer.sign(await importSigningKey(graph.jwtPrivateKey));
    await refusedEverywhere(token, /known role/);
  });
});

describe('calling a subgraph directly', () => {
  const CONTACTS = `{ _entities(representations: [{__typename: "YouthAssociation", id: "gemma-villach"}]) {
    ... on YouthAssociation { members { totalCount nodes { name contact { email phone } } } }
  } }`;
  const WRITE = `mutation { updateYouthAssociationProfile(partnerId: "gemma-villach", version: 1, patch: {website: "https://example.org/x"}) { id } }`;
  type Entities = { _entities: { members: { totalCount: number; nodes: { name: string; contact: unknown }[] } }[] };

  const youth = () => graph.subgraphs.get('youth-associations')!.url;

  async function anonymousView(headers: Record<string, string>) {
    const before = await tableChecksums(graph.databaseUrl, SCHEMAS);
    const write = await postGraphQL(youth(), WRITE, {}, headers);
    expect(codes(write)).toEqual(['UNAUTHENTICATED']);
    const read = await postGraphQL<Entities>(youth(), CONTACTS, {}, headers);
    const members = read.data!._entities[0].members;
    expect(members.nodes.length).toBeGreaterThan(0);
    expect(members.nodes.every((member) => member.contact === null)).toBe(true);
    expect(members.nodes.map((member) => member.name)).not.toContain('Jakob Winkler');
    expect(JSON.stringify(read)).not.toMatch(/@example\.org/);
    expect(await tableChecksums(graph.databaseUrl, SCHEMAS)).toEqual(before);
    return members.totalCount;
  }

  test('without the gateway’s proof, even with a valid admin token, is the anonymous view', async () => {
    const publicCount = await anonymousView({});
    expect(await anonymousView({ authorization: `Bearer ${tokens.admin}` })).toBe(publicCount);
  });

  test('with a proof signed by another secret, or expired, or tampered with, is the anonymous view', async () => {
    const admin = { kind: 'admin' as const, subject: 'mallory' };
    await anonymousView({ [IDENTITY_HEADER]: createIdentityProof('x'.repeat(40), admin)! });
    await anonymousView({
      [IDENTITY_HEADER]: createIdentityProof(graph.gatewaySecret, admin, Date.now() - 10 * 60_000)!,
    });
    const editor = createIdentityProof(graph.gatewaySecret, { kind: 'editor', subject: 's', partnerId: 'bbag' })!;
    const [version, , signature] = editor.split('.');
    const tampered = Buffer.from(JSON.stringify({ identity: admin, exp: 4102444800 })).toString('base64url');
    await anonymousView({ [IDENTITY_HEADER]: `${version}.${tampered}.${signature}` });
  });

  test('with the gateway’s proof, the editor sees the private view (so the proof is what counts)', async () => {
    const proof = createIdentityProof(graph.gatewaySecret, {
      kind: 'editor',
      subject: 's',
      partnerId: 'gemma-villach',
    })!;
    const read = await postGraphQL<Entities>(youth(), CONTACTS, {}, { [IDENTITY_HEADER]: proof });
    expect(read.data!._entities[0].members.nodes.map((member) => member.name)).toContain('Jakob Winkler');
  });
});
