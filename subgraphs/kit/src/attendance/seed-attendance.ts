import type { AttendanceCell } from '@citipart/schema';
import type { EntityClass, QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The sample attendance of one record of the built-in dataset (an activity, a meeting). */
export interface SeedAttendance {
  /** The id of the activity or meeting. */
  of: string;
  cells: readonly AttendanceCell[];
}

/**
 * Stores sample attendance, marked `demo`, for the records that have none yet, so that
 * seeding again never mixes sample cells into an attendance someone has set (attendance is
 * replaced whole, never cell by cell), and skips records that are not there. Returns how
 * many cells were new.
 */
export async function seedAttendance(
  em: EntityManager,
  options: {
    /** The attendance table's entity and the column naming its record. */
    entity: EntityClass<object>;
    column: 'activity_id' | 'meeting_id';
    /** The entity of the records it belongs to. */
    parent: EntityClass<object>;
    rows: readonly SeedAttendance[];
  },
): Promise<number> {
  const cells = options.rows.flatMap((row) =>
    row.cells.map((cell) => ({ of: row.of, category: cell.category, age_band: cell.ageBand, count: cell.count })),
  );
  if (!cells.length) return 0;
  const schema = em.config.get('schema') as string;
  const table = (entity: EntityClass<object>) => `"${schema}"."${em.getMetadata().get(entity.name).tableName}"`;
  const { column } = options;
  // The seed's transaction (em.execute, not the pool's connection): the records it inserted
  // just before are not committed yet.
  const result = await em.execute<QueryResult>(
    `insert into ${table(options.entity)} ("${column}", "category", "age_band", "count", "demo")
     select v.of, v.category, v.age_band, v.count, true
       from jsonb_to_recordset(?::jsonb) as v("of" text, "category" text, "age_band" text, "count" integer)
      where exists (select 1 from ${table(options.parent)} p where p."id" = v.of)
        and not exists (select 1 from ${table(options.entity)} t where t."${column}" = v.of)`,
    [JSON.stringify(cells)],
    'run',
  );
  return result.affectedRows;
}
