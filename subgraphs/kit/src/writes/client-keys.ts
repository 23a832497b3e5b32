import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { PublicErrorCode } from '@citipart/schema';

/**
 * Client keys outlive their records. A record made with a key may be deleted (or erased);
 * a client still retrying that create must not bring it back, so the key is retired: kept,
 * as a hash (a key may be anything a client chose), in the `retired_client_key` table.
 */
const hash = (key: string) => createHash('sha256').update(key).digest('base64url');

export interface KeyScope {
  /** The partner the key belongs to ('' for the admin's meetings). */
  partnerId: string;
  entityType: string;
}

export async function retireClientKeys(
  em: EntityManager,
  scope: KeyScope,
  keys: (string | null | undefined)[],
): Promise<void> {
  const rows = keys.filter((key): key is string => Boolean(key)).map((key) => ({ ...scope, keyHash: hash(key) }));
  if (!rows.length) return;
  const knex = em.getKnex();
  await em.execute(
    knex
      .withSchema(em.config.get('schema') as string)
      .table('retired_client_key')
      .insert(rows.map((row) => ({ partner_id: row.partnerId, entity_type: row.entityType, key_hash: row.keyHash })))
      .onConflict(['partner_id', 'entity_type', 'key_hash'])
      .ignore(),
  );
}

export async function refuseRetiredClientKey(em: EntityManager, scope: KeyScope, key: string): Promise<void> {
  const knex = em.getKnex();
  const found = await em.execute(
    knex
      .withSchema(em.config.get('schema') as string)
      .from('retired_client_key')
      .where({ partner_id: scope.partnerId, entity_type: scope.entityType, key_hash: hash(key) })
      .select(knex.raw('1')),
  );
  if (found.length) {
    throw new GraphQLError(
      `"clientKey" made a ${scope.entityType.toLowerCase()} that has since been deleted; use a new key to create another.`,
      { extensions: { code: PublicErrorCode.CONFLICT, field: 'clientKey' } },
    );
  }
}
