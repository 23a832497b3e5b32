import { type GraphQLInputObjectType, execute, getNamedType, isInputObjectType, parse } from 'graphql';
import { SUBGRAPHS } from '../../scripts/subgraphs';

// Unknown input fields are refused, one rule everywhere: GraphQL refuses them in every
// mutation's input types before any resolver runs, and the write engine refuses any that
// reach it (subgraphs/kit/src/writes/records.test.ts). Checked on every input argument of
// every mutation of every subgraph, so a new mutation is covered without being listed.

test.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph] as const))(
  'every input argument of every %s mutation refuses an unknown field',
  async (_name, subgraph) => {
    const schema = await subgraph.buildSchema();
    const inputs = new Map<string, GraphQLInputObjectType>();
    for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
      for (const argument of field.args) {
        const type = getNamedType(argument.type);
        if (isInputObjectType(type)) inputs.set(type.name, type);
      }
    }
    expect(inputs.size).toBeGreaterThan(0);
    for (const type of inputs.values()) {
      // Executed without validation (which would only say the variable is unused): what
      // the client sent is coerced to the input type first, and refused there.
      const result = await execute({
        schema,
        document: parse(`query ($value: ${type.name}) { __typename }`),
        variableValues: { value: { unknownField: 1 } },
      });
      expect(result.data).toBeUndefined();
      expect(result.errors?.map((error) => error.message)).toContainEqual(
        expect.stringContaining(`Field "unknownField" is not defined by type "${type.name}"`),
      );
    }
  },
);
