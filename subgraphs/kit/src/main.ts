import { loadSubgraphConfig } from './config';
import { migrate, openSubgraphDatabase } from './database';
import { log } from './log';
import { serve } from './serve';
import { createSubgraphServer, type SubgraphDefinition } from './subgraph';

/**
 * The entry of every subgraph: read the environment once, open the database, apply
 * migrations, seed an empty schema when asked, and listen until a signal.
 */
export function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  const name = definition.name;
  return serve(name, async () => {
    const config = loadSubgraphConfig(process.env, {
      name,
      port: definition.defaultPort,
      schema: definition.defaultSchema,
    });
    const orm = await openSubgraphDatabase(definition, config.databaseUrl, {
      schema: config.databaseSchema,
      logSql: config.logSql,
      limits: config.databaseLimits,
    });
    if (config.migrateOnStart) {
      const applied = await migrate(orm);
      if (applied.length) log(name, `applied migrations: ${applied.join(', ')}`);
    }
    if (config.seedOnStart && !(await definition.hasData(orm.em.fork()))) {
      const report = await orm.em.fork().transactional((em) => definition.seed(em));
      log(name, `seeded an empty schema: ${JSON.stringify(report)}`);
    }
    const service = await createSubgraphServer(definition, orm, {
      gatewaySecret: config.gatewaySecret,
      limits: config.queryLimits,
      maxBodyBytes: config.maxBodyBytes,
    });
    return {
      url: await service.listen(config.port),
      stop: async () => {
        await service.stop();
        await orm.close();
      },
    };
  });
}
