import type { EntityClass, EntityMetadata, EntityProperty, Platform } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { columnName, conditionSql } from './conditions';

// Reads as plain objects. What the graph reads it never writes back: a row becomes an
// instance of its entity class (its prototype, getters and `instanceof` work as for any
// entity) holding the values MikroORM's `em.map` would give its properties, but the
// EntityManager does not manage it: no identity map, no unit of work, no change tracking.
// `em.map` costs some 20 µs a row (merge, snapshot, a WrappedEntity, a setter per
// property); this costs a tenth of a microsecond. Writes (writes/**) load their rows with
// `em.findOne` under a lock and keep using managed entities.

/** A row of the entity's table, by column name, as the pg driver returns it. */
export type Row = Record<string, unknown>;

/** Turns a row of an entity's table into an unmanaged instance of the entity class. */
export type RowMapper<T> = (row: Row) => T;

/**
 * How a column's value becomes the property's, as `em.map` converts it: MikroORM's result
 * mapper (booleans, timestamps), its validator's type fixes (not strict), then the
 * property's custom type (json, date, bigint) through `convertToJSValue`. Enums are taken as
 * they come: their columns' check constraints (`oneOf` in the migrations) hold the values
 * that em.map's validator would check.
 */
function converter(prop: EntityProperty, platform: Platform): ((value: unknown) => unknown) | undefined {
  const customType = prop.customType;
  if (customType) return (value) => (value == null ? value : customType.convertToJSValue(value, platform));
  switch (prop.runtimeType) {
    case 'boolean':
      return (value) => (value == null ? value : !!value);
    case 'Date':
      if (platform.isNumericProperty(prop)) return undefined;
      return (value) => (value == null || value instanceof Date ? value : platform.parseDate(value as string));
    case 'number':
      // The validator's fix: a numeric text ("12") becomes the number; anything else stays.
      return (value) => (typeof value === 'string' && String(Number(value)) === value ? Number(value) : value);
  }
  return undefined;
}

/** The entity's scalar columns, property by property; anything else cannot be read as a plain row. */
export function scalarColumns(meta: EntityMetadata): EntityProperty[] {
  const columns: EntityProperty[] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || prop.formula) continue;
    if (prop.kind !== 'scalar' || prop.fieldNames?.length !== 1 || prop.embedded) {
      throw new Error(
        `${meta.className}.${prop.name} is not a scalar column: ${meta.className} cannot be read as plain rows`,
      );
    }
    columns.push(prop);
  }
  return columns;
}

const mappers = new WeakMap<EntityMetadata, RowMapper<unknown>>();

/**
 * The row mapper of an entity, made once from its metadata: a function that builds the
 * object in one literal (every property an own, enumerable data property, as `em.map` has
 * them, in the metadata's order), then gives it the entity's prototype. The properties are
 * the object's own before the prototype is set, so the setters MikroORM puts on the
 * prototype to track changes of managed entities never run.
 */
export function rowMapper<T extends object>(em: EntityManager, entity: EntityClass<T>): RowMapper<T> {
  const meta = em.getMetadata().get<T>(entity.name);
  let mapper = mappers.get(meta) as RowMapper<T> | undefined;
  if (!mapper) {
    mapper = compileMapper(meta, em.getPlatform());
    mappers.set(meta, mapper);
  }
  return mapper;
}

function compileMapper<T extends object>(meta: EntityMetadata<T>, platform: Platform): RowMapper<T> {
  const converters: ((value: unknown) => unknown)[] = [];
  const properties = scalarColumns(meta).map((prop) => {
    const read = `row[${JSON.stringify(prop.fieldNames[0])}]`;
    const convert = converter(prop, platform);
    if (convert) converters.push(convert);
    return `${JSON.stringify(prop.name)}: ${convert ? `convert[${converters.length - 1}](${read})` : read}`;
  });
  // A literal of constant shape: V8 gives every row of the entity the same hidden class.
  const literal = new Function('convert', `return (row) => ({\n${properties.join(',\n')}\n});`)(converters) as (
    row: Row,
  ) => T;
  const prototype = meta.prototype;
  return (row) => Object.setPrototypeOf(literal(row), prototype) as T;
}

// ---------------------------------------------------------------------------------------
// Statements

/** A condition on a column: equal to a value, null, or one of a list. */
export type ColumnValue = string | number | boolean | null;

export interface RowQuery<T> {
  /** Every condition must hold; a list means `in (…)`, an empty list matches nothing. */
  where: Partial<Record<keyof T & string, ColumnValue | readonly ColumnValue[]>>;
  orderBy?: Partial<Record<keyof T & string, 'asc' | 'desc'>>;
  limit?: number;
}

/** The quoted `schema.table` of an entity, as MikroORM's own statements name it. */
export function tableOf(em: EntityManager, meta: EntityMetadata): string {
  const schema = meta.schema && meta.schema !== '*' ? meta.schema : em.config.get('schema');
  return em.getPlatform().quoteIdentifier(schema ? `${schema}.${meta.tableName}` : meta.tableName);
}

// The SQL of each shape of query (its conditions with `?` for their values, its order, a
// limit or none), by entity, made once.
const statements = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * The rows of an entity that match `where`, in `orderBy` order, as plain objects (see
 * `rowMapper`): what `em.find` answers, for reads, in one statement whose SQL is made once
 * per shape of query.
 */
export async function selectRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  query: RowQuery<T>,
): Promise<T[]> {
  const meta = em.getMetadata().get<T>(entity.name);
  const params: unknown[] = [];
  const where = conditionSql(meta, em.getPlatform(), query.where, params);
  const order = Object.entries(query.orderBy ?? {}) as [string, 'asc' | 'desc'][];
  if (query.limit !== undefined) params.push(query.limit);
  const shape = `${where}|${order.join(';')}|${query.limit === undefined ? '' : 'limit'}`;
  let byShape = statements.get(meta);
  if (!byShape) statements.set(meta, (byShape = new Map()));
  let sql = byShape.get(shape);
  if (sql === undefined) {
    const quote = (property: string) => em.getPlatform().quoteIdentifier(columnName(meta, property));
    const orderBy = order.map(([property, direction]) => `${quote(property)} ${direction === 'desc' ? 'desc' : 'asc'}`);
    sql =
      `select * from ${tableOf(em, meta)} where ${where}` +
      (orderBy.length ? ` order by ${orderBy.join(', ')}` : '') +
      (query.limit === undefined ? '' : ' limit ?');
    byShape.set(shape, sql);
  }
  const rows = await em.execute<Row[]>(sql, params);
  return rows.map(rowMapper(em, entity));
}
