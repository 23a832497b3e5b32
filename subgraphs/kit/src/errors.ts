import type { ApolloServerPlugin } from '@apollo/server';
import { DriverException } from '@mikro-orm/core';
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

/**
 * What the server log may say about a fault. A database error's message carries the SQL with
 * its values, which can be personal data that an erasure could never reach in a log file:
 * only its class, SQL state, constraint and table are kept, with the stack frames.
 */
export function describeFault(error: unknown): string {
  // MikroORM's wrapper, or the driver's own error when a query builder ran the statement.
  const fromDatabase =
    error instanceof DriverException || (error instanceof Error && 'severity' in error && 'code' in error);
  if (fromDatabase) {
    const { sqlState, code, constraint, table } = error as Error & {
      sqlState?: string;
      code?: string;
      constraint?: string;
      table?: string;
    };
    const detail = [
      `SQL state ${sqlState ?? code ?? 'unknown'}`,
      constraint && `constraint ${constraint}`,
      table && `table ${table}`,
    ];
    const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    return [`${error.name} (${detail.filter(Boolean).join(', ')})`, ...frames].join('\n');
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
