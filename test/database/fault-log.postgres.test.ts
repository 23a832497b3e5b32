import { describeFault, openDatabase } from '@citipart/subgraph-kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createTestDatabase } from '../support/database';

// Server logs outlive erasure, so a database fault is logged without its SQL or values.

let database: { url: string; drop: () => Promise<void> };
let orm: MikroORM;
beforeAll(async () => {
  database = await createTestDatabase('faults');
  orm = await openDatabase({ url: database.url, schema: 'faults', entities: [], migrations: [] });
  await orm.em.getConnection().execute('create schema faults; create table faults.person (email text primary key)');
  await orm.em.getConnection().execute(`insert into faults.person values ('ana.horvat@example.org')`);
});
afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

test('a constraint violation through MikroORM is logged as its class, SQL state and constraint', async () => {
  const error = await failure(() =>
    orm.em.fork().execute(`insert into faults.person values ('ana.horvat@example.org')`),
  );
  expect(String((error as Error).message)).toMatch(/ana\.horvat/);
  const logged = describeFault(error);
  expect(logged).toMatch(/^UniqueConstraintViolationException \(SQL state 23505, constraint person_pkey/);
  expect(logged).not.toMatch(/ana\.horvat|insert into|example\.org/);
});

test('the driver’s own error (from a query builder) is described the same way', async () => {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const error = await failure(() => client.query(`insert into faults.person values ('ana.horvat@example.org')`));
  await client.end();
  const logged = describeFault(error);
  expect(logged).toMatch(/SQL state 23505/);
  expect(logged).not.toMatch(/ana\.horvat|example\.org/);
});

test('other faults keep their message and stack', () => {
  expect(describeFault(new Error('Partner x is referenced but not on the roster'))).toMatch(
    /^Error: Partner x is referenced/,
  );
});
