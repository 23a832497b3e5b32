import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, type Request, chromium } from 'playwright-core';

// A real browser for the tests of what people see (the explorer, the dashboard): Debian's
// Chromium, driven by playwright-core, with the network cut off at the machine's edge. Every
// request to a host other than this machine is blocked and recorded, so a test can assert
// that a page needs nothing from outside; console errors and uncaught exceptions are
// recorded too; screenshots go to the git-ignored test-results/screenshots/.

/** Debian's `chromium` package (.ci/run installs it); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots are written: look at them (they are the test of how a page looks). */
export const SCREENSHOTS_DIR = join(__dirname, '..', '..', 'test-results', 'screenshots');

/** Hosts that are this machine: the only ones a page may reach. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL stays on this machine (or needs no network at all: data:, blob:, about:). */
export function isLocalUrl(url: string): boolean {
  const parsed = new URL(url);
  if (['data:', 'blob:', 'about:', 'chrome-error:'].includes(parsed.protocol)) return true;
  return LOCAL_HOSTS.has(parsed.hostname) || /^127\.\d+\.\d+\.\d+$/.test(parsed.hostname);
}

export interface RecordedRequest {
  url: string;
  method: string;
  /** Every header the browser sent, lower-case names. */
  headers: Record<string, string>;
  postData: string | null;
  /** The answer's HTTP status, once it came. */
  status?: number;
  request: Request;
}

export interface OfflineBrowser {
  browser: Browser;
  context: BrowserContext;
  /** Requests to any other host than this machine, each blocked before it left. */
  blocked: string[];
  /** Console errors, uncaught exceptions and failed loads of every page, in order. */
  errors: string[];
  /** Every request that reached this machine, in order. */
  requests: RecordedRequest[];
  newPage(): Promise<Page>;
  /** Saves a PNG of the page's viewport as test-results/screenshots/<name>.png; resolves to its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** The browser's language, as Accept-Language and navigator.language (default en-GB). */
  locale?: string;
}

/**
 * Chromium with the network cut off: requests to other hosts are aborted in the browser
 * (route interception, recorded in `blocked`) and, should one slip past that, resolve to
 * nothing (a host resolver that knows only this machine).
 */
export async function launchOfflineBrowser(options: LaunchOptions = {}): Promise<OfflineBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium), as .ci/run does, or set CHROMIUM_PATH.`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      // Chromium refuses to start as root with its sandbox on, and CI runs as root here. The
      // pages it opens are the project's own, on this machine, with every other host blocked.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      // A container's /dev/shm may be a few MiB, too small for the renderer: use /tmp.
      '--disable-dev-shm-usage',
      // No name outside this machine resolves, whatever asks (the browser's own services too).
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'en-GB',
    serviceWorkers: 'block',
    // As a reader who asked for less motion: charts are drawn at once, so a screenshot shows
    // their values rather than bars halfway through growing.
    reducedMotion: 'reduce',
  });
  const blocked: string[] = [];
  const errors: string[] = [];
  const requests: RecordedRequest[] = [];
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (!isLocalUrl(request.url())) {
      blocked.push(request.url());
      return route.abort('blockedbyclient');
    }
    requests.push(await recordRequest(request));
    return route.continue();
  });
  await context.routeWebSocket(/.*/, (socket) => {
    if (isLocalUrl(socket.url().replace(/^ws/, 'http'))) return socket.connectToServer();
    blocked.push(socket.url());
    return socket.close();
  });
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  context.on('response', (response) => {
    const request = requests.findLast((recorded) => recorded.request === response.request());
    if (request) request.status = response.status();
  });
  context.on('weberror', (error) => errors.push(`uncaught: ${error.error().message}`));
  context.on('requestfailed', (request) => {
    if (isLocalUrl(request.url())) errors.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  return {
    browser,
    context,
    blocked,
    errors,
    requests,
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      await mkdir(SCREENSHOTS_DIR, { recursive: true });
      const path = join(SCREENSHOTS_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

async function recordRequest(request: Request): Promise<RecordedRequest> {
  return {
    url: request.url(),
    method: request.method(),
    headers: await request.allHeaders(),
    postData: request.postData(),
    request,
  };
}

/** The page's own timings, in ms from the start of its navigation. */
export async function navigationTimings(page: Page): Promise<{ domContentLoaded: number; load: number }> {
  return page.evaluate(() => {
    const [entry] = performance
      .getEntries()
      .filter((timing) => String(timing.entryType) === 'navigation') as unknown as {
      domContentLoadedEventEnd: number;
      loadEventEnd: number;
    }[];
    return { domContentLoaded: entry.domContentLoadedEventEnd, load: entry.loadEventEnd };
  });
}
