import { ActivityKind, PartnerType, Theme } from '@citipart/schema';
import type { TestGraph } from './graph';

/** Adds `partnersPerType` partners of each type, each with `activities` activities and 3 members. */
export async function growNetwork(graph: TestGraph, partnersPerType: number, activities: number, round: number) {
  const network = graph.subgraphs.get('network')!.orm.em.fork();
  for (const type of Object.values(PartnerType)) {
    const ids = Array.from({ length: partnersPerType }, (_, index) => `extra-${round}-${type.toLowerCase()}-${index}`);
    await network.getConnection().execute(
      `insert into network.partner (id, type, name, country_code, town, role, legal_form)
       select id, ?, 'Extra ' || id, 'HR', 'Split', 'PARTNER', 'ASSOCIATION' from unnest(string_to_array(?, ',')) as id`,
      [type, ids.join(',')],
    );
    const subgraph = [...graph.subgraphs.values()].find((running) => running.definition.partnerType === type)!;
    const schema = subgraph.definition.defaultSchema;
    const connection = subgraph.orm.em.fork().getConnection();
    await connection.execute(
      `insert into ${schema}.activity (id, partner_id, kind, theme, title, starts_on, original_locale)
       select p || '-a' || n, p, ?, ?, 'Activity ' || n, date '2016-01-01' + n, 'EN'
       from unnest(string_to_array(?, ',')) as p, generate_series(1, ?) as n`,
      [ActivityKind.WORKSHOP, Theme.PEACE, ids.join(','), activities],
    );
    await connection.execute(
      `insert into ${schema}.member (id, partner_id, kind, name)
       select p || '-m' || n, p, 'PERSON', 'Member ' || n from unnest(string_to_array(?, ',')) as p, generate_series(1, 3) as n`,
      [ids.join(',')],
    );
  }
}
