import { randomUUID } from 'node:crypto';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MemberKind, userInputError } from '@citipart/schema';
import { Arg, Args, ArgsType, type ClassType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireAdmin, requirePartnerEditor, requireSignedIn } from '../auth/identity';
import { PageArgs } from '../page.args';
import { AuditConnection } from '../writes/audit.entity';
import { loadAuditPage, recordAudit } from '../writes/audit';
import { refuseRetiredClientKey, retireClientKeys } from '../writes/client-keys';
import { ErasureReport, erasePersonalData } from '../writes/erasure';
import { givenFields, requireChanges } from '../writes/patch';
import { VersionedIdArgs } from '../writes/write.args';
import * as check from '../writes/validate';
import { conflict, createOnce, lockVersion } from '../writes/versioned';
import { type ActivityPatch, CreateActivityArgs, UpdateActivityArgs } from './activity.input';
import { Activity } from './activity.entity';
import { AddMemberArgs, type MemberPatch, UpdateMemberArgs } from './member.input';
import { Member } from './member.entity';
import type { PartnerProfile } from './partner-profile.entity';
import type { PartnerTypeContext } from './partner-profile.resolver';

/** Validates the type's own fields of a profile patch; returns the columns to write. */
export type ProfilePatchValidator = (patch: Record<string, unknown>) => Record<string, unknown>;

export interface PartnerTypeMutationOptions {
  /** GraphQL name of the type, e.g. "City": the mutations are named after it. */
  typeName: string;
  /** Subgraph name, as the erasure report gives it. */
  subgraphName: string;
  profile: EntityClass<PartnerProfile>;
  /** The `{T}ProfilePatch` input class. */
  profilePatch: ClassType;
  validateProfilePatch: ProfilePatchValidator;
}

function activityColumns(input: ActivityPatch, field: string): Partial<Activity> {
  const columns: Partial<Activity> = {};
  for (const key of givenFields(input)) {
    const name = `${field}.${key}`;
    switch (key) {
      case 'kind':
      case 'theme':
        Object.assign(columns, { [key]: check.required(input[key], name) });
        break;
      case 'startsOn':
        columns.startsOn = check.plausibleDate(check.required(input.startsOn, name), name);
        break;
      case 'title':
        columns.title = check.text(check.required(input.title, name), name);
        break;
      case 'description':
        columns.description = check.optionalLongText(input.description, name);
        break;
      case 'town':
        columns.town = check.optionalText(input.town, name, 100);
        break;
      case 'endsOn':
        columns.endsOn = input.endsOn ? check.plausibleDate(input.endsOn, name) : null;
        break;
      case 'participants':
        columns.participants = check.participants(input.participants, name) as Activity['participants'];
        break;
      case 'presentedAt':
        columns.presentedAtId = input.presentedAt ? check.slug(input.presentedAt, name) : null;
        break;
    }
  }
  return columns;
}

function memberColumns(input: MemberPatch, field: string): Partial<Member> {
  const columns: Partial<Member> = {};
  for (const key of givenFields(input)) {
    const name = `${field}.${key}`;
    switch (key) {
      case 'kind':
        columns.kind = check.required(input.kind, name);
        break;
      case 'name':
        columns.name = check.text(check.required(input.name, name), name);
        break;
      case 'role':
        columns.role = check.optionalText(input.role, name, 100);
        break;
      case 'since':
        columns.since = input.since ? check.plausibleDate(input.since, name) : null;
        break;
      case 'email':
        columns.email = check.optionalEmail(input.email, name);
        break;
      case 'phone':
        columns.phone = check.optionalPhone(input.phone, name);
        break;
      case 'consentToPublish':
        columns.consentToPublish = input.consentToPublish ?? false;
        break;
      case 'birthYear':
        columns.birthYear =
          input.birthYear === null || input.birthYear === undefined
            ? null
            : check.intInRange(input.birthYear, name, 1900, new Date().getUTCFullYear());
        break;
      case 'parentalConsent':
        columns.parentalConsent = input.parentalConsent ?? null;
        break;
    }
  }
  return columns;
}

/** Rules that hold for the row as a whole, after a create or a patch. */
function checkActivity(activity: Pick<Activity, 'startsOn' | 'endsOn'>, field: string): void {
  check.dateOrder(activity.startsOn, activity.endsOn, `${field}.endsOn`);
}

function checkMember(member: Pick<Member, 'kind' | 'birthYear'>, field: string): void {
  if (member.kind === MemberKind.ORGANISATION && member.birthYear != null) {
    throw userInputError(`"${field}.birthYear" is for people, not organisations.`, `${field}.birthYear`);
  }
}

const pick = (patch: Record<string, unknown>) => Object.fromEntries(givenFields(patch).map((key) => [key, patch[key]]));

/** The partner must be one of this subgraph's (it has a profile here). */
async function requireKnownPartner(
  em: EntityManager,
  profile: EntityClass<PartnerProfile>,
  typeName: string,
  partnerId: string,
) {
  if (!(await em.count(profile, { id: partnerId }))) {
    throw userInputError(`"partnerId": there is no ${typeName} "${partnerId}" with a profile here.`, 'partnerId');
  }
}

type OwnedRow = { id: string; partnerId: string; version: number; clientKey?: string | null };

/** What differs between the records a partner owns here (activities, members). */
interface OwnedRecord<T extends OwnedRow, P extends object> {
  entity: EntityClass<T>;
  entityType: string;
  /** Validated columns from an input or patch; only the fields given. */
  columns(input: P, field: string): Partial<T>;
  /** Rules for the record as a whole. */
  check(row: Partial<T>, field: string): void;
  /** Columns a create sets when the input leaves them out. */
  defaults?: Partial<T>;
}

const ACTIVITY: OwnedRecord<Activity, ActivityPatch> = {
  entity: Activity,
  entityType: 'Activity',
  columns: activityColumns,
  check: (row, field) => checkActivity(row as Activity, field),
};

const MEMBER: OwnedRecord<Member, MemberPatch> = {
  entity: Member,
  entityType: 'Member',
  columns: memberColumns,
  check: (row, field) => checkMember(row as Member, field),
  defaults: { consentToPublish: false },
};

/**
 * Creates a record of a partner: editors of the partner and the admin only; with a client
 * key, at most once per key and partner.
 */
async function createRecord<T extends OwnedRow, P extends object>(
  ctx: PartnerTypeContext,
  kind: OwnedRecord<T, P>,
  known: (em: EntityManager) => Promise<void>,
  write: { action: string; partnerId: string; input: P; clientKey?: string | null },
): Promise<T> {
  const identity = requireSignedIn(ctx.identity);
  requirePartnerEditor(identity, write.partnerId);
  const key = check.clientKey(write.clientKey);
  const columns = kind.columns(write.input, 'input');
  kind.check(columns, 'input');
  const { partnerId } = write;
  return ctx.em.transactional(async (em) => {
    await known(em);
    if (key) await refuseRetiredClientKey(em, { partnerId, entityType: kind.entityType }, key);
    const row = { ...kind.defaults, ...columns, id: randomUUID(), partnerId, clientKey: key, version: 1 };
    const { row: record, created } = key
      ? await createOnce(em, kind.entity, row, { partnerId, clientKey: key })
      : { row: em.create(kind.entity, row as never), created: true };
    if (created) {
      recordAudit(em, identity, {
        action: write.action,
        entityType: kind.entityType,
        entityId: record.id,
        partnerId,
        fields: Object.keys(columns),
      });
    }
    return record;
  });
}

/**
 * Changes (with a patch) or deletes (without) a record, at the version the client read. The
 * row stays locked until the transaction ends, so two writers holding the same version
 * cannot both win; who may write is decided by the partner the stored row belongs to.
 */
async function changeRecord<T extends OwnedRow, P extends object>(
  ctx: PartnerTypeContext,
  kind: OwnedRecord<T, P>,
  write: { action: string; id: string; version: number; patch?: P },
): Promise<T> {
  const identity = requireSignedIn(ctx.identity);
  if (write.patch) requireChanges(write.patch);
  const columns = write.patch ? kind.columns(write.patch, 'patch') : undefined;
  return ctx.em.transactional(async (em) => {
    const row = await lockVersion(em, kind.entity, kind.entityType, write.id, write.version, (stored) =>
      requirePartnerEditor(identity, stored.partnerId),
    );
    if (columns) {
      kind.check({ ...row, ...columns }, 'patch');
      em.assign(row, { ...columns, version: row.version + 1 } as never);
    } else {
      em.remove(row);
      await retireClientKeys(em, { partnerId: row.partnerId, entityType: kind.entityType }, [row.clientKey]);
    }
    recordAudit(em, identity, {
      action: write.action,
      entityType: kind.entityType,
      entityId: write.id,
      partnerId: row.partnerId,
      fields: Object.keys(columns ?? {}),
    });
    return row;
  });
}

/**
 * The version-2 mutations of one partner-type subgraph, named after its type
 * (`createCityActivity`, ...). One implementation generates all four sets. Each mutation
 * runs in one transaction, with its audit entry.
 */
export function createPartnerTypeMutations(options: PartnerTypeMutationOptions): ClassType[] {
  const { typeName, profile } = options;
  const lower = typeName[0].toLowerCase() + typeName.slice(1);
  const known = (partnerId: string) => (em: EntityManager) => requireKnownPartner(em, profile, typeName, partnerId);

  @ArgsType()
  class UpdateProfileArgs {
    @Field(() => ID)
    partnerId!: string;

    @Field(() => Int, { description: 'The profileVersion you read; 0 for the first profile.' })
    version!: number;

    @Field(() => options.profilePatch)
    patch!: Record<string, unknown>;
  }

  @Resolver()
  class PartnerTypeMutations {
    @Mutation(() => Activity, { name: `create${typeName}Activity`, description: `Adds an activity to a ${typeName}.` })
    createActivity(@Args() args: CreateActivityArgs, @Ctx() ctx: PartnerTypeContext): Promise<Activity> {
      return createRecord(ctx, ACTIVITY, known(args.partnerId), { action: `create${typeName}Activity`, ...args });
    }

    @Mutation(() => Activity, { name: `update${typeName}Activity` })
    updateActivity(@Args() args: UpdateActivityArgs, @Ctx() ctx: PartnerTypeContext): Promise<Activity> {
      return changeRecord(ctx, ACTIVITY, { action: `update${typeName}Activity`, ...args });
    }

    @Mutation(() => ID, { name: `delete${typeName}Activity` })
    async deleteActivity(@Args() args: VersionedIdArgs, @Ctx() ctx: PartnerTypeContext): Promise<string> {
      return (await changeRecord(ctx, ACTIVITY, { action: `delete${typeName}Activity`, ...args })).id;
    }

    @Mutation(() => Member, { name: `add${typeName}Member`, description: `Adds a member to a ${typeName}.` })
    addMember(@Args() args: AddMemberArgs, @Ctx() ctx: PartnerTypeContext): Promise<Member> {
      return createRecord(ctx, MEMBER, known(args.partnerId), { action: `add${typeName}Member`, ...args });
    }

    @Mutation(() => Member, { name: `update${typeName}Member` })
    updateMember(@Args() args: UpdateMemberArgs, @Ctx() ctx: PartnerTypeContext): Promise<Member> {
      return changeRecord(ctx, MEMBER, { action: `update${typeName}Member`, ...args });
    }

    @Mutation(() => ID, { name: `remove${typeName}Member` })
    async removeMember(@Args() args: VersionedIdArgs, @Ctx() ctx: PartnerTypeContext): Promise<string> {
      return (await changeRecord(ctx, MEMBER, { action: `remove${typeName}Member`, ...args })).id;
    }

    @Mutation(() => options.profile, {
      name: `update${typeName}Profile`,
      description: `Changes a ${typeName}'s profile. Version 0 stores the first profile of a newly registered partner (admin only).`,
    })
    updateProfile(
      @Args() { partnerId, version, patch }: UpdateProfileArgs,
      @Ctx() ctx: PartnerTypeContext,
    ): Promise<PartnerProfile> {
      const identity = requireSignedIn(ctx.identity);
      requirePartnerEditor(identity, partnerId);
      requireChanges(patch);
      const { website, sources, ...typeFields } = patch as { website?: string | null; sources?: never };
      const columns: Record<string, unknown> = options.validateProfilePatch(pick(typeFields));
      if (website !== undefined) columns.website = check.optionalUrl(website, 'patch.website');
      if (sources !== undefined) columns.sources = check.sources(sources, 'patch.sources');
      return ctx.em.transactional(async (em) => {
        let stored: PartnerProfile;
        if (version === 0) {
          // The first profile makes the partner one of this subgraph's: only the admin says
          // which partners are of this type (an editor's token names a partner, not a type).
          requireAdmin(identity);
          const first = { ...columns, id: partnerId, version: 1 };
          const { row, created } = await createOnce(em, profile, first, { id: partnerId });
          if (!created) throw conflict(`${typeName} profile`, partnerId, 0, row.version);
          stored = row;
        } else {
          stored = await lockVersion(em, profile, `${typeName} profile`, partnerId, version);
          em.assign(stored, { ...columns, version: version + 1 } as never);
        }
        recordAudit(em, identity, {
          action: `update${typeName}Profile`,
          entityType: 'Profile',
          entityId: partnerId,
          partnerId,
          fields: Object.keys(columns),
        });
        return stored;
      });
    }

    @Mutation(() => ErasureReport, {
      name: `erase${typeName}PersonalData`,
      description: 'Removes the members with this e-mail address and erases it from the audit trail. Admin only.',
    })
    erasePersonalData(@Arg('email') email: string, @Ctx() ctx: PartnerTypeContext): Promise<ErasureReport> {
      return erasePersonalData(ctx.em, ctx.identity, {
        subgraph: options.subgraphName,
        action: `erase${typeName}PersonalData`,
        email,
        removePersonalData: async (em, address) => {
          // A client retrying the create that added the person must not add them again.
          for (const member of await em.find(Member, { email: address })) {
            await retireClientKeys(em, { partnerId: member.partnerId, entityType: 'Member' }, [member.clientKey]);
          }
          return em.nativeDelete(Member, { email: address });
        },
      });
    }

    @Query(() => AuditConnection, {
      name: `${lower}AuditLog`,
      description: `Writes to the ${options.subgraphName} subgraph, newest first. Admin only.`,
    })
    auditLog(@Args() args: PageArgs, @Ctx() ctx: PartnerTypeContext) {
      return loadAuditPage(ctx.em, ctx.identity, args);
    }
  }

  return [PartnerTypeMutations];
}
