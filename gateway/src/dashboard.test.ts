import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DASHBOARD_CSP, dashboardFiles } from './dashboard';
import { type GatewayServer, createGatewayServer } from './gateway.server';
import { subgraphNamesOf } from './supergraph';

// The gateway serves a built dashboard at /dashboard: its page and files with their types,
// caching and policy, and nothing else from the folder or beside it. The folder here is a
// small stand-in for dashboard/dist (the browser test serves the real build).

let dir: string;
let gateway: GatewayServer;
let origin: string;

const INDEX =
  '<!doctype html><html lang="en"><head><script type="module" src="/dashboard/assets/app-1a2b3c.js"></script></head></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4096))});`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'citipart-dashboard-test-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), INDEX);
  await writeFile(join(dir, 'assets', 'app-1a2b3c.js'), SCRIPT);
  await writeFile(join(dir, 'assets', 'europe-0f0f0f.json'), '{"type":"Topology"}');
  await writeFile(join(dir, 'assets', 'notes.md'), 'a file of a type the gateway does not serve');
  const supergraphSdl = await readFile(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  gateway = await createGatewayServer({
    supergraphSdl,
    subgraphUrls: Object.fromEntries(
      subgraphNamesOf(supergraphSdl).map((name) => [name, 'http://127.0.0.1:9/graphql']),
    ),
    dashboardDir: dir,
  });
  origin = new URL(await gateway.listen(0)).origin;
});
afterAll(async () => {
  await gateway?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A GET with the path sent as written (fetch would resolve `..` before sending). */
function rawGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/`, { path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves the page at /dashboard and /dashboard/, asked for again each time, with its policy', async () => {
  for (const path of ['/dashboard', '/dashboard/', '/dashboard?lang=fr']) {
    const response = await fetch(`${origin}${path}`);
    expect([path, response.status]).toEqual([path, 200]);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX);
  }
  expect(DASHBOARD_CSP).toContain("default-src 'none'");
  expect(DASHBOARD_CSP).toContain("script-src 'self'");
  expect(DASHBOARD_CSP).toContain("connect-src 'self'");
  expect(DASHBOARD_CSP).not.toMatch(/unsafe|https?:|data:|\*/);
  // A browser that has the page revalidates it with its ETag.
  const first = await fetch(`${origin}/dashboard`);
  const again = await fetch(`${origin}/dashboard`, { headers: { 'if-none-match': first.headers.get('etag')! } });
  expect(again.status).toBe(304);
});

test('serves the built files with their types, kept a year, gzipped for a browser that takes it', async () => {
  const script = await fetch(`${origin}/dashboard/assets/app-1a2b3c.js`, { headers: { 'accept-encoding': 'gzip' } });
  expect(script.status).toBe(200);
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(await script.text()).toBe(SCRIPT);
  const raw = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
    request(`${origin}/dashboard/assets/app-1a2b3c.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
  expect(raw.encoding).toBe('gzip');
  expect(gunzipSync(raw.body).toString()).toBe(SCRIPT);
  const map = await fetch(`${origin}/dashboard/assets/europe-0f0f0f.json`);
  expect(map.headers.get('content-type')).toBe('application/json');
});

test('serves nothing it did not list at start: no other file, no path out of the folder, no other method', async () => {
  await writeFile(join(dir, 'assets', 'later-999999.js'), 'written after the start');
  for (const path of [
    '/dashboard/assets/later-999999.js',
    '/dashboard/assets/notes.md',
    '/dashboard/index.html',
    '/dashboard/assets/',
    '/dashboard/../package.json',
    '/dashboard/..%2F..%2Fpackage.json',
    '/dashboard/assets/../../../package.json',
    '/dashboard/%2e%2e/%2e%2e/package.json',
    '//etc/passwd',
  ]) {
    expect([path, await rawGet(path)]).toEqual([path, 404]);
  }
  const post = await fetch(`${origin}/dashboard`, { method: 'POST', body: 'x' });
  expect(post.status).toBe(405);
});

test('a folder without a built page is refused at start, naming the build command', () => {
  expect(() => dashboardFiles(join(dir, 'assets'))).toThrow(/npm run build -w @citipart\/dashboard/);
});
