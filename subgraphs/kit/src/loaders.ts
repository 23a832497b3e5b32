import type { EntityClass } from '@mikro-orm/core';
import type { SubgraphContext } from './context';
import { type ColumnValue, selectRows } from './rows';

// Batched look-ups for root fields, field resolvers and `_entities` alike: one query per
// batch of keys, whatever asked for them during the request. Each batch counts its rows in
// the request's row budget (RowBudget in ./context.ts). The rows are plain objects, not
// managed by the EntityManager (./rows.ts): reads are never written back.

/** Loads rows by primary key `id`; `null` for ids that do not exist. */
export function loadById<T extends { id: string }>(
  ctx: SubgraphContext,
  entity: EntityClass<T>,
  id: string,
): Promise<T | null> {
  return ctx.loaders
    .get<string, T | null>(`${entity.name}ById`, null, async (ids) => {
      // A key finds a row at most, so a batch (an `_entities` call of any length) is refused
      // before its statement when it asks for more rows than are left.
      ctx.rowBudget.reserve(ids.length);
      const found = await selectRows(ctx.em, entity, { where: { id: ids } as RowWhere<T> });
      ctx.rowBudget.spend(found.length);
      const byId = new Map(found.map((row) => [row.id, row]));
      return ids.map((key) => byId.get(key) ?? null);
    })
    .load(id);
}

type RowWhere<T> = Partial<Record<keyof T & string, ColumnValue | readonly ColumnValue[]>>;

/** Loads the rows whose `field` equals `key` (and that match `where`), in `orderBy` order. */
export function loadGroup<T extends object, K extends keyof T & string>(
  ctx: SubgraphContext,
  entity: EntityClass<T>,
  field: K,
  key: string,
  orderBy: Partial<Record<keyof T & string, 'asc' | 'desc'>>,
  where: Partial<Record<keyof T & string, ColumnValue>> = {},
): Promise<T[]> {
  return ctx.loaders
    .get<string, T[]>(`${entity.name}By:${field}`, { orderBy, where }, async (keys) => {
      // A key may have any number of rows: the statement stops one row past the budget.
      const found = await selectRows(ctx.em, entity, {
        where: { ...where, [field]: keys } as RowWhere<T>,
        orderBy,
        limit: ctx.rowBudget.statementLimit(),
      });
      ctx.rowBudget.spend(found.length);
      const byKey = new Map<unknown, T[]>(keys.map((value) => [value, []]));
      for (const row of found) byKey.get(row[field])?.push(row);
      return keys.map((value) => byKey.get(value)!);
    })
    .load(key);
}
