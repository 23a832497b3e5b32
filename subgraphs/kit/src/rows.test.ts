import type { EntityClass } from '@mikro-orm/core';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { conditionSql } from './conditions';
import { ActivityAttendance } from './attendance/activity-attendance.entity';
import { Activity } from './partner-type/activity.entity';
import { Member } from './partner-type/member.entity';
import { type Row, rowMapper, scalarColumns } from './rows';
import { AuditEntry } from './writes/audit.entity';

// Rows as plain objects, without a database: the kit's entities that lists page through, with
// rows of every kind of value the pg driver returns and a few it does not. Each maps to what
// `em.map` gives, as an unmanaged instance of the class. test/graph/plain-rows.postgres.test.ts
// does the same for every table of the graph, with real rows.

let orm: MikroORM;
beforeAll(async () => {
  // Metadata only: discovery needs no connection, nor does em.map.
  orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    dbName: 'unused',
    entities: [Activity, Member, AuditEntry, ActivityAttendance],
    connect: false,
    discovery: { warnWhenNoEntities: false },
  });
});
afterAll(() => orm?.close());

const at = new Date('2016-03-13T10:00:00Z');
const activity: Row = {
  id: 'a1',
  created_at: at,
  updated_at: '2016-03-14T10:00:00.000Z',
  partner_id: 'p1',
  kind: 'WORKSHOP',
  theme: 'PEACE',
  title: 'Forum',
  description: null,
  original_locale: 'HR',
  translations: { EN: { title: 'Forum' } },
  starts_on: '2016-03-13',
  ends_on: null,
  town: 'Split',
  participants: { value: 55, qualifier: 'MORE_THAN' },
  presented_at_id: null,
  demo: true,
  sources: [{ title: 'Report', url: 'https://example.org' }],
  version: 3,
  client_key: null,
  // Columns of the page statement: no properties of the entity.
  __parent: 'p1',
  __rank: '1',
};
const member: Row = {
  id: 'm1',
  created_at: at,
  updated_at: at,
  partner_id: 'p1',
  kind: 'PERSON',
  name: 'Ana',
  role: null,
  since: '2015-09-01',
  demo: false,
  version: '2', // a number as text: the validator's fix makes it 2
  client_key: 'k',
  email: 'ana@example.org',
  phone: null,
  consent_to_publish: 1, // a flag as a number
  birth_year: 1990,
  parental_consent: null,
};
const audits: Row[] = [
  {
    id: '9007199254740993',
    at,
    actor: 'admin',
    role: 'NETWORK_ADMIN',
    action: 'x',
    entity_type: 'Activity',
    entity_id: 'a1',
    partner_id: null,
    fields: [],
  },
  {
    id: 12,
    at: '2016-03-13 10:00:00+00',
    actor: 'e',
    role: 'PARTNER_EDITOR',
    action: 'y',
    entity_type: 'Member',
    entity_id: 'm1',
    partner_id: 'p1',
    fields: ['name'],
  },
];
const cell: Row = { activity_id: 'a1', category: 'CITIZEN', age_band: 'AGE_18_30', count: 12, demo: true };

const values = (entity: object) => ({ ...entity }) as Record<string, unknown>;

const cases: [string, EntityClass<object>, Row[]][] = [
  ['Activity', Activity, [activity]],
  ['Member', Member, [member]],
  ['AuditEntry', AuditEntry, audits],
  ['ActivityAttendance', ActivityAttendance, [cell]],
];

test.each(cases)('%s: a row maps to the values em.map gives', (_name, entity, rows) => {
  const map = rowMapper(orm.em.fork(), entity);
  for (const row of rows) {
    const managed = orm.em.fork().map(entity as never, { ...row }) as object;
    const plain = map({ ...row });
    expect(Object.getPrototypeOf(plain)).toBe(entity.prototype);
    expect(plain).toBeInstanceOf(entity);
    expect(values(plain)).toStrictEqual(values(managed));
  }
});

test('a plain row is no managed entity, and its properties are plain data', () => {
  const em = orm.em.fork();
  const plain = rowMapper(em, Activity)(activity);
  expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  const descriptor = Object.getOwnPropertyDescriptor(plain, 'title');
  expect(descriptor).toMatchObject({ value: 'Forum', writable: true, enumerable: true });
  expect(Object.keys(plain)).not.toContain('__parent');
  expect(rowMapper(em, Activity)).toBe(rowMapper(orm.em.fork(), Activity));
});

test('the columns of an entity: its scalar properties, one column each', () => {
  const meta = orm.getMetadata().get(Member.name);
  expect(scalarColumns(meta).map((prop) => prop.fieldNames[0])).toContain('consent_to_publish');
});

describe('conditions as SQL', () => {
  const sql = (condition: object) => {
    const params: unknown[] = [];
    const text = conditionSql(orm.getMetadata().get(Member.name), orm.em.getPlatform(), condition, params, 'e');
    return { text, params };
  };

  test('values, lists, null and comparisons, by property', () => {
    expect(sql({ kind: 'PERSON', birthYear: { $lte: 2000, $gt: 1900 } })).toEqual({
      text: '("e"."kind" = ? and ("e"."birth_year" <= ? and "e"."birth_year" > ?))',
      params: ['PERSON', 2000, 1900],
    });
    expect(sql({ partnerId: ['a', 'b'], role: null, phone: { $ne: null } })).toEqual({
      text: '("e"."partner_id" in (?) and "e"."role" is null and "e"."phone" is not null)',
      params: [['a', 'b']],
    });
    expect(sql({ id: { $in: [] } }).text).toBe('1 = 0');
    expect(sql({ id: { $nin: [] } }).text).toBe('1 = 1');
    expect(sql({}).text).toBe('1 = 1');
  });

  test('$and and $or nest, in parentheses', () => {
    expect(
      sql({
        $or: [
          { kind: 'ORGANISATION' },
          { consentToPublish: true, $or: [{ birthYear: null }, { parentalConsent: true }] },
        ],
      }),
    ).toEqual({
      text: '("e"."kind" = ? or ("e"."consent_to_publish" = ? and ("e"."birth_year" is null or "e"."parental_consent" = ?)))',
      params: ['ORGANISATION', true, true],
    });
    expect(sql({ $and: [] }).text).toBe('1 = 1');
    expect(sql({ $or: [] }).text).toBe('1 = 0');
  });

  test('an unknown property or operator is a programming error', () => {
    expect(() => sql({ nickname: 'x' })).toThrow(/Member.nickname is not a column/);
    expect(() => sql({ name: { $like: 'A%' } })).toThrow(/\$like is not supported/);
    expect(() => sql({ $not: { name: 'x' } })).toThrow(/\$not is not supported/);
  });
});
