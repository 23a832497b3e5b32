import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, graphql, parseValue } from 'graphql';
import { CountryCodeScalar, DateScalar, isCalendarDate, parseIsoDate } from './scalars';

// Dates and country codes as the contract spells them; anything else is BAD_USER_INPUT,
// whether it comes as a literal or as a variable.

/** The GraphQL error `run` throws. */
function refusal(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error('expected a refusal');
}

const codeOf = (run: () => unknown) => refusal(run).extensions.code;

describe('Date', () => {
  test.each([
    ['2016-02-29', true],
    ['2015-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2016-02-30', false],
    ['2016-04-31', false],
    ['0001-01-01', true],
    ['0000-01-01', false],
    ['9999-12-31', true],
    ['2016-13-01', false],
  ])('isCalendarDate(%s) is %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  test.each(['2016-03-13', '2016-02-29', '2000-02-29', '1999-12-31', '2017-01-01'])('accepts %s', (value) => {
    expect(parseIsoDate(value)).toBe(value);
    expect(DateScalar.parseValue(value)).toBe(value);
    expect(DateScalar.parseLiteral(parseValue(JSON.stringify(value)))).toBe(value);
  });

  test.each(['2016-02-30', '2015-02-29', '1900-02-29', '2017-04-31', '2017-13-01', '2017-00-10', '2017-01-00'])(
    'refuses the impossible date %s',
    (value) => {
      expect(() => parseIsoDate(value)).toThrow(/does not exist/);
      expect(codeOf(() => DateScalar.parseValue(value))).toBe('BAD_USER_INPUT');
    },
  );

  test.each([
    ['March 2016', 'March 2016'],
    ['no zero padding', '2016-3-13'],
    ['a time', '2016-03-13T10:00:00Z'],
    ['surrounding spaces', ' 2016-03-13 '],
    ['a number', 20160313],
    ['null', null],
  ])('refuses %s as not ISO 8601', (_name, value) => {
    expect(() => parseIsoDate(value)).toThrow(/ISO 8601 calendar date/);
    expect(codeOf(() => DateScalar.parseValue(value))).toBe('BAD_USER_INPUT');
  });

  test('a literal that is not a string is refused', () => {
    expect(codeOf(() => DateScalar.parseLiteral(parseValue('20160313')))).toBe('BAD_USER_INPUT');
  });

  test('serializes a stored date string, and a Date object as its UTC calendar day', () => {
    expect(DateScalar.serialize('2016-11-28')).toBe('2016-11-28');
    expect(DateScalar.serialize(new Date(Date.UTC(2016, 10, 28)))).toBe('2016-11-28');
    expect(codeOf(() => DateScalar.serialize('28.11.2016'))).toBe('BAD_USER_INPUT');
  });
});

describe('CountryCode', () => {
  test.each(['HR', 'PL', 'DE', 'AT', 'FR'])('accepts %s', (value) => {
    expect(CountryCodeScalar.parseValue(value)).toBe(value);
    expect(CountryCodeScalar.parseLiteral(parseValue(`"${value}"`))).toBe(value);
    expect(CountryCodeScalar.serialize(value)).toBe(value);
  });

  test.each([
    ['lower case', 'hr'],
    ['mixed case', 'Hr'],
    ['unassigned', 'XX'],
    ['unassigned', 'ZZ'],
    ['alpha-3', 'HRV'],
    ['one letter', 'H'],
    ['empty', ''],
    ['a number', 385],
  ])('refuses %s %j', (_name, value) => {
    const error = refusal(() => CountryCodeScalar.parseValue(value));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/ISO 3166-1 alpha-2 code in capitals/);
  });

  test('a literal that is not a string is refused', () => {
    expect(codeOf(() => CountryCodeScalar.parseLiteral(parseValue('HR')))).toBe('BAD_USER_INPUT');
  });
});

describe('through graphql-js', () => {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        echo: {
          type: GraphQLString,
          args: { on: { type: DateScalar }, country: { type: CountryCodeScalar } },
          resolve: (_root, args: { on?: string; country?: string }) => `${args.on ?? '-'} ${args.country ?? '-'}`,
        },
      },
    }),
  });

  test('good values, as literals and as variables, reach the resolver', async () => {
    const literal = await graphql({ schema, source: '{ echo(on: "2016-02-29", country: "HR") }' });
    expect(literal).toEqual({ data: { echo: '2016-02-29 HR' } });
    const variables = await graphql({
      schema,
      source: 'query ($on: Date, $c: CountryCode) { echo(on: $on, country: $c) }',
      variableValues: { on: '2016-02-29', c: 'HR' },
    });
    expect(variables).toEqual({ data: { echo: '2016-02-29 HR' } });
  });

  test.each([
    ['a literal date', '{ echo(on: "2016-02-30") }', {}],
    ['a literal country code', '{ echo(country: "hr") }', {}],
    ['a date variable', 'query ($on: Date) { echo(on: $on) }', { on: '2016-02-30' }],
    ['a country code variable', 'query ($c: CountryCode) { echo(country: $c) }', { c: 'XX' }],
  ])('a bad value in %s is an error carrying BAD_USER_INPUT, and nothing runs', async (_name, source, values) => {
    const result = await graphql({ schema, source, variableValues: values });
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    const error = result.errors![0];
    const original = error.originalError instanceof GraphQLError ? error.originalError : error;
    expect(original.extensions.code).toBe('BAD_USER_INPUT');
  });
});
