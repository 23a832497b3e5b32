import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StaticFile, StaticRoutes, StaticSource } from '@citipart/subgraph-kit/runtime';

// The explorer: GraphiQL, served whole by the gateway from npm packages inside the project
// (graphiql's UMD build, React's and ReactDOM's), so it works on a machine without internet.
// No CDN, no outside font (graphiql's stylesheet carries its fonts as data: URLs), nothing
// fetched at run time from anywhere but the gateway, and a Content-Security-Policy that says
// so to the browser. Pure: it reads no environment; the files are read from node_modules on
// their first request and kept in memory.

/** Where the explorer's files are served: `/explorer/<package>-<version>/<file>` and its own two. */
export const EXPLORER_PREFIX = '/explorer/';

/** One tab of the explorer as it first opens (a browser that used it before keeps its own). */
export interface ExplorerTab {
  query: string;
  variables?: string;
  headers?: string;
}

/**
 * The page's policy: scripts, styles and requests only from the gateway itself. Fonts and
 * images may also be `data:` URLs (graphiql's stylesheet embeds its fonts that way). GraphiQL's
 * dialogs add one `<style>` element while they are open (to stop the page scrolling): it
 * carries the page's nonce, which is new for every response.
 */
export function explorerCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

// The examples' comments are kept short: the editor is half of a laptop's screen.
const WELCOME = `# The CitiPart graph's explorer. Everything on
# this page comes from the gateway: it works
# without internet.
#
# Run an operation with the ▶ button (Ctrl-Enter).
# The tabs above hold more examples; the Docs
# button on the left lists every type and field.
# Reading needs no token; to edit, see the tab
# FirstEdit.
#
# The network, with its title and description in
# Croatian, the language it was written in. Every
# text field takes a locale (HR, FR, DE, PL, EN);
# without one, the graph answers in the language
# of an Accept-Language header (put it in Headers
# below), else in English.
query Network {
  network {
    name
    title(locale: HR)
    description(locale: HR)
    startsOn
    endsOn
    partnerCount
  }
}
`;

const PARTNERS = `# Every partner's tolerance activities, in one
# query: the gateway plans it over the network
# subgraph (names, towns, countries) and the four
# partner-type subgraphs (the activities).
query ToleranceActivities {
  partners {
    totalCount
    nodes {
      name
      town
      countryCode
      activities(filter: { theme: TOLERANCE }) {
        totalCount
        nodes {
          title
          startsOn
          demo
          presentedAt {
            title
          }
        }
      }
    }
  }
}
`;

const MEETINGS = `# The network's five multilateral meetings: where,
# when, who hosted them and how many took part,
# with the count's qualifier (EXACT, AT_LEAST,
# ABOUT). Lists are connections: "first" (up to
# 100) and "after" (a cursor from pageInfo) page
# through them.
query Meetings {
  meetings {
    totalCount
    nodes {
      title
      town
      countryCode
      startsOn
      endsOn
      participants {
        value
        qualifier
      }
      host {
        name
      }
    }
  }
}
`;

const EDIT = `# Writing needs a token. With \`npm start\` running,
# print one for an editor of Europe House
# Dubrovnik (the token is the last line):
#
#   npm run -s token -- --role PARTNER_EDITOR \\
#     --partner europski-dom-dubrovnik | tail -n 1
#
# and put it in Headers below, as JSON:
#
#   { "Authorization": "Bearer <the token>" }
#
# Without a valid token the mutation is refused
# with UNAUTHENTICATED; with another partner's,
# with FORBIDDEN. Headers are not kept once the
# page is closed.
#
# "clientKey" makes the create safe to send again:
# the same key gives back the same activity. To
# change it, name the version you read:
#
#   updateEuropeanHouseActivity(
#     id: "…", version: 1, patch: { title: "…" })
#
# A stale version is refused with CONFLICT.
mutation FirstEdit {
  createEuropeanHouseActivity(
    partnerId: "europski-dom-dubrovnik"
    clientKey: "explorer-first-edit"
    input: {
      kind: WORKSHOP
      theme: PEACE
      title: "Peace workshop"
      startsOn: "2017-04-08"
      town: "Dubrovnik"
    }
  ) {
    id
    version
    title
  }
}
`;

/** The tabs a first visit opens with: the README's examples, and an edit for editors. */
export const EXPLORER_TABS: readonly ExplorerTab[] = [
  { query: WELCOME },
  { query: PARTNERS },
  { query: MEETINGS },
  { query: EDIT },
];

/** The script that mounts GraphiQL with the configuration; served as a file, not inline. */
function bootScript(config: { endpoint: string; title: string; tabs: readonly ExplorerTab[] }): string {
  // Browser code, kept to what every current browser runs without a build step.
  return `(function () {
  'use strict';
  var config = ${JSON.stringify(config).replace(/</g, '\\u003c')};
  // The page's style nonce, for the one <style> element GraphiQL's dialogs add (the bundled
  // library reads it from this global, as webpack's convention has it).
  window.__webpack_nonce__ = document.currentScript && document.currentScript.nonce;
  // Resolved against the page, so the explorer talks to the server that served it.
  var endpoint = new URL(config.endpoint, window.location.href).href;
  // Apollo Server's CSRF prevention refuses a GET or multipart request that does not carry
  // a header forcing a CORS preflight: every request the explorer sends carries it.
  function fetchWithPreflight(input, init) {
    var headers = new Headers((init && init.headers) || {});
    headers.set('apollo-require-preflight', 'true');
    return window.fetch(input, Object.assign({}, init, { headers: headers }));
  }
  var fetcher = GraphiQL.createFetcher({
    url: endpoint,
    fetch: fetchWithPreflight,
    enableIncrementalDelivery: false,
  });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(
      GraphiQL,
      {
        fetcher: fetcher,
        defaultTabs: config.tabs,
        isHeadersEditorEnabled: true,
        defaultEditorToolsVisibility: 'headers',
        shouldPersistHeaders: false,
      },
      React.createElement(GraphiQL.Logo, null, config.title),
    ),
  );
})();
`;
}

const STYLE = `html, body, #graphiql { height: 100%; margin: 0; }
body { font-family: system-ui, sans-serif; }
.explorer-loading { padding: 2rem; color: #555; }
`;

/** A file of the page, read from an installed package when first asked for. */
function packageFile(pkg: string, file: string, type: string): StaticSource {
  let loaded: StaticFile | undefined;
  return () => {
    loaded ??= {
      type,
      body: readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file)),
      cache: 'immutable',
    };
    return loaded;
  };
}

function packageVersion(pkg: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
}

/** A file of the explorer's own, named by its content so that it can be cached for good. */
function ownFile(name: string, extension: string, type: string, body: string): [string, StaticSource] {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const file: StaticFile = { type, body, cache: 'immutable' };
  return [`${EXPLORER_PREFIX}${name}.${hash}.${extension}`, () => file];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export interface ExplorerOptions {
  /** The GraphQL endpoint, relative to the page (default `graphql`: the gateway's own). */
  endpoint?: string;
  /** Shown in the page's title and GraphiQL's logo. */
  title?: string;
  tabs?: readonly ExplorerTab[];
}

/**
 * The explorer's routes for the HTTP server: the page a browser gets on `/` (and
 * `/graphql`), and each of its files by exact path. Every URL on the page is relative, so
 * it resolves to the server that served it.
 */
export function createExplorer(options: ExplorerOptions = {}): StaticRoutes & { files: Record<string, StaticSource> } {
  const title = options.title ?? 'CitiPart graph';
  const js = 'application/javascript; charset=utf-8';
  const css = 'text/css; charset=utf-8';
  const graphiql = `${EXPLORER_PREFIX}graphiql-${packageVersion('graphiql')}/`;
  const react = `${EXPLORER_PREFIX}react-${packageVersion('react')}/`;
  const reactDom = `${EXPLORER_PREFIX}react-dom-${packageVersion('react-dom')}/`;
  const [bootPath, boot] = ownFile(
    'explorer',
    'js',
    js,
    bootScript({ endpoint: options.endpoint ?? 'graphql', title, tabs: options.tabs ?? EXPLORER_TABS }),
  );
  const [stylePath, style] = ownFile('explorer', 'css', css, STYLE);
  const files: Record<string, StaticSource> = {
    [`${react}react.production.min.js`]: packageFile('react', 'umd/react.production.min.js', js),
    [`${reactDom}react-dom.production.min.js`]: packageFile('react-dom', 'umd/react-dom.production.min.js', js),
    [`${graphiql}graphiql.min.js`]: packageFile('graphiql', 'graphiql.min.js', js),
    [`${graphiql}graphiql.min.css`]: packageFile('graphiql', 'graphiql.min.css', css),
    // graphiql/graphiql.min.js names its source map by this name, next to itself (for the browser's
    // developer tools; nothing else asks for it).
    [`${graphiql}index.umd.js.map`]: packageFile(
      'graphiql',
      'dist/index.umd.js.map',
      'application/json; charset=utf-8',
    ),
    [bootPath]: boot,
    [stylePath]: style,
  };
  // Relative to the page ("explorer/…"), which is served at "/" and "/graphql" alike.
  const relative = (path: string) => escapeHtml(path.slice(1));
  const html = (nonce: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>${escapeHtml(title)}: explorer</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${relative(`${graphiql}graphiql.min.css`)}">
    <link rel="stylesheet" href="${relative(stylePath)}">
  </head>
  <body>
    <div id="graphiql">
      <p class="explorer-loading">Loading the explorer…</p>
      <noscript><p class="explorer-loading">The explorer needs JavaScript. GraphQL is served at <code>/graphql</code>.</p></noscript>
    </div>
    <script src="${relative(`${react}react.production.min.js`)}"></script>
    <script src="${relative(`${reactDom}react-dom.production.min.js`)}"></script>
    <script src="${relative(`${graphiql}graphiql.min.js`)}"></script>
    <script src="${relative(bootPath)}" nonce="${nonce}"></script>
  </body>
</html>
`;
  // Made for each response: its nonce must not be guessable, so it is never cached.
  const page = (): StaticFile => {
    const nonce = randomBytes(18).toString('base64');
    return {
      type: 'text/html; charset=utf-8',
      body: html(nonce),
      cache: 'no-store',
      headers: { 'content-security-policy': explorerCsp(nonce), 'referrer-policy': 'no-referrer' },
    };
  };
  return { page, files };
}
