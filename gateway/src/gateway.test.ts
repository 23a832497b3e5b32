import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gatewayEnvVariables, loadGatewayConfig } from './config';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { parse, validate } from 'graphql';
import { MAX_EVALUATED_PLANS, createGatewayServer, type GatewayServer, queryPlannerConfig } from './gateway.server';
import { subgraphNamesOf } from './supergraph';
import { EXPLORER_TABS } from './explorer';
import { prefersHtml } from '@citipart/subgraph-kit/runtime';

/** What Chromium sends when it navigates to a page. */
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';

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
  const root = url.replace(/graphql$/, '');
  const response = await fetch(root, { headers: { accept: BROWSER_ACCEPT } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = await response.text();
  // Scripts, styles and requests from the gateway only; styles also with the page's nonce.
  const nonce = /<script src="[^"]+" nonce="([^"]+)">/.exec(html)![1];
  expect(response.headers.get('content-security-policy')).toBe(
    `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; connect-src 'self'; ` +
      "img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  expect(html).toMatch(/<div id="graphiql">/);
  expect(html).not.toMatch(/apollo|cdn|https?:\/\//i);
  // Every script and stylesheet of the page is a file of the gateway's, of the right type,
  // cached for good (its path names its version), and compressed for a browser.
  const urls = [...html.matchAll(/<(?:script src|link rel="stylesheet" href)="([^"]+)"/g)].map((match) => match[1]);
  expect(urls.filter((src) => src.endsWith('.js'))).toHaveLength(4);
  expect(urls.filter((src) => src.endsWith('.css'))).toHaveLength(2);
  expect(urls.some((src) => /graphiql\.min\.js$/.test(src))).toBe(true);
  for (const src of urls) {
    const asset = new URL(src, root);
    expect([src, asset.origin]).toEqual([src, new URL(root).origin]);
    const file = await fetch(asset, { headers: { 'accept-encoding': 'gzip' } });
    expect([src, file.status]).toEqual([src, 200]);
    const type = src.endsWith('.js') ? 'application/javascript; charset=utf-8' : 'text/css; charset=utf-8';
    expect([src, file.headers.get('content-type')]).toEqual([src, type]);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Compressed for a browser, but for the smallest of them.
    if (src.includes('graphiql.min')) expect(file.headers.get('content-encoding')).toBe('gzip');
    expect((await file.text()).length).toBeGreaterThan(100);
  }
  // GraphiQL's stylesheet names no outside font or file: its fonts are data: URLs.
  const css = await (
    await fetch(
      new URL(
        urls.find((src) => src.endsWith('graphiql.min.css'))!,
        root,
      ),
    )
  ).text();
  expect([...css.matchAll(/url\(\s*["']?([^"')]*)/g)].filter((match) => !match[1].startsWith('data:'))).toEqual([]);
  expect(css).not.toMatch(/@import/);
  // The boot script points GraphiQL at /graphql and sends the CSRF header on every request.
  const boot = await (
    await fetch(
      new URL(
        urls.find((src) => /explorer\.[0-9a-f]+\.js$/.test(src))!,
        root,
      ),
    )
  ).text();
  expect(boot).toMatch(/"endpoint":"graphql"/);
  expect(boot).toMatch(/headers\.set\('apollo-require-preflight', 'true'\)/);
  expect(boot).toMatch(/isHeadersEditorEnabled: true/);
});

test('serves only the files it lists, and GraphQL to any client that does not ask for HTML', async () => {
  const root = url.replace(/graphql$/, '');
  for (const path of [
    'explorer/nope.js',
    'explorer/',
    'explorer/../package.json',
    'explorer/%2e%2e/%2e%2e/package.json',
    'explorer/graphiql-3.9.0/../../../../etc/passwd',
    'explorer/graphiql-3.9.0/graphiql.js',
    'node_modules/graphiql/graphiql.min.js',
  ]) {
    const response = await fetch(`${root}${path}`);
    expect([path, response.status]).toEqual([path, 404]);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  }
  // The page, also at /graphql, for a browser; a HEAD has its headers and no body.
  const head = await fetch(url, { method: 'HEAD', headers: { accept: BROWSER_ACCEPT } });
  expect([head.status, head.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
  // The page is made for each response (a new nonce each time) and never cached.
  const pages = await Promise.all(
    [1, 2].map(async () => {
      const page = await fetch(root, { headers: { accept: BROWSER_ACCEPT } });
      expect(page.headers.get('cache-control')).toBe('no-store');
      return page.headers.get('content-security-policy');
    }),
  );
  expect(pages[0]).not.toBe(pages[1]);
  // A file's ETag answers 304.
  const html = await (await fetch(root, { headers: { accept: BROWSER_ACCEPT } })).text();
  const script = new URL(/<script src="([^"]+)"/.exec(html)![1], root);
  const etag = (await fetch(script)).headers.get('etag')!;
  expect((await fetch(script, { headers: { 'if-none-match': etag } })).status).toBe(304);
  expect((await fetch(script, { method: 'POST' })).status).toBe(405);
  // GraphiQL's source map, where its script says it is, for the browser's developer tools.
  const graphiql = /<script src="([^"]+)graphiql\.min\.js"/.exec(html)![1];
  const map = await fetch(new URL(`${graphiql}index.umd.js.map`, root));
  expect([map.status, map.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
  // A client that takes anything, or JSON first, gets GraphQL, not the page.
  for (const accept of ['*/*', 'application/json, text/html', 'application/graphql-response+json, text/html;q=0.9']) {
    const response = await fetch(`${url}?query=%7B__typename%7D`, {
      headers: { accept, 'apollo-require-preflight': 'true' },
    });
    expect([accept, await response.json()]).toEqual([accept, { data: { __typename: 'Query' } }]);
  }
  // Without the CSRF header, a GET is refused: the explorer sends it on every request.
  const csrf = await fetch(`${url}?query=%7B__typename%7D`);
  expect(csrf.status).toBe(400);
  expect(await csrf.text()).toMatch(/CSRF/);
  expect(prefersHtml(BROWSER_ACCEPT)).toBe(true);
  expect(prefersHtml('text/html;q=0')).toBe(false);
  expect(prefersHtml(undefined)).toBe(false);
  const post = await fetch(root + 'explorer/nope.js', { method: 'POST' });
  expect(post.status).toBe(404);
});

test("the explorer's example operations are valid against the served schema", () => {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  expect(EXPLORER_TABS.length).toBeGreaterThanOrEqual(4);
  for (const tab of EXPLORER_TABS) {
    const document = parse(tab.query);
    expect([tab.query.slice(0, 60), validate(schema, document).map((error) => error.message)]).toEqual([
      tab.query.slice(0, 60),
      [],
    ]);
  }
  expect(EXPLORER_TABS.map((tab) => tab.query).join('\n')).toMatch(/title\(locale: HR\)[^]*meetings[^]*mutation/);
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
