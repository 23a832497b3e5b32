import { MeetingKind, userInputError } from '@citipart/schema';
import {
  AuditConnection,
  ErasureReport,
  PageArgs,
  type SubgraphContext,
  check,
  createOnce,
  erasePersonalData,
  givenFields,
  loadAuditPage,
  lockVersion,
  recordAudit,
  requireAdmin,
  refuseRetiredClientKey,
  requireChanges,
  retireClientKeys,
  VersionedIdArgs,
} from '@citipart/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Delegation } from './delegation.entity';
import { CreateMeetingArgs, type DelegationInput, type MeetingPatch, UpdateMeetingArgs } from './meeting.input';
import { Meeting } from './meeting.entity';
import { PartnerInput, type PartnerPatch, UpdatePartnerArgs } from './partner.input';
import { Partner } from './partner.entity';

// The network admin's writes: the roster and the meetings. Each runs in one transaction
// with its audit entry.

/** Meetings belong to no partner: their client keys are the admin's, in one scope. */
const MEETING_KEYS = { partnerId: '', entityType: 'Meeting' };

function partnerColumns(input: PartnerPatch, field: string): Partial<Partner> {
  const columns: Partial<Partner> = {};
  for (const key of givenFields(input)) {
    const name = `${field}.${key}`;
    if (key === 'name') columns.name = check.text(check.required(input.name, name), name);
    else if (key === 'town') columns.town = check.text(check.required(input.town, name), name, 100);
    else Object.assign(columns, { [key]: check.required(input[key], name) });
  }
  return columns;
}

function meetingColumns(input: MeetingPatch, field: string): Partial<Meeting> {
  const columns: Partial<Meeting> = {};
  for (const key of givenFields(input)) {
    const name = `${field}.${key}`;
    switch (key) {
      case 'title':
        columns.title = check.text(check.required(input.title, name), name);
        break;
      case 'town':
        columns.town = check.text(check.required(input.town, name), name, 100);
        break;
      case 'theme':
        columns.theme = input.theme ?? null;
        break;
      case 'participants':
        columns.participants = check.participants(
          check.required(input.participants, name),
          name,
        ) as Meeting['participants'];
        break;
      case 'sources':
        columns.sources = check.sources(input.sources, name) as Meeting['sources'];
        break;
      case 'hostId':
        columns.hostId = check.slug(check.required(input.hostId, name), name);
        break;
      case 'startsOn':
      case 'endsOn':
        columns[key] = check.plausibleDate(check.required(input[key], name), name);
        break;
      case 'delegations':
        break;
      default:
        Object.assign(columns, { [key]: check.required(input[key], name) });
    }
  }
  return columns;
}

function checkDelegations(delegations: DelegationInput[], field: string): void {
  const seen = new Set<string>();
  delegations.forEach((delegation, index) => {
    check.intInRange(delegation.count, `${field}[${index}].count`, 1, 100_000);
    if (seen.has(delegation.partnerId)) {
      throw userInputError(
        `"${field}[${index}].partnerId": "${delegation.partnerId}" is listed twice.`,
        `${field}[${index}].partnerId`,
      );
    }
    seen.add(delegation.partnerId);
  });
}

/** Rules for the meeting as a whole, after a create or a patch, against the roster. */
async function checkMeeting(
  em: EntityManager,
  meeting: Partial<Meeting>,
  delegations: DelegationInput[] | undefined,
  field: string,
) {
  check.dateOrder(meeting.startsOn!, meeting.endsOn, `${field}.endsOn`);
  if ((meeting.kind === MeetingKind.THEMATIC) !== Boolean(meeting.theme)) {
    throw userInputError(
      `"${field}.theme" is required for a THEMATIC meeting, and must be null for the others.`,
      `${field}.theme`,
    );
  }
  const partners = [meeting.hostId!, ...(delegations ?? []).map((delegation) => delegation.partnerId)];
  const known = new Set(
    (await em.find(Partner, { id: { $in: partners } }, { fields: ['id'] })).map((partner) => partner.id),
  );
  if (!known.has(meeting.hostId!))
    throw userInputError(`"${field}.hostId": no partner "${meeting.hostId}" is on the roster.`, `${field}.hostId`);
  delegations?.forEach((delegation, index) => {
    if (!known.has(delegation.partnerId)) {
      throw userInputError(
        `"${field}.delegations[${index}].partnerId": no partner "${delegation.partnerId}" is on the roster.`,
        `${field}.delegations[${index}].partnerId`,
      );
    }
  });
}

function replaceDelegations(em: EntityManager, meetingId: string, delegations: DelegationInput[]): void {
  for (const delegation of delegations)
    em.create(Delegation, { meetingId, partnerId: delegation.partnerId, count: delegation.count });
}

@Resolver()
export class RosterMutations {
  @Mutation(() => Partner, { description: 'Adds a partner to the roster. Admin only.' })
  registerPartner(
    @Arg('input', () => PartnerInput) input: PartnerInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Partner> {
    const identity = ctx.identity;
    requireAdmin(identity);
    const id = check.slug(input.id, 'input.id');
    const columns = partnerColumns(input, 'input');
    return ctx.em.transactional(async (em) => {
      // Inserted only if the id is free, so that two registrations of one id cannot both win.
      const { row: partner, created } = await createOnce(em, Partner, { ...columns, id, version: 1 }, { id });
      if (!created) throw userInputError(`"input.id": partner "${id}" is already on the roster.`, 'input.id');
      recordAudit(em, identity, {
        action: 'registerPartner',
        entityType: 'Partner',
        entityId: id,
        partnerId: id,
        fields: Object.keys(columns),
      });
      return partner;
    });
  }

  @Mutation(() => Partner, { description: 'Changes a roster entry. Admin only.' })
  updatePartner(@Args() { id, version, patch }: UpdatePartnerArgs, @Ctx() ctx: SubgraphContext): Promise<Partner> {
    const identity = ctx.identity;
    requireAdmin(identity);
    requireChanges(patch);
    const columns = partnerColumns(patch, 'patch');
    return ctx.em.transactional(async (em) => {
      const partner = await lockVersion(em, Partner, 'Partner', id, version);
      if (columns.type && columns.type !== partner.type) {
        throw userInputError(
          `"patch.type": a partner's type cannot change (its data lives in the ${partner.type} subgraph); register a new partner instead.`,
          'patch.type',
        );
      }
      em.assign(partner, { ...columns, version: partner.version + 1 });
      recordAudit(em, identity, {
        action: 'updatePartner',
        entityType: 'Partner',
        entityId: id,
        partnerId: id,
        fields: Object.keys(columns),
      });
      return partner;
    });
  }

  @Mutation(() => Meeting, { description: 'Adds a multilateral meeting with its delegations. Admin only.' })
  createMeeting(@Args() { input, clientKey }: CreateMeetingArgs, @Ctx() ctx: SubgraphContext): Promise<Meeting> {
    const identity = ctx.identity;
    requireAdmin(identity);
    const key = check.clientKey(clientKey);
    const columns = meetingColumns(input, 'input');
    const delegations = input.delegations ?? [];
    checkDelegations(delegations, 'input.delegations');
    return ctx.em.transactional(async (em) => {
      await checkMeeting(em, columns, delegations, 'input');
      const row = { sources: [], ...columns, id: randomUUID(), clientKey: key, version: 1 };
      const fields = [...Object.keys(columns), ...(input.delegations ? ['delegations'] : [])];
      let meeting: Meeting;
      if (key) {
        await refuseRetiredClientKey(em, MEETING_KEYS, key);
        const result = await createOnce(em, Meeting, row, { clientKey: key });
        if (!result.created) return result.row;
        meeting = result.row;
      } else {
        meeting = em.create(Meeting, row as never);
        // Delegations refer to the meeting by id, not by an ORM relation: store it first.
        await em.flush();
      }
      replaceDelegations(em, meeting.id, delegations);
      recordAudit(em, identity, {
        action: 'createMeeting',
        entityType: 'Meeting',
        entityId: meeting.id,
        partnerId: meeting.hostId,
        fields,
      });
      return meeting;
    });
  }

  @Mutation(() => Meeting, { description: 'Changes a meeting; given delegations replace the old ones. Admin only.' })
  updateMeeting(@Args() { id, version, patch }: UpdateMeetingArgs, @Ctx() ctx: SubgraphContext): Promise<Meeting> {
    const identity = ctx.identity;
    requireAdmin(identity);
    requireChanges(patch);
    const columns = meetingColumns(patch, 'patch');
    const delegations = patch.delegations === undefined ? undefined : (patch.delegations ?? []);
    if (delegations) checkDelegations(delegations, 'patch.delegations');
    return ctx.em.transactional(async (em) => {
      const meeting = await lockVersion(em, Meeting, 'Meeting', id, version);
      await checkMeeting(em, { ...meeting, ...columns }, delegations, 'patch');
      em.assign(meeting, { ...columns, version: meeting.version + 1 });
      if (delegations) {
        await em.nativeDelete(Delegation, { meetingId: id });
        replaceDelegations(em, id, delegations);
      }
      recordAudit(em, identity, {
        action: 'updateMeeting',
        entityType: 'Meeting',
        entityId: id,
        partnerId: meeting.hostId,
        fields: [...Object.keys(columns), ...(delegations ? ['delegations'] : [])],
      });
      return meeting;
    });
  }

  @Mutation(() => ID, { description: 'Removes a meeting and its delegations. Admin only.' })
  deleteMeeting(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: SubgraphContext): Promise<string> {
    const identity = ctx.identity;
    requireAdmin(identity);
    return ctx.em.transactional(async (em) => {
      const meeting = await lockVersion(em, Meeting, 'Meeting', id, version);
      // Its delegations go with it (on delete cascade).
      em.remove(meeting);
      await retireClientKeys(em, MEETING_KEYS, [meeting.clientKey]);
      recordAudit(em, identity, {
        action: 'deleteMeeting',
        entityType: 'Meeting',
        entityId: id,
        partnerId: meeting.hostId,
      });
      return id;
    });
  }

  @Mutation(() => ErasureReport, {
    description: "Erases an e-mail address from the network subgraph's audit trail (it keeps no members). Admin only.",
  })
  eraseNetworkPersonalData(@Arg('email') email: string, @Ctx() ctx: SubgraphContext): Promise<ErasureReport> {
    return erasePersonalData(ctx.em, ctx.identity, { subgraph: 'network', action: 'eraseNetworkPersonalData', email });
  }

  @Query(() => AuditConnection, { description: 'Writes to the roster and the meetings, newest first. Admin only.' })
  networkAuditLog(@Args() args: PageArgs, @Ctx() ctx: SubgraphContext) {
    return loadAuditPage(ctx.em, ctx.identity, args);
  }
}
