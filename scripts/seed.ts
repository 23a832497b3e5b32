import { migrate, openSubgraphDatabase } from '@citipart/subgraph-kit';
import { log } from '@citipart/subgraph-kit/runtime';
import { loadLocalConfig } from './local-config';
import { SetupError } from './setup-error';
import { openLocalDatabase } from './local-database';
import { SUBGRAPHS } from './subgraphs';

/**
 * `npm run seed` (and `npm run migrate`): brings every subgraph's schema up to date and, for
 * seed, inserts the built-in CitiPart dataset's missing rows. Existing rows are left as they
 * are, so running it twice keeps one copy and never overwrites what users changed. Uses
 * DATABASE_URL, or the embedded PostgreSQL of `npm start` (which must not be running).
 */
async function main(withSeed: boolean): Promise<void> {
  const config = loadLocalConfig(process.env);
  const database = await openLocalDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
  });
  try {
    for (const subgraph of SUBGRAPHS) {
      const orm = await openSubgraphDatabase(subgraph, database.url);
      try {
        const applied = await migrate(orm);
        const report = withSeed ? await orm.em.fork().transactional((em) => subgraph.seed(em)) : {};
        const inserted = Object.entries(report)
          .map(([table, rows]) => `${table} +${rows}`)
          .join(', ');
        process.stdout.write(
          `${subgraph.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}${withSeed ? `; inserted ${inserted}` : ''}\n`,
        );
      } finally {
        await orm.close();
      }
    }
  } finally {
    await database.stop();
  }
}

main(!process.argv.includes('--migrate-only')).catch((error: unknown) => {
  log('seed', 'failed:', error instanceof SetupError ? error.message : error);
  process.exit(1);
});
