import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type GatewayServer, createGatewayServer, documentHash, readManifest } from '@citipart/gateway';
import { Role } from '@citipart/subgraph-kit/runtime';
import { allOperations } from '../../dashboard/src/operations';
import { listActivities } from '../../examples/partner-site/src/list-activities';
import { type GraphQLResponse, type TestGraph, postGraphQL, startGraph } from '../support/graph';

// The gateway in trusted documents mode over the real graph, with the committed manifest
// (schema/trusted-documents.json: the partner-site example's operation and the dashboard's):
// enforced on the test graph's own gateway, allowed-unlisted on a second one over the same
// subgraphs.

const MANIFEST = readManifest(join(__dirname, '..', '..', 'schema', 'trusted-documents.json'));
const PARTNER = 'maison-europe-yvelines';

let graph: TestGraph;
let development: GatewayServer;
let developmentUrl: string;
beforeAll(async () => {
  graph = await startGraph('trusted-documents', { trustedDocuments: { manifest: MANIFEST, mode: 'enforce' } });
  development = await createGatewayServer({
    supergraphSdl: await readFile(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'),
    subgraphUrls: Object.fromEntries([...graph.subgraphs].map(([name, subgraph]) => [name, subgraph.url])),
    trustedDocuments: { manifest: MANIFEST, mode: 'allow-unlisted' },
  });
  developmentUrl = await development.listen(0);
});
afterAll(async () => {
  await development?.stop();
  await graph?.stop();
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

/** What the graph itself says of the partner's activities in `locale` (an unlisted query, in development). */
async function expectedActivities(locale: string) {
  const answer = await postGraphQL<{
    partner: { name: string; activities: { nodes: { id: string; title: string; description: string | null }[] } };
  }>(
    developmentUrl,
    `query ($id: ID!, $locale: Locale) { partner(id: $id) { name activities(first: 100) { nodes { id title(locale: $locale) description(locale: $locale) } } } }`,
    { id: PARTNER, locale },
  );
  return answer.data!.partner;
}

test("the example's generated operation runs by hash, pages through the partner's activities, in the language asked", async () => {
  for (const url of [graph.url, developmentUrl]) {
    const byLocale: Record<string, string[]> = {};
    for (const locale of ['FR', 'DE', 'HR'] as const) {
      // Pages of two: the example follows `pageInfo.endCursor` until `hasNextPage` is false.
      const result = await listActivities(PARTNER, { url, locale, pageSize: 2 });
      const expected = await expectedActivities(locale);
      expect(result!.partnerName).toBe(expected.name);
      expect(result!.activities.length).toBeGreaterThan(2);
      expect(result!.activities.map(({ id, title, description }) => ({ id, title, description }))).toEqual(
        expected.activities.nodes,
      );
      for (const activity of result!.activities) {
        expect(activity.startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(typeof activity.kind).toBe('string');
      }
      byLocale[locale] = result!.activities.map((activity) => activity.title);
    }
    // The languages differ where the texts were translated.
    expect(byLocale.FR).not.toEqual(byLocale.HR);
    expect(byLocale.DE).not.toEqual(byLocale.FR);
  }
  // The same, with the document's text sent beside its hash (for a gateway without a manifest).
  const withText = await listActivities(PARTNER, { url: graph.url, locale: 'FR', send: 'text' });
  expect(withText!.activities.map((activity) => activity.title)).toEqual(
    (await expectedActivities('FR')).activities.nodes.map((activity) => activity.title),
  );
});

test("enforce mode runs the dashboard's listed operations, sent as the dashboard sends them (their text)", async () => {
  const { DashboardOverview, DashboardActivities } = allOperations();
  for (const query of [DashboardOverview, DashboardActivities]) {
    const answer = await post(graph.url, { query, variables: { locale: 'FR' } }, { 'accept-language': 'fr' });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toBeTruthy();
  }
  // By hash, as documentId: the manifest's document is run.
  const byId = await post(graph.url, { documentId: `sha256:${documentHash(DashboardOverview)}`, variables: {} });
  expect(byId.status).toBe(200);
  expect((byId.body.data as { partners: { totalCount: number } }).partners.totalCount).toBe(8);
});

test('an unlisted document is refused in enforce mode, before anything runs, and allowed in development', async () => {
  const query = '{ partners(first: 100) { totalCount nodes { id name } } }';
  const refused = await post(graph.url, { query });
  expect(refused.status).toBe(400);
  expect(refused.body).toEqual({
    errors: [{ message: expect.stringMatching(/trusted documents/), extensions: { code: 'OPERATION_NOT_TRUSTED' } }],
  });
  // A listed document changed by one character is another document.
  const { DashboardOverview } = allOperations();
  const edited = await post(graph.url, { query: DashboardOverview.replace('partnerCount', 'partnerCount\n') });
  expect([edited.status, edited.body.errors?.[0].extensions?.code]).toEqual([400, 'OPERATION_NOT_TRUSTED']);
  // A write the manifest does not list is refused whatever the token.
  const token = await graph.token({ role: Role.NETWORK_ADMIN, subject: 'coordinator@example.org' });
  const write = await post(
    graph.url,
    { query: 'mutation { deleteMeeting(id: "peace-scy-chazelles-2017", version: 1) }' },
    { authorization: `Bearer ${token}` },
  );
  expect([write.status, write.body.errors?.[0].extensions?.code]).toEqual([400, 'OPERATION_NOT_TRUSTED']);
  expect((await post(graph.url, { query: '{ meeting(id: "peace-scy-chazelles-2017") { id } }' })).status).toBe(400);
  expect((await postGraphQL(developmentUrl, '{ meeting(id: "peace-scy-chazelles-2017") { id } }')).data).toEqual({
    meeting: { id: 'peace-scy-chazelles-2017' },
  });
  // Allowed in development.
  const allowed = await post(developmentUrl, { query });
  expect(allowed.status).toBe(200);
  expect((allowed.body.data as { partners: { totalCount: number } }).partners.totalCount).toBe(8);
});

test('a hash that is not in the manifest is refused with a clear error, and nothing leaks', async () => {
  const hash = documentHash('{ partners { totalCount } }');
  for (const body of [{ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, { documentId: hash }]) {
    const answer = await post(graph.url, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [
        {
          message: `No trusted document has the hash "${hash}": this gateway runs the operations of its manifest.`,
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
        },
      ],
    });
    // No document of the manifest, no internal address, no stack.
    expect(JSON.stringify(answer.body)).not.toMatch(/query|localhost|127\.0\.0\.1|at \w+ \(/);
  }
  // In development an unknown documentId is refused too (an unknown APQ hash is Apollo's to answer).
  const unknown = await post(developmentUrl, { documentId: hash });
  expect([unknown.status, unknown.body.errors?.[0].extensions?.code]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
});

test('the explorer page and the CORS preflight still answer in enforce mode', async () => {
  const root = graph.url.replace(/graphql$/, '');
  const page = await fetch(root, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  const preflight = await fetch(graph.url, { method: 'OPTIONS' });
  expect(preflight.status).toBe(204);
});
