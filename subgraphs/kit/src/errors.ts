import type { ApolloServerPlugin } from '@apollo/server';
import { PublicErrorCode } from '@citipart/schema';

const CLIENT_ERROR_CODES = new Set<unknown>(Object.values(PublicErrorCode));

/**
 * Apollo answers a request whose variables or literals a scalar rejected with HTTP 400.
 * The gateway turns any non-2xx answer of a subgraph into an opaque "400: Bad Request" that
 * carries the subgraph's URL, losing the message; a 200 with the GraphQL error lets the
 * gateway pass a client error (BAD_USER_INPUT, FORBIDDEN, ...) on as it is.
 */
export const clientErrorsAsGraphQLErrors: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors;
        if (errors?.length && errors.every((error) => CLIENT_ERROR_CODES.has(error.extensions?.code))) {
          response.http.status = 200;
        }
      },
    };
  },
};
