import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Refuses, as the client's mistakes (HTTP 400), the operations the gateway's executor would
 * otherwise reject by throwing, which Apollo reports as a server fault (500): a name that
 * names no operation of the document, several operations and no name, a subscription (this
 * graph serves none).
 */
export const operationCheck: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (!operation) {
          throw new GraphQLError(
            request.operationName
              ? `Unknown operation named "${request.operationName}".`
              : 'The document has several operations: name the one to run ("operationName").',
            { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400, headers: new Map() } } },
          );
        }
        if (operation.operation === 'subscription') {
          throw new GraphQLError('This graph serves queries and mutations, not subscriptions.', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400, headers: new Map() } },
          });
        }
      },
    };
  },
};
