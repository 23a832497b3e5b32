import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass, EntityDictionary, EntityMetadata, EntityProperty, ObjectQuery } from '@mikro-orm/core';
import { type Edge, type Page, isCalendarDate, userInputError } from '@citipart/schema';
import { rowBudgetOf } from './context';
import { conditionSql } from './conditions';
import { type RowMapper, rowMapper, tableOf } from './rows';

// Lists are Relay connections paged by keyset. Callers name an entity's properties (the
// compiler checks them); the table, the columns and the columns' types come from MikroORM's
// metadata, and every part of a cursor is checked against the type of its column before any
// SQL runs. One statement loads the pages of a whole batch of parents.

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

/** `first` must be 0..100: a larger value is an error, never a silent cut (docs/API.md). */
export function checkFirst(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw userInputError(`"${field}" must be an integer from 0 to ${MAX_PAGE_SIZE}; got ${first}.`, field);
  }
  return first;
}

// ---------------------------------------------------------------------------------------
// Cursors

/**
 * The longest text a cursor part may hold. Names are at most 200 characters
 * (writes/validate.ts) and ids are slugs or UUIDs; the margin is for data that predates
 * those checks. A longer text would give out a cursor that comes back refused.
 */
export const MAX_KEY_TEXT_LENGTH = 1000;

/**
 * The longest cursor accepted: two texts of MAX_KEY_TEXT_LENGTH characters of up to 3 bytes
 * each in UTF-8 fit, base64url-encoded. Checked before anything else is decoded.
 */
export const MAX_CURSOR_LENGTH = 8192;

/**
 * What one part of a cursor must be: the type of the column it stands for, as PostgreSQL
 * returns it through the pg driver (dates as "YYYY-MM-DD", bigints as decimal text).
 */
export type KeyPart =
  | { type: 'text'; maxLength: number; values?: readonly string[] }
  | { type: 'uuid' }
  | { type: 'date' }
  | { type: 'integer'; min: number; max: number }
  | { type: 'bigint' };

/** A key decoded from a cursor; every part checked against its `KeyPart`. */
export type CursorKey = (string | number)[];

/**
 * Cursors are opaque to clients: base64url of the sort key of the item they point at, so that
 * a page after a cursor is found by key (stable when rows are added) rather than by offset.
 */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Reads a cursor back. Every part must fit the type of its column, so that no value a
 * client made up reaches PostgreSQL (where a bad date, a NUL or an out-of-range bigint
 * fails as a server fault): anything else is BAD_USER_INPUT on `field`.
 */
export function decodeCursor(cursor: string, parts: readonly KeyPart[], field = 'after'): CursorKey {
  const malformed = () => {
    // What the client sent is quoted, in short, when it has a cursor's characters at all.
    const start = String(cursor).slice(0, 64);
    const shown = /^[A-Za-z0-9_-]+$/.test(start) ? `: "${start}${cursor.length > 64 ? '…' : ''}"` : '';
    return userInputError(`"${field}" is not a cursor this list gave out${shown}.`, field);
  };
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw malformed();
  }
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(key) || key.length !== parts.length) throw malformed();
  const checked: CursorKey = [];
  for (const [index, part] of parts.entries()) {
    const value: unknown = key[index];
    if (!fits(value, part)) throw malformed();
    checked.push(value);
  }
  return checked;
}

const BIGINT = /^(0|-?[1-9]\d{0,18})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// NUL cannot be stored in PostgreSQL text; a lone surrogate is no text it ever returns.
const NOT_IN_TEXT = /\u0000|[\ud800-\udfff]/u;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

function fits(value: unknown, part: KeyPart): value is string | number {
  switch (part.type) {
    case 'text':
      return (
        typeof value === 'string' &&
        value.length <= part.maxLength &&
        !NOT_IN_TEXT.test(value) &&
        (!part.values || part.values.includes(value))
      );
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'date':
      return typeof value === 'string' && isCalendarDate(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= part.min && value <= part.max;
    case 'bigint':
      // The pg driver returns int8 as text (it may not fit a double); a safe integer is as good.
      if (typeof value === 'number') return Number.isSafeInteger(value);
      if (typeof value !== 'string' || !BIGINT.test(value)) return false;
      return BigInt(value) >= BIGINT_MIN && BigInt(value) <= BIGINT_MAX;
  }
}

// ---------------------------------------------------------------------------------------
// Properties to columns

/**
 * Properties of `T` that can order a list: scalars that are never null, since a null has
 * no place in a keyset order (PostgreSQL compares rows with nulls as unknown).
 */
export type KeyProperty<T> = {
  [K in keyof T & string]-?: T[K] extends string | number ? K : never;
}[keyof T & string];

/** Properties of `T` that can group a list into one per parent: never-null texts. */
export type PartitionProperty<T> = {
  [K in keyof T & string]-?: T[K] extends string ? K : never;
}[keyof T & string];

/** A property of an entity as pagination uses it: its column and what a cursor part must be. */
export interface KeyColumn {
  property: string;
  column: string;
  part: KeyPart;
}

// PostgreSQL's integer types; a serial is an integer with a sequence for its default.
const INT_RANGES: Record<string, [number, number]> = {
  smallint: [-(2 ** 15), 2 ** 15 - 1],
  int2: [-(2 ** 15), 2 ** 15 - 1],
  smallserial: [-(2 ** 15), 2 ** 15 - 1],
  int: [-(2 ** 31), 2 ** 31 - 1],
  int4: [-(2 ** 31), 2 ** 31 - 1],
  integer: [-(2 ** 31), 2 ** 31 - 1],
  serial: [-(2 ** 31), 2 ** 31 - 1],
};

/**
 * What a cursor part for this property must be, from the column type MikroORM's metadata
 * gives it (`columnTypes`, e.g. "text", "varchar(255)", "date", "int", "bigserial") and,
 * for an enum, its values. A column type without a check here cannot order a list: that is
 * a programming error, reported when the list is first asked for.
 */
export function keyPart(property: Pick<EntityProperty, 'name' | 'columnTypes' | 'enum' | 'items'>): KeyPart {
  const columnType = (property.columnTypes?.[0] ?? '').toLowerCase().trim();
  const [, base, length] = /^([a-z0-9 ]+?)\s*(?:\((\d+)\))?$/.exec(columnType) ?? [];
  const values =
    property.enum && property.items?.every((item) => typeof item === 'string') ? property.items.map(String) : undefined;
  switch (base) {
    case 'text':
    case 'citext':
      return { type: 'text', maxLength: MAX_KEY_TEXT_LENGTH, ...(values && { values }) };
    case 'varchar':
    case 'character varying':
    case 'char':
    case 'character':
    case 'bpchar': {
      const maxLength = length ? Math.min(Number(length), MAX_KEY_TEXT_LENGTH) : MAX_KEY_TEXT_LENGTH;
      return { type: 'text', maxLength, ...(values && { values }) };
    }
    case 'uuid':
      return { type: 'uuid' };
    case 'date':
      return { type: 'date' };
    case 'bigint':
    case 'int8':
    case 'bigserial':
      return { type: 'bigint' };
  }
  const range = base ? INT_RANGES[base] : undefined;
  if (range) return { type: 'integer', min: range[0], max: range[1] };
  throw new Error(
    `Property ${property.name} (column type "${columnType}") has no cursor check: it cannot order a list`,
  );
}

// Resolved once per entity and property: every request pages the same few lists.
const resolvedColumns = new WeakMap<EntityMetadata, Map<string, KeyColumn>>();

/** `keyColumn`, remembered for the entity's metadata. */
function columnOf(meta: EntityMetadata, property: string): KeyColumn {
  let columns = resolvedColumns.get(meta);
  if (!columns) resolvedColumns.set(meta, (columns = new Map()));
  let column = columns.get(property);
  if (!column) columns.set(property, (column = keyColumn(meta, property)));
  return column;
}

/** The column of a property that orders or groups a list, checked against the metadata. */
export function keyColumn(meta: EntityMetadata, property: string): KeyColumn {
  const prop = Object.hasOwn(meta.properties, property) ? meta.properties[property] : undefined;
  if (!prop || prop.kind !== 'scalar' || prop.persist === false || prop.fieldNames?.length !== 1) {
    throw new Error(`${meta.className}.${property} is not a column: it cannot order or group a list`);
  }
  if (prop.nullable) throw new Error(`${meta.className}.${property} may be null: it cannot order or group a list`);
  return { property, column: prop.fieldNames[0], part: keyPart(prop) };
}

// ---------------------------------------------------------------------------------------
// Pages

/** What `value && { … }` gives when `value` is absent: such a condition is left out. */
type Skipped = false | '' | 0 | null | undefined;

export interface KeysetQuery<T> {
  /** Properties that give a total order, the last one unique (e.g. ['startsOn', 'id']). */
  orderBy: readonly [KeyProperty<T>, ...KeyProperty<T>[]];
  /** Newest first, for instance; every property of `orderBy` runs the same way. */
  descending?: boolean;
  /**
   * The filter of the list (not the cursor), by property, in MikroORM's query language; every
   * condition must hold. An absent optional filter reads `filter?.theme && { theme: … }`.
   */
  where?: readonly (ObjectQuery<T> | Skipped)[];
  first: number;
  after?: string | null;
}

export interface PartitionedQuery<T> extends KeysetQuery<T> {
  /** Property that groups the rows into one list per parent, e.g. 'partnerId'. */
  partitionBy: PartitionProperty<T>;
  parents: readonly string[];
}

/** A query with its properties resolved to columns of the entity's table. */
interface Plan<T> {
  query: KeysetQuery<T>;
  order: KeyColumn[];
  partition: (KeyColumn & { parents: readonly string[] }) | null;
}

/** A row of the page query: the entity's columns, and __parent, __after, __total, __remaining, __rank. */
type Row<T> = EntityDictionary<T>;

/**
 * Loads one page of a list for each of many parents in a single SQL statement: window
 * functions count each parent's rows and number the rows after the cursor. Every parent
 * gets one row at least (when it has any), which carries its counts even when the page is
 * empty.
 */
export function loadPages<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  query: NoInfer<PartitionedQuery<T>>,
): Promise<Map<string, Page<T>>> {
  return load(em, entity, query, { property: query.partitionBy, parents: query.parents });
}

/** One page of an unpartitioned list (a root field). */
export async function loadPage<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  query: NoInfer<KeysetQuery<T>>,
): Promise<Page<T>> {
  const pages = await load(em, entity, query, null);
  return pages.get('')!;
}

async function load<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  query: KeysetQuery<T>,
  partition: { property: string; parents: readonly string[] } | null,
): Promise<Map<string, Page<T>>> {
  // Table, columns and their types come from the entity's metadata, by property.
  const meta = em.getMetadata().get<T>(entity.name);
  const plan: Plan<T> = {
    query,
    order: query.orderBy.map((property) => columnOf(meta, property)),
    partition: partition && { ...columnOf(meta, partition.property), parents: partition.parents },
  };
  // Before any SQL: a cursor that does not fit the columns is the client's error.
  const parts = plan.order.map((column) => column.part);
  const after = query.after ? decodeCursor(query.after, parts) : null;
  const parents = partition ? partition.parents : [''];
  // The request's row budget (./context.ts): the statement stops one row past it.
  const budget = rowBudgetOf(em);
  let rows: Row<T>[] = [];
  if (parents.length) {
    const { sql, params } = pageStatement(em, meta, plan, after, budget?.statementLimit());
    rows = await em.execute<Row<T>[]>(sql, params);
  }
  budget?.spend(rows.length);
  const byParent = new Map<string, { rows: Row<T>[]; total: number; remaining: number }>(
    parents.map((parent) => [parent, { rows: [], total: 0, remaining: 0 }]),
  );
  for (const row of rows) {
    const slot = byParent.get(String(row.__parent));
    if (!slot) continue;
    slot.total = Number(row.__total);
    slot.remaining = Number(row.__remaining);
    if (row.__after && Number(row.__rank) <= query.first) slot.rows.push(row);
  }
  const pages = new Map<string, Page<T>>();
  const map = rowMapper(em, entity);
  for (const [parent, slot] of byParent) pages.set(parent, toPage(map, plan, slot));
  return pages;
}

// The SQL of each shape of page statement (the entity, its conditions with `?` for their
// values, the order, a cursor or none, a row limit or none), made once.
const pageStatements = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * The statement of a page (one per parent): the list's own rows, whether each comes after
 * the cursor, and three window functions over each parent's rows: how many there are, how
 * many come after the cursor, and their rank (those after the cursor first, in the list's
 * order). A parent's rows ranked up to `first` after the cursor, and its first row in any
 * case (the counts ride on it), are returned.
 */
function pageStatement<T extends object>(
  em: EntityManager,
  meta: EntityMetadata<T>,
  { query, order, partition }: Plan<T>,
  after: CursorKey | null,
  limit: number | undefined,
): { sql: string; params: unknown[] } {
  const platform = em.getPlatform();
  // The list's filter, by property: its SQL is the shape, its values the parameters.
  const filterParams: unknown[] = [];
  const conditions = (query.where ?? []).filter((condition) => !!condition) as object[];
  const filter = conditions.length ? conditionSql(meta, platform, { $and: conditions }, filterParams, ALIAS) : '';
  // In the order of their `?` in the statement (pageSql): the cursor's key, the parents,
  // the filter's values, `first` and the row limit.
  const params: unknown[] = after ? [...after] : [];
  if (partition) params.push(partition.parents);
  params.push(...filterParams, query.first);
  if (limit !== undefined) params.push(limit);
  const shape = [
    partition?.column ?? '',
    order.map(({ column }) => column).join(','),
    query.descending ? 'desc' : 'asc',
    after ? 'after' : '',
    limit === undefined ? '' : 'limit',
    filter,
  ].join('|');
  let byShape = pageStatements.get(meta);
  if (!byShape) pageStatements.set(meta, (byShape = new Map()));
  let sql = byShape.get(shape);
  if (sql === undefined) {
    byShape.set(shape, (sql = pageSql(em, meta, order, query.descending ?? false, partition, after, limit, filter)));
  }
  return { sql, params };
}

const ALIAS = 'e';

function pageSql(
  em: EntityManager,
  meta: EntityMetadata,
  order: KeyColumn[],
  descending: boolean,
  partition: KeyColumn | null,
  after: CursorKey | null,
  limit: number | undefined,
  filter: string,
): string {
  const quote = (identifier: string) => em.getPlatform().quoteIdentifier(identifier);
  const direction = descending ? 'desc' : 'asc';
  const sortOrder = order.map(({ column }) => `${quote(column)} ${direction}`).join(', ');
  const where = [partition && `${quote(`${ALIAS}.${partition.column}`)} in (?)`, filter].filter(Boolean);
  // Whether a row comes after the cursor: its key compared, as a row, with the cursor's.
  const isAfter = after
    ? `(${order.map(({ column }) => quote(`${ALIAS}.${column}`)).join(', ')}) ${descending ? '<' : '>'} (${after.map(() => '?').join(', ')})`
    : 'true';
  const filtered =
    `select ${quote(ALIAS)}.*, ${partition ? `${quote(`${ALIAS}.${partition.column}`)}::text` : "''"} as __parent, ` +
    `${isAfter} as __after from ${tableOf(em, meta)} as ${quote(ALIAS)}` +
    (where.length ? ` where ${where.join(' and ')}` : '');
  const ranked =
    `select f.*, count(*) over (partition by __parent) as __total, ` +
    `count(*) filter (where __after) over (partition by __parent) as __remaining, ` +
    // Rows after the cursor are numbered first; the first row of a parent is kept either way.
    `row_number() over (partition by __parent order by not __after, ${sortOrder}) as __rank ` +
    `from (${filtered}) as f`;
  return (
    `select * from (${ranked}) as r where __rank = 1 or (__after and __rank <= ?) ` +
    `order by __parent, ${sortOrder}` +
    (limit === undefined ? '' : ' limit ?')
  );
}

/**
 * A page of plain rows (./rows.ts). Cursors are made only when asked for: `nodes` alone
 * (what most clients select) never encodes one; `edges` and the page's start and end cursor
 * are worked out on first use, from the rows' key columns.
 */
function toPage<T extends object>(
  map: RowMapper<T>,
  { query, order }: Plan<T>,
  slot: { rows: Row<T>[]; total: number; remaining: number },
): Page<T> {
  const rows = slot.rows;
  const nodes = rows.map(map);
  const cursorAt = (index: number) => encodeCursor(order.map(({ column }) => rows[index][column]));
  let edges: Edge<T>[] | undefined;
  return {
    totalCount: slot.total,
    nodes,
    get edges() {
      return (edges ??= nodes.map((node, index) => ({ cursor: cursorAt(index), node })));
    },
    pageInfo: {
      hasNextPage: slot.remaining > query.first,
      hasPreviousPage: slot.total > slot.remaining,
      get startCursor() {
        return rows.length ? cursorAt(0) : null;
      },
      get endCursor() {
        return rows.length ? cursorAt(rows.length - 1) : null;
      },
    },
  };
}
