import type { GraphQLError } from 'graphql';
import { type FieldRules, columnsOf, requiredAs } from './records';

// The write engine's one rule for input fields: given fields go through their rule, omitted
// (undefined) ones are skipped, null reaches the rule, and a field without a rule is refused.

interface Row {
  title: string;
  kind: string;
  note: string | null;
}
interface Input {
  title: string;
  kind: string;
  note?: string | null;
}

const RULES: FieldRules<Input, Row> = {
  title: (value, field) => {
    if (!value) throw new Error(`${field} empty`);
    return { title: value.trim() };
  },
  kind: requiredAs('kind'),
  note: (value) => ({ note: value }),
};

function refusal(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected a refusal');
}

test('given fields become columns through their rules; omitted ones are left out', () => {
  expect(columnsOf(RULES, { title: ' Peace ', kind: 'WORKSHOP', note: undefined }, 'input')).toEqual({
    title: 'Peace',
    kind: 'WORKSHOP',
  });
  expect(columnsOf(RULES, { note: null }, 'patch')).toEqual({ note: null });
});

test('a field without a rule is refused with BAD_USER_INPUT naming it, whatever the record', () => {
  const input = { title: 'Peace', kind: 'WORKSHOP', colour: 'blue' } as Input;
  const error = refusal(() => columnsOf(RULES, input, 'input'));
  expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.colour' });
  expect(error.message).toBe('"input.colour" is not a field of "input".');
  // Inherited properties are not rules either.
  const sneaky = refusal(() => columnsOf(RULES, { toString: 'x' } as unknown as Input, 'patch'));
  expect(sneaky.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'patch.toString' });
});

test('requiredAs stores a value as given and refuses null, naming the field', () => {
  expect(columnsOf(RULES, { kind: 'DEBATE' }, 'patch')).toEqual({ kind: 'DEBATE' });
  const error = refusal(() => columnsOf(RULES, { kind: null }, 'patch'));
  expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'patch.kind' });
  expect(error.message).toBe('"patch.kind" cannot be null.');
});
