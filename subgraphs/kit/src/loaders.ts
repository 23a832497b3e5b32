import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { SubgraphContext } from './context';

// Batched look-ups for root fields, field resolvers and `_entities` alike: one query per
// batch of keys, whatever asked for them during the request. Each batch counts its rows in
// the request's row budget (RowBudget in ./context.ts).

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
      const found = await ctx.em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
      ctx.rowBudget.spend(found.length);
      const byId = new Map(found.map((row) => [row.id, row]));
      return ids.map((key) => byId.get(key) ?? null);
    })
    .load(id);
}

/** Loads the rows whose `field` equals `key` (and that match `where`), in `orderBy` order. */
export function loadGroup<T extends object, K extends keyof T & string>(
  ctx: SubgraphContext,
  entity: EntityClass<T>,
  field: K,
  key: string,
  orderBy: Partial<Record<keyof T & string, 'asc' | 'desc'>>,
  where: Partial<Record<keyof T & string, unknown>> = {},
): Promise<T[]> {
  return ctx.loaders
    .get<string, T[]>(`${entity.name}By:${field}`, { orderBy, where }, async (keys) => {
      // A key may have any number of rows: the statement stops one row past the budget.
      const found = await ctx.em.find(
        entity,
        { ...where, [field]: { $in: [...keys] } } as unknown as FilterQuery<T>,
        { orderBy, limit: ctx.rowBudget.statementLimit() } as never,
      );
      ctx.rowBudget.spend(found.length);
      return keys.map((value) => found.filter((row) => row[field] === value));
    })
    .load(key);
}
