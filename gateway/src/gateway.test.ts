import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gatewayEnvVariables, loadGatewayConfig } from './config';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { MAX_EVALUATED_PLANS, createGatewayServer, type GatewayServer, queryPlannerConfig } from './gateway.server';
import { subgraphNamesOf } from './supergraph';

// The gateway alone: it starts from the committed supergraph with no subgraph running.

let gateway: GatewayServer;
let url: string;
let subgraphNames: string[];
let supergraphSdl: string;
beforeAll(async () => {
  supergraphSdl = await readFile(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
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

test('introspection of the whole schema, as the explorer sends it, answers without errors', async () => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        '{ __schema { types { name isOneOf inputFields { name isDeprecated } } } __type(name: "ActivityInput") { isOneOf } }',
    }),
  });
  const body = (await response.json()) as { data?: { __type: { isOneOf: boolean } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  expect(body.data?.__type).toEqual({ isOneOf: false });

  const mixed = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ network { name } __type(name: "Partner") { isOneOf } }' }),
  });
  expect(mixed.status).toBe(400);
  expect(await mixed.json()).toMatchObject({ errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
});

test('the planner weighs a bounded number of plans however many hops an operation takes', () => {
  const supergraph = Supergraph.build(supergraphSdl);
  const hop = (inner: string) =>
    `activities { nodes { title partner { name ${inner} } presentedAt { host { name } } } }`;
  const threeHops = parse(`{ partners { nodes { ${hop(hop(hop('')))} } } }`);
  const evaluated = (planner: QueryPlanner) => {
    planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), threeHops));
    return planner.lastGeneratedPlanStatistics()?.evaluatedPlanCount;
  };
  // Unbounded, the candidates multiply by 16 with each hop: 4,096 here.
  expect(evaluated(new QueryPlanner(supergraph))).toBe(4_096);
  expect(evaluated(new QueryPlanner(supergraph, queryPlannerConfig()))).toBe(MAX_EVALUATED_PLANS);
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

  test('reads the query limits, body size, subgraph timeout and planning bound, and applies them', async () => {
    const config = loadGatewayConfig({
      QUERY_MAX_DEPTH: '2',
      MAX_BODY_BYTES: '4096',
      SUBGRAPH_TIMEOUT_MS: '1500',
      QUERY_MAX_EVALUATED_PLANS: '64',
    });
    expect(config).toMatchObject({
      queryLimits: { maxDepth: 2 },
      maxBodyBytes: 4096,
      subgraphTimeoutMs: 1500,
      maxEvaluatedPlans: 64,
    });
    const strict = await createGatewayServer({ supergraphSdl, limits: config.queryLimits });
    const strictUrl = await strict.listen(0);
    try {
      const response = await fetch(strictUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ partners { nodes { activities { nodes { title } } } } }' }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'QUERY_TOO_DEEP' } }] });
    } finally {
      await strict.stop();
    }
    expect(() => loadGatewayConfig({ QUERY_MAX_TOKENS: '-5' })).toThrow(/QUERY_MAX_TOKENS: /);
  });

  test('reports every bad variable at once', () => {
    expect(() => loadGatewayConfig({ PORT: 'eighty', CITIES_URL: 'not a url' })).toThrow(/PORT:[\s\S]*CITIES_URL:/);
  });
});
