import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActivityKind } from '@citipart/schema';
import {
  SchemaMigration,
  type SubgraphDefinition,
  migrate,
  migrationDigest,
  openDatabase,
  openSubgraphDatabase,
} from '@citipart/subgraph-kit';
import type { MigrationObject } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { type MigrationLock, compareMigrationLocks, currentMigrationLock } from '../../scripts/migration-lock';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase } from '../support/database';

// Migrations are frozen history (subgraphs/kit/src/migration.ts): an applied migration
// means the same whatever the code does later, and a new enum value comes with a migration
// of its own.

const LOCK_FILE = join(__dirname, '..', '..', 'schema', 'migrations.lock.json');
const cities = SUBGRAPHS.find((subgraph) => subgraph.name === 'cities')!;

let database: { url: string; drop: () => Promise<void> };
const orms: MikroORM[] = [];

async function open(subgraph: SubgraphDefinition, schema?: string): Promise<MikroORM> {
  const orm = await openSubgraphDatabase(subgraph, database.url, { schema });
  orms.push(orm);
  return orm;
}

beforeAll(async () => {
  database = await createTestDatabase('migrations');
});
afterAll(async () => {
  for (const orm of orms) await orm.close();
  await database?.drop();
});

/** The values an enum column's check allows, as PostgreSQL stores the constraint. */
async function allowedValues(orm: MikroORM, schema: string, table: string, column: string): Promise<string[]> {
  const rows = await orm.em.getConnection().execute<{ definition: string }[]>(
    `select pg_get_constraintdef(c.oid) as definition
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname = ? and c.conrelid = ?::regclass and c.contype = 'c' and c.conname = ?`,
    [schema, `"${schema}"."${table}"`, `${table}_${column}_check`],
  );
  expect(rows).toHaveLength(1);
  return [...rows[0].definition.matchAll(/'([^']*)'::text/g)].map((match) => match[1]).sort();
}

test('every enum column of every subgraph allows exactly the values of its live enum', async () => {
  let checked = 0;
  for (const subgraph of SUBGRAPHS) {
    const orm = await open(subgraph);
    await migrate(orm);
    for (const meta of Object.values(orm.getMetadata().getAll())) {
      if (!meta.tableName || meta.abstract) continue;
      for (const property of Object.values(meta.properties)) {
        if (!property.enum || !property.items?.length) continue;
        const expected = property.items.map(String).sort();
        const column = property.fieldNames[0];
        const allowed = await allowedValues(orm, subgraph.defaultSchema, meta.tableName, column);
        expect({ table: `${subgraph.defaultSchema}.${meta.tableName}.${column}`, allowed }).toEqual({
          table: `${subgraph.defaultSchema}.${meta.tableName}.${column}`,
          allowed: expected,
        });
        checked += 1;
      }
    }
  }
  // network: partner type, role, legal form, meeting kind and theme, the network's and the
  // meetings' original locale; 4 × activity kind, theme and original locale, member kind and
  // the profile's locale. The network's work: its questions' theme and original locale, its
  // conclusions' theme and original locale, its cooperations' original locale. Attendance:
  // category and age band of the meetings' cells (network) and of the activities' (4 ×).
  // The activities' work (4 ×): the original locale of survey questions, survey options,
  // plays, performances and booklet texts, and the booklet author's age band.
  expect(checked).toBe(7 + 5 + 2 + 4 * (5 + 2 + 6));
});

test('the recorded migrations are the ones the code has, and a changed one is caught', async () => {
  const recorded = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as MigrationLock;
  const current = await currentMigrationLock(SUBGRAPHS);
  expect(compareMigrationLocks(recorded, current)).toEqual({ changed: [], added: [] });

  // The same names with other SQL, and a reordering, are reported; a new one is only added.
  class Edited extends SchemaMigration {
    override async up(): Promise<void> {
      this.addSql(`alter table ${this.table('activity')} add column "edited" text null`);
    }
  }
  const editedSql = await migrationDigest({ name: 'Migration20261127000000PartnerKit', class: Edited });
  const edited = structuredClone(current);
  edited.cities[0].sql = editedSql;
  edited.cities.push({ name: 'Migration20990101000000Later', sql: editedSql });
  [edited.network[0], edited.network[1]] = [edited.network[1], edited.network[0]];
  expect(compareMigrationLocks(recorded, edited)).toEqual({
    changed: [
      'network: Migration20261127000000Roster was recorded at position 1, where Migration20261128000000RosterWrites is now',
      'network: Migration20261128000000RosterWrites was recorded at position 2, where Migration20261127000000Roster is now',
      'cities: Migration20261127000000PartnerKit no longer runs the SQL it ran',
    ],
    added: ['cities: Migration20990101000000Later'],
  });
});

test('a value added to an enum leaves applied migrations unchanged, and its migration lets existing databases accept it', async () => {
  const recorded = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as MigrationLock;
  // A scratch copy of the code in which ActivityKind has one more value: the migrations
  // that create enum columns, loaded afresh against it, still run exactly the recorded SQL.
  const scratch = { ...ActivityKind, PODCAST: 'PODCAST' } as const;
  const scratchMigrations: MigrationObject[] = [];
  jest.isolateModules(() => {
    jest.doMock('@citipart/schema', () => ({ ...jest.requireActual('@citipart/schema'), ActivityKind: scratch }));
    for (const [path, name] of [
      [
        '../../subgraphs/kit/src/partner-type/migrations/Migration20261127000000PartnerKit',
        'Migration20261127000000PartnerKit',
      ],
      ['../../subgraphs/network/src/migrations/Migration20261127000000Roster', 'Migration20261127000000Roster'],
    ]) {
      const module = jest.requireActual<Record<string, MigrationObject['class']>>(path);
      scratchMigrations.push({ name, class: module[name] });
    }
  });
  jest.dontMock('@citipart/schema');
  const recordedSql = (name: string) =>
    Object.values(recorded)
      .flat()
      .find((entry) => entry.name === name)?.sql;
  for (const migration of scratchMigrations) {
    expect(await migrationDigest(migration)).toBe(recordedSql(migration.name));
  }

  // An existing database, with data, before the new value's migration...
  const schema = 'cities_enum_scratch';
  const orm = await open(cities, schema);
  await migrate(orm);
  await orm.em.fork().transactional((em) => cities.seed(em));
  const connection = orm.em.getConnection();
  const insert = (id: string) =>
    connection.execute(
      `insert into "${schema}"."activity" ("id", "partner_id", "kind", "theme", "title", "starts_on", "original_locale")
       values (?, 'miasto-sosnowiec', 'PODCAST', 'PEACE', 'A podcast on peace', '2017-05-01', 'PL')`,
      [id],
    );
  await expect(insert('podcast-before')).rejects.toThrow(/activity_kind_check/);

  // ...and after it: the migration that comes with the value, appended to the list.
  class AddPodcastKind extends SchemaMigration {
    override async up(): Promise<void> {
      this.allowOnly('activity', 'kind', Object.values(scratch));
    }
    override async down(): Promise<void> {
      this.allowOnly('activity', 'kind', Object.values(ActivityKind));
    }
  }
  const next = await openDatabase({
    url: database.url,
    schema,
    entities: cities.entities,
    migrations: [...cities.migrations, { name: 'Migration20990101000000AddPodcastKind', class: AddPodcastKind }],
  });
  orms.push(next);
  expect(await migrate(next)).toEqual(['Migration20990101000000AddPodcastKind']);
  await insert('podcast-after');
  expect(await allowedValues(next, schema, 'activity', 'kind')).toEqual(Object.values(scratch).sort());
  const [{ count }] = await connection.execute<{ count: string }[]>(
    `select count(*) from "${schema}"."activity" where "kind" = 'PODCAST'`,
  );
  expect(Number(count)).toBe(1);
});
