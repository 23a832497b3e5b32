import type { Locale } from '@citipart/schema';
import type { Identity } from '@citipart/subgraph-kit/runtime';

/**
 * What the gateway keeps per client request: read by its plugins (./response-cache.ts) and
 * passed on to every subgraph call (./subgraph-data-source.ts).
 */
export interface GatewayContext {
  /** Who is calling, from the request's token; anonymous without one. */
  identity: Identity;
  /** The request's negotiated language, passed on to every subgraph the plan calls. */
  locale: Locale | null;
  /**
   * The response cache's data generation, read from the store before the request ran (set
   * by the cache on a miss). Calls to subgraphs are never shared across generations: with a
   * store shared by several gateways, a change of generation is how this one learns of a
   * write made through another.
   */
  responseCacheGeneration?: string;
}
