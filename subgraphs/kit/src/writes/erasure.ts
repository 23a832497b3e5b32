import type { QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { userInputError } from '@citipart/schema';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { type Identity, requireAdmin } from '../auth/identity';
import { recordAudit } from './audit';
import { optionalEmail } from './validate';

@ObjectType({ description: 'What an erasure removed from one subgraph.' })
@Directive('@shareable')
export class ErasureReport {
  @Field()
  subgraph!: string;

  @Field(() => Int, { description: 'Members with the e-mail address, removed with their personal data.' })
  membersRemoved!: number;

  @Field(() => Int, { description: 'Audit entries the address had made: kept, with the actor erased.' })
  auditEntriesAnonymised!: number;
}

export interface ErasureRequest {
  subgraph: string;
  action: string;
  email: string;
  /** Deletes the subgraph's own rows that hold the person's data; returns how many. */
  removePersonalData?: (em: EntityManager, email: string) => Promise<number>;
}

/**
 * The right to erasure, in one subgraph and one transaction: the rows that are the person's
 * data go; the audit entries they made stay (the writes happened) without their address.
 * Admin only.
 */
export async function erasePersonalData(
  em: EntityManager,
  identity: Identity,
  request: ErasureRequest,
): Promise<ErasureReport> {
  requireAdmin(identity);
  const email = optionalEmail(request.email, 'email');
  if (!email) throw userInputError('"email" must be an e-mail address.', 'email');
  return em.transactional(async (tx) => {
    const membersRemoved = (await request.removePersonalData?.(tx, email)) ?? 0;
    // Compared with lower() (indexed), not ILIKE: an address may hold "_" or "%".
    const anonymised = await tx.execute<QueryResult>(
      tx
        .getKnex()
        .withSchema(tx.config.get('schema') as string)
        .table('audit')
        .whereRaw('lower("actor") = ?', [email])
        .update({ actor: 'erased' }),
      [],
      'run',
    );
    recordAudit(tx, identity, { action: request.action, entityType: 'Person', entityId: 'erased', fields: ['email'] });
    return { subgraph: request.subgraph, membersRemoved, auditEntriesAnonymised: anonymised.affectedRows };
  });
}
