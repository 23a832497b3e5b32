import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type GatewayServer, createGatewayServer } from '@citipart/gateway';
import { createErrorMasker } from '@citipart/schema';
import {
  type DatabaseLimits,
  type SubgraphServer,
  DatabaseBusyError,
  migrate,
  openDatabase,
  openSubgraphDatabase,
  createSubgraphServer,
} from '@citipart/subgraph-kit';
import { Migration } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/postgresql';
import { locatedError } from 'graphql';
import { Client } from 'pg';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { type GraphQLResponse, type TestGraph, postGraphQL, startGraph } from '../support/graph';
import { growNetwork } from '../support/grow';
import { codes, expectNoLeaks } from '../support/leaks';

// The bounds on a subgraph's database work (subgraphs/kit/src/database.ts and
// subgraphs/kit/src/context.ts): a statement_timeout and an idle-in-transaction timeout on
// every connection, a bounded wait for a pooled connection, and a row budget per request.
// Each subgraph here is opened over the graph's own database with bounds of its own.

const ROOT = join(__dirname, '..', '..');
const BUSY = /^The (\w|-)+ service is busy; retry in a moment\.$/;

let graph: TestGraph;
const opened: { orm: MikroORM; server?: SubgraphServer }[] = [];
const gateways: GatewayServer[] = [];

beforeAll(async () => {
  graph = await startGraph('dblimits');
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  for (const { orm, server } of opened) {
    await server?.stop();
    await orm.close();
  }
  await graph?.stop();
});

const definition = (name: string) => SUBGRAPHS.find((subgraph) => subgraph.name === name)!;

/** Subgraph `name` over the graph's database (migrated and seeded), with these bounds. */
async function subgraphWith(name: string, limits: Partial<DatabaseLimits>, onSql?: (sql: string) => void) {
  const orm = await openSubgraphDatabase(definition(name), graph.databaseUrl, { limits, onSql });
  const server = await createSubgraphServer(definition(name), orm);
  opened.push({ orm, server });
  return { orm, url: await server.listen(0) };
}

/** A gateway over the graph's subgraphs, with some of them replaced. */
async function gatewayWith(subgraphUrls: Record<string, string>): Promise<string> {
  const gateway = await createGatewayServer({
    supergraphSdl: await readFile(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
    subgraphUrls: {
      ...Object.fromEntries([...graph.subgraphs].map(([name, subgraph]) => [name, subgraph.url])),
      ...subgraphUrls,
    },
  });
  gateways.push(gateway);
  return gateway.listen(0);
}

/** Lines the code under test writes to stderr while `work` runs (kept off the test output). */
async function stderrOf<T>(work: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    return { result: await work(), lines };
  } finally {
    spy.mockRestore();
  }
}

/** A session of its own that holds `table` locked until `release` (a request's statement on it waits). */
async function lockTable(table: string): Promise<{ release: () => Promise<void> }> {
  const client = new Client({ connectionString: graph.databaseUrl });
  await client.connect();
  await client.query('begin');
  await client.query(`lock table ${table} in access exclusive mode`);
  return {
    release: async () => {
      await client.query('rollback');
      await client.end();
    },
  };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

// ---------------------------------------------------------------------------------------

describe('statement_timeout and idle_in_transaction_session_timeout', () => {
  test('every pooled connection starts with both bounds', async () => {
    const { orm } = await subgraphWith('network', {
      poolSize: 3,
      statementTimeoutMs: 1234,
      idleInTransactionTimeoutMs: 4321,
    });
    // Three statements at once take three connections of the pool.
    const settings = await Promise.all(
      [0, 1, 2].map(() =>
        orm.em
          .fork()
          .execute<{ statement: string; idle: string; pid: number }[]>(
            `select pg_backend_pid() as pid, current_setting('statement_timeout') as statement,
                    current_setting('idle_in_transaction_session_timeout') as idle, pg_sleep(0.2)`,
          )
          .then((rows) => rows[0]),
      ),
    );
    expect(new Set(settings.map((row) => row.pid)).size).toBe(3);
    for (const row of settings) expect(row).toMatchObject({ statement: '1234ms', idle: '4321ms' });
  });

  test('a statement that runs longer is cancelled; the error says busy, retry, without the statement', async () => {
    const orm = await openDatabase({
      url: graph.databaseUrl,
      schema: 'network',
      entities: [],
      migrations: [],
      limits: { statementTimeoutMs: 200 },
      service: 'sleepy',
    });
    opened.push({ orm });
    const { result: error, lines } = await stderrOf(() =>
      failure(orm.em.fork().execute(`select pg_sleep(2), 'ana.horvat@example.org' as email`)),
    );
    expect(error).toBeInstanceOf(DatabaseBusyError);
    const busy = error as DatabaseBusyError;
    expect(busy.message).toBe('The sleepy service is busy; retry in a moment.');
    expect(busy.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(busy.sqlState).toBe('57014');
    expect(`${busy.message}\n${busy.stack}`).not.toMatch(/pg_sleep|ana\.horvat|select/i);

    // What a client gets: the masker every service answers through keeps code and message.
    const internal = jest.fn();
    const located = locatedError(busy, undefined, ['partners']);
    expect(createErrorMasker(internal)(located.toJSON(), located)).toEqual({
      message: 'The sleepy service is busy; retry in a moment.',
      path: ['partners'],
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(internal).not.toHaveBeenCalled();

    // The log has one line: which bound, never the statement or its values.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /\[sleepy\] busy, answered SERVICE_UNAVAILABLE: statement cancelled \(statement_timeout\) after 200 ms, SQL state 57014\n$/,
    );
    expect(lines[0]).not.toMatch(/pg_sleep|ana\.horvat|select/i);
  });

  test('through the gateway: a query stuck behind a lock is cancelled and answered SERVICE_UNAVAILABLE', async () => {
    const network = await subgraphWith('network', { statementTimeoutMs: 300 });
    const url = await gatewayWith({ network: network.url });
    const lock = await lockTable('network.partner');
    let response: GraphQLResponse<unknown>;
    try {
      ({ result: response } = await stderrOf(() => postGraphQL(url, `{ partners { nodes { name } } }`)));
    } finally {
      await lock.release();
    }
    expect(codes(response)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(response.errors![0].message).toBe('The network service is busy; retry in a moment.');
    expectNoLeaks(response);
    // The same subgraph answers again once the lock is gone.
    const again = await postGraphQL<{ partners: { nodes: unknown[] } }>(url, `{ partners { nodes { name } } }`);
    expect(again.errors).toBeUndefined();
    expect(again.data!.partners.nodes).toHaveLength(8);
  });

  test('migrations are not bound: a slow one completes, and the pool is bound again after it', async () => {
    class SlowMigration extends Migration {
      override up(): void {
        this.addSql('select pg_sleep(0.5)');
      }
    }
    const orm = await openDatabase({
      url: graph.databaseUrl,
      schema: 'slow_migration',
      entities: [],
      migrations: [{ name: 'SlowMigration', class: SlowMigration }],
      limits: { poolSize: 2, statementTimeoutMs: 200 },
    });
    opened.push({ orm });
    expect(await migrate(orm)).toEqual(['SlowMigration']);
    // Both connections of the pool (the migration's included) are bound again.
    const settings = await Promise.all(
      [0, 1].map(() =>
        orm.em
          .fork()
          .execute<{ statement: string }[]>(`select current_setting('statement_timeout') as statement, pg_sleep(0.1)`),
      ),
    );
    expect(settings.map((rows) => rows[0].statement)).toEqual(['200ms', '200ms']);
    const { result: error } = await stderrOf(() => failure(orm.em.fork().execute('select pg_sleep(0.5)')));
    expect(error).toBeInstanceOf(DatabaseBusyError);
  });
  test('a transaction left idle is ended with its session; the pool serves on', async () => {
    const orm = await openDatabase({
      url: graph.databaseUrl,
      schema: 'network',
      entities: [],
      migrations: [],
      limits: { idleInTransactionTimeoutMs: 200 },
    });
    opened.push({ orm });
    // knex reports the ended connection on the console when the pool drops it; expected here.
    const console = jest.spyOn(globalThis.console, 'log').mockImplementation(() => undefined);
    try {
      const error = await failure(
        orm.em.fork().transactional(async (em) => {
          await em.execute('select 1');
          await new Promise((resolve) => setTimeout(resolve, 600));
          await em.execute('select 2');
        }),
      );
      // Our own fault (a transaction must never idle), so not "busy": INTERNAL_SERVER_ERROR.
      expect(error).not.toBeInstanceOf(DatabaseBusyError);
      expect(String(error)).toMatch(/not queryable/);
      expect(await orm.em.fork().execute('select 3 as three')).toEqual([{ three: 3 }]);
    } finally {
      console.mockRestore();
    }
  });
});

describe('the pool', () => {
  test('no connection within the acquire timeout: a statement and a transaction are refused as busy', async () => {
    const orm = await openDatabase({
      url: graph.databaseUrl,
      schema: 'network',
      entities: [],
      migrations: [],
      limits: { poolSize: 2, acquireTimeoutMs: 300 },
      service: 'crowded',
    });
    opened.push({ orm });
    // Two open transactions hold both connections.
    const holders = [orm.em.fork(), orm.em.fork()];
    for (const em of holders) await em.begin();
    try {
      const { result: errors, lines } = await stderrOf(() =>
        Promise.all([
          failure(orm.em.fork().execute('select 1')),
          failure(orm.em.fork().transactional((em) => em.execute('select 1'))),
        ]),
      );
      for (const error of errors) {
        expect(error).toBeInstanceOf(DatabaseBusyError);
        expect((error as DatabaseBusyError).message).toBe('The crowded service is busy; retry in a moment.');
        expect((error as DatabaseBusyError).reason).toBe('no connection free within 300 ms (pool of 2)');
      }
      expect(lines).toHaveLength(2);
    } finally {
      for (const em of holders) await em.rollback();
    }
    expect(await orm.em.fork().execute('select 1 as one')).toEqual([{ one: 1 }]);
  });
});

// ---------------------------------------------------------------------------------------

describe('the row budget of a request', () => {
  const PARTNERS = `{ partners { nodes { name } } }`;

  test('counts the rows of a page statement: 8 partners fit a budget of 8, not one of 7', async () => {
    const eight = await subgraphWith('network', { maxRowsPerRequest: 8 });
    const seven = await subgraphWith('network', { maxRowsPerRequest: 7 });
    const fits = await postGraphQL<{ partners: { nodes: unknown[] } }>(
      await gatewayWith({ network: eight.url }),
      PARTNERS,
    );
    expect(fits.errors).toBeUndefined();
    expect(fits.data!.partners.nodes).toHaveLength(8);

    const over = await postGraphQL(await gatewayWith({ network: seven.url }), PARTNERS);
    expect(codes(over)).toEqual(['RESULT_TOO_LARGE']);
    expect(over.errors![0].message).toMatch(/more than 7 rows.*ask for fewer items/);
    expectNoLeaks(over);
  });

  test('counts the batched loaders: nested delegations and their partners go over a small budget', async () => {
    const query = `{ meetings { nodes { title delegations { count partner { name } } } } }`;
    const roomy = await postGraphQL<{ meetings: { nodes: { delegations: unknown[] }[] } }>(graph.url, query);
    expect(roomy.errors).toBeUndefined();
    const meetings = roomy.data!.meetings.nodes;
    const delegations = meetings.reduce((sum, meeting) => sum + meeting.delegations.length, 0);
    expect(delegations).toBeGreaterThan(1);

    // The meetings page (5 rows) fits; the delegations loaded for them do not.
    const small = await subgraphWith('network', { maxRowsPerRequest: meetings.length + 1 });
    const over = await postGraphQL(await gatewayWith({ network: small.url }), query);
    expect(codes(over)).toContain('RESULT_TOO_LARGE');
    expect(new Set(codes(over))).toEqual(new Set(['RESULT_TOO_LARGE']));
    expectNoLeaks(over);
  });

  test('refuses an _entities batch longer than the budget before any statement', async () => {
    const statements: string[] = [];
    const cities = await subgraphWith('cities', { maxRowsPerRequest: 3 }, (sql) => statements.push(sql));
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on City { website } } }`;
    const representations = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ __typename: 'City', id: `city-${index}` }));

    statements.length = 0; // opening the database checked it exists
    const over = await postGraphQL(cities.url, query, { r: representations(4) });
    expect(codes(over)).toContain('RESULT_TOO_LARGE');
    expect(statements).toEqual([]);
    expectNoLeaks(over);

    const fits = await postGraphQL(cities.url, query, { r: representations(3) });
    expect(fits.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
  });

  test('a page statement stops one row past the budget', async () => {
    const statements: string[] = [];
    const cities = await subgraphWith('cities', { maxRowsPerRequest: 2 }, (sql) => statements.push(sql));
    statements.length = 0;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on City { activities { nodes { title } } } } }`;
    const over = await postGraphQL(cities.url, query, { r: [{ __typename: 'City', id: 'miasto-sosnowiec' }] });
    expect(codes(over)).toContain('RESULT_TOO_LARGE');
    // One statement, for the activities (3 of them), limited to 2 + 1 rows: the row over the
    // two left shows the request is over. (No profile row: no field stored there is asked for.)
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/row_number\(\).* limit \?$/s);
  });
});

// ---------------------------------------------------------------------------------------

describe('a flood against a pool of 2 with a 1 s acquire timeout', () => {
  const REQUESTS = 200;

  /** Outcomes of `REQUESTS` concurrent posts: answered, refused as busy, or anything else. */
  async function flood(url: string, query: string, variables: Record<string, unknown>, onSettled?: () => void) {
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: REQUESTS }, () =>
        postGraphQL<Record<string, unknown>>(url, query, variables).finally(() => onSettled?.()),
      ),
    );
    const outcomes = { answered: 0, busy: 0, other: [] as GraphQLResponse<unknown>[] };
    for (const response of responses) {
      expectNoLeaks(response);
      if (!response.errors && response.data) outcomes.answered += 1;
      else if (
        response.errors?.every((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE' && BUSY.test(error.message))
      ) {
        outcomes.busy += 1;
      } else outcomes.other.push(response);
    }
    return { ...outcomes, settled: responses.length, ms: Date.now() - started };
  }

  const CITIES = `query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on City {
        activities(first: 20, filter: { theme: PEACE }) { totalCount nodes { title startsOn theme } }
        members(first: 20) { totalCount nodes { name } }
      }
    }
  }`;

  // How many are answered depends on the machine's speed; that each is answered or refused
  // as busy, and that all settle, does not.
  test('heavy requests: every one is answered or refused as busy, none hangs', async () => {
    // 10 more cities, 100 activities each: each request counts and ranks 1,000 activities in
    // PostgreSQL and returns a page of 20 per city.
    await growNetwork(graph, 10, 100, 1);
    const representations = Array.from({ length: 10 }, (_, index) => ({
      __typename: 'City',
      id: `extra-1-city-${index}`,
    }));
    const cities = await subgraphWith('cities', { poolSize: 2, acquireTimeoutMs: 1_000 });
    const { result } = await stderrOf(() => flood(cities.url, CITIES, { r: representations }));
    process.stdout.write(
      `flood of ${REQUESTS} (10 cities x 100 activities, pages of 20, pool 2, acquire 1 s): ` +
        `${result.answered} answered, ${result.busy} busy, all settled in ${result.ms} ms\n`,
    );
    expect(result.settled).toBe(REQUESTS);
    expect(result.other).toEqual([]);
    expect(result.answered + result.busy).toBe(REQUESTS);

    // The pool is whole afterwards.
    const after = await postGraphQL<{ _entities: { activities: { totalCount: number } }[] }>(cities.url, CITIES, {
      r: representations,
    });
    expect(after.errors).toBeUndefined();
    expect(after.data!._entities.map((city) => city.activities.totalCount)).toEqual(Array(10).fill(100));
  }, 180_000); // room for a slow machine: nothing is timed, but 200 requests in one process take a while

  test('both connections held: the other 198 are refused as busy, the 2 are answered', async () => {
    // Long statements, so that only the acquire timeout decides here.
    const cities = await subgraphWith('cities', { poolSize: 2, acquireTimeoutMs: 1_000, statementTimeoutMs: 60_000 });
    const lock = await lockTable('cities.profile');
    // With a field stored in the profile: each request reads its profile row first, before
    // its lists, and so holds its one connection on the locked table.
    const withProfile = CITIES.replace('... on City {', '... on City {\n        website');
    let settled = 0;
    let allButTwo!: () => void;
    const waiting = new Promise<void>((resolve) => (allButTwo = resolve));
    const run = stderrOf(() =>
      flood(cities.url, withProfile, { r: [{ __typename: 'City', id: 'miasto-sosnowiec' }] }, () => {
        settled += 1;
        if (settled === REQUESTS - 2) allButTwo();
      }),
    );
    try {
      // The two requests that took the connections wait on the lock; release it once the
      // others have their answers (or after 30 s, for a failing run to show its outcomes).
      await Promise.race([waiting, new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    } finally {
      await lock.release();
    }
    const { result } = await run;
    process.stdout.write(
      `flood of ${REQUESTS} with both connections held: ${result.answered} answered, ${result.busy} busy, ` +
        `all settled in ${result.ms} ms\n`,
    );
    expect(result.settled).toBe(REQUESTS);
    expect(result.other).toEqual([]);
    expect(result).toMatchObject({ answered: 2, busy: REQUESTS - 2 });
  });
});
