import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { QueryLimitCode } from './query-limits';

/**
 * Error codes a client may see. Anything else that goes wrong is masked as
 * INTERNAL_SERVER_ERROR before it leaves a service (see `maskError` in the kit).
 */
export const PublicErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  NOT_FOUND: 'NOT_FOUND',
  /** A part of the graph could not answer now (a subgraph down or too slow): retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;
export type PublicErrorCode = (typeof PublicErrorCode)[keyof typeof PublicErrorCode];

/** The client sent something invalid; `message` says what, in words a client developer can act on. */
export function userInputError(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: PublicErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) },
  });
}

/**
 * Codes that describe the client's own request, or tell it to retry, and are safe to show
 * with their message.
 */
const CLIENT_CODES = new Set<string>([
  ...Object.values(PublicErrorCode),
  // The refusals of an operation that asks too much (query-limits.ts).
  ...Object.values(QueryLimitCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // A subgraph refused a request that would load more rows than one request may
  // (RowBudget in subgraphs/kit/src/context.ts): the client asks for less.
  'RESULT_TOO_LARGE',
  // A subgraph stopped a request whose client had gone (RowBudget in
  // subgraphs/kit/src/context.ts): nobody reads it, and it is no fault to log.
  'CLIENT_CLOSED_REQUEST',
]);

/** The code a client error was raised with, looking through Apollo's wrappers. */
function clientCode(formatted: GraphQLFormattedError, error: unknown): string | undefined {
  const original = unwrapResolverError(error);
  // A scalar rejecting a value reports BAD_USER_INPUT; Apollo wraps it as a validation error.
  const inner = original instanceof GraphQLError ? (original.originalError ?? original) : original;
  const innerCode = inner instanceof GraphQLError ? inner.extensions.code : undefined;
  if (typeof innerCode === 'string' && CLIENT_CODES.has(innerCode)) return innerCode;
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) return code;
  // Apollo marks some refusals of a request only with an HTTP status (a persisted query
  // whose hash does not match, for one): a 4xx is the client's, whatever its code says.
  const status = original instanceof GraphQLError ? (original.extensions.http as { status?: unknown })?.status : 0;
  return typeof status === 'number' && status >= 400 && status < 500 ? 'BAD_REQUEST' : undefined;
}

/**
 * Every error leaves a service through here. A client error keeps its message and code
 * (plus the offending `field`, when known); anything else is a fault of ours: it is logged
 * in full on the server and reaches the client as a bare INTERNAL_SERVER_ERROR, so no stack
 * trace, SQL text or internal URL leaks.
 */
export function createErrorMasker(log: (message: string, error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = clientCode(formatted, error);
    if (code) {
      const field = formatted.extensions?.field;
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code, ...(typeof field === 'string' ? { field } : {}) },
      };
    }
    log('internal error', unwrapResolverError(error));
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
