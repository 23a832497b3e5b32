import { readFileSync } from 'node:fs';

/**
 * The benchmark's Hive Gateway process (issue 11): @graphql-hive/gateway's own command line,
 * `hive-gateway supergraph <file> --port <port> --host 127.0.0.1`, run through the package's
 * JavaScript entry (`run`, what its bin calls) in a process that scripts/bench.ts forks and
 * measures like the others. Everything else is Hive's default: one process (its `--fork`
 * default is 1), no config file (it runs in HIVE_DIR, which holds only the supergraph), and
 * nothing that reports anywhere: usage reporting, tracing, persisted documents and schema
 * delivery are only switched on by a token, an endpoint or a config file, and the parent sets
 * no variable but these (see startProcess). Tells its parent where it listens once it does.
 *
 * HIVE_SUPERGRAPH: the supergraph, its routing URLs rewritten to the bench's subgraphs.
 * HIVE_DIR: the working directory (a temporary one). HIVE_PORT: a free port.
 */

/**
 * Loaded by name, untyped: its type declarations bring @types/node 25 (a dependency of
 * @graphql-hive/gateway-runtime), whose globals clash with the project's Node 20 types.
 */
const HIVE_GATEWAY: string = '@graphql-hive/gateway';

async function main(): Promise<void> {
  const port = process.env.HIVE_PORT!;
  process.chdir(process.env.HIVE_DIR!);
  // The bin sets the version it prints at start; `run` alone would say "unknown".
  const manifest = readFileSync(require.resolve(`${HIVE_GATEWAY}/package.json`), 'utf8');
  Object.assign(globalThis, { __VERSION__: (JSON.parse(manifest) as { version: string }).version });
  process.argv = [
    process.argv[0],
    'hive-gateway',
    'supergraph',
    process.env.HIVE_SUPERGRAPH!,
    '--port',
    port,
    '--host',
    '127.0.0.1',
  ];
  const { run } = (await import(HIVE_GATEWAY)) as { run: (context: object) => Promise<unknown> };
  // Resolves once the server listens (Hive's HTTP server start resolves on `listening`).
  await run({});
  // Hive closes its server on SIGTERM, but the IPC channel would keep the process alive.
  const exit = () => setTimeout(() => process.exit(0), 500);
  process.once('SIGTERM', exit);
  process.once('disconnect', exit);
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}/graphql` });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench hive gateway failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
