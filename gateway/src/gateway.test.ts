import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gatewayEnvVariables, loadGatewayConfig } from './config';
import { createGatewayServer, type GatewayServer } from './gateway.server';
import { subgraphNamesOf } from './supergraph';

// The gateway alone: it starts from the committed supergraph with no subgraph running.

let gateway: GatewayServer;
let url: string;
let subgraphNames: string[];
beforeAll(async () => {
  const supergraphSdl = await readFile(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  subgraphNames = subgraphNamesOf(supergraphSdl);
  // Routed to a port nothing listens on: every subgraph is down.
  gateway = await createGatewayServer({
    supergraphSdl,
    subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, 'http://127.0.0.1:9/graphql'])),
  });
  url = await gateway.listen(0);
});
afterAll(() => gateway?.stop());

test('starts before any subgraph is up and serves the explorer on a browser GET of /', async () => {
  const response = await fetch(url.replace(/graphql$/, ''), { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  expect(await response.text()).toMatch(/Apollo|embeddable/i);
});

test('answers at /graphql, and masks the unreachable subgraph', async () => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ network { name } }' }),
  });
  const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
  expect(body.errors[0].message).toBe('The network service is unavailable; its part of the answer is missing.');
  expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|:9\b/);
});

test('validates queries against the supergraph itself', async () => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ partners { nodes { nope } } }' }),
  });
  const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
  expect(body.errors[0].message).toMatch(/^Cannot query field "nope" on type "Partner"\./);
  expect(body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
});

describe('configuration', () => {
  test('reads the port, the supergraph path and one URL override per subgraph', () => {
    const config = loadGatewayConfig({ PORT: '4100', EUROPEAN_HOUSES_URL: 'http://houses:4003/graphql' });
    expect(config.port).toBe(4100);
    expect(config.supergraphPath).toMatch(/schema[/\\]supergraph\.graphql$/);
    expect(config.subgraphNames).toEqual(['cities', 'european-houses', 'foundations', 'network', 'youth-associations']);
    expect(config.subgraphUrls).toEqual({ 'european-houses': 'http://houses:4003/graphql' });
    expect(gatewayEnvVariables(config.subgraphNames)).toContain('YOUTH_ASSOCIATIONS_URL');
  });

  test('refuses a token key without the secret the subgraphs need to trust the gateway', () => {
    const key = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n';
    expect(() => loadGatewayConfig({ JWT_PUBLIC_KEY: key })).toThrow(/GATEWAY_SECRET: required/);
    expect(loadGatewayConfig({ JWT_PUBLIC_KEY: key, GATEWAY_SECRET: 's'.repeat(32) }).jwtPublicKey).toBe(key);
  });

  test('reports every bad variable at once', () => {
    expect(() => loadGatewayConfig({ PORT: 'eighty', CITIES_URL: 'not a url' })).toThrow(/PORT:[\s\S]*CITIES_URL:/);
  });
});
