import type { ApolloServerPlugin } from '@apollo/server';
import { PublicErrorCode } from '@citipart/schema';

/**
 * Apollo answers a request whose variables or literals a scalar rejected with HTTP 400.
 * The gateway turns any non-2xx answer of a subgraph into an opaque "400: Bad Request" that
 * carries the subgraph's URL, losing the message; a 200 with the GraphQL error lets the
 * gateway pass the BAD_USER_INPUT error on to the client as it is.
 */
export const badUserInputAsGraphQLError: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors;
        if (errors?.length && errors.every((error) => error.extensions?.code === PublicErrorCode.BAD_USER_INPUT)) {
          response.http.status = 200;
        }
      },
    };
  },
};
