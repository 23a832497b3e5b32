import './styles.css';
import { destroyCharts } from './charts';
import { type Route, type ViewContext, clearReads, createContext } from './context';
import { h, replaceChildren } from './dom';
import { GraphQLRequestError } from './graphql';
import { LANGS, LANG_NAMES, type Lang, initialLang, isLang, translate } from './i18n';
import { notice } from './ui';
import { activities } from './views/activities';
import { edit } from './views/edit';
import { overview } from './views/overview';
import { partnerPage } from './views/partner';
import { work } from './views/work';

/**
 * The dashboard's shell: header, navigation, language switch, footer, and the router. The
 * view is in the hash (#/activities, #/partners/bbag), the language in the query (?lang=fr),
 * so the server serves one page and every view has an address to share.
 */

const VIEWS: Record<string, (ctx: ViewContext) => Promise<(Node | string)[]>> = {
  overview,
  activities,
  partner: partnerPage,
  work,
  edit,
};

const NAV: [string, string, Parameters<typeof translate>[1]][] = [
  ['overview', '#/', 'navOverview'],
  ['activities', '#/activities', 'navActivities'],
  ['work', '#/work', 'navWork'],
  ['edit', '#/edit', 'navEdit'],
];

function parseRoute(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#/, '').split('?');
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(search);
  const [first = '', ...params] = segments;
  const view =
    first === ''
      ? 'overview'
      : first === 'partners' && params.length
        ? 'partner'
        : first in VIEWS && first !== 'partner'
          ? first
          : 'missing';
  return { view, params, query };
}

let lang: Lang = initialLang(location.search, navigator.languages ?? [navigator.language]);
/** Counts renders: an answer for a view the user has left is dropped. */
let generation = 0;
let firstRender = true;

const main = document.getElementById('main')!;
const header = document.getElementById('site-header')!;
const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
const footer = h('footer', { class: 'site-footer' });
document.body.append(status, footer);

function announce(message: string): void {
  status.textContent = '';
  // A change the screen reader notices even when the same words come twice.
  setTimeout(() => (status.textContent = message), 50);
}

/** Keeps ?lang= in the address, and the hash as it is. */
function keepLangInUrl(): void {
  const url = new URL(location.href);
  if (url.searchParams.get('lang') !== lang) {
    url.searchParams.set('lang', lang);
    history.replaceState(null, '', url);
  }
}

function drawShell(route: Route): void {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  document.documentElement.lang = lang;
  document.title = t('appTitle');
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t('skip');
  const navView = route.view === 'partner' ? 'overview' : route.view;
  replaceChildren(
    header,
    h(
      'div',
      { class: 'header-inner' },
      h(
        'a',
        { class: 'brand', href: `?lang=${lang}#/` },
        h('span', { class: 'brand-name' }, 'CitiPart'),
        h('span', { class: 'brand-sub' }, t('appTitle')),
      ),
      h(
        'nav',
        { class: 'main-nav', 'aria-label': t('mainNav') },
        h(
          'ul',
          {},
          NAV.map(([view, hash, key]) =>
            h(
              'li',
              {},
              h('a', { href: `?lang=${lang}${hash}`, 'aria-current': view === navView ? 'page' : null }, t(key)),
            ),
          ),
        ),
      ),
      h(
        'nav',
        { class: 'lang-switch', 'aria-label': t('language') },
        h(
          'ul',
          {},
          LANGS.map((code) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: `?lang=${code}${location.hash}`,
                  hreflang: code,
                  lang: code,
                  'data-lang': code,
                  'aria-current': code === lang ? 'true' : null,
                  title: LANG_NAMES[code],
                },
                h('abbr', { title: LANG_NAMES[code], 'aria-hidden': 'true' }, code.toUpperCase()),
                h('span', { class: 'visually-hidden' }, LANG_NAMES[code]),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  replaceChildren(footer, h('p', {}, t('footer')));
}

async function render(): Promise<void> {
  const mine = ++generation;
  const route = parseRoute(location.hash);
  keepLangInUrl();
  drawShell(route);
  destroyCharts();
  main.setAttribute('aria-busy', 'true');
  main.dataset.view = route.view;
  delete main.dataset.ready;
  const loading = setTimeout(() => {
    if (mine === generation)
      replaceChildren(main, h('p', { class: 'loading', role: 'status' }, translate(lang, 'loading')));
  }, 150);
  const ctx = createContext(lang, route, { refresh: () => void render(), announce });
  let content: (Node | string)[];
  try {
    const view = VIEWS[route.view];
    content = view
      ? await view(ctx)
      : [
          h('h1', { tabindex: '-1' }, ctx.t('notFound')),
          h('p', {}, h('a', { href: ctx.href('#/') }, ctx.t('backToOverview'))),
        ];
  } catch (error) {
    const message = error instanceof GraphQLRequestError ? error.message : String(error);
    content = [
      h('h1', { tabindex: '-1' }, ctx.t('appTitle')),
      notice('error', ctx.t('loadFailed', { message })),
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            clearReads();
            void render();
          },
        },
        ctx.t('retry'),
      ),
    ];
  }
  clearTimeout(loading);
  if (mine !== generation) return;
  replaceChildren(main, content);
  main.setAttribute('aria-busy', 'false');
  main.dataset.ready = route.view;
  if (firstRender) {
    firstRender = false;
    // The budget's measure: the first view drawn with the graph's data (the browser test reads it).
    performance.mark('citipart:usable');
  } else {
    // After a navigation, the view's heading takes the focus, so a screen reader reads it.
    main.querySelector<HTMLElement>('h1')?.focus({ preventScroll: false });
  }
}

// Links within the dashboard change the hash or the language without reloading the page.
document.addEventListener('click', (event) => {
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
    return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || url.pathname !== location.pathname) return;
  // The skip link moves the focus to the view, without touching the address (the hash is the route).
  if (anchor.classList.contains('skip-link')) {
    event.preventDefault();
    main.focus();
    return;
  }
  if (url.hash && !url.hash.startsWith('#/')) return;
  event.preventDefault();
  const asked = url.searchParams.get('lang');
  if (isLang(asked)) lang = asked;
  history.pushState(null, '', url);
  if (anchor.closest('.lang-switch')) announce(LANG_NAMES[lang]);
  void render();
  window.scrollTo(0, 0);
});
window.addEventListener('popstate', () => {
  const asked = new URLSearchParams(location.search).get('lang');
  if (isLang(asked)) lang = asked;
  void render();
});
window.addEventListener('hashchange', () => void render());

void render();
