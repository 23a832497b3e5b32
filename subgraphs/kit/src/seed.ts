import type { EntityClass, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Inserts rows whose primary key is not there yet and leaves existing rows as they are, so
 * seeding twice keeps one copy and never overwrites what users changed. Returns how many
 * rows were new.
 */
export async function insertMissing<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  rows: RequiredEntityData<T>[],
): Promise<number> {
  if (!rows.length) return 0;
  const result = await em.createQueryBuilder(entity).insert(rows).onConflict().ignore().execute('run');
  return result.affectedRows;
}
