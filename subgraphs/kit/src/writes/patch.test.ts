import { GraphQLError } from 'graphql';
import { givenFields, requireChanges } from './patch';

// A patch names the fields to change: an omitted field is left alone, null clears one.

describe('givenFields', () => {
  test('lists the fields the client gave, null ones included, and not the omitted ones', () => {
    expect(givenFields({ title: 'T', description: null, startsOn: undefined }).sort()).toEqual([
      'description',
      'title',
    ]);
  });

  test('keeps falsy values that are given', () => {
    expect(givenFields({ population: 0, name: '', demo: false }).sort()).toEqual(['demo', 'name', 'population']);
  });

  test('an empty patch, or one of omitted fields only, gives none', () => {
    expect(givenFields({})).toEqual([]);
    expect(givenFields({ title: undefined })).toEqual([]);
  });
});

describe('requireChanges', () => {
  test('a patch that changes something passes, clearing a field included', () => {
    expect(() => requireChanges({ title: 'T' })).not.toThrow();
    expect(() => requireChanges({ description: null })).not.toThrow();
  });

  test.each([
    ['that is empty', {}],
    ['of omitted fields only', { title: undefined, description: undefined }],
  ])('a patch %s is BAD_USER_INPUT on "patch"', (_name, patch) => {
    let thrown: unknown;
    try {
      requireChanges(patch);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'patch' });
    expect((thrown as GraphQLError).message).toMatch(/at least one field/);
  });
});
