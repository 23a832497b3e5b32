import type { Page } from 'playwright-core';
import { Role } from '@citipart/subgraph-kit';
import { type OfflineBrowser, launchOfflineBrowser, navigationTimings } from '../support/browser';
import { type TestGraph, startGraph } from '../support/graph';

// The explorer as a developer meets it, in a real browser with no internet: the gateway's
// page loads with every request answered by the gateway, GraphiQL reads the schema, runs a
// query typed into it and shows the answer, and an editor's token in the headers editor
// makes a write. Screenshots: test-results/screenshots/explorer-*.png.

jest.setTimeout(180_000);

let graph: TestGraph | undefined;
let browser: OfflineBrowser | undefined;
beforeAll(async () => {
  graph = await startGraph('explorer-browser');
});
afterAll(() => graph?.stop());
// A new browser for each test: a first visit, with nothing kept from the one before.
beforeEach(async () => {
  browser = await launchOfflineBrowser();
});
afterEach(() => browser?.close());

/** The gateway's page, at `/` on the address a developer types. */
function explorerUrl(): string {
  return graph!.url.replace(/graphql$/, '');
}

/** Replaces the text of a CodeMirror editor as a paste would (typing would auto-close brackets). */
async function replaceText(page: Page, editor: string, text: string): Promise<void> {
  await page.locator(`${editor} .CodeMirror`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** Runs the operation in the active tab and resolves to the text of the result pane. */
async function run(page: Page, expected: string | RegExp): Promise<string> {
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.graphiql-response .result-window');
  await result
    .filter({ hasText: expected })
    .waitFor({ timeout: 15_000 })
    .catch(async (error: Error) => {
      await browser!.screenshot(page, 'explorer-failed');
      throw new Error(`${error.message}\nThe result pane shows:\n${await result.innerText()}`);
    });
  return (await result.innerText()).replace(/\u00a0/g, ' ');
}

test('the explorer loads with nothing from outside, runs a query and shows the Croatian title', async () => {
  const expected = await graph!.query<{ network: { title: string } }>('{ network { title(locale: HR) } }');
  const title = expected.data!.network.title;
  expect(title).toMatch(/\p{L}/u);

  const page = await browser!.newPage();
  await page.goto(explorerUrl());
  // GraphiQL is up and has read the schema: the query editor knows the root fields.
  await page.locator('.graphiql-container .graphiql-query-editor .CodeMirror').waitFor();
  await page.locator('.graphiql-tab').nth(3).waitFor();
  const tabs = await page.locator('.graphiql-tab').allInnerTexts();
  expect(tabs.map((tab) => tab.trim())).toEqual(['Network', 'ToleranceActivities', 'Meetings', 'FirstEdit']);
  await page.locator('.graphiql-query-editor', { hasText: 'query Network' }).waitFor();
  await browser!.screenshot(page, 'explorer-1-loaded');
  await page
    .locator('button[aria-label="Show Documentation Explorer"], button[aria-label="Documentation Explorer"]')
    .first()
    .click();
  await page.locator('.graphiql-doc-explorer').filter({ hasText: 'Query' }).waitFor();
  process.stdout.write(`explorer: first view timings ${JSON.stringify(await navigationTimings(page))} ms\n`);

  // The first tab's example, as it opens: the network with its Croatian texts.
  const welcome = await run(page, title);
  expect(welcome).toContain('"partnerCount": 8');
  await browser!.screenshot(page, 'explorer-2-example-and-docs');

  // A query of one's own, typed into a new tab.
  await page.locator('.graphiql-tab-add').click();
  await replaceText(
    page,
    '.graphiql-query-editor',
    'query Croatian {\n  network {\n    name\n    title(locale: HR)\n  }\n}\n',
  );
  // GraphiQL reads the operation's name a moment after the last keystroke: the tab shows it then.
  await page.locator('.graphiql-tab-active', { hasText: 'Croatian' }).waitFor();
  const answer = await run(page, title);
  expect(answer).toContain('"name": "CitiPart"');
  await browser!.screenshot(page, 'explorer-3-query');

  // Every GraphQL request the page sent carried the CSRF header, and went to /graphql.
  const graphqlRequests = browser!.requests.filter((request) => new URL(request.url).pathname === '/graphql');
  expect(graphqlRequests.length).toBeGreaterThanOrEqual(3);
  for (const request of graphqlRequests) {
    expect([request.method, request.headers['apollo-require-preflight']]).toEqual(['POST', 'true']);
  }
  // Everything the page loaded came from the gateway that served it.
  const origins = new Set(browser!.requests.map((request) => new URL(request.url).origin));
  expect([...origins]).toEqual([new URL(explorerUrl()).origin]);
  expect(browser!.blocked).toEqual([]);
  expect(browser!.errors).toEqual([]);
  expect(
    browser!.requests
      .filter((request) => request.status !== 200)
      .map((request) => `${request.status} ${request.method} ${request.url}`),
  ).toEqual([]);
  await page.close();
});

test("an editor's token in the headers editor makes the example edit", async () => {
  const token = await graph!.token({
    role: Role.PARTNER_EDITOR,
    partnerId: 'europski-dom-dubrovnik',
    subject: 'editor@example.org',
  });
  const page = await browser!.newPage();
  await page.goto(explorerUrl());
  await page.locator('.graphiql-tab', { hasText: 'FirstEdit' }).click();
  await page.locator('.graphiql-query-editor', { hasText: 'mutation FirstEdit' }).waitFor();
  // GraphiQL reads the operation's name a moment after the editor changes (a person never
  // clicks faster than that): until then it would send the previous tab's.
  await page.waitForTimeout(500);
  // Without a token, the write is refused, and the page says why.
  const refused = await run(page, 'UNAUTHENTICATED');
  expect(refused).toContain('This needs a valid token');

  // The headers editor is open below the query; the token goes there, as the tab says.
  await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').waitFor();
  await replaceText(
    page,
    '.graphiql-editor-tool .graphiql-editor:not(.hidden)',
    JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2),
  );
  const created = await run(page, 'Peace workshop');
  expect(created).toContain('"version": 1');
  await browser!.screenshot(page, 'explorer-4-edit');
  const edits = browser!.requests.filter(
    (request) => request.url.endsWith('/graphql') && request.postData?.includes('FirstEdit'),
  );
  expect(edits.at(-1)?.headers.authorization).toBe(`Bearer ${token}`);
  // The tabs are kept in the browser's storage, the token is not.
  await page.waitForTimeout(1_000);
  const stored = String(await page.evaluate('JSON.stringify(localStorage)'));
  expect(stored).toContain('FirstEdit');
  expect(stored).not.toContain(token);

  // The settings and shortcut dialogs open under the page's Content-Security-Policy.
  await page.locator('button[aria-label="Open short keys dialog"]').click();
  await page.locator('.graphiql-dialog').waitFor();
  await browser!.screenshot(page, 'explorer-5-shortcuts');
  await page.keyboard.press('Escape');
  await page.locator('button[aria-label="Open settings dialog"]').click();
  await page.locator('.graphiql-dialog').waitFor();
  await page.keyboard.press('Escape');

  expect(browser!.blocked).toEqual([]);
  expect(browser!.errors).toEqual([]);
  expect(
    browser!.requests
      .filter((request) => request.status !== 200)
      .map((request) => `${request.status} ${request.method} ${request.url}`),
  ).toEqual([]);
  await page.close();
});
