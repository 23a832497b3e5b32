import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { PublicErrorCode } from '@citipart/schema';
import { log } from '@citipart/subgraph-kit/runtime';
import { GraphQLError } from 'graphql';

/**
 * How the gateway calls one subgraph. Apollo's default fetcher opens sockets without limit
 * and waits for ever: a subgraph that hangs (stopped, or stuck) held every request, and the
 * gateway's sockets piled up. Here each call, body included, is bounded by `timeoutMs`; a
 * call that fails becomes an error naming the service (never its address), and the rest of
 * the answer is still served: the fields that service owns are null.
 */
type Fetcher = RemoteGraphQLDataSource['fetcher'];

export function subgraphFetcher(name: string, timeoutMs: number): Fetcher {
  return async (url, init) => {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      // Read here, under the same time bound, so that a body that never ends cannot hold on.
      const body = await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      // By name: the abort's DOMException may come from another realm than this code's Error.
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      log(
        'gateway',
        `subgraph ${name} ${timedOut ? `did not answer within ${timeoutMs} ms` : 'is unreachable'}`,
        error,
      );
      throw new GraphQLError(
        timedOut
          ? `The ${name} service did not answer in time; its part of the answer is missing.`
          : `The ${name} service is unavailable; its part of the answer is missing.`,
        { extensions: { code: PublicErrorCode.SERVICE_UNAVAILABLE } },
      );
    }
  };
}
