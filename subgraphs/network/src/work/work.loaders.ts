import type { EntityClass } from '@mikro-orm/core';
import { type SubgraphContext, loadById, loadGroup, rowMapper, selectRows } from '@citipart/subgraph-kit';
import { Partner } from '../partner.entity';
import { Conclusion } from './conclusion.entity';
import { Cooperation } from './cooperation.entity';
import { NetworkQuestion } from './network-question.entity';

// Batched reads of the network's work: one statement per list, whatever the number of
// meetings or cooperations asked for, each counted in the request's row budget, its rows
// plain objects (not managed: nothing here is written back).

/** A meeting's conclusions, in the order they were added: all meetings of a batch in one statement. */
export const loadConclusions = (ctx: SubgraphContext, meetingId: string) =>
  loadGroup(ctx, Conclusion, 'meetingId', meetingId, { position: 'asc', id: 'asc' });

/** Every row of a table of the network's own (one network), in `orderBy` order. */
async function loadAll<T extends object>(
  ctx: SubgraphContext,
  entity: EntityClass<T>,
  orderBy: Partial<Record<keyof T & string, 'asc' | 'desc'>>,
): Promise<T[]> {
  return ctx.loaders
    .get<string, T[]>(`${entity.name}:all`, orderBy, async (keys) => {
      const rows = await selectRows(ctx.em, entity, { where: {}, orderBy, limit: ctx.rowBudget.statementLimit() });
      ctx.rowBudget.spend(rows.length);
      return keys.map(() => rows);
    })
    .load('');
}

/** The common questionnaire, in the admin's order. */
export const loadQuestionnaire = (ctx: SubgraphContext) =>
  loadAll(ctx, NetworkQuestion, { position: 'asc', id: 'asc' });

/** The cooperations, in the order they were recorded. */
export const loadCooperations = (ctx: SubgraphContext) => loadAll(ctx, Cooperation, { createdAt: 'asc', id: 'asc' });

/**
 * A cooperation's partners in the admin's order, as the roster's rows: the partners of all
 * cooperations of a batch in one statement (the join table joined to the roster).
 */
export function loadCooperationPartners(ctx: SubgraphContext, cooperationId: string): Promise<Partner[]> {
  return ctx.loaders
    .get<string, Partner[]>('CooperationPartners', null, async (ids) => {
      const schema = ctx.em.config.get('schema') as string;
      const rows: (Record<string, unknown> & { cooperation_id: string })[] = await ctx.em.getConnection().execute(
        `select cp.cooperation_id, p.*
           from "${schema}"."cooperation_partner" cp join "${schema}"."partner" p on p.id = cp.partner_id
          where cp.cooperation_id in (?)
          order by cp.cooperation_id, cp.position, p.id
          limit ?`,
        [[...ids], ctx.rowBudget.statementLimit()],
      );
      ctx.rowBudget.spend(rows.length);
      const byCooperation = new Map<string, Partner[]>(ids.map((id) => [id, []]));
      // Plain rows (kit's rows.ts): the mapper reads the partner's columns and no other.
      const map = rowMapper(ctx.em, Partner);
      for (const row of rows) byCooperation.get(row.cooperation_id)!.push(map(row));
      return ids.map((id) => byCooperation.get(id)!);
    })
    .load(cooperationId);
}

/** A question of the questionnaire by id (the entity's reference resolver); null once removed. */
export const loadNetworkQuestion = (ctx: SubgraphContext, id: string) => loadById(ctx, NetworkQuestion, id);
