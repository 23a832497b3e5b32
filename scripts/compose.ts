import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MigrationLock, compareMigrationLocks, currentMigrationLock } from './migration-lock';
import { SUBGRAPHS } from './subgraphs';
import { apiSchemaSdl } from './api-schema';
import { composeSupergraph } from './supergraph';

/**
 * Builds every subgraph's SDL from the code (no database, no server), composes the
 * supergraph, and writes them and the public API schema (api.graphql) into schema/; records new migrations in
 * schema/migrations.lock.json (see ./migration-lock.ts). With --check it writes nothing and
 * fails when the committed files differ from what the code gives (CI runs it that way).
 */
const SCHEMA_DIR = join(__dirname, '..', 'schema');
const MIGRATION_LOCK = join(SCHEMA_DIR, 'migrations.lock.json');

/** Compares the migrations with their record; records new ones unless checking. */
async function checkMigrations(check: boolean): Promise<number> {
  const recorded = JSON.parse(await readFile(MIGRATION_LOCK, 'utf8').catch(() => '{}')) as MigrationLock;
  const current = await currentMigrationLock(SUBGRAPHS);
  const { changed, added } = compareMigrationLocks(recorded, current);
  for (const problem of changed) {
    process.stderr.write(`migration changed after it was recorded: ${problem}; restore it and add a new migration\n`);
  }
  if (changed.length) return 1;
  if (check) {
    for (const migration of added) {
      process.stderr.write(`migration not recorded: ${migration}: run \`npm run compose\` and commit the result\n`);
    }
    return added.length ? 1 : 0;
  }
  await writeFile(MIGRATION_LOCK, `${JSON.stringify(current, null, 2)}\n`);
  if (added.length) process.stdout.write(`recorded ${added.length} new migrations in schema/migrations.lock.json\n`);
  return 0;
}

async function main(check: boolean): Promise<number> {
  if ((await checkMigrations(check)) !== 0) return 1;
  const result = await composeSupergraph(SUBGRAPHS);
  if (!result.supergraphSdl) {
    for (const error of result.errors) process.stderr.write(`composition error: ${error}\n`);
    return 1;
  }
  const { subgraphs } = result;
  const files = [
    ...subgraphs.map(({ name, sdl }) => ({ file: `${name}.graphql`, text: `${sdl.trim()}\n` })),
    { file: 'supergraph.graphql', text: `${result.supergraphSdl.trim()}\n` },
    // What clients see: partner web sites generate their typed clients from it.
    { file: 'api.graphql', text: apiSchemaSdl(result.supergraphSdl) },
  ];
  let stale = 0;
  for (const { file, text } of files) {
    const path = join(SCHEMA_DIR, file);
    if (check) {
      const committed = await readFile(path, 'utf8').catch(() => '');
      if (committed !== text) {
        stale += 1;
        process.stderr.write(`schema/${file} is stale: run \`npm run compose\` and commit the result\n`);
      }
    } else {
      await writeFile(path, text);
    }
  }
  for (const hint of result.hints) process.stderr.write(`hint: ${hint}\n`);
  process.stdout.write(
    check
      ? `schema/: ${files.length - stale} of ${files.length} files up to date\n`
      : `wrote ${files.length} files to schema/\n`,
  );
  return stale ? 1 : 0;
}

main(process.argv.includes('--check')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `compose failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
