import { DEFAULT_DATABASE_LIMITS, SUBGRAPH_ENV_VARIABLES, loadSubgraphConfig } from './config';

// The database bounds of a subgraph come from its environment, read and checked once.

const DEFAULTS = { name: 'cities', port: 4002, schema: 'cities' };

test('without variables, every bound takes its default', () => {
  expect(loadSubgraphConfig({}, DEFAULTS).databaseLimits).toEqual({
    poolSize: 10,
    acquireTimeoutMs: 2_000,
    statementTimeoutMs: 3_000,
    idleInTransactionTimeoutMs: 10_000,
    maxRowsPerRequest: 10_000,
  });
  expect(DEFAULT_DATABASE_LIMITS).toEqual(loadSubgraphConfig({}, DEFAULTS).databaseLimits);
});

test('each bound has its variable', () => {
  const config = loadSubgraphConfig(
    {
      DATABASE_POOL_SIZE: '2',
      DATABASE_ACQUIRE_TIMEOUT_MS: '1000',
      DATABASE_STATEMENT_TIMEOUT_MS: '200',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '5000',
      MAX_ROWS_PER_REQUEST: '50',
      // An empty variable means "not set".
      DATABASE_URL: '',
    },
    DEFAULTS,
  );
  expect(config.databaseLimits).toEqual({
    poolSize: 2,
    acquireTimeoutMs: 1000,
    statementTimeoutMs: 200,
    idleInTransactionTimeoutMs: 5000,
    maxRowsPerRequest: 50,
  });
  expect(SUBGRAPH_ENV_VARIABLES).toEqual(
    expect.arrayContaining([
      'DATABASE_POOL_SIZE',
      'DATABASE_ACQUIRE_TIMEOUT_MS',
      'DATABASE_STATEMENT_TIMEOUT_MS',
      'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS',
      'MAX_ROWS_PER_REQUEST',
    ]),
  );
});

test('bad values are reported together, before anything starts', () => {
  const load = () =>
    loadSubgraphConfig(
      {
        DATABASE_POOL_SIZE: '1',
        DATABASE_ACQUIRE_TIMEOUT_MS: 'soon',
        DATABASE_STATEMENT_TIMEOUT_MS: '0',
        DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1.5',
        MAX_ROWS_PER_REQUEST: '-1',
      },
      DEFAULTS,
    );
  expect(load).toThrow(/^Invalid configuration for cities:/);
  const message = (() => {
    try {
      load();
    } catch (error) {
      return (error as Error).message;
    }
  })();
  for (const variable of [
    'DATABASE_POOL_SIZE',
    'DATABASE_ACQUIRE_TIMEOUT_MS',
    'DATABASE_STATEMENT_TIMEOUT_MS',
    'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS',
    'MAX_ROWS_PER_REQUEST',
  ]) {
    expect(message).toContain(`  ${variable}: `);
  }
});

test('each query limit and the body size have a variable; unset, the service keeps its defaults', () => {
  expect(loadSubgraphConfig({}, DEFAULTS)).toMatchObject({ queryLimits: {}, maxBodyBytes: undefined });
  const config = loadSubgraphConfig(
    { QUERY_MAX_DEPTH: '8', QUERY_MAX_COST: '1000', QUERY_LIST_SIZE: '20', MAX_BODY_BYTES: '65536' },
    DEFAULTS,
  );
  expect(config.queryLimits).toEqual({ maxDepth: 8, maxCost: 1000, listSize: 20 });
  expect(config.maxBodyBytes).toBe(65536);
  expect(SUBGRAPH_ENV_VARIABLES).toEqual(expect.arrayContaining(['QUERY_MAX_TOKENS', 'QUERY_MAX_ALIASES']));
  expect(() => loadSubgraphConfig({ QUERY_MAX_DEPTH: '0', QUERY_MAX_ALIASES: 'many' }, DEFAULTS)).toThrow(
    /QUERY_MAX_DEPTH: [\s\S]*QUERY_MAX_ALIASES: /,
  );
});
