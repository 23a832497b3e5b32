import { MeetingKind, userInputError } from '@citipart/schema';
import {
  AuditConnection,
  ErasureReport,
  type FieldRules,
  PageArgs,
  type RecordKind,
  type RowCheckContext,
  type SignedIn,
  type SubgraphContext,
  VersionedIdArgs,
  changeRecord,
  check,
  createRecord,
  erasePersonalData,
  loadAuditPage,
  requireAdmin,
  requiredAs,
} from '@citipart/subgraph-kit';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Delegation } from './delegation.entity';
import { CreateMeetingArgs, type DelegationInput, type MeetingInput, UpdateMeetingArgs } from './meeting.input';
import { Meeting } from './meeting.entity';
import { PartnerInput, UpdatePartnerArgs } from './partner.input';
import { Partner } from './partner.entity';

// The network admin's writes: the roster and the meetings, through the kit's write engine
// (subgraphs/kit/src/writes/records.ts), like every other record of the graph.

const PARTNER_FIELDS: FieldRules<PartnerInput, Partner> = {
  id: (value, field) => ({ id: check.slug(check.required(value, field), field) }),
  type: requiredAs('type'),
  name: (value, field) => ({ name: check.text(check.required(value, field), field) }),
  countryCode: requiredAs('countryCode'),
  town: (value, field) => ({ town: check.text(check.required(value, field), field, 100) }),
  role: requiredAs('role'),
  legalForm: requiredAs('legalForm'),
};

const MEETING_FIELDS: FieldRules<MeetingInput, Meeting> = {
  kind: requiredAs('kind'),
  theme: (value) => ({ theme: value }),
  title: (value, field) => ({ title: check.text(check.required(value, field), field) }),
  town: (value, field) => ({ town: check.text(check.required(value, field), field, 100) }),
  countryCode: requiredAs('countryCode'),
  startsOn: (value, field) => ({ startsOn: check.plausibleDate(check.required(value, field), field) }),
  endsOn: (value, field) => ({ endsOn: check.plausibleDate(check.required(value, field), field) }),
  hostId: (value, field) => ({ hostId: check.slug(check.required(value, field), field) }),
  participants: (value, field) => ({ participants: check.participants(check.required(value, field), field) }),
  // Stored in their own table by `afterWrite`; checked here like every field.
  delegations: (value, field) => {
    checkDelegations(value ?? [], field);
    return {};
  },
  sources: (value, field) => ({ sources: check.sources(value, field) }),
};

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

/** Rules for the meeting as a whole, after a create or with a patch applied, against the roster. */
async function checkMeeting(meeting: Partial<Meeting>, { em, field, input }: RowCheckContext<Meeting, MeetingInput>) {
  check.dateOrder(meeting.startsOn!, meeting.endsOn, `${field}.endsOn`);
  if ((meeting.kind === MeetingKind.THEMATIC) !== Boolean(meeting.theme)) {
    throw userInputError(
      `"${field}.theme" is required for a THEMATIC meeting, and must be null for the others.`,
      `${field}.theme`,
    );
  }
  const delegations = input.delegations ?? [];
  const partners = [meeting.hostId!, ...delegations.map((delegation) => delegation.partnerId)];
  const known = new Set(
    (await em.find(Partner, { id: { $in: partners } }, { fields: ['id'] })).map((partner) => partner.id),
  );
  if (!known.has(meeting.hostId!))
    throw userInputError(`"${field}.hostId": no partner "${meeting.hostId}" is on the roster.`, `${field}.hostId`);
  delegations.forEach((delegation, index) => {
    if (!known.has(delegation.partnerId)) {
      throw userInputError(
        `"${field}.delegations[${index}].partnerId": no partner "${delegation.partnerId}" is on the roster.`,
        `${field}.delegations[${index}].partnerId`,
      );
    }
  });
}

const adminOnly = (identity: SignedIn) => requireAdmin(identity);

const PARTNER: RecordKind<Partner, PartnerInput> = {
  entity: Partner,
  entityType: 'Partner',
  fields: PARTNER_FIELDS,
  authorize: adminOnly,
  ownerFromId: (id) => ({ id }),
  partnerOf: (row) => row.id ?? null,
  check: (row, { stored }) => {
    if (stored && row.type !== stored.type) {
      throw userInputError(
        `"patch.type": a partner's type cannot change (its data lives in the ${stored.type} subgraph); register a new partner instead.`,
        'patch.type',
      );
    }
  },
};

/** Meetings belong to no partner: their client keys are the admin's, in one scope. */
const MEETING_KEYS = { partnerId: '', entityType: 'Meeting' };

const MEETING: RecordKind<Meeting, MeetingInput> = {
  entity: Meeting,
  entityType: 'Meeting',
  fields: MEETING_FIELDS,
  defaults: { sources: [] },
  authorize: adminOnly,
  ownerFromId: (id) => ({ id }),
  partnerOf: (row) => row.hostId ?? null,
  check: checkMeeting,
  clientKeys: { unique: ['clientKey'], keyOf: (row) => row.clientKey, scope: () => MEETING_KEYS },
  // Given delegations replace the stored ones (on delete, they go with the meeting: cascade).
  async afterWrite(em, meeting, input, created) {
    if (input.delegations === undefined) return;
    if (!created) await em.nativeDelete(Delegation, { meetingId: meeting.id });
    for (const delegation of input.delegations ?? [])
      em.create(Delegation, { meetingId: meeting.id, partnerId: delegation.partnerId, count: delegation.count });
  },
};

@Resolver()
export class RosterMutations {
  @Mutation(() => Partner, { description: 'Adds a partner to the roster. Admin only.' })
  registerPartner(@Arg('input', () => PartnerInput) input: PartnerInput, @Ctx() ctx: SubgraphContext) {
    return createRecord(ctx, PARTNER, { action: 'registerPartner', input });
  }

  @Mutation(() => Partner, { description: 'Changes a roster entry. Admin only.' })
  updatePartner(@Args() args: UpdatePartnerArgs, @Ctx() ctx: SubgraphContext) {
    return changeRecord(ctx, PARTNER, { action: 'updatePartner', ...args });
  }

  @Mutation(() => Meeting, { description: 'Adds a multilateral meeting with its delegations. Admin only.' })
  createMeeting(@Args() { input, clientKey }: CreateMeetingArgs, @Ctx() ctx: SubgraphContext) {
    return createRecord(ctx, MEETING, { action: 'createMeeting', input, clientKey });
  }

  @Mutation(() => Meeting, { description: 'Changes a meeting; given delegations replace the old ones. Admin only.' })
  updateMeeting(@Args() args: UpdateMeetingArgs, @Ctx() ctx: SubgraphContext) {
    return changeRecord(ctx, MEETING, { action: 'updateMeeting', ...args });
  }

  @Mutation(() => ID, { description: 'Removes a meeting and its delegations. Admin only.' })
  async deleteMeeting(@Args() args: VersionedIdArgs, @Ctx() ctx: SubgraphContext): Promise<string> {
    return (await changeRecord(ctx, MEETING, { action: 'deleteMeeting', ...args })).id;
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
