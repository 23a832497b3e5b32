import { ApolloServer } from '@apollo/server';
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLFormattedError } from 'graphql';
import { createErrorMasker, PublicErrorCode, userInputError } from './errors';
import { DateScalar } from './scalars';

// Every error leaves a service through the masker: a client error keeps its message, code
// and field; anything else reaches the client as a bare INTERNAL_SERVER_ERROR.

test('userInputError: BAD_USER_INPUT with the field when one is named', () => {
  expect(userInputError('"first" is too big.', 'first').extensions).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'first',
  });
  expect(userInputError('Bad.').extensions).toEqual({ code: 'BAD_USER_INPUT' });
});

describe('through a real Apollo server', () => {
  const logged: { message: string; error: unknown }[] = [];
  const fault = new Error('insert into members values ($1) - connect ECONNREFUSED 10.0.0.5:5432');
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        badInput: {
          type: GraphQLString,
          resolve: () => Promise.reject(userInputError('"title" is empty.', 'input.title')),
        },
        forbidden: {
          type: GraphQLString,
          resolve: () => {
            throw new GraphQLError('Only the network admin may do this.', {
              extensions: { code: PublicErrorCode.FORBIDDEN, serviceName: 'cities', detail: 'internal' },
            });
          },
        },
        conflict: {
          type: GraphQLString,
          resolve: () => {
            throw new GraphQLError('Stale.', { extensions: { code: 'CONFLICT', field: 'version' } });
          },
        },
        fault: {
          type: GraphQLString,
          resolve: () => {
            throw fault;
          },
        },
        unknownCode: {
          type: GraphQLString,
          resolve: () => {
            throw new GraphQLError('Upstream said: select * from secrets', {
              extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' },
            });
          },
        },
        fine: { type: GraphQLString, args: { on: { type: DateScalar } }, resolve: (_root, args) => args.on ?? 'ok' },
      },
    }),
  });
  const server = new ApolloServer({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorMasker((message, error) => logged.push({ message, error })),
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    logged.length = 0;
  });

  async function errorsOf(query: string, variables?: Record<string, unknown>): Promise<GraphQLFormattedError[]> {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors?.length).toBeGreaterThan(0);
    return [...response.body.singleResult.errors!];
  }

  test('a client error keeps its message, code, field, location and path, and is not logged', async () => {
    expect(await errorsOf('{ badInput }')).toEqual([
      {
        message: '"title" is empty.',
        locations: [{ line: 1, column: 3 }],
        path: ['badInput'],
        extensions: { code: 'BAD_USER_INPUT', field: 'input.title' },
      },
    ]);
    expect(await errorsOf('{ conflict }')).toEqual([
      expect.objectContaining({ message: 'Stale.', extensions: { code: 'CONFLICT', field: 'version' } }),
    ]);
    expect(logged).toEqual([]);
  });

  test('a client error loses every extension but its code and field', async () => {
    expect(await errorsOf('{ forbidden }')).toEqual([
      expect.objectContaining({
        message: 'Only the network admin may do this.',
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
  });

  test('a fault is a bare INTERNAL_SERVER_ERROR for the client, and logged in full', async () => {
    const errors = await errorsOf('{ fault }');
    expect(errors).toEqual([
      {
        message: 'Internal server error',
        locations: [{ line: 1, column: 3 }],
        path: ['fault'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(logged).toEqual([{ message: 'internal error', error: fault }]);
  });

  test('a GraphQLError with a code that is not a client code is masked too', async () => {
    const errors = await errorsOf('{ unknownCode }');
    expect(errors).toEqual([
      expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
    ]);
    expect(logged).toHaveLength(1);
  });

  test('only the failing field is masked: the others still answer', async () => {
    const response = await server.executeOperation({ query: '{ fine fault }' });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.data).toEqual({ fine: 'ok', fault: null });
    expect(response.body.singleResult.errors?.map((error) => error.extensions?.code)).toEqual([
      'INTERNAL_SERVER_ERROR',
    ]);
  });

  test.each([
    ['a parse error', '{ fine', undefined, 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
    ['an unknown field', '{ nope }', undefined, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "nope"/],
    ['a scalar refusing a literal', '{ fine(on: "2016-02-30") }', undefined, 'BAD_USER_INPUT', /does not exist/],
    [
      'a scalar refusing a variable',
      'query ($on: Date) { fine(on: $on) }',
      { on: 'March 2016' },
      'BAD_USER_INPUT',
      /ISO 8601/,
    ],
  ])('%s keeps its code and message', async (_name, query, variables, code, message) => {
    const errors = await errorsOf(query, variables);
    expect(errors.map((error) => error.extensions)).toEqual([{ code }]);
    expect(errors[0].message).toMatch(message);
    expect(logged).toEqual([]);
  });
});
