import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MemberKind, userInputError } from '@citipart/schema';
import { Arg, Args, ArgsType, type ClassType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { type SignedIn, requireAdmin, requirePartnerEditor } from '../auth/identity';
import { PageArgs } from '../page.args';
import { AuditConnection } from '../writes/audit.entity';
import { loadAuditPage } from '../writes/audit';
import { retireClientKeys } from '../writes/client-keys';
import { ErasureReport, erasePersonalData } from '../writes/erasure';
import {
  type FieldRules,
  type RecordKind,
  type VersionedRow,
  changeRecord,
  createRecord,
  requiredAs,
  translateRecord,
} from '../writes/records';
import { checkOriginalLocale } from '../translations/translatable';
import { RecordTranslationArgs } from '../translations/translation.args';
import { VersionedIdArgs } from '../writes/write.args';
import * as check from '../writes/validate';
import { type ActivityInput, CreateActivityArgs, UpdateActivityArgs } from './activity.input';
import { Activity } from './activity.entity';
import { AddMemberArgs, type MemberInput, UpdateMemberArgs } from './member.input';
import { Member } from './member.entity';
import type { PartnerProfile } from './partner-profile.entity';
import type { PartnerTypeContext } from './partner-profile.resolver';
import type { ProfilePatchBase } from './profile.patch';
import { createWorkMutations, refuseKindChangeWithWork } from '../work/work.mutations';

export interface PartnerTypeMutationOptions<P extends PartnerProfile, Patch extends ProfilePatchBase> {
  /** GraphQL name of the type, e.g. "City": the mutations are named after it. */
  typeName: string;
  /** Subgraph name, as the erasure report gives it. */
  subgraphName: string;
  profile: EntityClass<P> & (new () => P);
  /** The `{T}ProfilePatch` input class. */
  profilePatch: ClassType<Patch>;
  /** The rules of every field of the patch: `...PROFILE_FIELDS` and the type's own. */
  profileFields: FieldRules<Patch, P>;
}

const ACTIVITY_FIELDS: FieldRules<ActivityInput, Activity> = {
  kind: requiredAs('kind'),
  theme: requiredAs('theme'),
  title: (value, field) => ({ title: check.text(check.required(value, field), field) }),
  description: (value, field) => ({ description: check.optionalLongText(value, field) }),
  startsOn: (value, field) => ({ startsOn: check.plausibleDate(check.required(value, field), field) }),
  endsOn: (value, field) => ({ endsOn: value ? check.plausibleDate(value, field) : null }),
  town: (value, field) => ({ town: check.optionalText(value, field, 100) }),
  participants: (value, field) => ({ participants: check.participants(value, field) }),
  presentedAt: (value, field) => ({ presentedAtId: value ? check.slug(value, field) : null }),
  // Left out (or null) in a create: the partner's language; in a patch: unchanged.
  locale: (value) => (value ? { originalLocale: value } : {}),
};

const MEMBER_FIELDS: FieldRules<MemberInput, Member> = {
  kind: requiredAs('kind'),
  name: (value, field) => ({ name: check.text(check.required(value, field), field) }),
  role: (value, field) => ({ role: check.optionalText(value, field, 100) }),
  since: (value, field) => ({ since: value ? check.plausibleDate(value, field) : null }),
  email: (value, field) => ({ email: check.optionalEmail(value, field) }),
  phone: (value, field) => ({ phone: check.optionalPhone(value, field) }),
  consentToPublish: (value) => ({ consentToPublish: value ?? false }),
  birthYear: (value, field) => ({
    birthYear: value === null ? null : check.intInRange(value, field, 1900, new Date().getUTCFullYear()),
  }),
  parentalConsent: (value) => ({ parentalConsent: value }),
};

/** The rules of the profile fields every partner type has; each type adds its own. */
export const PROFILE_FIELDS: FieldRules<ProfilePatchBase, PartnerProfile> = {
  website: (value, field) => ({ website: check.optionalUrl(value, field) }),
  sources: (value, field) => ({ sources: check.sources(value, field) }),
  locale: (value) => ({ locale: value }),
};

/** Records a partner owns here: an editor of that partner or the admin writes them. */
type Owned = { partnerId: string; clientKey?: string | null };

function ownedBy<T extends VersionedRow & Owned>(entityType: string) {
  return {
    entityType,
    authorize: (identity: SignedIn, row: Partial<T>) => requirePartnerEditor(identity, row.partnerId ?? ''),
    partnerOf: (row: Partial<T>) => row.partnerId ?? null,
    clientKeys: {
      unique: ['partnerId', 'clientKey'] satisfies (keyof Owned)[],
      keyOf: (row: T) => row.clientKey,
      scope: (row: Partial<T>) => ({ partnerId: row.partnerId ?? '', entityType }),
    },
  };
}

/** The records of a partner-type subgraph, as the write engine (../writes/records.ts) sees them. */
function recordKinds<P extends PartnerProfile, Patch extends ProfilePatchBase>(
  options: PartnerTypeMutationOptions<P, Patch>,
) {
  const { typeName, profile } = options;
  // The partner must be one of this subgraph's (it has a profile here).
  const knownPartner = async (em: EntityManager, row: Partial<Owned>) => {
    const found = row.partnerId ? await em.findOne(profile, { id: row.partnerId }) : null;
    if (!found) {
      throw userInputError(`"partnerId": there is no ${typeName} "${row.partnerId}" with a profile here.`, 'partnerId');
    }
    return found;
  };
  const activity: RecordKind<Activity, ActivityInput> = {
    ...ownedBy<Activity>('Activity'),
    entity: Activity,
    fields: ACTIVITY_FIELDS,
    beforeCreate: async (em, row) => {
      const partner = await knownPartner(em, row);
      // Texts are in the partner's language unless the input says otherwise.
      row.originalLocale ??= partner.locale ?? undefined;
      if (!row.originalLocale) {
        throw userInputError(
          `"input.locale": no language is recorded for ${typeName} "${partner.id}": say which language the texts are in.`,
          'input.locale',
        );
      }
    },
    check: async (row, { em, field, stored }) => {
      check.dateOrder(row.startsOn!, row.endsOn, `${field}.endsOn`);
      checkOriginalLocale(row, stored, `${field}.locale`);
      // Its survey, play or text fits only its kind (work/work.mutations.ts).
      if (stored) await refuseKindChangeWithWork(em, stored, row.kind, `${field}.kind`);
    },
  };
  const member: RecordKind<Member, MemberInput> = {
    ...ownedBy<Member>('Member'),
    entity: Member,
    fields: MEMBER_FIELDS,
    defaults: { consentToPublish: false },
    beforeCreate: knownPartner,
    check: (row, { field }) => {
      if (row.kind === MemberKind.ORGANISATION && row.birthYear != null) {
        throw userInputError(`"${field}.birthYear" is for people, not organisations.`, `${field}.birthYear`);
      }
    },
  };
  const profileRecord: RecordKind<PartnerProfile, Patch> = {
    entity: profile,
    entityType: `${typeName} profile`,
    auditType: 'Profile',
    fields: options.profileFields,
    // The first profile makes the partner one of this subgraph's: only the admin says which
    // partners are of this type (an editor's token names a partner, not a type).
    authorize: (identity, row, operation) =>
      operation === 'create' ? requireAdmin(identity) : requirePartnerEditor(identity, row.id ?? ''),
    ownerFromId: (id) => ({ id }),
    partnerOf: (row) => row.id ?? null,
  };
  return { activity, member, profile: profileRecord };
}

/**
 * The version-2 mutations of one partner-type subgraph, named after its type
 * (`createCityActivity`, ...). One implementation generates all four sets. Each mutation
 * runs in one transaction, with its audit entry.
 */
export function createPartnerTypeMutations<P extends PartnerProfile, Patch extends ProfilePatchBase>(
  options: PartnerTypeMutationOptions<P, Patch>,
): ClassType[] {
  const { typeName } = options;
  const lower = typeName[0].toLowerCase() + typeName.slice(1);
  const records = recordKinds(options);

  @ArgsType()
  class UpdateProfileArgs {
    @Field(() => ID)
    partnerId!: string;

    @Field(() => Int, { description: 'The profileVersion you read; 0 for the first profile.' })
    version!: number;

    @Field(() => options.profilePatch)
    patch!: Patch;
  }

  @Resolver()
  class PartnerTypeMutations {
    @Mutation(() => Activity, { name: `create${typeName}Activity`, description: `Adds an activity to a ${typeName}.` })
    createActivity(@Args() { partnerId, input, clientKey }: CreateActivityArgs, @Ctx() ctx: PartnerTypeContext) {
      const action = `create${typeName}Activity`;
      return createRecord(ctx, records.activity, { action, input, clientKey, fixed: { partnerId } });
    }

    @Mutation(() => Activity, { name: `update${typeName}Activity` })
    updateActivity(@Args() args: UpdateActivityArgs, @Ctx() ctx: PartnerTypeContext) {
      return changeRecord(ctx, records.activity, { action: `update${typeName}Activity`, ...args });
    }

    @Mutation(() => Activity, {
      name: `set${typeName}ActivityTranslation`,
      description: "Stores an activity's title and description in a language other than the one it was written in.",
    })
    setActivityTranslation(
      @Args() { id, version, locale, title, description }: RecordTranslationArgs,
      @Ctx() ctx: PartnerTypeContext,
    ) {
      const action = `set${typeName}ActivityTranslation`;
      return translateRecord(ctx, records.activity, { action, id, version, locale, texts: { title, description } });
    }

    @Mutation(() => ID, { name: `delete${typeName}Activity` })
    async deleteActivity(@Args() args: VersionedIdArgs, @Ctx() ctx: PartnerTypeContext): Promise<string> {
      return (await changeRecord(ctx, records.activity, { action: `delete${typeName}Activity`, ...args })).id;
    }

    @Mutation(() => Member, { name: `add${typeName}Member`, description: `Adds a member to a ${typeName}.` })
    addMember(@Args() { partnerId, input, clientKey }: AddMemberArgs, @Ctx() ctx: PartnerTypeContext) {
      const action = `add${typeName}Member`;
      return createRecord(ctx, records.member, { action, input, clientKey, fixed: { partnerId } });
    }

    @Mutation(() => Member, { name: `update${typeName}Member` })
    updateMember(@Args() args: UpdateMemberArgs, @Ctx() ctx: PartnerTypeContext) {
      return changeRecord(ctx, records.member, { action: `update${typeName}Member`, ...args });
    }

    @Mutation(() => ID, { name: `remove${typeName}Member` })
    async removeMember(@Args() args: VersionedIdArgs, @Ctx() ctx: PartnerTypeContext): Promise<string> {
      return (await changeRecord(ctx, records.member, { action: `remove${typeName}Member`, ...args })).id;
    }

    @Mutation(() => options.profile, {
      name: `update${typeName}Profile`,
      description: `Changes a ${typeName}'s profile. Version 0 stores the first profile of a newly registered partner (admin only).`,
    })
    updateProfile(@Args() { partnerId, version, patch }: UpdateProfileArgs, @Ctx() ctx: PartnerTypeContext) {
      const action = `update${typeName}Profile`;
      if (version !== 0) return changeRecord(ctx, records.profile, { action, id: partnerId, version, patch });
      const first = { action, input: patch, argument: 'patch', requireFields: true, fixed: { id: partnerId } };
      return createRecord(ctx, records.profile, first);
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

  // The work of activities: set${typeName}ActivitySurvey, …Play, …BookletText.
  return [PartnerTypeMutations, createWorkMutations(typeName)];
}
