import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import {
  type FragmentDefinitionNode,
  GraphQLError,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeInfo,
  execute,
  visit,
  visitWithTypeInfo,
} from 'graphql';

const clientMistake = (message: string, code: string) =>
  new GraphQLError(message, { extensions: { code, http: { status: 400, headers: new Map() } } });

/**
 * Refuses, as the client's mistakes (HTTP 400), the operations the gateway's executor would
 * otherwise reject by throwing, which Apollo reports as a server fault (500): a name that
 * names no operation of the document, several operations and no name, a subscription (this
 * graph serves none).
 *
 * It also answers operations of introspection fields only, here, with GraphQL's executor
 * over the API schema, as Apollo Router does: they need no subgraph and no plan, and the
 * planner's model of the introspection types lags GraphQL's (it knows no `__Type.isOneOf`,
 * which explorers ask for). An operation that mixes data with `isOneOf` is refused by name.
 */
export const operationCheck: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request, document, schema }) {
        if (!operation) {
          throw clientMistake(
            request.operationName
              ? `Unknown operation named "${request.operationName}".`
              : 'The document has several operations: name the one to run ("operationName").',
            'OPERATION_RESOLUTION_FAILURE',
          );
        }
        if (operation.operation === 'subscription') {
          throw clientMistake('This graph serves queries and mutations, not subscriptions.', 'BAD_REQUEST');
        }
        if (!introspectionOnly(operation, fragmentsOf(document.definitions)) && asksIsOneOf(schema, document)) {
          throw clientMistake(
            'Ask for `__Type.isOneOf` in an operation of introspection fields only (`__schema`, `__type`).',
            'GRAPHQL_VALIDATION_FAILED',
          );
        }
      },
      async responseForOperation({ operation, document, schema, request, contextValue }) {
        if (!introspectionOnly(operation, fragmentsOf(document.definitions))) return null;
        const result = await execute({
          schema,
          document,
          operationName: request.operationName,
          variableValues: request.variables,
          contextValue,
        });
        return {
          http: { status: undefined, headers: new HeaderMap() },
          body: {
            kind: 'single',
            singleResult: { data: result.data, ...(result.errors && { errors: result.errors.map((e) => e.toJSON()) }) },
          },
        };
      },
    };
  },
};

function fragmentsOf(definitions: readonly { kind: string }[]): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions)
    if (definition.kind === 'FragmentDefinition') {
      const fragment = definition as FragmentDefinitionNode;
      fragments.set(fragment.name.value, fragment);
    }
  return fragments;
}

/** Whether every root field of a query, through fragments, is `__schema`, `__type` or `__typename`. */
function introspectionOnly(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>) {
  if (operation.operation !== 'query') return false;
  const seen = new Set<string>();
  const onlyIntrospection = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === 'Field') return selection.name.value.startsWith('__');
      if (selection.kind === 'InlineFragment') return onlyIntrospection(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return true;
      seen.add(name);
      const fragment = fragments.get(name);
      return fragment !== undefined && onlyIntrospection(fragment.selectionSet);
    });
  return onlyIntrospection(operation.selectionSet);
}

function asksIsOneOf(schema: Parameters<typeof execute>[0]['schema'], document: Parameters<typeof visit>[0]) {
  const typeInfo = new TypeInfo(schema);
  let asks = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value === 'isOneOf' && typeInfo.getParentType()?.name === '__Type') asks = true;
      },
    }),
  );
  return asks;
}
