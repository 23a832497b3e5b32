import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Theme } from '@citipart/schema';
import { GraphQLError } from 'graphql';
import {
  type KeyPart,
  type KeysetQuery,
  type PartitionedQuery,
  MAX_CURSOR_LENGTH,
  MAX_KEY_TEXT_LENGTH,
  decodeCursor,
  encodeCursor,
  keyColumn,
  keyPart,
} from './pagination';
import { Activity } from './partner-type/activity.entity';
import { Member } from './partner-type/member.entity';
import { AuditEntry } from './writes/audit.entity';

// The pure parts of pagination.ts: cursors are checked part by part against the types of
// the columns they stand for, and properties map to columns through MikroORM's metadata.

const TEXT: KeyPart = { type: 'text', maxLength: MAX_KEY_TEXT_LENGTH };
const DATE: KeyPart = { type: 'date' };
const BIGINT: KeyPart = { type: 'bigint' };
const INTEGER: KeyPart = { type: 'integer', min: -(2 ** 31), max: 2 ** 31 - 1 };
const UUID: KeyPart = { type: 'uuid' };
const THEME: KeyPart = { type: 'text', maxLength: MAX_KEY_TEXT_LENGTH, values: Object.values(Theme) };

/** The keys of the graph's lists (activities and meetings; partners and members; audit logs), and other types. */
const LAYOUTS: Record<string, readonly KeyPart[]> = {
  'date, text': [DATE, TEXT],
  'text, text': [TEXT, TEXT],
  bigint: [BIGINT],
  'integer, uuid': [INTEGER, UUID],
  'enum, date, bigint': [THEME, DATE, BIGINT],
};

// ---------------------------------------------------------------------------------------
// A seeded generator, so that a failing case can be found again.

const SEED = 20160313;

function generator(seed: number) {
  let state = seed >>> 0;
  // mulberry32
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <V>(values: readonly V[]): V => values[int(values.length)];
  return { next, int, pick };
}

type Random = ReturnType<typeof generator>;

// Characters a made-up cursor may carry: NUL and other controls, lone surrogates, an astral
// character, quotes and backslashes, digits and dashes that look like dates and numbers.
const CHARACTERS = [
  'a',
  'Z',
  '0',
  '9',
  '-',
  ' ',
  '"',
  '\\',
  '\u0000',
  '\u0001',
  '\n',
  '\ud800',
  '\udfff',
  'é',
  'ż',
  '😀',
  '٣',
  '２',
];

function randomText(random: Random, maxLength = 40): string {
  return Array.from({ length: random.int(maxLength + 1) }, () => random.pick(CHARACTERS)).join('');
}

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 63),
  1e21,
  1e308,
  -1e308,
  5e-324,
];

function randomJson(random: Random, depth = 0): unknown {
  switch (random.int(depth > 2 ? 7 : 9)) {
    case 0:
      return randomText(random);
    case 1:
      return random.pick(NUMBERS);
    case 2:
      return random.int(2 ** 31) * (random.int(2) ? 1 : -1);
    case 3:
      return random.pick([true, false, null]);
    case 4: {
      const digits = (n: number) => Array.from({ length: n }, () => random.int(10)).join('');
      return `${digits(4)}-${digits(2)}-${digits(2)}`;
    }
    case 5:
      return `${random.pick(['', '-', '+', ' '])}${Array.from({ length: 1 + random.int(24) }, () => random.int(10)).join('')}`;
    case 6:
      return random.pick(['NaN', 'Infinity', '-Infinity', '1e3', '0x10', '', 'null', 'true', '2016-03-13T00:00:00Z']);
    case 7:
      return Array.from({ length: random.int(4) }, () => randomJson(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(3) }, () => [randomText(random, 5), randomJson(random, depth + 1)]),
      );
  }
}

/** A value that fits the part, as the database would give it out. */
function validValue(random: Random, part: KeyPart): string | number {
  switch (part.type) {
    case 'text':
      if (part.values) return random.pick(part.values);
      return Array.from({ length: random.int(60) }, () =>
        random.pick(['a', 'Z', '0', '-', ' ', 'é', 'ż', '😀', '"', '\\']),
      ).join('');
    case 'date': {
      const year = 1 + random.int(9999);
      const month = 1 + random.int(12);
      const day = 1 + random.int(28);
      return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
    case 'bigint':
      return random.int(2)
        ? String(BigInt(random.int(2 ** 31)) * BigInt(random.int(2 ** 31)) * BigInt(random.int(2) + 1))
        : random.int(Number.MAX_SAFE_INTEGER);
    case 'integer':
      return part.min + random.int(part.max - part.min + 1);
    case 'uuid':
      return [8, 4, 4, 4, 12]
        .map((n) => Array.from({ length: n }, () => random.int(16).toString(16)).join(''))
        .join('-');
  }
}

/** Values of the wrong type for a part, and boundary values that are out of it. */
function wrongValues(part: KeyPart): unknown[] {
  const shared = [null, true, false, [], [['x']], {}, { id: 'x' }];
  switch (part.type) {
    case 'text':
      return [
        ...shared,
        42,
        0,
        1.5,
        'a\u0000b',
        '\u0000',
        '\ud800',
        'x\udfffy',
        'x'.repeat(MAX_KEY_TEXT_LENGTH + 1),
        ...(part.values ? ['peace', 'PEACE ', ''] : []),
      ];
    case 'date':
      return [
        ...shared,
        20160313,
        'not-a-date',
        '2016-02-30',
        '2015-02-29',
        '1900-02-29',
        '2100-02-29',
        '2016-04-31',
        '2016-06-31',
        '2016-12-32',
        '2016-13-01',
        '2016-00-10',
        '2016-01-00',
        '0000-01-01',
        '2016-3-13',
        '16-03-13',
        '20160-03-13',
        '+2016-03-13',
        '2016-03-13 ',
        ' 2016-03-13',
        '2016-03-13T00:00:00Z',
        '2016/03/13',
        '２０１６-03-13',
        '2016-03-1\u0663',
        'infinity',
        'epoch',
        '',
      ];
    case 'bigint':
      return [
        ...shared,
        1.5,
        -0.5,
        2 ** 53,
        1e21,
        1e308,
        'abc',
        '',
        '-',
        '1.5',
        '1e3',
        '0x10',
        '00',
        '01',
        '-0',
        ' 1',
        '1 ',
        '+1',
        'NaN',
        'Infinity',
        '\u0663',
        '9223372036854775808',
        '-9223372036854775809',
        '99999999999999999999',
        '2016-03-13',
      ];
    case 'integer':
      return [...shared, '1', 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, 'NaN'];
    case 'uuid':
      return [...shared, 42, 'x', '00000000-0000-0000-0000-00000000000', '00000000-0000-0000-0000-00000000000g'];
  }
}

/** Cursors that are right at the edge of each part: every one decodes. */
const BOUNDARY_VALUES: [KeyPart, unknown][] = [
  [DATE, '2016-02-29'],
  [DATE, '2000-02-29'],
  [DATE, '0001-01-01'],
  [DATE, '9999-12-31'],
  [TEXT, ''],
  [TEXT, 'x'.repeat(MAX_KEY_TEXT_LENGTH)],
  [TEXT, '😀'.repeat(MAX_KEY_TEXT_LENGTH / 2)],
  [BIGINT, '9223372036854775807'],
  [BIGINT, '-9223372036854775808'],
  [BIGINT, '0'],
  [BIGINT, Number.MAX_SAFE_INTEGER],
  [INTEGER, 2 ** 31 - 1],
  [INTEGER, -(2 ** 31)],
  [UUID, '6F9619FF-8B86-D011-B42D-00C04FC964FF'],
];

// ---------------------------------------------------------------------------------------
// An oracle for what a decoded part may be, written apart from pagination.ts.

function isPart(value: unknown, part: KeyPart): boolean {
  switch (part.type) {
    case 'text':
      return (
        typeof value === 'string' &&
        value.length <= part.maxLength &&
        !value.includes('\u0000') &&
        // A lone surrogate does not survive a trip through UTF-8.
        Buffer.from(value, 'utf8').toString('utf8') === value &&
        (!part.values || part.values.includes(value))
      );
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    }
    case 'bigint': {
      if (typeof value === 'number') return Number.isSafeInteger(value);
      if (typeof value !== 'string' || !/^-?\d+$/.test(value)) return false;
      const big = BigInt(value);
      return big.toString() === value && big >= -(2n ** 63n) && big < 2n ** 63n;
    }
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= part.min && value <= part.max;
    case 'uuid':
      return typeof value === 'string' && /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value);
  }
}

type Outcome = { decoded: (string | number)[] } | { refused: GraphQLError };

/** Decodes, and fails the test on anything but a checked key or a BAD_USER_INPUT on "after". */
function decodeOrRefuse(cursor: string, parts: readonly KeyPart[]): Outcome {
  let decoded: (string | number)[];
  try {
    decoded = decodeCursor(cursor, parts);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw new Error(`${JSON.stringify(cursor)} threw ${String(error)}`);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(error.message).toMatch(/^"after" is not a cursor this list gave out(: "[A-Za-z0-9_-]{1,64}…?")?\.$/);
    return { refused: error };
  }
  expect(decoded).toHaveLength(parts.length);
  for (const [index, part] of parts.entries()) {
    if (!isPart(decoded[index], part)) {
      throw new Error(
        `${JSON.stringify(cursor)} decoded to ${JSON.stringify(decoded)}: part ${index} is no ${part.type}`,
      );
    }
  }
  // Nothing is coerced: the key is the JSON of the cursor, as it was.
  expect(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).toEqual(decoded);
  return { decoded };
}

const ofJson = (json: string) => Buffer.from(json, 'utf8').toString('base64url');

describe('decodeCursor, fuzzed', () => {
  const random = generator(SEED);
  const tally = { cursors: 0, decodes: 0, decoded: 0, refused: 0 };
  const run = (cursor: string, parts: readonly KeyPart[]) => {
    tally.decodes += 1;
    const outcome = decodeOrRefuse(cursor, parts);
    tally['decoded' in outcome ? 'decoded' : 'refused'] += 1;
    return outcome;
  };

  afterAll(() => {
    process.stdout.write(
      `cursor fuzz (seed ${SEED}): ${tally.cursors} cursors, ${tally.decodes} decodes, ` +
        `${tally.decoded} decoded, ${tally.refused} refused\n`,
    );
  });

  test('random strings and random bytes are refused, never a crash', () => {
    const before = { ...tally };
    for (let n = 0; n < 150; n += 1) {
      const cursors = [
        randomText(random, 60),
        Buffer.from(Array.from({ length: random.int(90) }, () => random.int(256))).toString('base64url'),
        Buffer.from(Array.from({ length: random.int(90) }, () => random.int(256))).toString('base64'),
      ];
      for (const cursor of cursors) {
        tally.cursors += 1;
        for (const parts of Object.values(LAYOUTS)) run(cursor, parts);
      }
    }
    // Each test counts what it tried itself, so that it proves the same alone.
    expect(tally.cursors - before.cursors).toBe(450);
    expect(tally.refused - before.refused).toBeGreaterThan(0);
  });

  test('valid base64url of random JSON either decodes to checked parts or is refused', () => {
    const before = { ...tally };
    for (let n = 0; n < 300; n += 1) {
      const arity = random.int(4);
      const value = random.int(3) ? Array.from({ length: arity }, () => randomJson(random)) : randomJson(random);
      const cursor = ofJson(JSON.stringify(value));
      tally.cursors += 1;
      for (const parts of Object.values(LAYOUTS)) run(cursor, parts);
    }
    expect(tally.cursors - before.cursors).toBe(300);
    expect(tally.decoded - before.decoded).toBeGreaterThan(0);
    expect(tally.refused - before.refused).toBeGreaterThan(0);
  });

  test.each(Object.entries(LAYOUTS))('the right arity with a wrong type at each part: %s', (_name, parts) => {
    let refused = 0;
    for (const [index, part] of parts.entries()) {
      for (const wrong of wrongValues(part)) {
        const key: unknown[] = parts.map((other) => validValue(random, other));
        key[index] = wrong;
        tally.cursors += 1;
        const outcome = run(encodeCursor(key), parts);
        if (!('refused' in outcome))
          throw new Error(`${JSON.stringify(key)} was accepted for ${JSON.stringify(parts)}`);
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(20);
  });

  test('JSON that JSON.stringify never writes: NaN, huge exponents, deep nesting', () => {
    const cursors = [
      '[NaN]',
      '[Infinity]',
      '[1e400]',
      '[-1e400]',
      '[1e-400]',
      '[9007199254740993]',
      '[123456789012345678901234567890]',
      '["2016-03-13",1e400]',
      '["\\u0000"]',
      '["\\ud800","x"]',
      '[' + '['.repeat(2000) + ']'.repeat(2000) + ']',
      '{"0":"2016-03-13","1":"x","length":2}',
      '["2016-03-13","x"',
      '["2016-03-13","x"]trailing',
      '',
    ].map(ofJson);
    for (const cursor of cursors) {
      tally.cursors += 1;
      for (const parts of Object.values(LAYOUTS)) run(cursor, parts);
    }
    // 9007199254740993 parses to 2^53, which is no safe integer: refused as a bigint.
    expect(run(ofJson('[9007199254740993]'), [BIGINT])).toHaveProperty('refused');
    expect(run(ofJson('[1e400]'), [INTEGER])).toHaveProperty('refused');
  });

  test('keys the database gives out decode to themselves, in every layout', () => {
    for (let n = 0; n < 100; n += 1) {
      for (const parts of Object.values(LAYOUTS)) {
        const key = parts.map((part) => validValue(random, part));
        tally.cursors += 1;
        expect(run(encodeCursor(key), parts)).toEqual({ decoded: key });
      }
    }
    for (const [part, value] of BOUNDARY_VALUES) {
      tally.cursors += 1;
      expect(run(encodeCursor([value]), [part])).toEqual({ decoded: [value] });
    }
  });
});

describe('decodeCursor', () => {
  test('cursors given out before still decode', () => {
    // Encoded by the pagination.ts that named raw columns: a meeting (starts_on, id), an audit entry (id).
    expect(decodeCursor('WyIyMDE2LTAzLTEzIiwic29saWRhcml0eS13YXJzYXctMjAxNiJd', [DATE, TEXT])).toEqual([
      '2016-03-13',
      'solidarity-warsaw-2016',
    ]);
    expect(decodeCursor('WyI0MiJd', [BIGINT])).toEqual(['42']);
  });

  test('the error names the argument, and quotes a long cursor only in part', () => {
    const long = encodeCursor(['2016-03-13', 'x'.repeat(MAX_KEY_TEXT_LENGTH + 1)]);
    expect(() => decodeCursor(long, [DATE, TEXT], 'after')).toThrow(
      new GraphQLError(`"after" is not a cursor this list gave out: "${long.slice(0, 64)}…".`),
    );
    try {
      decodeCursor(encodeCursor(['2016-02-30', 'x']), [DATE, TEXT], 'before');
      throw new Error('decoded');
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'before' });
    }
  });

  test('a cursor longer than any the lists give out is refused before it is decoded', () => {
    const huge = 'A'.repeat(1_000_000);
    // Refused on its length, before anything is decoded.
    expect(() => decodeCursor(huge, [TEXT])).toThrow(GraphQLError);
    expect(() => decodeCursor('A'.repeat(MAX_CURSOR_LENGTH + 1), [TEXT])).toThrow(GraphQLError);
    // Two texts of the longest length, of 3-byte characters, still fit.
    const widest = encodeCursor(['€'.repeat(MAX_KEY_TEXT_LENGTH), '€'.repeat(MAX_KEY_TEXT_LENGTH)]);
    expect(widest.length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH);
    expect(decodeCursor(widest, [TEXT, TEXT])).toHaveLength(2);
  });
});

describe('keyPart: column types to cursor checks', () => {
  const property = (columnType: string, extra: { enum?: boolean; items?: (string | number)[] } = {}) => ({
    name: 'p',
    columnTypes: [columnType],
    ...extra,
  });

  test.each([
    ['text', { type: 'text', maxLength: MAX_KEY_TEXT_LENGTH }],
    ['varchar(36)', { type: 'text', maxLength: 36 }],
    ['character varying(5000)', { type: 'text', maxLength: MAX_KEY_TEXT_LENGTH }],
    ['uuid', { type: 'uuid' }],
    ['date', { type: 'date' }],
    ['int', { type: 'integer', min: -(2 ** 31), max: 2 ** 31 - 1 }],
    ['smallint', { type: 'integer', min: -(2 ** 15), max: 2 ** 15 - 1 }],
    ['bigint', { type: 'bigint' }],
    ['bigserial', { type: 'bigint' }],
  ])('%s', (columnType, expected) => {
    expect(keyPart(property(columnType))).toEqual(expected);
  });

  test('an enum of texts checks its values', () => {
    expect(keyPart(property('text', { enum: true, items: ['A', 'B'] }))).toEqual({
      type: 'text',
      maxLength: MAX_KEY_TEXT_LENGTH,
      values: ['A', 'B'],
    });
  });

  test.each(['timestamptz', 'jsonb', 'boolean', 'numeric(10,2)', 'double precision', ''])(
    'a column of type "%s" cannot order a list: a programming error, not a client one',
    (columnType) => {
      expect(() => keyPart(property(columnType))).toThrow(/has no cursor check/);
      expect(() => keyPart(property(columnType))).not.toThrow(GraphQLError);
    },
  );
});

describe('keyColumn: properties to columns, from the entities', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    // Metadata only: discovery needs no connection.
    orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      dbName: 'unused',
      entities: [Activity, Member, AuditEntry],
      connect: false,
      discovery: { warnWhenNoEntities: false },
    });
  });
  afterAll(() => orm?.close());
  const meta = (entity: { name: string }) => orm.getMetadata().get(entity.name);

  test('the lists of the kit: activities, members, audit log', () => {
    expect(meta(Activity).tableName).toBe('activity');
    expect(keyColumn(meta(Activity), 'startsOn')).toEqual({ property: 'startsOn', column: 'starts_on', part: DATE });
    expect(keyColumn(meta(Activity), 'id')).toEqual({ property: 'id', column: 'id', part: TEXT });
    expect(keyColumn(meta(Activity), 'partnerId')).toEqual({ property: 'partnerId', column: 'partner_id', part: TEXT });
    expect(keyColumn(meta(Activity), 'theme').part).toEqual({ ...TEXT, values: Object.values(Theme) });
    expect(keyColumn(meta(Member), 'name')).toEqual({ property: 'name', column: 'name', part: TEXT });
    expect(keyColumn(meta(AuditEntry), 'id')).toEqual({ property: 'id', column: 'id', part: BIGINT });
    expect(keyColumn(meta(Member), 'version').part).toEqual(INTEGER);
  });

  test('a property that is no column, or may be null, or has no cursor check, cannot order a list', () => {
    expect(() => keyColumn(meta(Activity), 'nope')).toThrow(/Activity.nope is not a column/);
    expect(() => keyColumn(meta(Activity), 'endsOn')).toThrow(/may be null/);
    expect(() => keyColumn(meta(Activity), 'createdAt')).toThrow(/has no cursor check/);
  });
});

describe('the compiler checks the vocabulary', () => {
  test('property names, not column names; misspelt ones do not compile', () => {
    const queries: (KeysetQuery<Activity> | PartitionedQuery<Activity>)[] = [
      {
        orderBy: ['startsOn', 'id'],
        first: 1,
        where: [{ theme: Theme.PEACE }, { startsOn: { $gte: '2016-01-01' } }, undefined, ''],
      },
      { orderBy: ['startsOn', 'id'], partitionBy: 'partnerId', parents: ['bbag'], first: 1 },
      // @ts-expect-error a column name is no property
      { orderBy: ['starts_on', 'id'], first: 1 },
      // @ts-expect-error a misspelt property
      { orderBy: ['startOn', 'id'], first: 1 },
      // @ts-expect-error a nullable property cannot order a list
      { orderBy: ['endsOn', 'id'], first: 1 },
      // @ts-expect-error an order needs one property at least
      { orderBy: [], first: 1 },
      // @ts-expect-error partitionBy names a property too
      { orderBy: ['id'], partitionBy: 'partner_id', parents: [], first: 1 },
      // @ts-expect-error so do the filters
      { orderBy: ['id'], first: 1, where: [{ starts_on: '2016-01-01' }] },
    ];
    expect(queries).toHaveLength(8);
  });
});
