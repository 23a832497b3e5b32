import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { getIntrospectionQuery, type IntrospectionQuery, type IntrospectionType } from 'graphql';
import { Role } from '@citipart/subgraph-kit';
import { Client } from 'pg';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { callers } from '../support/callers';
import { startGraph, type TestGraph } from '../support/graph';

// Personal data: e-mail and phone never reach the public graph; people appear in public
// lists only with consent (under 16: a parent's too); erasure leaves no trace.

let graph: TestGraph;
let tokens: Awaited<ReturnType<typeof callers>>;

beforeAll(async () => {
  graph = await startGraph('privacy');
  tokens = await callers(graph);
});
afterAll(() => graph?.stop());

const MEMBERS = `{ partners(first: 100) { nodes { id members(first: 100) { totalCount nodes { id name kind contact { email phone consentToPublish birthYear parentalConsent } } } } } }`;
type Members = {
  partners: {
    nodes: {
      id: string;
      members: { totalCount: number; nodes: { id: string; name: string; contact: { email: string | null } | null }[] };
    }[];
  };
};
const membersOf = (data: Members, partnerId: string) =>
  data.partners.nodes.find((partner) => partner.id === partnerId)!.members;

test('introspection: e-mail and phone exist only in MemberContact, reachable only through Member.contact', async () => {
  const response = await graph.query<IntrospectionQuery>(getIntrospectionQuery());
  const types = response.data!.__schema.types.filter((type) => !type.name.startsWith('__'));
  const fieldsOf = (type: IntrospectionType) =>
    ('fields' in type && type.fields) || ('inputFields' in type && type.inputFields) || [];
  const personal = types.flatMap((type) =>
    fieldsOf(type)
      .filter((field) => /mail|phone/i.test(field.name))
      .map((field) => `${type.kind === 'INPUT_OBJECT' ? 'input ' : ''}${type.name}.${field.name}`),
  );
  // Inputs carry them in (to the partner's own data); outputs only through MemberContact.
  expect(personal.filter((name) => !name.startsWith('input ')).sort()).toEqual([
    'MemberContact.email',
    'MemberContact.phone',
  ]);
  const named = (ref: { kind: string; name?: string | null; ofType?: unknown }): string | null | undefined =>
    ref.name ?? (ref.ofType ? named(ref.ofType as typeof ref) : undefined);
  const toContact = types.flatMap((type) =>
    ('fields' in type && type.fields ? type.fields : [])
      .filter((field) => named(field.type) === 'MemberContact')
      .map((field) => `${type.name}.${field.name}`),
  );
  expect(toContact).toEqual(['Member.contact']);
});

test('an anonymous reader gets no contact data and no one without consent', async () => {
  const response = await graph.query<Members>(MEMBERS);
  expect(response.errors).toBeUndefined();
  const text = JSON.stringify(response);
  expect(text).not.toMatch(/@example\.org/);
  expect(text).not.toMatch(/Jakob Winkler/); // under 16, no parental consent
  expect(text).toMatch(/Lena Huber/); // with consent: listed, without contact data
  expect(response.data!.partners.nodes).toHaveLength(8);
  for (const partner of response.data!.partners.nodes) {
    expect(partner.members.nodes.length).toBeGreaterThan(0);
    expect(partner.members.nodes.every((member) => member.contact === null)).toBe(true);
    expect(partner.members.totalCount).toBe(partner.members.nodes.length);
  }
});

describe('who sees a person without consent', () => {
  let hidden: string;
  beforeAll(async () => {
    const added = await graph.query<{ addEuropeanHouseMember: { id: string } }>(
      `mutation { addEuropeanHouseMember(partnerId: "europski-dom-dubrovnik", input: {kind: PERSON, name: "Petra Kovač", email: "petra.kovac@example.org", phone: "+385 20 000 000", consentToPublish: false}) { id } }`,
      {},
      tokens.editors['europski-dom-dubrovnik'],
    );
    expect(added.errors).toBeUndefined();
    hidden = added.data!.addEuropeanHouseMember.id;
  });

  test('not anonymous readers, nor editors of other partners: not by name, not in counts', async () => {
    const anonymous = membersOf((await graph.query<Members>(MEMBERS)).data!, 'europski-dom-dubrovnik');
    const other = membersOf(
      (await graph.query<Members>(MEMBERS, {}, tokens.editors['gemma-villach'])).data!,
      'europski-dom-dubrovnik',
    );
    for (const view of [anonymous, other]) {
      expect(view.nodes.map((member) => member.name)).not.toContain('Petra Kovač');
      expect(view.nodes.map((member) => member.id)).not.toContain(hidden);
      expect(view.totalCount).toBe(2);
      expect(view.nodes).toHaveLength(2);
      expect(JSON.stringify(view)).not.toMatch(/petra|385/i);
    }
  });

  test("the partner's editors and the admin, with contact data", async () => {
    for (const token of [tokens.editors['europski-dom-dubrovnik'], tokens.admin]) {
      const view = membersOf((await graph.query<Members>(MEMBERS, {}, token)).data!, 'europski-dom-dubrovnik');
      expect(view.totalCount).toBe(3);
      expect(view.nodes).toContainEqual(
        expect.objectContaining({
          id: hidden,
          name: 'Petra Kovač',
          contact: expect.objectContaining({ email: 'petra.kovac@example.org', phone: '+385 20 000 000' }),
        }),
      );
    }
  });

  test('an editor of another partner sees that partner’s own private data, not this one’s', async () => {
    const view = await graph.query<Members>(MEMBERS, {}, tokens.editors['gemma-villach']);
    expect(membersOf(view.data!, 'gemma-villach').nodes.map((member) => member.name)).toContain('Jakob Winkler');
    expect(
      membersOf(view.data!, 'gemma-villach').nodes.find((member) => member.name === 'Lena Huber')!.contact,
    ).toEqual(expect.objectContaining({ email: 'lena.huber@example.org' }));
    const dubrovnik = membersOf(view.data!, 'europski-dom-dubrovnik').nodes;
    expect(dubrovnik.length).toBeGreaterThan(0);
    expect(dubrovnik.every((member) => member.contact === null)).toBe(true);
  });

  test('consent makes the person public; a minor needs a parent’s consent as well', async () => {
    // A person of another partner, whose consents this test changes (Petra's stay as they are).
    const editor = tokens.editors['maison-europe-nimes'];
    const added = await graph.query<{ addEuropeanHouseMember: { id: string; version: number } }>(
      `mutation { addEuropeanHouseMember(partnerId: "maison-europe-nimes", input: {kind: PERSON, name: "Marie Laurent", email: "marie.laurent@example.org", consentToPublish: false}) { id version } }`,
      {},
      editor,
    );
    expect(added.errors).toBeUndefined();
    const { id, version: created } = added.data!.addEuropeanHouseMember;
    const publicNames = async () =>
      membersOf((await graph.query<Members>(MEMBERS)).data!, 'maison-europe-nimes').nodes.map((member) => member.name);
    const update = (version: number, patch: string) =>
      graph.query(
        `mutation { updateEuropeanHouseMember(id: "${id}", version: ${version}, patch: ${patch}) { version } }`,
        {},
        editor,
      );
    const before = await publicNames();
    expect(before).toContain('Julien Fabre');
    expect(before).not.toContain('Marie Laurent');
    expect((await update(created, '{consentToPublish: true}')).errors).toBeUndefined();
    expect(await publicNames()).toContain('Marie Laurent');
    const thisYear = new Date().getUTCFullYear();
    expect((await update(created + 1, `{birthYear: ${thisYear - 15}}`)).errors).toBeUndefined();
    expect(await publicNames()).not.toContain('Marie Laurent');
    expect((await update(created + 2, '{parentalConsent: true}')).errors).toBeUndefined();
    expect(await publicNames()).toContain('Marie Laurent');
    // Born 16 years before this year: may still be 15, so counts as a minor.
    expect((await update(created + 3, `{birthYear: ${thisYear - 16}, parentalConsent: false}`)).errors).toBeUndefined();
    expect(await publicNames()).not.toContain('Marie Laurent');
    expect((await update(created + 4, `{birthYear: ${thisYear - 17}}`)).errors).toBeUndefined();
    expect(await publicNames()).toContain('Marie Laurent');
  });
});

/** Every row of every table of every subgraph, as text, that mentions `needle`. */
async function traces(needle: string): Promise<string[]> {
  const client = new Client({ connectionString: graph.databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; table: string }>(
      `select table_schema as schema, table_name as table from information_schema.tables
       where table_schema = any($1) and table_type = 'BASE TABLE'`,
      [SUBGRAPHS.map((subgraph) => subgraph.defaultSchema)],
    );
    const found: string[] = [];
    for (const { schema, table } of tables.rows) {
      const rows = await client.query(`select t::text as row from "${schema}"."${table}" t where t::text ilike $1`, [
        `%${needle}%`,
      ]);
      found.push(...rows.rows.map((row) => `${schema}.${table}: ${row.row}`));
    }
    return found;
  } finally {
    await client.end();
  }
}

test('npm run erase removes the person from every subgraph, through the gateway, and leaves no trace', async () => {
  const email = 'Ana.Horvat@Example.org';
  const staff = await graph.token({ role: Role.PARTNER_EDITOR, partnerId: 'bbag', subject: email });
  // The person is a member of two partners in two subgraphs, and wrote as an editor too.
  const add = (type: string, partnerId: string, token: string) =>
    graph.query(
      `mutation { add${type}Member(partnerId: "${partnerId}", input: {kind: PERSON, name: "Ana Horvat", email: "${email}", consentToPublish: true}) { id } }`,
      {},
      token,
    );
  expect((await add('Foundation', 'bbag', staff)).errors).toBeUndefined();
  expect((await add('EuropeanHouse', 'europski-dom-dubrovnik', tokens.admin)).errors).toBeUndefined();
  expect(
    (
      await graph.query(
        `mutation { updateFoundationProfile(partnerId: "bbag", version: 1, patch: {patron: "none"}) { id } }`,
        {},
        staff,
      )
    ).errors,
  ).toBeUndefined();
  expect((await traces('ana.horvat@example.org')).length).toBeGreaterThanOrEqual(3);
  const publicBefore = JSON.stringify((await graph.query(MEMBERS)).data);
  expect(publicBefore).toMatch(/Ana Horvat/);

  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join('scripts', 'erase.ts'), '--email', email], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, GATEWAY_URL: graph.url, JWT_PRIVATE_KEY: graph.jwtPrivateKey },
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`erase exited ${code}: ${text}`))));
  });
  expect(output).toMatch(/^network: 0 member\(s\) removed, 0 audit entries anonymised$/m);
  expect(output).toMatch(/^foundations: 1 member\(s\) removed, 2 audit entries anonymised$/m);
  expect(output).toMatch(/^european-houses: 1 member\(s\) removed, 0 audit entries anonymised$/m);
  expect(output).toMatch(/^cities: 0 member\(s\) removed/m);
  expect(output).toMatch(/^youth-associations: 0 member\(s\) removed/m);

  expect(await traces('ana.horvat')).toEqual([]);
  expect(JSON.stringify((await graph.query(MEMBERS)).data)).not.toMatch(/Ana Horvat/);
  // The writes the person made are still on record, without the address.
  const log = await graph.query<{ foundationAuditLog: { nodes: { actor: string; action: string }[] } }>(
    `{ foundationAuditLog(first: 100) { nodes { actor action } } }`,
    {},
    tokens.admin,
  );
  expect(log.data!.foundationAuditLog.nodes).toContainEqual({ actor: 'erased', action: 'updateFoundationProfile' });
});
