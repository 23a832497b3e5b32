import { type SubgraphDefinition, migrate, openSubgraphDatabase } from '@citipart/subgraph-kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { tableChecksums } from '../support/checksum';
import { createTestDatabase } from '../support/database';

// Each subgraph owns one PostgreSQL schema. Its migrations and its seed must never touch
// another subgraph's tables, and the seed must be safe to run again.

const SCHEMAS = SUBGRAPHS.map((subgraph) => subgraph.defaultSchema);

/** A database of its own, with every subgraph's ORM open on it (nothing migrated yet). */
async function openDatabases(label: string) {
  const database = await createTestDatabase(label);
  const orms = new Map<string, MikroORM>();
  const close = async () => {
    for (const orm of orms.values()) await orm.close();
    await database.drop();
  };
  try {
    for (const subgraph of SUBGRAPHS) orms.set(subgraph.name, await openSubgraphDatabase(subgraph, database.url));
  } catch (error) {
    await close();
    throw error;
  }
  const seed = (subgraph: SubgraphDefinition) =>
    orms
      .get(subgraph.name)!
      .em.fork()
      .transactional((em) => subgraph.seed(em));
  return { url: database.url, orms, seed, close };
}

describe('an empty database', () => {
  let db: Awaited<ReturnType<typeof openDatabases>>;
  beforeEach(async () => {
    db = await openDatabases('isolation_empty');
  });
  afterEach(() => db?.close());

  test('a subgraph migrates its own schema and creates nothing else', async () => {
    const cities = SUBGRAPHS.find((subgraph) => subgraph.name === 'cities')!;
    const orm = db.orms.get('cities')!;
    const schemas = () =>
      orm.em
        .getConnection()
        .execute<{ schema_name: string }[]>(
          `select schema_name from information_schema.schemata where schema_name not like 'pg\\_%' and schema_name not in ('information_schema', 'public')`,
        )
        .then((rows) => rows.map((row) => row.schema_name));
    expect(await schemas()).toEqual([]);
    expect(await migrate(orm)).toEqual(cities.migrations.map((migration) => migration.name));
    expect(await schemas()).toEqual([cities.defaultSchema]);
    expect(Object.keys(await tableChecksums(db.url, [cities.defaultSchema])).length).toBeGreaterThan(1);
  });

  test('every subgraph migrates and seeds; each empty subgraph reports it has no data first', async () => {
    for (const subgraph of SUBGRAPHS) {
      const orm = db.orms.get(subgraph.name)!;
      await migrate(orm);
      expect(await subgraph.hasData(orm.em.fork())).toBe(false);
      const report = await db.seed(subgraph);
      expect(Object.keys(report).length).toBeGreaterThan(0);
      expect(Object.entries(report).filter(([, rows]) => rows === 0)).toEqual([]);
      expect(await subgraph.hasData(orm.em.fork())).toBe(true);
    }
  });
});

describe('a seeded database', () => {
  let db: Awaited<ReturnType<typeof openDatabases>>;
  beforeAll(async () => {
    db = await openDatabases('isolation_seeded');
    for (const subgraph of SUBGRAPHS) {
      await migrate(db.orms.get(subgraph.name)!);
      await db.seed(subgraph);
    }
  });
  afterAll(() => db?.close());

  test('seeding again inserts nothing and changes no row', async () => {
    const before = await tableChecksums(db.url, SCHEMAS);
    // Every subgraph's tables, with rows in them: the comparison below has something to compare.
    for (const schema of SCHEMAS) {
      expect(Object.keys(before).filter((table) => table.startsWith(`${schema}.`)).length).toBeGreaterThan(1);
    }
    expect(Object.values(before).filter((sum) => !sum.startsWith('0:')).length).toBeGreaterThan(SCHEMAS.length);
    for (const subgraph of SUBGRAPHS) {
      const report = await db.seed(subgraph);
      expect(Object.keys(report).length).toBeGreaterThan(0);
      expect(Object.entries(report).filter(([, rows]) => rows !== 0)).toEqual([]);
    }
    expect(await tableChecksums(db.url, SCHEMAS)).toEqual(before);
  });

  test('the seed never overwrites what users changed', async () => {
    const connection = db.orms.get('european-houses')!.em.getConnection();
    const changed = async () => {
      const [activity] = await connection.execute(
        `select title from european_houses.activity where id = 'maison-europe-yvelines-toleraction'`,
      );
      const [profile] = await connection.execute(
        `select website from european_houses.profile where id = 'maison-europe-yvelines'`,
      );
      return [activity?.title, profile?.website];
    };
    await connection.execute(
      `update european_houses.activity set title = 'TOLER''ACTION (revised by staff)' where id = 'maison-europe-yvelines-toleraction'`,
    );
    await connection.execute(
      `update european_houses.profile set website = 'https://example.org/mdey' where id = 'maison-europe-yvelines'`,
    );
    await db.seed(SUBGRAPHS.find((subgraph) => subgraph.name === 'european-houses')!);
    expect(await changed()).toEqual(["TOLER'ACTION (revised by staff)", 'https://example.org/mdey']);
  });

  test.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph] as const))(
    'rolling back, migrating and seeding %s leaves the other subgraphs untouched',
    async (_name, subgraph) => {
      const others = SCHEMAS.filter((schema) => schema !== subgraph.defaultSchema);
      const before = await tableChecksums(db.url, others);
      expect(Object.keys(before).length).toBeGreaterThan(others.length);
      const orm = db.orms.get(subgraph.name)!;
      await orm.getMigrator().down({ to: 0 });
      expect(Object.keys(await tableChecksums(db.url, [subgraph.defaultSchema]))).toEqual([
        `${subgraph.defaultSchema}.mikro_orm_migrations`,
      ]);
      expect(await migrate(orm)).toEqual(subgraph.migrations.map((migration) => migration.name));
      await db.seed(subgraph);
      expect(await tableChecksums(db.url, others)).toEqual(before);
      expect(await subgraph.hasData(orm.em.fork())).toBe(true);
    },
  );
});
