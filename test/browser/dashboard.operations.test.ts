import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer, Source, TokenKind, buildSchema, parse, validate } from 'graphql';
import { DEFAULT_QUERY_LIMITS, queryCost } from '@citipart/schema';
import { allOperations } from '../../dashboard/src/operations';

// The dashboard reads the graph as a partner site would: every operation it sends is valid
// against the public schema (schema/api.graphql) and within the gateway's default limits, so
// that it keeps working when the schema or the limits change (this test says which broke).

const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'api.graphql'), 'utf8'));

/** Values for the operations' variables (each takes those it declares). */
const VARIABLES = {
  id: 'bbag',
  partnerId: 'bbag',
  version: 1,
  input: { kind: 'WORKSHOP', theme: 'PEACE', title: 'A workshop', startsOn: '2017-04-08' },
  patch: { title: 'A workshop' },
};

function tokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

describe.each(Object.entries(allOperations()))('dashboard operation %s', (name, document) => {
  test('is valid against schema/api.graphql', () => {
    expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
  });

  test("is within the gateway's token and cost limits", () => {
    expect(tokens(document)).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxTokens);
    const cost = queryCost(schema, parse(document), {
      operationName: name,
      variables: VARIABLES,
      listSize: DEFAULT_QUERY_LIMITS.listSize,
      maxNodes: DEFAULT_QUERY_LIMITS.maxExpandedSelections,
    });
    expect(cost).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxCost);
  });
});
