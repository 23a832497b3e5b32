import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type GatewayServer, createGatewayServer } from './gateway.server';
import { subgraphNamesOf } from './supergraph';
import {
  DEFAULT_TRUSTED_DOCUMENTS_PATH,
  GATEWAY_TUNING_VARIABLES,
  gatewayEnvVariables,
  loadGatewayConfig,
} from './config';
import { type TrustedDocumentsMode, documentHash, parseManifest, readManifest } from './trusted-documents';

// The gateway alone (every subgraph down): operations of `__typename` only are answered by
// the gateway itself, which is all these checks of the trusted documents mode need.

const LISTED = 'query Listed { __typename }';
const UNLISTED = 'query Unlisted { __typename }';
const manifest = { [`sha256:${documentHash(LISTED)}`]: LISTED };

const gateways: GatewayServer[] = [];
const urls: Partial<Record<TrustedDocumentsMode, string>> = {};
beforeAll(async () => {
  const supergraphSdl = await readFile(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  const subgraphUrls = Object.fromEntries(
    subgraphNamesOf(supergraphSdl).map((name) => [name, 'http://127.0.0.1:9/graphql']),
  );
  for (const mode of ['enforce', 'allow-unlisted'] as const) {
    const gateway = await createGatewayServer({ supergraphSdl, subgraphUrls, trustedDocuments: { manifest, mode } });
    gateways.push(gateway);
    urls[mode] = await gateway.listen(0);
  }
});
afterAll(() => Promise.all(gateways.map((gateway) => gateway.stop())));

async function post(mode: TrustedDocumentsMode, body: unknown) {
  const response = await fetch(urls[mode]!, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

const code = (answer: Awaited<ReturnType<typeof post>>) => answer.body.errors?.[0]?.extensions?.code;

describe.each(['enforce', 'allow-unlisted'] as const)('%s mode', (mode) => {
  test('runs a listed document named by its hash (APQ extension, with or without the prefix, or documentId)', async () => {
    const hash = documentHash(LISTED);
    for (const body of [
      { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: `sha256:${hash}` } } },
      { documentId: `sha256:${hash}` },
      { documentId: hash },
      { query: LISTED },
      { query: LISTED, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
    ]) {
      expect([body, await post(mode, body)]).toEqual([body, { status: 200, body: { data: { __typename: 'Query' } } }]);
    }
  });

  test('runs a listed document named by hash over GET (with the CSRF header)', async () => {
    const search = new URLSearchParams({
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: documentHash(LISTED) } }),
    });
    const response = await fetch(`${urls[mode]}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  test('refuses a documentId that names no listed document, and a hash that does not match the document sent', async () => {
    const unknown = await post(mode, { documentId: documentHash(UNLISTED) });
    expect(unknown.status).toBe(400);
    expect(code(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.body.errors![0].message).toMatch(/No trusted document has the hash/);
    const mismatch = await post(mode, {
      query: UNLISTED,
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(LISTED) } },
    });
    expect(mismatch.status).toBe(400);
    expect(code(mismatch)).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(mismatch.body.data).toBeUndefined();
  });
});

test('enforce mode refuses an unlisted document, and an unlisted APQ hash, before running anything', async () => {
  for (const body of [
    { query: UNLISTED },
    // The same operation, but not the listed text: the manifest lists exact texts.
    { query: `${LISTED} ` },
    { query: '{ partners { totalCount } }' },
  ]) {
    const answer = await post('enforce', body);
    expect([body, answer.status, code(answer)]).toEqual([body, 400, 'OPERATION_NOT_TRUSTED']);
    expect(answer.body.data).toBeUndefined();
  }
  const apq = await post('enforce', {
    extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(UNLISTED) } },
  });
  expect([apq.status, code(apq)]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
  // Neither the gateway's internals nor the manifest's other documents show in a refusal.
  expect(JSON.stringify(apq.body)).not.toMatch(/Listed|stack|127\.0\.0\.1/);
});

test('allow-unlisted mode runs any document, and leaves an unknown APQ hash to Apollo', async () => {
  expect(await post('allow-unlisted', { query: UNLISTED })).toEqual({
    status: 200,
    body: { data: { __typename: 'Query' } },
  });
  const apq = await post('allow-unlisted', {
    extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(UNLISTED) } },
  });
  expect(code(apq)).toBe('PERSISTED_QUERY_NOT_FOUND');
});

test('a manifest whose key is not the sha256 of its document is refused at start', () => {
  expect(() => parseManifest({ [documentHash(LISTED)]: UNLISTED })).toThrow(/is not the sha256 of its document/);
  expect(() => parseManifest(['query { __typename }'])).toThrow(/JSON object/);
  expect(parseManifest(manifest)).toEqual({ [documentHash(LISTED)]: LISTED });
});

describe('configuration', () => {
  test('TRUSTED_DOCUMENTS_PATH and TRUSTED_DOCUMENTS_MODE: off by default, enforce for a manifest, checked', () => {
    expect(loadGatewayConfig({}).trustedDocuments).toBeUndefined();
    expect(loadGatewayConfig({ TRUSTED_DOCUMENTS_PATH: '/etc/citipart/trusted.json' }).trustedDocuments).toEqual({
      path: '/etc/citipart/trusted.json',
      mode: 'enforce',
    });
    expect(loadGatewayConfig({ TRUSTED_DOCUMENTS_MODE: 'allow-unlisted' }).trustedDocuments).toEqual({
      path: DEFAULT_TRUSTED_DOCUMENTS_PATH,
      mode: 'allow-unlisted',
    });
    expect(() => loadGatewayConfig({ TRUSTED_DOCUMENTS_MODE: 'strict' })).toThrow(/TRUSTED_DOCUMENTS_MODE: /);
    expect(gatewayEnvVariables([])).toEqual(
      expect.arrayContaining(['TRUSTED_DOCUMENTS_PATH', 'TRUSTED_DOCUMENTS_MODE']),
    );
    expect(GATEWAY_TUNING_VARIABLES).toEqual(
      expect.arrayContaining(['TRUSTED_DOCUMENTS_PATH', 'TRUSTED_DOCUMENTS_MODE']),
    );
  });

  test('the committed manifest reads and checks', () => {
    expect(() => readManifest(join(__dirname, 'no-such-manifest.json'))).toThrow(/TRUSTED_DOCUMENTS_PATH: cannot read/);
    expect(Object.keys(readManifest(DEFAULT_TRUSTED_DOCUMENTS_PATH)).length).toBeGreaterThan(1);
  });
});
