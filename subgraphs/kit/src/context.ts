import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type { Locale } from '@citipart/schema';
import type { Identity } from './auth/identity';
import { databaseLimits } from './database';

/** What every resolver of a subgraph receives: a per-request EntityManager and loader cache. */
export interface SubgraphContext {
  em: EntityManager;
  loaders: LoaderCache;
  /** Who is calling, from the gateway's signed header; anonymous without a valid one. */
  identity: Identity;
  /** The rows this request may still load; the batched loaders and the page statements count them. */
  rowBudget: RowBudget;
  /**
   * The language the request asks for (Accept-Language, negotiated by the gateway and passed
   * on), or null; translatable texts answer in it where they can (translations/translatable.ts).
   */
  locale: Locale | null;
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

  /**
   * Forgets everything loaded so far. A write calls it once committed (writes/records.ts):
   * a document may hold several mutations, and each must answer with what it stored, not
   * with what an earlier field of the same request read.
   */
  clear(): void {
    this.loaders.clear();
  }
}

/**
 * The code of the error a request gets when it would load more rows than one request may. A
 * client-visible code (listed in schema/src/errors.ts): the client asks for less and retries.
 */
export const RESULT_TOO_LARGE = 'RESULT_TOO_LARGE';

/** The code of a request stopped because its client left (listed in schema/src/errors.ts: not a fault). */
export const CLIENT_CLOSED_REQUEST = 'CLIENT_CLOSED_REQUEST';

/**
 * How many rows one request may load. `first` caps each list at 100, but lists nest
 * (partners × activities × ...) and the gateway's `_entities` batches can be as long as it
 * likes: the budget bounds the whole request. Every statement that loads rows for the
 * request asks for at most `statementLimit()` rows (one more than are left, so that going
 * over shows), and counts what it got with `spend`; once over, the request is refused.
 */
export class RowBudget {
  private loaded = 0;

  constructor(
    readonly limit: number,
    /** Aborted when the request's client is gone: then nothing more may be loaded for it. */
    private readonly gone?: AbortSignal,
  ) {}

  /** The most rows the next statement needs to return. Refuses a request that is over already. */
  statementLimit(): number {
    this.refuseIfGone();
    if (this.loaded > this.limit) throw this.refusal();
    return this.limit - this.loaded + 1;
  }

  /** Refuses, before its statement, a batch that asks for `rows` rows (by key) when fewer are left. */
  reserve(rows: number): void {
    this.refuseIfGone();
    if (this.loaded + rows > this.limit) throw this.refusal();
  }

  /** Stops a request whose client has gone before its next statement: nobody would read it. */
  private refuseIfGone(): void {
    if (this.gone?.aborted) {
      throw new GraphQLError('The client closed the request; its work was stopped.', {
        extensions: { code: CLIENT_CLOSED_REQUEST },
      });
    }
  }

  /** Counts the rows a statement loaded; refuses the request once they are more than the budget. */
  spend(rows: number): void {
    this.loaded += rows;
    if (this.loaded > this.limit) throw this.refusal();
  }

  private refusal(): GraphQLError {
    return new GraphQLError(
      `This request would load more than ${this.limit} rows, the most one request may: ` +
        'ask for fewer items (a smaller "first", fewer nested lists or entities) or split it.',
      { extensions: { code: RESULT_TOO_LARGE } },
    );
  }
}

// The budget of the request each EntityManager fork serves: pagination.ts gets an
// EntityManager, not the context, and finds the budget here.
const budgets = new WeakMap<EntityManager, RowBudget>();

/** The row budget of the request `em` was forked for, if any (none for scripts and seeds). */
export function rowBudgetOf(em: EntityManager): RowBudget | undefined {
  return budgets.get(em);
}

/**
 * What a request gets from its subgraph's database: a fresh EntityManager, loader cache and
 * row budget (of the size the database was opened with, see `openDatabase` in ./database.ts).
 */
export function requestScope(orm: MikroORM, gone?: AbortSignal): Pick<SubgraphContext, 'em' | 'loaders' | 'rowBudget'> {
  const em = orm.em.fork();
  const rowBudget = new RowBudget(databaseLimits(orm).maxRowsPerRequest, gone);
  budgets.set(em, rowBudget);
  return { em, loaders: new LoaderCache(), rowBudget };
}
