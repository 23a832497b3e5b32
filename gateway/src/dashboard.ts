import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join, posix, relative, sep } from 'node:path';
import type { StaticFile, StaticSource } from '@citipart/subgraph-kit/runtime';

// The network dashboard: a static site built from dashboard/ (npm's postinstall, or `npm
// start`, runs its build) and served by the gateway at /dashboard, on the same origin as
// /graphql, which is the only thing it talks to. The files are listed and read once, when the
// gateway starts: a request's path is only ever a key of that list, never a file name, so no
// path can reach anything else. Pure: the caller says which folder.

/** Where the dashboard is served; the build names its files under it (dashboard/scripts/build.ts). */
export const DASHBOARD_PATH = '/dashboard';

/**
 * The dashboard's policy: everything from the gateway itself, nothing inline, nothing from
 * elsewhere (its fonts are the system's, its map is a file of its own).
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/**
 * The dashboard's routes for the gateway's HTTP server: index.html at /dashboard and
 * /dashboard/ (asked for again each time, so a new build shows at once), every other file of
 * the folder at /dashboard/<its path>, kept a year by browsers (the build puts each file's
 * hash in its name). A file of a type it does not know is not served.
 */
export function dashboardFiles(dir: string): Record<string, StaticSource> {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`No dashboard at ${dir} (no index.html): run "npm run build -w @citipart/dashboard".`);
  }
  const routes: Record<string, StaticSource> = {};
  for (const path of filesUnder(dir)) {
    const type = TYPES[extname(path).toLowerCase()];
    if (!type) continue;
    const name = relative(dir, path).split(sep).join(posix.sep);
    const file: StaticFile = {
      type,
      body: readFileSync(path),
      cache: name === 'index.html' ? 'revalidate' : 'immutable',
      headers: HEADERS,
    };
    const source = () => file;
    if (name === 'index.html') {
      routes[DASHBOARD_PATH] = source;
      routes[`${DASHBOARD_PATH}/`] = source;
    } else {
      routes[`${DASHBOARD_PATH}/${name}`] = source;
    }
  }
  return routes;
}
