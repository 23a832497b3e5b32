import { type SubgraphDefinition, migrationDigest } from '@citipart/subgraph-kit';

/**
 * schema/migrations.lock.json: for each subgraph, its migrations in the order they apply,
 * with a fingerprint of the SQL each one runs. An applied migration is history: if its SQL
 * changes (its file, or code it calls, such as the live value list of an enum), databases
 * that ran the old SQL and new ones would differ without anyone noticing. `npm run compose`
 * records new migrations and refuses changed ones; `--check` (in `npm test`) fails on both.
 */
export type MigrationLock = Record<string, { name: string; sql: string }[]>;

export async function currentMigrationLock(subgraphs: readonly SubgraphDefinition[]): Promise<MigrationLock> {
  const lock: MigrationLock = {};
  for (const subgraph of subgraphs) {
    lock[subgraph.name] = [];
    for (const migration of subgraph.migrations) {
      lock[subgraph.name].push({ name: migration.name, sql: await migrationDigest(migration) });
    }
  }
  return lock;
}

export interface LockComparison {
  /** Recorded migrations that changed, went missing or moved: never fixed by re-recording. */
  changed: string[];
  /** Migrations not recorded yet: `npm run compose` records them. */
  added: string[];
}

export function compareMigrationLocks(recorded: MigrationLock, current: MigrationLock): LockComparison {
  const changed: string[] = [];
  const added: string[] = [];
  for (const [subgraph, migrations] of Object.entries(current)) {
    const before = recorded[subgraph] ?? [];
    before.forEach((entry, index) => {
      const now = migrations[index];
      if (!now) changed.push(`${subgraph}: ${entry.name} was recorded but is no longer in the list`);
      else if (now.name !== entry.name)
        changed.push(`${subgraph}: ${entry.name} was recorded at position ${index + 1}, where ${now.name} is now`);
      else if (now.sql !== entry.sql) changed.push(`${subgraph}: ${entry.name} no longer runs the SQL it ran`);
    });
    for (const entry of migrations.slice(before.length)) added.push(`${subgraph}: ${entry.name}`);
  }
  return { changed, added };
}
