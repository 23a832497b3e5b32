import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type Locale, PartnerActivitiesDocument, type PartnerActivitiesQuery } from './gql/graphql';
import persistedDocuments from './gql/persisted-documents.json';

/**
 * A partner's web site listing its activities in its visitors' language: the operation is
 * in partner-activities.graphql, its types and its hash come from GraphQL Code Generator
 * (`npm run codegen` at the root), and the request is a plain `fetch`.
 *
 *   GRAPHQL_URL=http://localhost:4000/graphql npm start -w @citipart/partner-site-example -- maison-europe-nimes FR
 */

export type Activity = NonNullable<PartnerActivitiesQuery['partner']>['activities'] extends infer C
  ? C extends { nodes: (infer A)[] }
    ? A
    : never
  : never;

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The generated documents carry the sha256 of their text, the key of the manifest. */
function hashOf(document: TypedDocumentNode<unknown, never>): string {
  return (document as unknown as { __meta__: { hash: string } }).__meta__.hash;
}

export interface RequestOptions {
  /** The graph's GraphQL URL, e.g. http://localhost:4000/graphql. */
  url: string;
  /** The language of the texts: sent as Accept-Language (the fields also take `locale`). */
  locale?: Locale;
  /**
   * `hash` (default): only the document's hash, as a gateway in trusted documents mode
   * expects; `text`: the document itself too, for a gateway that has no manifest.
   */
  send?: 'hash' | 'text';
}

/** Runs one generated operation: POST JSON, typed by its TypedDocumentNode. */
export async function request<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: RequestOptions,
): Promise<TResult> {
  const hash = hashOf(document as TypedDocumentNode<unknown, never>);
  const text = (persistedDocuments as Record<string, string>)[hash];
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.locale ? { 'accept-language': options.locale.toLowerCase() } : {}),
    },
    body: JSON.stringify({
      ...(options.send === 'text' ? { query: text } : {}),
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } },
    }),
  });
  const answer = (await response.json()) as GraphQLAnswer<TResult>;
  if (!answer.data) {
    const error = answer.errors?.[0];
    throw new Error(`The graph answered HTTP ${response.status}: ${error?.extensions?.code} ${error?.message}`);
  }
  return answer.data;
}

/** Every activity of one partner, page by page (`first`, then `after` the last cursor). */
export async function listActivities(
  partnerId: string,
  options: RequestOptions & { pageSize?: number },
): Promise<{ partnerName: string; activities: Activity[] } | null> {
  const activities: Activity[] = [];
  let after: string | null = null;
  let partnerName = '';
  for (;;) {
    const data: PartnerActivitiesQuery = await request(
      PartnerActivitiesDocument,
      { partnerId, locale: options.locale ?? null, first: options.pageSize ?? 20, after },
      options,
    );
    if (!data.partner?.activities) return null;
    partnerName = data.partner.name;
    activities.push(...data.partner.activities.nodes);
    const { hasNextPage, endCursor } = data.partner.activities.pageInfo;
    if (!hasNextPage || !endCursor) return { partnerName, activities };
    after = endCursor;
  }
}

async function main(): Promise<void> {
  const [partnerId = 'europski-dom-dubrovnik', locale = 'EN'] = process.argv.slice(2);
  const url = process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql';
  const result = await listActivities(partnerId, { url, locale: locale.toUpperCase() as Locale });
  if (!result) throw new Error(`No partner "${partnerId}".`);
  process.stdout.write(`${result.partnerName}: ${result.activities.length} activities\n`);
  for (const activity of result.activities) {
    const dates =
      activity.endsOn && activity.endsOn !== activity.startsOn
        ? `${activity.startsOn} – ${activity.endsOn}`
        : activity.startsOn;
    process.stdout.write(`\n${dates}  ${activity.kind}  ${activity.title}\n`);
    if (activity.description) process.stdout.write(`  ${activity.description}\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
