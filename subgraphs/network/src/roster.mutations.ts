import { Locale, MeetingKind, userInputError } from '@citipart/schema';
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
  RecordTranslationArgs,
  TextTranslationArgs,
  changeRecord,
  check,
  checkOriginalLocale,
  createRecord,
  erasePersonalData,
  loadAuditPage,
  requireAdmin,
  requiredAs,
  translateRecord,
} from '@citipart/subgraph-kit';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Delegation } from './delegation.entity';
import { CreateMeetingArgs, type DelegationInput, type MeetingInput, UpdateMeetingArgs } from './meeting.input';
import { Meeting } from './meeting.entity';
import { NetworkInfo } from './network.entity';
import { NETWORK_ID } from './network.resolver';
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
  description: (value, field) => ({ description: check.optionalLongText(value, field) }),
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
  // Left out (or null) in a create: English, the network's common language; in a patch: unchanged.
  locale: (value) => (value ? { originalLocale: value } : {}),
};

/** The network's own texts, as `setNetworkTranslation` takes them. */
interface NetworkTextsInput {
  title: string;
  description?: string | null;
}

const NETWORK_TEXT_FIELDS: FieldRules<NetworkTextsInput, NetworkInfo> = {
  title: (value, field) => ({ title: check.text(check.required(value, field), field) }),
  // Only translations take these rules: a translation without a description has none.
  description: (value, field) => ({ description: check.optionalLongText(value, field) ?? undefined }),
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
async function checkMeeting(
  meeting: Partial<Meeting>,
  { em, field, input, stored }: RowCheckContext<Meeting, MeetingInput>,
) {
  check.dateOrder(meeting.startsOn!, meeting.endsOn, `${field}.endsOn`);
  checkOriginalLocale(meeting, stored, `${field}.locale`);
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
  defaults: { sources: [], originalLocale: Locale.EN },
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

/** The network's own row: its texts are the admin's to translate. */
const NETWORK: RecordKind<NetworkInfo, NetworkTextsInput> = {
  entity: NetworkInfo,
  entityType: 'Network',
  fields: NETWORK_TEXT_FIELDS,
  authorize: adminOnly,
  ownerFromId: (id) => ({ id }),
  partnerOf: () => null,
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

  @Mutation(() => Meeting, {
    description:
      "Stores a meeting's title and description in a language other than the one it was written in. Admin only.",
  })
  setMeetingTranslation(
    @Args() { id, version, locale, title, description }: RecordTranslationArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    const texts = { title, description };
    return translateRecord(ctx, MEETING, { action: 'setMeetingTranslation', id, version, locale, texts });
  }

  @Mutation(() => NetworkInfo, {
    description:
      "Stores the network's title and description in a language other than the one they were written in. Admin only.",
  })
  setNetworkTranslation(
    @Args() { version, locale, title, description }: TextTranslationArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    const texts = { title, description };
    return translateRecord(ctx, NETWORK, { action: 'setNetworkTranslation', id: NETWORK_ID, version, locale, texts });
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
