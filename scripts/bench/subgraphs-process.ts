import { type RunningSubgraph, startSubgraphs } from '../../test/support/graph';
import { SUBGRAPHS } from '../subgraphs';

/**
 * The benchmark's subgraph process: the five subgraphs in one process (so that their CPU and
 * memory are measured apart from the gateway's), over BENCH_DATABASE_URL, migrated and seeded
 * with the built-in dataset. Tells its parent (scripts/bench.ts) where each listens.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL!;
  const gatewaySecret = process.env.GATEWAY_SECRET!;
  const running = new Map<string, RunningSubgraph>();
  await startSubgraphs(SUBGRAPHS, databaseUrl, running, { gatewaySecret, seed: true });
  const subgraphs = [...running.values()].map(({ definition, url }) => ({
    name: definition.name,
    url,
    schema: definition.defaultSchema,
    partnerType: definition.partnerType,
  }));
  const stop = async () => {
    for (const { server, orm } of running.values()) {
      await server.stop().catch(() => undefined);
      await orm.close().catch(() => undefined);
    }
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
