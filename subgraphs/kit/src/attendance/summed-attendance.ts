import {
  type AgeBand,
  type AttendanceCell,
  type AttendanceCount,
  type ParticipantCategory,
  SMALLEST_SHOWN_COUNT,
  suppressSums,
} from '@citipart/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RowBudget } from '../context';

/**
 * The stored cells of lists of attendance (an activity's, a meeting's) that are summed by a
 * key (a partner's activities, the network's meetings): SQL selecting `key`, `list`,
 * `category`, `age_band` and `count`, with its parameters.
 */
export interface AttendanceCells {
  sql: string;
  parameters: unknown[];
}

interface Row {
  key: string;
  list: string | null;
  category: ParticipantCategory;
  age_band: AgeBand;
  count: number;
}

/**
 * Attendance summed by key, suppressed after summing (schema/src/attendance.ts,
 * `suppressSums`): one statement for any number of keys and lists.
 *
 * PostgreSQL sums the cells by key, category and age band. Whether a sum must be hidden
 * depends on whether a contribution to it was hidden in its own list, which is the rule
 * itself, and the rule lives once, in TypeScript. So the same statement also returns the
 * cells of the lists that can hide something, and only those: a list hides nothing unless
 * one of its cells is under SMALLEST_SHOWN_COUNT (secondary suppression only follows a
 * primary one), so the other lists' cells are not loaded at all. The rows count in the
 * request's budget like any others.
 */
export async function summedAttendance(
  em: EntityManager,
  budget: RowBudget,
  cells: AttendanceCells,
  keys: readonly string[],
): Promise<Map<string, AttendanceCount[]>> {
  const rows: Row[] = await em.execute(
    `with cells as (${cells.sql})
     (select key, null::text as list, category, age_band, sum(count)::int as count
        from cells group by key, category, age_band
      union all
      select key, list, category, age_band, count
        from cells where list in (select list from cells where count < ?))
     limit ?`,
    [...cells.parameters, SMALLEST_SHOWN_COUNT, budget.statementLimit()],
  );
  budget.spend(rows.length);
  const byKey = new Map<string, { sums: AttendanceCell[]; lists: Map<string, AttendanceCell[]> }>();
  for (const row of rows) {
    let group = byKey.get(row.key);
    if (!group) byKey.set(row.key, (group = { sums: [], lists: new Map() }));
    const cell = { category: row.category, ageBand: row.age_band, count: Number(row.count) };
    if (row.list === null) group.sums.push(cell);
    else if (group.lists.has(row.list)) group.lists.get(row.list)!.push(cell);
    else group.lists.set(row.list, [cell]);
  }
  return new Map(
    keys.map((key) => {
      const group = byKey.get(key);
      return [key, group ? suppressSums(group.sums, group.lists.values()) : []];
    }),
  );
}
