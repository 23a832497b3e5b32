import { randomUUID } from 'node:crypto';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Locale, userInputError } from '@citipart/schema';
import { type Identity, type SignedIn, requireSignedIn } from '../auth/identity';
import type { LoaderCache } from '../context';
import { recordAudit } from './audit';
import { type KeyScope, refuseRetiredClientKey, retireClientKeys } from './client-keys';
import type { Translatable } from '../translations/translatable';
import { givenFields, requireChanges } from './patch';
import { clientKey as checkClientKey } from './validate';
import { alreadyExists, createOnce, lockVersion } from './versioned';

// The one write engine. Every record a client creates, changes or deletes (activities,
// members, profiles, the roster, meetings) goes through `createRecord` and `changeRecord`:
// the same order of checks (who, then what), the same validation of input fields, client
// keys, versions, one transaction with its audit entry, and the same error codes.

/** What every record the engine writes has: an id and the version clients must name. */
export interface VersionedRow {
  id: string;
  version: number;
}

/** An input or a patch as the client sent it: omitted fields are undefined, null clears. */
export type Given<I> = { [K in keyof I]?: I[K] | null };

/**
 * One rule per field of an input class: validates the value the client gave and returns the
 * columns it sets, or throws BAD_USER_INPUT naming `field`. The mapped type makes a field
 * without a rule a compile error, so a field added to an input cannot be silently dropped.
 */
export type FieldRules<I, T> = {
  [K in keyof I & string]-?: (value: Exclude<I[K], undefined> | null, field: string) => Partial<T>;
};

export type WriteOperation = 'create' | 'change' | 'delete';

export interface RowCheckContext<T, I> {
  em: EntityManager;
  /** The argument the fields came in: "input" or "patch". */
  field: string;
  /** What the client sent (for fields that are not columns, such as a meeting's delegations). */
  input: Given<I>;
  /** The row as stored, for a change. */
  stored?: T;
}

/** What differs between the kinds of records; everything else is the engine's. */
export interface RecordKind<T extends VersionedRow, I extends object> {
  entity: EntityClass<T> & (new () => T);
  /** The record's name in messages and in the audit table: "Activity", "Meeting", ... */
  entityType: string;
  fields: FieldRules<I, T>;
  /** Columns a create sets when the input leaves them out. */
  defaults?: Partial<T>;
  /**
   * Refuses a caller who may not do this. Creates see the fields the mutation's arguments fix
   * (the partner); changes and deletes see the stored row, so the owner decides, not the input.
   */
  authorize(identity: SignedIn, row: Partial<T>, operation: WriteOperation): void;
  /**
   * For records whose owner follows from the id alone (admin-only records; a profile, whose
   * id is its partner): the row `authorize` sees before anything is validated or read, so a
   * caller without the right learns nothing about ids or input.
   */
  ownerFromId?(id: string): Partial<T>;
  /** The partner a row belongs to, for the audit table. */
  partnerOf(row: Partial<T>): string | null;
  /** The record's name in the audit table, when it differs from `entityType`. */
  auditType?: string;
  /** Rules for the record as a whole, after a create or with a patch applied; may read. */
  check?(row: Partial<T>, context: RowCheckContext<T, I>): void | Promise<void>;
  /**
   * Records that take a `clientKey`: the columns of the unique constraint the key is part of,
   * and the scope in which keys of deleted records stay retired.
   */
  clientKeys?: {
    unique: readonly (keyof T & string)[];
    keyOf(row: T): string | null | undefined;
    scope(row: Partial<T>): KeyScope;
  };
  /** Runs in the create's transaction before the insert (e.g. the partner must be known here). */
  beforeCreate?(em: EntityManager, row: Partial<T>): Promise<void>;
  /** Writes that go with the record (a meeting's delegations), in the same transaction. */
  afterWrite?(em: EntityManager, row: T, input: Given<I>, created: boolean): Promise<void> | void;
}

/**
 * The columns a client's input sets, through the kind's rules. Unknown fields are refused
 * (one rule for every record): GraphQL already refuses them in documents, so one reaching
 * here is a caller's mistake that must not be silently ignored.
 */
export function columnsOf<T, I>(rules: FieldRules<I, T>, input: Given<I>, argument: string): Partial<T> {
  const columns: Partial<T> = {};
  for (const key of givenFields(input)) {
    const field = `${argument}.${key}`;
    if (!Object.hasOwn(rules, key)) throw userInputError(`"${field}" is not a field of "${argument}".`, field);
    const rule = rules[key as keyof I & string];
    Object.assign(columns, rule(input[key] as Exclude<I[keyof I & string], undefined> | null, field));
  }
  return columns;
}

/** A rule for a field that is stored as given, as long as it is not null (enums, flags). */
export function requiredAs<T>(column: keyof T & string) {
  return <V>(value: V | null, field: string): Partial<T> => {
    if (value === null) throw userInputError(`"${field}" cannot be null.`, field);
    return { [column]: value } as Partial<T>;
  };
}

export interface WriteContext {
  em: EntityManager;
  identity: Identity;
  /** The request's loaders (absent in scripts): cleared once a write is committed. */
  loaders?: LoaderCache;
}

/** The result of a committed write, once the request's later reads will see it. */
export async function committed<T>(ctx: WriteContext, write: Promise<T>): Promise<T> {
  const result = await write;
  ctx.loaders?.clear();
  return result;
}

export interface CreateWrite<T, I> {
  /** The mutation's name, as the audit table records it. */
  action: string;
  input: Given<I>;
  /** The argument the input came in (default "input"). */
  argument?: string;
  /** The input must give at least one field (a first profile's patch). */
  requireFields?: boolean;
  /** Columns the mutation's other arguments fix, e.g. the partner, or a profile's id. */
  fixed?: Partial<T>;
  clientKey?: string | null;
}

/**
 * Creates a record. With an id chosen by the client (a roster slug, a profile's partner),
 * an existing record of that id is a CONFLICT. With a client key, a retried create returns
 * the record the first one made (the unique index decides races inside PostgreSQL), and the
 * key of a deleted record is refused with CONFLICT. Otherwise the id is a new UUID.
 */
export async function createRecord<T extends VersionedRow, I extends object>(
  ctx: WriteContext,
  kind: RecordKind<T, I>,
  write: CreateWrite<T, I>,
): Promise<T> {
  const identity = requireSignedIn(ctx.identity);
  const fixed: Partial<T> = write.fixed ?? {};
  kind.authorize(identity, fixed, 'create');
  const argument = write.argument ?? 'input';
  if (write.requireFields) requireChanges(write.input);
  const key = kind.clientKeys ? checkClientKey(write.clientKey) : null;
  const columns = columnsOf(kind.fields, write.input, argument);
  const draft: Partial<T> = { ...kind.defaults, ...columns, ...fixed };
  return committed(
    ctx,
    ctx.em.transactional(async (em) => {
      await kind.beforeCreate?.(em, draft);
      await kind.check?.(draft, { em, field: argument, input: write.input });
      const chosenId = draft.id;
      const row: Partial<VersionedRow> & Record<string, unknown> = {
        ...draft,
        id: chosenId ?? randomUUID(),
        version: 1,
      };
      let record: T;
      if (key && kind.clientKeys) {
        await refuseRetiredClientKey(em, kind.clientKeys.scope(draft), key);
        row.clientKey = key;
        const unique = Object.fromEntries(kind.clientKeys.unique.map((column) => [column, row[column]]));
        const result = await createOnce(em, kind.entity, row, unique);
        // A retry: the first call already did everything else.
        if (!result.created) return result.row;
        record = result.row;
      } else if (chosenId !== undefined) {
        const result = await createOnce(em, kind.entity, row, { id: chosenId });
        if (!result.created) throw alreadyExists(kind.entityType, chosenId, result.row.version);
        record = result.row;
      } else {
        record = Object.assign(new kind.entity(), row);
        em.persist(record);
      }
      if (kind.afterWrite) {
        // Rows written with the record refer to it by id: it must be stored first.
        await em.flush();
        await kind.afterWrite(em, record, write.input, true);
      }
      recordAudit(em, identity, {
        action: write.action,
        entityType: kind.auditType ?? kind.entityType,
        entityId: record.id,
        partnerId: kind.partnerOf(record),
        fields: givenFields(write.input),
      });
      return record;
    }),
  );
}

export interface ChangeWrite<I> {
  action: string;
  id: string;
  /** The version the client read. */
  version: number;
  /** The fields to change; without one, the record is deleted. */
  patch?: Given<I>;
}

/**
 * Changes (with a patch) or deletes (without) a record at the version the client read. The
 * row stays locked until the transaction ends, so two writers holding the same version
 * cannot both win; who may write is decided by the stored row.
 */
export async function changeRecord<T extends VersionedRow, I extends object>(
  ctx: WriteContext,
  kind: RecordKind<T, I>,
  write: ChangeWrite<I>,
): Promise<T> {
  const identity = requireSignedIn(ctx.identity);
  const { patch } = write;
  const operation = patch ? 'change' : 'delete';
  if (kind.ownerFromId) kind.authorize(identity, kind.ownerFromId(write.id), operation);
  if (patch) requireChanges(patch);
  const columns = patch ? columnsOf(kind.fields, patch, 'patch') : undefined;
  return committed(
    ctx,
    ctx.em.transactional(async (em) => {
      const row = await lockVersion(em, kind.entity, kind.entityType, write.id, write.version, (stored) =>
        kind.authorize(identity, stored, operation),
      );
      // The owner before a delete; after a change (a meeting may move to another host).
      let partnerId = kind.partnerOf(row);
      if (patch && columns) {
        await kind.check?.({ ...row, ...columns }, { em, field: 'patch', input: patch, stored: row });
        // A managed entity: the unit of work writes the changed columns at commit.
        Object.assign(row, columns, { version: row.version + 1 });
        partnerId = kind.partnerOf(row);
        await kind.afterWrite?.(em, row, patch, false);
      } else {
        em.remove(row);
        if (kind.clientKeys) await retireClientKeys(em, kind.clientKeys.scope(row), [kind.clientKeys.keyOf(row)]);
      }
      recordAudit(em, identity, {
        action: write.action,
        entityType: kind.auditType ?? kind.entityType,
        entityId: write.id,
        partnerId,
        fields: patch ? givenFields(patch) : [],
      });
      return row;
    }),
  );
}

export interface TranslateWrite<I, F extends keyof I & string> {
  action: string;
  id: string;
  /** The version the client read. */
  version: number;
  locale: Locale;
  /** The texts in `locale`, by field; validated by the kind's rules for the same fields. */
  texts: Given<Pick<I, F>>;
}

/**
 * Stores a record's texts in one locale other than the original's (set…Translation): the
 * same checks, version, lock and audit as a change. The texts replace the record's earlier
 * translation into that locale; a field left out has none there (it falls back, see
 * translations/translatable.ts). A field whose original is empty has nothing to translate.
 */
export async function translateRecord<
  T extends VersionedRow & Translatable,
  I extends object,
  F extends keyof I & string,
>(ctx: WriteContext, kind: RecordKind<T, I>, write: TranslateWrite<I, F>): Promise<T> {
  const identity = requireSignedIn(ctx.identity);
  if (kind.ownerFromId) kind.authorize(identity, kind.ownerFromId(write.id), 'change');
  const texts: Record<string, string> = {};
  for (const field of givenFields(write.texts) as F[]) {
    const value = write.texts[field];
    if (value === null || value === undefined) continue;
    const text = (kind.fields[field](value as Exclude<I[F], undefined>, field) as Record<string, unknown>)[field];
    if (typeof text === 'string') texts[field] = text;
  }
  return committed(
    ctx,
    ctx.em.transactional(async (em) => {
      const row = await lockVersion(em, kind.entity, kind.entityType, write.id, write.version, (stored) =>
        kind.authorize(identity, stored, 'change'),
      );
      if (write.locale === row.originalLocale) {
        throw userInputError(
          `"locale": ${kind.entityType} "${row.id}" is written in ${write.locale}; change its texts with the update, not a translation.`,
          'locale',
        );
      }
      for (const field of Object.keys(texts)) {
        if ((row as Record<string, unknown>)[field] == null) {
          throw userInputError(`"${field}": ${kind.entityType} "${row.id}" has no ${field} to translate.`, field);
        }
      }
      // A new object, so that the unit of work sees the jsonb column change.
      row.translations = { ...row.translations, [write.locale]: texts };
      row.version += 1;
      recordAudit(em, identity, {
        action: write.action,
        entityType: kind.auditType ?? kind.entityType,
        entityId: row.id,
        partnerId: kind.partnerOf(row),
        fields: ['locale', ...Object.keys(texts)],
      });
      return row;
    }),
  );
}
