import { PARTNER_TYPENAME, type PartnerType, buildFederatedSchema } from '@citipart/schema';
import type { EntityClass, RequiredEntityData } from '@mikro-orm/core';
import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import type { ClassType } from 'type-graphql';
import { ActivityAttendance } from '../attendance/activity-attendance.entity';
import {
  ActivityAttendanceResolver,
  createActivityAttendanceMutations,
} from '../attendance/activity-attendance.resolver';
import { demoActivityAttendance } from '../attendance/demo-attendance';
import { PartnerStatisticsFieldResolver, PartnerStatisticsResolver } from '../attendance/partner-statistics';
import { seedAttendance } from '../attendance/seed-attendance';
import { insertMissing } from '../seed';
import { AuditEntry } from '../writes/audit.entity';
import type { SubgraphDefinition } from '../subgraph';
import { Activity, ActivityTextsResolver } from './activity.entity';
import { demoActivities } from './demo-activities';
import { MeetingReference } from './meeting.reference';
import { Member } from './member.entity';
import { Migration20261127000000PartnerKit } from './migrations/Migration20261127000000PartnerKit';
import { Migration20261128000000PartnerKitWrites } from './migrations/Migration20261128000000PartnerKitWrites';
import { Migration20261129000000PartnerKitLanguages } from './migrations/Migration20261129000000PartnerKitLanguages';
import { Migration20261130000100PartnerKitAttendance } from './migrations/Migration20261130000100PartnerKitAttendance';
import { Migration20261130000000PartnerKitWork } from './migrations/Migration20261130000000PartnerKitWork';
import { WORK_ENTITIES, WORK_RESOLVERS } from '../work/work';
import { demoWork } from '../work/demo-work';
import { type WorkRows, seedWork } from '../work/work.seed';
import { type PartnerProfile } from './partner-profile.entity';
import { createPartnerTypeMutations } from './partner-type.mutations';
import type { ProfilePatchBase } from './profile.patch';
import type { FieldRules } from '../writes/records';
import {
  ActivityResolver,
  MemberResolver,
  PartnerProfileResolver,
  type PartnerTypeContext,
  resolvePartner,
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
  /** The work of documented activities (a play, a survey), beside the demo work every partner gets. */
  work?: WorkRows[];
}

export interface PartnerTypeSubgraphOptions<P extends PartnerProfile, Patch extends ProfilePatchBase> {
  name: string;
  defaultPort: number;
  defaultSchema: string;
  partnerType: PartnerType;
  /** The type's class: entity of the `profile` table and GraphQL object type in one. */
  profile: EntityClass<P> & (new () => P);
  /** The `{T}ProfilePatch` input class (extends ProfilePatchBase)... */
  profilePatch: ClassType<Patch>;
  /** ...and one rule per field of it: `...PROFILE_FIELDS` and the type's own. */
  profileFields: FieldRules<Patch, P>;
  /** Creates the type's `profile` table (made with `profileTableMigration`). */
  profileMigration: MigrationObject;
  /** The type's later migrations, applied after all of the kit's. */
  migrations?: MigrationObject[];
  dataset: PartnerSeed<P>[];
}

/**
 * The order of a partner-type subgraph's migrations, explicit rather than by name or date:
 * the kit's tables first, then the type's profile table, then the kit's migrations that
 * change the profile table too, then the type's own. A new type's profile migration may
 * carry any date and still run after the kit's tables exist and before they are extended.
 * New kit migrations are appended to `KIT_MIGRATIONS_AFTER_PROFILE`. Once a type has
 * migrations of its own (`options.migrations`), a kit migration added later would run before
 * them on a new database but after them on existing ones: schema/migrations.lock.json then
 * refuses the change of order; such a kit migration then needs a third list, applied after
 * the types' own.
 */
const KIT_MIGRATIONS_BEFORE_PROFILE: MigrationObject[] = [
  { name: 'Migration20261127000000PartnerKit', class: Migration20261127000000PartnerKit },
];
const KIT_MIGRATIONS_AFTER_PROFILE: MigrationObject[] = [
  { name: 'Migration20261128000000PartnerKitWrites', class: Migration20261128000000PartnerKitWrites },
  { name: 'Migration20261129000000PartnerKitLanguages', class: Migration20261129000000PartnerKitLanguages },
  { name: 'Migration20261130000100PartnerKitAttendance', class: Migration20261130000100PartnerKitAttendance },
  { name: 'Migration20261130000000PartnerKitWork', class: Migration20261130000000PartnerKitWork },
];

/**
 * Everything a partner-type subgraph is, from the few things that make it different: its
 * type, its profile class, its migrations and its data.
 */
export function definePartnerTypeSubgraph<P extends PartnerProfile, Patch extends ProfilePatchBase>(
  options: PartnerTypeSubgraphOptions<P, Patch>,
): SubgraphDefinition {
  const typeName = PARTNER_TYPENAME[options.partnerType];
  const profileEntity: EntityClass<PartnerProfile> = options.profile;
  return {
    name: options.name,
    defaultPort: options.defaultPort,
    defaultSchema: options.defaultSchema,
    partnerType: options.partnerType,
    entities: [Activity, Member, options.profile, AuditEntry, ActivityAttendance, ...WORK_ENTITIES],
    migrations: [
      ...KIT_MIGRATIONS_BEFORE_PROFILE,
      options.profileMigration,
      ...KIT_MIGRATIONS_AFTER_PROFILE,
      ...(options.migrations ?? []),
    ],
    buildSchema: () =>
      buildFederatedSchema({
        resolvers: [
          PartnerProfileResolver,
          ActivityResolver,
          ActivityTextsResolver,
          ActivityAttendanceResolver,
          PartnerStatisticsFieldResolver,
          PartnerStatisticsResolver,
          ...createActivityAttendanceMutations(typeName),
          MemberResolver,
          ...WORK_RESOLVERS,
          ...createPartnerTypeMutations({
            typeName,
            subgraphName: options.name,
            profile: options.profile,
            profilePatch: options.profilePatch,
            profileFields: options.profileFields,
          }),
        ],
        orphanedTypes: [options.profile, MeetingReference],
        referenceResolvers: {
          [typeName]: {
            // The profile row only when the selection asks for a field stored there.
            __resolveReference: (reference: { id: string }, context: PartnerTypeContext, info?: GraphQLResolveInfo) =>
              resolvePartner(context, reference.id, info),
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
    // After the activities: sample attendance for those that have none (demo-attendance.ts).
    activityAttendance: await seedAttendance(em, {
      entity: ActivityAttendance,
      column: 'activity_id',
      parent: Activity,
      rows: demoActivityAttendance(activities),
    }),
    // After the activities: the work of those that have none (work/work.seed.ts).
    ...(await seedWork(
      em,
      dataset.flatMap((partner) => [...(partner.work ?? []), demoWork(partner.profile.id, partner.town)]),
    )),
  };
}
