import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Identity } from './auth/identity';

/** What every resolver of a subgraph receives: a per-request EntityManager and loader cache. */
export interface SubgraphContext {
  em: EntityManager;
  loaders: LoaderCache;
  /** Who is calling, from the gateway's signed header; anonymous without a valid one. */
  identity: Identity;
}

/**
 * DataLoaders live for one request, so that a list of parents asks the database once per
 * batch. A loader is named by what it loads and the arguments it was called with (the same
 * field with other arguments is another batch).
 */
export class LoaderCache {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, args: unknown, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    const key = `${name}:${JSON.stringify(args ?? null)}`;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
