import type { EntityClass, EntityMetadata, FilterQuery, ObjectQuery } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ActivityKind, MemberKind, Theme } from '@citipart/schema';
import {
  Activity,
  AuditEntry,
  Member,
  type Row,
  type SubgraphDefinition,
  loadPage,
  loadPages,
  migrate,
  openSubgraphDatabase,
  rowMapper,
  selectRows,
  tableOf,
  visibleMembers,
} from '@citipart/subgraph-kit';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase } from '../support/database';

// Reads as plain objects (subgraphs/kit/src/rows.ts): every row of every table of the five
// subgraphs, seeded with the built-in dataset and a few rows of edge values, maps to an
// unmanaged instance of its entity class with the very values MikroORM's `em.map` gives a
// managed one; and pages and batched loads answer what `em.find` answers.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const orms = new Map<string, { definition: SubgraphDefinition; orm: MikroORM }>();

beforeAll(async () => {
  database = await createTestDatabase('plainrows');
  for (const definition of SUBGRAPHS) {
    const orm = await openSubgraphDatabase(definition, database.url);
    await migrate(orm);
    await orm.em.fork().transactional((em) => definition.seed(em));
    orms.set(definition.name, { definition, orm });
  }
  // Edge values: nulls where columns allow them, an audit entry (bigint id, timestamptz, json).
  const cities = orms.get('cities')!.orm.em.fork();
  await cities.getConnection().execute(
    `insert into cities.activity (id, partner_id, kind, theme, title, description, starts_on, ends_on, town,
       participants, presented_at_id, original_locale, translations, sources, demo, client_key)
     values ('edge-activity', 'edge-partner', 'WORKSHOP', 'PEACE', 'Edge', null, '2016-02-29', null, null,
       null, null, 'EN', '{}', '[]', false, null)`,
  );
  await cities.getConnection().execute(
    `insert into cities.member (id, partner_id, kind, name, role, since, email, phone, consent_to_publish, birth_year, parental_consent)
     values ('edge-member', 'edge-partner', 'PERSON', 'Ada', null, null, 'ada@example.org', null, true, 2010, null)`,
  );
  await cities.getConnection().execute(
    `insert into cities.audit (actor, role, action, entity_type, entity_id, partner_id, fields)
     values ('tester', 'NETWORK_ADMIN', 'test', 'Activity', 'edge-activity', null, '["title"]'),
            ('tester', 'PARTNER_EDITOR', 'test', 'Member', 'edge-member', 'edge-partner', '[]')`,
  );
});

afterAll(async () => {
  for (const { orm } of orms.values()) await orm.close();
  await database?.drop();
});

/** The entities of a subgraph that have a table. */
function tables(orm: MikroORM): EntityMetadata[] {
  return Object.values(orm.getMetadata().getAll()).filter((meta) => !meta.abstract && !meta.virtual);
}

/** An object's own enumerable properties, read (through getters where MikroORM put them). */
const valuesOf = (entity: object) => ({ ...entity }) as Record<string, unknown>;

test.each(SUBGRAPHS.map((definition) => definition.name))(
  '%s: every row maps to the values em.map gives, unmanaged',
  async (name) => {
    const { orm } = orms.get(name)!;
    let compared = 0;
    for (const meta of tables(orm)) {
      const em = orm.em.fork();
      const rows = await em.getConnection().execute<Row[]>(`select * from ${tableOf(em, meta)}`);
      const map = rowMapper(em, meta.class as EntityClass<object>);
      for (const row of rows) {
        const managed = orm.em.fork().map(meta.class, { ...row }) as object;
        const plain = map({ ...row });
        expect(Object.getPrototypeOf(plain)).toBe(meta.prototype);
        expect(plain).toBeInstanceOf(meta.class);
        expect(valuesOf(plain)).toStrictEqual(valuesOf(managed));
        compared += 1;
      }
      // Nothing was merged into the EntityManager that read the rows.
      expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    }
    expect(compared).toBeGreaterThan(20);
  },
);

test('dates, timestamps, json and bigints keep the types em.map gives them', async () => {
  const em = orms.get('cities')!.orm.em.fork();
  const [activity] = await selectRows(em, Activity, { where: { id: 'edge-activity' } });
  expect(activity).toMatchObject({ startsOn: '2016-02-29', endsOn: null, participants: null, sources: [] });
  expect(activity.createdAt).toBeInstanceOf(Date);
  expect(activity.translations).toEqual({});
  const audit = await selectRows(em, AuditEntry, { where: {}, orderBy: { id: 'asc' } });
  expect(audit.map((entry) => typeof entry.id)).toEqual(audit.map(() => 'string'));
  expect(audit[0].fields).toEqual(['title']);
  expect(audit[0].at).toBeInstanceOf(Date);
  // Unmanaged: a change to a read row is never written by a flush.
  activity.title = 'Changed';
  await em.flush();
  const [stored] = await selectRows(orms.get('cities')!.orm.em.fork(), Activity, { where: { id: 'edge-activity' } });
  expect(stored.title).toBe('Edge');
});

test('selectRows answers what em.find answers: conditions, lists, order and limit', async () => {
  const { orm } = orms.get('cities')!;
  const cases: [EntityClass<object>, Record<string, unknown>, Record<string, 'asc' | 'desc'>, number?][] = [
    [Activity, { theme: Theme.PEACE }, { startsOn: 'desc', id: 'asc' }],
    [Activity, { presentedAtId: null, partnerId: ['edge-partner', 'nobody'] }, { id: 'asc' }],
    [Member, { consentToPublish: true }, { name: 'asc', id: 'asc' }, 3],
    [Member, { id: [] }, { id: 'asc' }],
  ];
  for (const [entity, where, orderBy, limit] of cases) {
    const found = await orm.em.fork().find(entity, where as FilterQuery<object>, { orderBy, limit } as never);
    const selected = await selectRows(orm.em.fork(), entity, {
      where: where as never,
      orderBy: orderBy as never,
      limit,
    });
    expect(selected.map(valuesOf)).toStrictEqual(found.map(valuesOf));
  }
});

test('pages answer what em.find answers, with filters and after cursors', async () => {
  const { orm } = orms.get('cities')!;
  const partners = (await orm.em.fork().find(Activity, {}, { fields: ['partnerId'] })).map((row) => row.partnerId);
  const parents = [...new Set(partners)].sort();
  const filters: ObjectQuery<Activity>[] = [
    {},
    { theme: Theme.PEACE },
    { startsOn: { $gte: '2016-01-01', $lte: '2016-12-31' } },
    {
      $or: [{ theme: Theme.TOLERANCE }, { kind: { $in: [ActivityKind.DEBATE, ActivityKind.STREET_SURVEY] } }],
      presentedAtId: { $ne: null },
    },
    { kind: { $nin: [] }, description: null },
  ];
  let matched = 0;
  for (const filter of filters) {
    for (const first of [2, 100]) {
      const query = { partitionBy: 'partnerId', orderBy: ['startsOn', 'id'], first, where: [filter] } as const;
      const pages = await loadPages(orm.em.fork(), Activity, { ...query, parents });
      for (const parent of parents) {
        const all = await orm.em
          .fork()
          .find(Activity, { $and: [{ partnerId: parent }, filter] }, { orderBy: { startsOn: 'asc', id: 'asc' } });
        const page = pages.get(parent)!;
        expect(page.nodes.map(valuesOf)).toStrictEqual(all.slice(0, first).map(valuesOf));
        expect(page.totalCount).toBe(all.length);
        matched += all.length;
        expect(page.pageInfo).toMatchObject({ hasNextPage: all.length > first, hasPreviousPage: false });
        expect(page.edges.map((edge) => edge.node)).toEqual(page.nodes);
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
        if (!page.pageInfo.endCursor) continue;
        // The next page, after the end cursor.
        const next = (
          await loadPages(orm.em.fork(), Activity, { ...query, parents: [parent], after: page.pageInfo.endCursor })
        ).get(parent)!;
        expect(next.nodes.map(valuesOf)).toStrictEqual(all.slice(first, 2 * first).map(valuesOf));
        expect(next.totalCount).toBe(all.length);
        expect(next.pageInfo).toMatchObject({ hasNextPage: all.length > 2 * first, hasPreviousPage: true });
      }
    }
  }
  expect(matched).toBeGreaterThan(2 * filters.length);
});

test('a page after a cursor, descending, with a bigint key; members with the visibility condition', async () => {
  const { orm } = orms.get('cities')!;
  const audit = await orm.em.fork().find(AuditEntry, {}, { orderBy: { id: 'desc' } });
  const first = await loadPage(orm.em.fork(), AuditEntry, { orderBy: ['id'], descending: true, first: 1 });
  expect(first.nodes.map(valuesOf)).toStrictEqual(audit.slice(0, 1).map(valuesOf));
  const next = await loadPage(orm.em.fork(), AuditEntry, {
    orderBy: ['id'],
    descending: true,
    first: 5,
    after: first.pageInfo.endCursor,
  });
  expect(next.nodes.map(valuesOf)).toStrictEqual(audit.slice(1, 6).map(valuesOf));
  expect(next.pageInfo.hasPreviousPage).toBe(true);

  const anonymous = visibleMembers({ kind: 'anonymous' } as never)!;
  const members = await loadPage(orm.em.fork(), Member, { orderBy: ['name', 'id'], first: 100, where: [anonymous] });
  const visible = await orm.em.fork().find(Member, anonymous, { orderBy: { name: 'asc', id: 'asc' } });
  expect(members.nodes.map(valuesOf)).toStrictEqual(visible.map(valuesOf));
  expect(members.nodes.some((member) => member.kind === MemberKind.ORGANISATION)).toBe(true);
  // A person born in 2010 without a parent's consent is not public.
  expect(members.nodes.map((member) => member.id)).not.toContain('edge-member');
});
