import { loadSubgraphConfig } from './config';
import { migrate, openDatabase } from './database';
import { log } from './log';
import { createSubgraphServer, type SubgraphDefinition } from './subgraph';

/**
 * The entry of every subgraph: read the environment once, open the database, apply
 * migrations, seed an empty schema when asked, listen, and stop cleanly on a signal.
 * Exits non-zero when any step fails.
 */
export async function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  const name = definition.name;
  try {
    const config = loadSubgraphConfig(process.env, {
      name,
      port: definition.defaultPort,
      schema: definition.defaultSchema,
    });
    const orm = await openDatabase({
      url: config.databaseUrl,
      schema: config.databaseSchema,
      entities: definition.entities,
      migrations: definition.migrations,
      logSql: config.logSql,
    });
    if (config.migrateOnStart) {
      const applied = await migrate(orm);
      if (applied.length) log(name, `applied migrations: ${applied.join(', ')}`);
    }
    if (config.seedOnStart && !(await definition.hasData(orm.em.fork()))) {
      const report = await orm.em.fork().transactional((em) => definition.seed(em));
      log(name, `seeded an empty schema: ${JSON.stringify(report)}`);
    }
    const service = await createSubgraphServer(definition, orm);
    const url = await service.listen(config.port);
    log(name, `ready at ${url}`);
    process.send?.({ type: 'ready', service: name, url });

    let stopping = false;
    const stop = async (reason: string) => {
      if (stopping) return;
      stopping = true;
      log(name, `stopping (${reason})`);
      await service.stop();
      await orm.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    // Started by `npm start`: when that supervisor dies, even by SIGKILL, the IPC channel
    // closes, and the service must not linger holding its port.
    if (process.send) process.on('disconnect', () => void stop('supervisor gone'));
  } catch (error) {
    log(name, 'failed to start', error);
    process.exit(1);
  }
}
