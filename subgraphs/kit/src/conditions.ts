import type { EntityMetadata, Platform } from '@mikro-orm/core';

// Conditions by property, in the part of MikroORM's query language the lists use, as SQL with
// `?` for each value: what a query builder makes of them, without building one per request.
//
//   { theme: 'PEACE', startsOn: { $gte: '2016-01-01' } }   "theme" = ? and "starts_on" >= ?
//   { $or: [{ kind: 'ORGANISATION' }, { birthYear: null }] }  ("kind" = ? or "birth_year" is null)
//   { partnerId: ['a', 'b'] }                                "partner_id" in (?)
//
// Properties are checked against the entity's metadata; an operator or a value this does
// not know is a programming error, thrown on the first request that uses it.

/** The column of a scalar property, checked against the metadata. */
export function columnName(meta: EntityMetadata, property: string): string {
  const prop = Object.hasOwn(meta.properties, property) ? meta.properties[property as never] : undefined;
  if (!prop || prop.kind !== 'scalar' || prop.persist === false || prop.fieldNames?.length !== 1) {
    throw new Error(`${meta.className}.${property} is not a column`);
  }
  return prop.fieldNames[0];
}

const COMPARISONS: Record<string, string> = { $eq: '=', $ne: '<>', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

type Scalar = string | number | boolean | bigint | Date;

function isScalar(value: unknown): value is Scalar {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint' || value instanceof Date;
}

/**
 * The SQL of `condition` on the columns of `alias` (none: unqualified), its values pushed
 * onto `params` in the order of their `?`. An empty condition is "true".
 */
export function conditionSql(
  meta: EntityMetadata,
  platform: Platform,
  condition: object,
  params: unknown[],
  alias?: string,
): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) throw new Error(`${meta.className}: ${key} takes a list of conditions`);
      const inner = value.map((each: object) => conditionSql(meta, platform, each, params, alias));
      // An empty $and holds; an empty $or does not, as in MikroORM.
      if (!inner.length) parts.push(key === '$and' ? '1 = 1' : '1 = 0');
      else parts.push(`(${inner.join(key === '$and' ? ' and ' : ' or ')})`);
      continue;
    }
    if (key.startsWith('$')) throw new Error(`${meta.className}: the operator ${key} is not supported here`);
    parts.push(propertySql(meta, platform, key, value, params, alias));
  }
  if (!parts.length) return '1 = 1';
  return parts.length === 1 ? parts[0] : `(${parts.join(' and ')})`;
}

function propertySql(
  meta: EntityMetadata,
  platform: Platform,
  property: string,
  value: unknown,
  params: unknown[],
  alias?: string,
): string {
  const column = platform.quoteIdentifier(
    alias ? `${alias}.${columnName(meta, property)}` : columnName(meta, property),
  );
  const prop = meta.properties[property as never];
  const toDatabase = (given: unknown) =>
    prop.customType && given !== null
      ? prop.customType.convertToDatabaseValue(given, platform, { fromQuery: true, key: property, mode: 'query' })
      : given;
  const list = (values: unknown[], negated: boolean) => {
    if (!values.every(isScalar)) throw new Error(`${meta.className}.${property}: a list of values only`);
    if (!values.length) return negated ? '1 = 1' : '1 = 0';
    params.push(values.map(toDatabase));
    return `${column} ${negated ? 'not in' : 'in'} (?)`;
  };
  if (value === null) return `${column} is null`;
  if (isScalar(value)) {
    params.push(toDatabase(value));
    return `${column} = ?`;
  }
  if (Array.isArray(value)) return list(value, false);
  if (typeof value !== 'object') throw new Error(`${meta.className}.${property}: no condition of that kind`);
  const parts: string[] = [];
  for (const [operator, operand] of Object.entries(value)) {
    if (operand === undefined) continue;
    if (operator === '$in' || operator === '$nin') {
      if (!Array.isArray(operand)) throw new Error(`${meta.className}.${property}: ${operator} takes a list`);
      parts.push(list(operand, operator === '$nin'));
      continue;
    }
    const comparison = COMPARISONS[operator];
    if (!comparison) throw new Error(`${meta.className}.${property}: the operator ${operator} is not supported here`);
    if (operand === null) {
      if (operator !== '$eq' && operator !== '$ne') {
        throw new Error(`${meta.className}.${property}: ${operator} null`);
      }
      parts.push(`${column} is ${operator === '$eq' ? '' : 'not '}null`);
      continue;
    }
    if (!isScalar(operand)) throw new Error(`${meta.className}.${property}: ${operator} takes a value`);
    params.push(toDatabase(operand));
    parts.push(`${column} ${comparison} ?`);
  }
  if (!parts.length) return '1 = 1';
  return parts.length === 1 ? parts[0] : `(${parts.join(' and ')})`;
}
