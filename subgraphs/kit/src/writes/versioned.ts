import { type EntityClass, type EntityKey, type FilterQuery, LockMode, type RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PublicErrorCode } from '@citipart/schema';
import { GraphQLError } from 'graphql';

export function notFound(entityType: string, id: string): GraphQLError {
  return new GraphQLError(`There is no ${entityType} with id "${id}".`, {
    extensions: { code: PublicErrorCode.NOT_FOUND },
  });
}

export function conflict(entityType: string, id: string, given: number, current: number): GraphQLError {
  return new GraphQLError(
    `${entityType} "${id}" is at version ${current}, not ${given}: it changed since you read it. Read it again and retry.`,
    { extensions: { code: PublicErrorCode.CONFLICT } },
  );
}

/** A create whose id the client chose (a roster slug, a first profile) found one stored. */
export function alreadyExists(entityType: string, id: string, version: number): GraphQLError {
  return new GraphQLError(
    `${entityType} "${id}" already exists (at version ${version}); read it and change it instead.`,
    { extensions: { code: PublicErrorCode.CONFLICT } },
  );
}

/**
 * Loads a row for a change and checks the version the client read. The row stays locked
 * until the transaction ends, so two writers holding the same version cannot both win.
 * `authorize` sees the stored row first: who may change it can depend on what it is.
 */
export async function lockVersion<T extends { id: string; version: number }>(
  em: EntityManager,
  entity: EntityClass<T>,
  entityType: string,
  id: string,
  version: number,
  authorize?: (row: T) => void,
): Promise<T> {
  const row = await em.findOne(entity, { id } as FilterQuery<T>, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!row) throw notFound(entityType, id);
  authorize?.(row);
  if (row.version !== version) throw conflict(entityType, id, version, row.version);
  return row;
}

/**
 * Creates a row at most once per client key: a retried create (or 20 at once) returns the
 * row the first one made. The unique index on the key decides the race inside PostgreSQL;
 * the losers wait for the winner's commit, insert nothing, and read its row.
 */
export async function createOnce<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  row: Record<string, unknown>,
  uniqueKey: Record<string, unknown>,
): Promise<{ row: T; created: boolean }> {
  const inserted = await em
    .createQueryBuilder(entity)
    // The row was built field by field from validated input (see FieldRules in ./records.ts);
    // the ORM cannot see that from a generic record, so it is told here, once.
    .insert(row as RequiredEntityData<T>)
    .onConflict(Object.keys(uniqueKey) as EntityKey<T>[])
    .ignore()
    .execute('run');
  const stored = await em.findOneOrFail(entity, uniqueKey as FilterQuery<T>, { refresh: true });
  return { row: stored, created: inserted.affectedRows === 1 };
}
