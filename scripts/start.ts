import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '@citipart/subgraph-kit/runtime';
import { DASHBOARD_DIST, buildDashboard } from '../dashboard/scripts/build';
import { COMPILED_EXEC_ARGV, buildServices, compiledPath } from './build';
import { loadLocalConfig } from './local-config';
import { type LocalDatabase, openLocalDatabase } from './local-database';
import { loadLocalSecrets, publicKeyOf } from './local-secrets';
import { SetupError } from './setup-error';
import { type StartLock, takeStartLock } from './start-lock';
import { SUBGRAPHS } from './subgraphs';
import { type ServiceSpec, Supervisor, superviseUntilStopped } from './supervisor';

/**
 * `npm start`: the whole graph on one machine with nothing configured. Starts (or reuses)
 * the database, then the five subgraphs (each migrates, and seeds an empty schema) and the
 * gateway as separate processes under a supervisor (./supervisor.ts), and prints the
 * explorer's URL. A service that dies is restarted; Ctrl-C or SIGTERM stops everything it
 * started, PostgreSQL included, and so does a service that keeps dying at start.
 */
const ROOT = join(__dirname, '..');

/** What this run holds until it stops; undone in reverse order, also when the start fails. */
let lock: StartLock | undefined;
let database: LocalDatabase | undefined;

async function main(): Promise<void> {
  const config = loadLocalConfig(process.env);
  await mkdir(config.dataDir, { recursive: true });
  // One start per data folder: a second one would stop the first one's PostgreSQL.
  lock = await takeStartLock(config.dataDir);
  database = await openLocalDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
  });
  const databaseUrl = database.url;

  // The dashboard the gateway serves at /dashboard: `npm install` built it; a checkout that
  // skipped install scripts (npm ci --ignore-scripts) gets it built here.
  if (!existsSync(join(DASHBOARD_DIST, 'index.html'))) {
    const { ms } = await buildDashboard();
    log('start', `built the dashboard in ${ms} ms`);
  }

  // The services run compiled (./build.ts), from the sources as they are now.
  const compiled = await buildServices();
  log('start', `compiled the services (${compiled.files} files) in ${compiled.ms} ms`);

  // The token key and the gateway's secret: made once, kept in the data folder, unless the
  // environment gives its own.
  const secrets = await loadLocalSecrets(config.dataDir);
  const gatewaySecret = config.gatewaySecret ?? secrets.gatewaySecret;
  const service = (name: string, entry: string, env: Record<string, string>): ServiceSpec => ({
    name,
    entry: join(ROOT, compiledPath(entry)),
    cwd: ROOT,
    // Compiled JavaScript, as in the Docker image.
    execArgv: COMPILED_EXEC_ARGV,
    // Each service reads its own configuration from what this process was given, plus what
    // `npm start` decided; fixed here, so that a restarted service gets the same (and the
    // same port).
    env: { ...process.env, ...env },
  });
  const supervisor = new Supervisor([
    ...SUBGRAPHS.map((subgraph) =>
      service(subgraph.name, join('subgraphs', subgraph.name, 'src', 'main.ts'), {
        DATABASE_URL: databaseUrl,
        MIGRATE_ON_START: 'true',
        SEED_ON_START: 'true',
        GATEWAY_SECRET: gatewaySecret,
      }),
    ),
    service('gateway', join('gateway', 'src', 'main.ts'), {
      GATEWAY_SECRET: gatewaySecret,
      // The public half of the key `npm run token` signs with (JWT_PRIVATE_KEY, or the kept one).
      ...(!config.jwtPublicKeyConfigured && {
        JWT_PUBLIC_KEY: config.jwtPrivateKey ? publicKeyOf(config.jwtPrivateKey) : secrets.jwtPublicKey,
      }),
    }),
  ]);
  // The services go first, then the database they use, then the lock.
  superviseUntilStopped(supervisor, async () => {
    await database?.stop();
    await lock?.release();
  });

  const urls = await supervisor.allReady;
  const gatewayUrl = urls.get('gateway')!;
  process.stdout.write(
    `\nCitiPart graph is up.\n  Explorer:  ${gatewayUrl.replace(/graphql$/, '')}\n  Dashboard: ${gatewayUrl.replace(/graphql$/, 'dashboard')}\n  GraphQL:   ${gatewayUrl}\nPress Ctrl-C to stop.\n\n`,
  );
}

main().catch(async (error: unknown) => {
  // A problem the user can fix is told in its own words; anything else with its stack.
  log('start', 'failed:', error instanceof SetupError ? error.message : error);
  await database?.stop().catch(() => undefined);
  await lock?.release().catch(() => undefined);
  process.exit(1);
});
