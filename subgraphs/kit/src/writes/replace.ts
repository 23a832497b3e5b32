import type { EntityClass, FilterQuery, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type SignedIn, requireSignedIn } from '../auth/identity';
import { recordAudit } from './audit';
import { type VersionedRow, type WriteContext, committed } from './records';
import { lockVersion } from './versioned';

// The work of a record (an activity's survey, play or booklet text, its attendance; a
// meeting's attendance) is replaced whole, at the version of the record it belongs to:
// `set…(id, version, work)`. The parent's version covers its work, so a client that read
// the parent and its work at version 3 replaces what it read, or gets CONFLICT. One helper
// for every kind of work, in the order of the write engine (./records.ts): who is calling,
// what they sent, then in one transaction the lock, who may change the stored parent, the
// version, what fits the parent, the children, the new version and the audit entry.

/** The record whose work is replaced: a versioned row such as an activity or a meeting. */
export interface WorkParent<P extends VersionedRow> {
  entity: EntityClass<P>;
  /** The parent's name in messages and in the audit table: "Activity", "Meeting". */
  entityType: string;
  /** Refuses a caller who may not change this parent; sees the row as stored. */
  authorize(identity: SignedIn, parent: P): void;
  /** The partner the parent belongs to, for the audit table (null for the network's records). */
  partnerOf(parent: P): string | null;
}

/**
 * One replacement of one kind of work: `V` is the work as the client sent it, validated;
 * `W` the work as stored, once the parent is known (the same where nothing depends on it).
 */
export interface WorkReplacement<P extends VersionedRow, V, W = V> {
  /** The mutation's name, as the audit table records it. */
  action: string;
  id: string;
  /** The version of the parent the client read. */
  version: number;
  /** The argument the work came in ("survey", "attendance"): the audit entry's field. */
  argument: string;
  /**
   * Checks what the client sent without reading anything, and returns it as it will be
   * stored; throws BAD_USER_INPUT naming the field. Runs before the transaction, after the
   * caller is known to be signed in.
   */
  validate(): V;
  /**
   * Refuses work that does not fit the stored parent (a survey on a forum-theatre activity),
   * and completes it from the parent (the partner's language as the default locale). Runs
   * after the lock, the authorization and the version check. Without it, `W` is `V`.
   */
  check?(em: EntityManager, parent: P, work: V): Promise<W> | W;
  /**
   * Deletes the parent's children and inserts the new ones (`replaceRows` does one table),
   * in the transaction that holds the parent's lock.
   */
  replace(em: EntityManager, parent: P, work: W): Promise<void>;
}

/**
 * Replaces a parent's work at the version the client read, and returns the parent at its
 * new version. The parent's row lock serialises replacements, so two writers holding the
 * same version cannot both win, and readers never see half of a replacement.
 */
export async function replaceWork<P extends VersionedRow, V, W = V>(
  ctx: WriteContext,
  parent: WorkParent<P>,
  write: WorkReplacement<P, V, W>,
): Promise<P> {
  const identity = requireSignedIn(ctx.identity);
  const validated = write.validate();
  return committed(
    ctx,
    ctx.em.transactional(async (em) => {
      const row = await lockVersion(em, parent.entity, parent.entityType, write.id, write.version, (stored) =>
        parent.authorize(identity, stored),
      );
      // Without a check, the work is stored as validated (W is V).
      const work = write.check ? await write.check(em, row, validated) : validated;
      await write.replace(em, row, work as W);
      // A managed entity: the unit of work writes the new version (and updatedAt) at commit.
      row.version += 1;
      recordAudit(em, identity, {
        action: write.action,
        entityType: parent.entityType,
        entityId: row.id,
        partnerId: parent.partnerOf(row),
        fields: [write.argument],
      });
      return row;
    }),
  );
}

/**
 * Replaces the rows of one table that `where` selects with `rows`: a delete, then one
 * insert of them all. Both run at once (not at commit), so children can be inserted after
 * their parents in the order the caller writes them, and ids may be reused.
 */
export async function replaceRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  rows: RequiredEntityData<T>[],
): Promise<void> {
  await em.nativeDelete(entity, where);
  await insertRows(em, entity, rows);
}

/** Inserts rows at once (not at commit); nothing for an empty list. */
export async function insertRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  rows: RequiredEntityData<T>[],
): Promise<void> {
  if (rows.length) await em.createQueryBuilder(entity).insert(rows).execute('run');
}
