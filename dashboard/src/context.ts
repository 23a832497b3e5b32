import { type Answer, LOCALE_OF, graphql } from './graphql';
import { type Lang, type MessageKey, label, translate } from './i18n';

/** What a view gets: the language, the words, the graph, and the route it is drawn for. */
export interface Route {
  /** "overview", "activities", "partner", "work", "edit", or "missing". */
  view: string;
  /** Path segments after the view ("bbag" for #/partners/bbag). */
  params: string[];
  /** The hash's query: the activity filters. */
  query: URLSearchParams;
}

export interface ViewContext {
  lang: Lang;
  route: Route;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** The label of an enum value of the graph: `enumLabel('theme', 'PEACE')`. */
  enumLabel(group: string, value: string): string;
  /** A read, cached for the page's life per language (writes clear the cache). */
  read<T>(query: string, variables?: Record<string, unknown>): Promise<Answer<T>>;
  /** A write, with the editor's token. */
  write<T>(query: string, variables: Record<string, unknown>, token: string): Promise<Answer<T>>;
  /** A link within the dashboard, keeping the language: `href('#/partners/bbag')`. */
  href(hash: string): string;
  /** Re-draws the current view (after a write, or a change of filters). */
  refresh(): void;
  /** Says something to screen readers and shows it in the status line. */
  announce(message: string): void;
}

const cache = new Map<string, Promise<Answer<unknown>>>();

export function createContext(lang: Lang, route: Route, shell: Pick<ViewContext, 'refresh' | 'announce'>): ViewContext {
  const locale = LOCALE_OF[lang];
  return {
    lang,
    route,
    t: (key, params) => translate(lang, key, params),
    enumLabel: (group, value) => label(lang, group, value),
    read<T>(query: string, variables: Record<string, unknown> = {}) {
      const all = { locale, ...variables };
      const key = `${lang}\u0000${query}\u0000${JSON.stringify(all)}`;
      let answer = cache.get(key);
      if (!answer) {
        answer = graphql<unknown>(query, all, { lang });
        cache.set(key, answer);
        // A failed read is not kept: the next try asks again.
        answer.catch(() => cache.delete(key));
      }
      return answer as Promise<Answer<T>>;
    },
    async write<T>(query: string, variables: Record<string, unknown>, token: string) {
      try {
        return await graphql<T>(query, variables, { lang, token });
      } finally {
        cache.clear();
      }
    },
    href: (hash) => `?lang=${lang}${hash}`,
    ...shell,
  };
}

/** Forgets every read (after a write elsewhere, or to retry). */
export function clearReads(): void {
  cache.clear();
}
