import { createSubgraphServer, migrate, openSubgraphDatabase } from '@citipart/subgraph-kit';
import { SUBGRAPHS } from '../subgraphs';

/**
 * The benchmark's subgraph process: the five subgraphs in one process (so that their CPU and
 * memory are measured apart from the gateway's), over BENCH_DATABASE_URL, migrated and seeded
 * with the built-in dataset. Tells its parent (scripts/bench.ts) where each listens.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL!;
  const gatewaySecret = process.env.GATEWAY_SECRET!;
  const stops: (() => Promise<void>)[] = [];
  const subgraphs = [];
  for (const definition of SUBGRAPHS) {
    const orm = await openSubgraphDatabase(definition, databaseUrl);
    await migrate(orm);
    await orm.em.fork().transactional((em) => definition.seed(em));
    const server = await createSubgraphServer(definition, orm, { gatewaySecret });
    const url = await server.listen(0);
    stops.push(async () => {
      await server.stop();
      await orm.close();
    });
    subgraphs.push({
      name: definition.name,
      url,
      schema: definition.defaultSchema,
      partnerType: definition.partnerType,
    });
  }
  const stop = async () => {
    for (const each of stops) await each().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  process.send!({ type: 'ready', subgraphs });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench subgraphs failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
