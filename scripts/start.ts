import { type ChildProcess, fork } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '@citipart/subgraph-kit/runtime';
import { loadLocalConfig } from './local-config';
import { type LocalDatabase, openLocalDatabase } from './local-database';
import { loadLocalSecrets, publicKeyOf } from './local-secrets';
import { SetupError } from './setup-error';
import { type StartLock, takeStartLock } from './start-lock';
import { SUBGRAPHS } from './subgraphs';

/**
 * `npm start`: the whole graph on one machine with nothing configured. Starts (or reuses)
 * the database, then the five subgraphs (each migrates, and seeds an empty schema) and the
 * gateway as separate processes, and prints the explorer's URL. Ctrl-C or SIGTERM stops
 * everything it started, PostgreSQL included; if one service dies, all stop.
 */
const ROOT = join(__dirname, '..');

interface Service {
  name: string;
  entry: string;
  env: Record<string, string>;
}

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

  // The token key and the gateway's secret: made once, kept in the data folder, unless the
  // environment gives its own.
  const secrets = await loadLocalSecrets(config.dataDir);
  const gatewaySecret = config.gatewaySecret ?? secrets.gatewaySecret;
  const services: Service[] = [
    ...SUBGRAPHS.map((subgraph) => ({
      name: subgraph.name,
      entry: join('subgraphs', subgraph.name, 'src', 'main.ts'),
      env: {
        DATABASE_URL: databaseUrl,
        MIGRATE_ON_START: 'true',
        SEED_ON_START: 'true',
        GATEWAY_SECRET: gatewaySecret,
      },
    })),
    {
      name: 'gateway',
      entry: join('gateway', 'src', 'main.ts'),
      env: {
        GATEWAY_SECRET: gatewaySecret,
        // The public half of the key `npm run token` signs with (JWT_PRIVATE_KEY, or the kept one).
        ...(!config.jwtPublicKeyConfigured && {
          JWT_PUBLIC_KEY: config.jwtPrivateKey ? publicKeyOf(config.jwtPrivateKey) : secrets.jwtPublicKey,
        }),
      },
    },
  ];
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  const stopAll = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log('start', `stopping everything (${reason})`);
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    await database?.stop();
    await lock?.release();
    log('start', 'stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll('SIGINT', 0));
  process.on('SIGTERM', () => void stopAll('SIGTERM', 0));

  const ready = services.map(
    (service) =>
      new Promise<string>((resolve) => {
        // Each service in its own Node process, as in production; the IPC channel tells us
        // when it is ready and lets it notice if this supervisor is killed.
        const child = fork(join(ROOT, service.entry), [], {
          cwd: ROOT,
          execArgv: ['-r', '@swc-node/register'],
          env: { ...process.env, ...service.env },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        children.set(service.name, child);
        child.on('message', (message: { type?: string; url?: string }) => {
          if (message.type === 'ready' && message.url) resolve(message.url);
        });
        child.on('exit', (code, signal) => {
          if (!stopping) void stopAll(`${service.name} exited (${signal ?? `code ${code}`})`, 1);
        });
      }),
  );
  const urls = await Promise.all(ready);
  const gatewayUrl = urls.at(-1)!;
  process.stdout.write(
    `\nCitiPart graph is up.\n  Explorer:  ${gatewayUrl.replace(/graphql$/, '')}\n  GraphQL:   ${gatewayUrl}\nPress Ctrl-C to stop.\n\n`,
  );
}

main().catch(async (error: unknown) => {
  // A problem the user can fix is told in its own words; anything else with its stack.
  log('start', 'failed:', error instanceof SetupError ? error.message : error);
  await database?.stop().catch(() => undefined);
  await lock?.release().catch(() => undefined);
  process.exit(1);
});
