import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import { type Page, userInputError } from '@citipart/schema';
import type { Knex } from '@mikro-orm/knex';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

/** `first` must be 0..100: a larger value is an error, never a silent cut (API.md). */
export function checkFirst(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw userInputError(`"${field}" must be an integer from 0 to ${MAX_PAGE_SIZE}; got ${first}.`, field);
  }
  return first;
}

/**
 * Cursors are opaque to clients: base64url of the sort key of the item they point at, so that
 * a page after a cursor is found by key (stable when rows are added) rather than by offset.
 */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, field = 'after'): (string | number)[] {
  const malformed = () =>
    userInputError(`"${field}" is not a cursor this list gave out: ${JSON.stringify(cursor)}.`, field);
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw malformed();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (
    !Array.isArray(key) ||
    key.length !== arity ||
    !key.every((part) => typeof part === 'string' || typeof part === 'number')
  ) {
    throw malformed();
  }
  return key as (string | number)[];
}

export interface KeysetQuery {
  /** Table name inside the subgraph's schema. */
  table: string;
  /** Columns that give a total order, the last one unique (e.g. ["starts_on", "id"]). */
  orderBy: readonly string[];
  /** Newest first, for instance; every column of `orderBy` runs the same way. */
  descending?: boolean;
  /** Adds the filter of the list (not the cursor) to the query. */
  where?: (query: Knex.QueryBuilder) => void;
  first: number;
  after?: string | null;
}

interface PartitionedQuery extends KeysetQuery {
  /** Column that groups the rows into one list per parent, e.g. "partner_id". */
  partitionBy: string;
  parents: readonly string[];
}

type Row = Record<string, unknown>;

/**
 * Loads one page of a list for each of many parents in a single SQL statement: window
 * functions count each parent's rows and number the rows after the cursor. Every parent
 * gets one row at least (when it has any), which carries its counts even when the page is
 * empty.
 */
export async function loadPages<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  query: PartitionedQuery,
): Promise<Map<string, Page<T>>> {
  const after = query.after ? decodeCursor(query.after, query.orderBy.length) : null;
  const rows: Row[] = query.parents.length ? await em.execute(pageQuery(em, query, after)) : [];
  const byParent = new Map<string, { rows: Row[]; total: number; remaining: number }>(
    query.parents.map((parent) => [parent, { rows: [], total: 0, remaining: 0 }]),
  );
  for (const row of rows) {
    const slot = byParent.get(String(row.__parent));
    if (!slot) continue;
    slot.total = Number(row.__total);
    slot.remaining = Number(row.__remaining);
    if (row.__after && Number(row.__rank) <= query.first) slot.rows.push(row);
  }
  const pages = new Map<string, Page<T>>();
  for (const [parent, slot] of byParent) pages.set(parent, toPage(em, entity, query, slot));
  return pages;
}

/** One page of an unpartitioned list (a root field). */
export async function loadPage<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  query: KeysetQuery,
): Promise<Page<T>> {
  const pages = await loadPages(em, entity, { ...query, partitionBy: '', parents: [''] });
  return pages.get('')!;
}

function pageQuery(em: EntityManager, query: PartitionedQuery, after: (string | number)[] | null): Knex.QueryBuilder {
  const knex = em.getKnex();
  const direction = query.descending ? 'desc' : 'asc';
  const columns = query.orderBy.map((column) => knex.ref(column).toString()).join(', ');
  const order = query.orderBy.map((column) => `${knex.ref(column).toString()} ${direction}`).join(', ');
  const filtered = knex
    .withSchema(em.config.get('schema') as string)
    .from(query.table)
    .select(
      '*',
      query.partitionBy ? knex.raw('??::text as __parent', [query.partitionBy]) : knex.raw("'' as __parent"),
    );
  if (query.partitionBy) filtered.whereIn(query.partitionBy, [...query.parents]);
  query.where?.(filtered);

  const comparison = query.descending ? '<' : '>';
  const isAfter = after
    ? knex.raw(`(${columns}) ${comparison} (${after.map(() => '?').join(', ')})`, after)
    : knex.raw('true');
  const ranked = knex.from(filtered.as('f')).select(
    'f.*',
    knex.raw('? as __after', [isAfter]),
    knex.raw('count(*) over (partition by __parent) as __total'),
    knex.raw('count(*) filter (where ?) over (partition by __parent) as __remaining', [isAfter]),
    // Rows after the cursor are numbered first; the first row of a parent is kept either way.
    knex.raw(`row_number() over (partition by __parent order by not ?, ${order}) as __rank`, [isAfter]),
  );
  return knex
    .from(ranked.as('r'))
    .select('*')
    .where((where) =>
      where
        .where('__rank', '=', 1)
        .orWhere((page) => page.where('__after', true).andWhere('__rank', '<=', query.first)),
    )
    .orderBy(['__parent', ...query.orderBy.map((column) => ({ column, order: direction }))]);
}

function toPage<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  query: KeysetQuery,
  slot: { rows: Row[]; total: number; remaining: number },
): Page<T> {
  const edges = slot.rows.map((row) => {
    const cursor = encodeCursor(query.orderBy.map((column) => row[column] as string | number));
    const columns = Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('__')));
    return { cursor, node: em.map(entity, columns as never) };
  });
  return {
    totalCount: slot.total,
    nodes: edges.map((edge) => edge.node),
    edges,
    pageInfo: {
      hasNextPage: slot.remaining > query.first,
      hasPreviousPage: slot.total > slot.remaining,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
