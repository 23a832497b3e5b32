import { type SubgraphDefinition, migrate, openSubgraphDatabase } from '@citipart/subgraph-kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { tableChecksums } from '../support/checksum';
import { createTestDatabase } from '../support/database';

// Each subgraph owns one PostgreSQL schema. Its migrations and its seed must never touch
// another subgraph's tables, and the seed must be safe to run again.

const SCHEMAS = SUBGRAPHS.map((subgraph) => subgraph.defaultSchema);
let database: { url: string; drop: () => Promise<void> };
const orms = new Map<string, MikroORM>();

const seed = (subgraph: SubgraphDefinition) =>
  orms
    .get(subgraph.name)!
    .em.fork()
    .transactional((em) => subgraph.seed(em));

beforeAll(async () => {
  database = await createTestDatabase('isolation');
  for (const subgraph of SUBGRAPHS) orms.set(subgraph.name, await openSubgraphDatabase(subgraph, database.url));
});
afterAll(async () => {
  for (const orm of orms.values()) await orm.close();
  await database?.drop();
});

test('a subgraph migrates its own schema and creates nothing else', async () => {
  const cities = SUBGRAPHS.find((subgraph) => subgraph.name === 'cities')!;
  await migrate(orms.get('cities')!);
  const schemas = await orms
    .get('cities')!
    .em.getConnection()
    .execute<{ schema_name: string }[]>(
      `select schema_name from information_schema.schemata where schema_name not like 'pg\\_%' and schema_name not in ('information_schema', 'public')`,
    );
  expect(schemas.map((row) => row.schema_name)).toEqual([cities.defaultSchema]);
});

test('every subgraph migrates and seeds; each empty subgraph reports it has no data first', async () => {
  for (const subgraph of SUBGRAPHS) {
    await migrate(orms.get(subgraph.name)!);
    expect(await subgraph.hasData(orms.get(subgraph.name)!.em.fork())).toBe(false);
    const report = await seed(subgraph);
    expect(Object.values(report).every((rows) => rows > 0)).toBe(true);
    expect(await subgraph.hasData(orms.get(subgraph.name)!.em.fork())).toBe(true);
  }
});

test('seeding again inserts nothing and changes no row', async () => {
  const before = await tableChecksums(database.url, SCHEMAS);
  for (const subgraph of SUBGRAPHS) {
    const report = await seed(subgraph);
    expect(Object.values(report)).toEqual(Object.values(report).map(() => 0));
  }
  expect(await tableChecksums(database.url, SCHEMAS)).toEqual(before);
});

test('the seed never overwrites what users changed', async () => {
  const connection = orms.get('european-houses')!.em.getConnection();
  await connection.execute(
    `update european_houses.activity set title = 'TOLER''ACTION (revised by staff)' where id = 'maison-europe-yvelines-toleraction'`,
  );
  await connection.execute(
    `update european_houses.profile set website = 'https://example.org/mdey' where id = 'maison-europe-yvelines'`,
  );
  await seed(SUBGRAPHS.find((subgraph) => subgraph.name === 'european-houses')!);
  const [activity] = await connection.execute(
    `select title from european_houses.activity where id = 'maison-europe-yvelines-toleraction'`,
  );
  const [profile] = await connection.execute(
    `select website from european_houses.profile where id = 'maison-europe-yvelines'`,
  );
  expect(activity.title).toBe("TOLER'ACTION (revised by staff)");
  expect(profile.website).toBe('https://example.org/mdey');
});

test.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph] as const))(
  'rolling back, migrating and seeding %s leaves the other subgraphs untouched',
  async (_name, subgraph) => {
    const others = SCHEMAS.filter((schema) => schema !== subgraph.defaultSchema);
    const before = await tableChecksums(database.url, others);
    const orm = orms.get(subgraph.name)!;
    await orm.getMigrator().down({ to: 0 });
    expect(Object.keys(await tableChecksums(database.url, [subgraph.defaultSchema]))).toEqual([
      `${subgraph.defaultSchema}.mikro_orm_migrations`,
    ]);
    expect(await migrate(orm)).toEqual(subgraph.migrations.map((migration) => migration.name));
    await seed(subgraph);
    expect(await tableChecksums(database.url, others)).toEqual(before);
    expect(await subgraph.hasData(orm.em.fork())).toBe(true);
  },
);
