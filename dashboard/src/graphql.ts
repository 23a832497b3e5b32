import type { Lang } from './i18n';

/**
 * The dashboard's only way to the data: POST JSON to the graph's /graphql on the same origin,
 * as any partner site could, with the language in Accept-Language (the operations also pass
 * it as the `locale` argument) and, for writes, the editor's token.
 */

/** The gateway that serves the page answers GraphQL at /graphql, on the same origin. */
export const GRAPHQL_URL = new URL('/graphql', location.origin).toString();

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

/** A refusal or failure, with the first error's code (CONFLICT, FORBIDDEN, BAD_USER_INPUT, …). */
export class GraphQLRequestError extends Error {
  readonly code: string;
  readonly field: string | undefined;

  constructor(
    readonly errors: GraphQLErrorEntry[],
    readonly status: number,
  ) {
    super(errors.map((error) => error.message).join(' '));
    this.code = errors[0]?.extensions?.code ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
    this.field = errors.find((error) => error.extensions?.field)?.extensions?.field;
  }
}

export interface Answer<T> {
  data: T;
  /** Errors beside the data: a part of the graph that did not answer (SERVICE_UNAVAILABLE). */
  errors: GraphQLErrorEntry[];
}

export const LOCALE_OF: Record<Lang, string> = { hr: 'HR', fr: 'FR', de: 'DE', pl: 'PL', en: 'EN' };

export async function graphql<T>(
  query: string,
  variables: Record<string, unknown>,
  options: { lang: Lang; token?: string | null },
): Promise<Answer<T>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    'accept-language': options.lang,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new GraphQLRequestError([{ message: 'The graph cannot be reached.', extensions: { code: 'NETWORK' } }], 0);
  }
  let body: { data?: T | null; errors?: GraphQLErrorEntry[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphQLRequestError([{ message: `The graph answered HTTP ${response.status}.` }], response.status);
  }
  const errors = body.errors ?? [];
  if (body.data === null || body.data === undefined) throw new GraphQLRequestError(errors, response.status);
  // A mutation's refusal nulls its field only; treat it as the failure it is.
  if (errors.length && errors.some((error) => error.extensions?.code !== 'SERVICE_UNAVAILABLE')) {
    const rootRefused = errors.some((error) => error.path?.length === 1);
    if (rootRefused) throw new GraphQLRequestError(errors, response.status);
  }
  return { data: body.data, errors };
}
