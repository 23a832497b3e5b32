import { PARTNER_TYPENAME, type PartnerType, buildFederatedSchema } from '@citipart/schema';
import type { EntityClass, RequiredEntityData } from '@mikro-orm/core';
import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';
import { insertMissing } from '../seed';
import { AuditEntry } from '../writes/audit.entity';
import type { SubgraphDefinition } from '../subgraph';
import { Activity } from './activity.entity';
import { demoActivities } from './demo-activities';
import { MeetingReference } from './meeting.reference';
import { Member } from './member.entity';
import { Migration20261127000000PartnerKit } from './migrations/Migration20261127000000PartnerKit';
import { Migration20261128000000PartnerKitWrites } from './migrations/Migration20261128000000PartnerKitWrites';
import { type PartnerProfile } from './partner-profile.entity';
import { type ProfilePatchValidator, createPartnerTypeMutations } from './partner-type.mutations';
import {
  ActivityResolver,
  MemberResolver,
  PartnerProfileResolver,
  type PartnerTypeContext,
  loadProfile,
} from './partner-profile.resolver';

/** One partner of the built-in dataset, as a partner-type subgraph stores it. */
export interface PartnerSeed<P extends PartnerProfile> {
  profile: RequiredEntityData<P> & { id: string };
  /** The partner's town, used by its demo activities (the roster itself is the network's). */
  town: string;
  /** Documented activities, with sources (demo: false). */
  activities?: Omit<RequiredEntityData<Activity>, 'partnerId'>[];
  /** Local partner organisations and fictional people: stored as demo data. */
  members: Omit<RequiredEntityData<Member>, 'partnerId' | 'demo'>[];
}

export interface PartnerTypeSubgraphOptions<P extends PartnerProfile> {
  name: string;
  defaultPort: number;
  defaultSchema: string;
  partnerType: PartnerType;
  /** The type's class: entity of the `profile` table and GraphQL object type in one. */
  profile: EntityClass<P>;
  /** The `{T}ProfilePatch` input class (extends ProfilePatchBase) and its check. */
  profilePatch: ClassType;
  validateProfilePatch: ProfilePatchValidator;
  /** The subgraph's own migrations, applied after the kit's members and activities tables. */
  migrations: MigrationObject[];
  dataset: PartnerSeed<P>[];
}

// The kit's migrations and each subgraph's own are applied in name (date) order.
const KIT_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261127000000PartnerKit', class: Migration20261127000000PartnerKit },
  { name: 'Migration20261128000000PartnerKitWrites', class: Migration20261128000000PartnerKitWrites },
];

/**
 * Everything a partner-type subgraph is, from the few things that make it different: its
 * type, its profile class, its migrations and its data.
 */
export function definePartnerTypeSubgraph<P extends PartnerProfile>(
  options: PartnerTypeSubgraphOptions<P>,
): SubgraphDefinition {
  const typeName = PARTNER_TYPENAME[options.partnerType];
  const profileEntity = options.profile as unknown as EntityClass<PartnerProfile>;
  return {
    name: options.name,
    defaultPort: options.defaultPort,
    defaultSchema: options.defaultSchema,
    entities: [Activity, Member, options.profile, AuditEntry],
    migrations: [...KIT_MIGRATIONS, ...options.migrations].sort((a, b) => a.name.localeCompare(b.name)),
    buildSchema: () =>
      buildFederatedSchema({
        resolvers: [
          PartnerProfileResolver,
          ActivityResolver,
          MemberResolver,
          ...createPartnerTypeMutations({
            typeName,
            subgraphName: options.name,
            profile: profileEntity,
            profilePatch: options.profilePatch,
            validateProfilePatch: options.validateProfilePatch,
          }),
        ],
        orphanedTypes: [options.profile as unknown as ClassType, MeetingReference],
        referenceResolvers: {
          [typeName]: {
            __resolveReference: (reference: { id: string }, context: PartnerTypeContext) =>
              loadProfile(context, reference.id),
          },
        },
      }),
    extendContext: (context): PartnerTypeContext => ({ ...context, profileEntity }),
    seed: (em) => seedPartnerType(em, options.profile, options.dataset),
    hasData: async (em: EntityManager) => (await em.count(options.profile)) > 0,
  };
}

async function seedPartnerType<P extends PartnerProfile>(
  em: EntityManager,
  profile: EntityClass<P>,
  dataset: PartnerSeed<P>[],
) {
  const activities = dataset.flatMap((partner) => [
    ...(partner.activities ?? []).map((activity) => ({ ...activity, partnerId: partner.profile.id })),
    ...demoActivities(partner.profile.id, partner.town),
  ]);
  const members = dataset.flatMap((partner) =>
    partner.members.map((member) => ({ ...member, partnerId: partner.profile.id, demo: true })),
  );
  return {
    profile: await insertMissing(
      em,
      profile,
      dataset.map((partner) => partner.profile),
    ),
    activity: await insertMissing(em, Activity, activities as RequiredEntityData<Activity>[]),
    member: await insertMissing(em, Member, members),
  };
}
