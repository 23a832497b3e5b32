import type { EntityManager } from '@mikro-orm/postgresql';
import { type Identity, Role, requireAdmin } from '../auth/identity';
import type { PageArgs } from '../page.args';
import { checkFirst, loadPage } from '../pagination';
import { AuditEntry } from './audit.entity';

export interface AuditedWrite {
  action: string;
  entityType: string;
  entityId: string;
  partnerId?: string | null;
  fields?: string[];
}

/** Records a write in the same transaction as the write itself. */
export function recordAudit(
  em: EntityManager,
  identity: Exclude<Identity, { kind: 'anonymous' }>,
  write: AuditedWrite,
): void {
  em.create(AuditEntry, {
    actor: identity.subject,
    role: identity.kind === 'admin' ? Role.NETWORK_ADMIN : Role.PARTNER_EDITOR,
    action: write.action,
    entityType: write.entityType,
    entityId: write.entityId,
    partnerId: write.partnerId ?? null,
    fields: [...(write.fields ?? [])].sort(),
  });
}

/** One page of a subgraph's audit table, newest first. Admin only. */
export function loadAuditPage(em: EntityManager, identity: Identity, args: PageArgs) {
  requireAdmin(identity);
  return loadPage(em, AuditEntry, {
    orderBy: ['id'],
    descending: true,
    first: checkFirst(args.first),
    after: args.after,
  });
}
