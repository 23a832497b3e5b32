import type { EntityClass } from '@mikro-orm/core';
import { LocaleCoverage, type Page } from '@citipart/schema';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../context';
import { loadById } from '../loaders';
import { PageArgs } from '../page.args';
import { checkFirst, loadPages } from '../pagination';
import { selectionWithin } from '../selection';
import { textSource, translationCoverage } from '../translations/coverage';
import { ActivityArgs } from './activity.args';
import { ACTIVITY_TEXTS, Activity, ActivityConnection } from './activity.entity';
import { MeetingReference } from './meeting.reference';
import { Member, MemberConnection } from './member.entity';
import { PartnerProfile } from './partner-profile.entity';
import { MemberContact, contactFor, visibleMembers } from './member-privacy';

/** The context of a partner-type subgraph: which profile class this subgraph stores. */
export interface PartnerTypeContext extends SubgraphContext {
  profileEntity: EntityClass<PartnerProfile>;
}

/**
 * Loads partners' profiles by id, one query per batch. A partner on the roster that has no
 * profile row yet (registered after the seed) still resolves, with an empty profile, so its
 * members and activities can be asked for.
 */
async function loadProfile(ctx: PartnerTypeContext, id: string): Promise<PartnerProfile> {
  return (
    (await loadById(ctx, ctx.profileEntity, id)) ??
    ctx.em.create(ctx.profileEntity, { id, version: 0 }, { persist: false })
  );
}

/**
 * The fields of a partner that this subgraph answers from its id alone: its lists and
 * figures are loaded by partner id (the resolvers below and attendance/partner-statistics.ts).
 * Any other field (website, locale, sources, profileVersion, the type's own) is stored in
 * the profile row.
 */
export const PARTNER_FIELDS_BY_ID: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'members',
  'activities',
  'translationCoverage',
  'statistics',
]);

const selectsOnlyFieldsById = selectionWithin(PARTNER_FIELDS_BY_ID);

/**
 * A partner as `_entities` and `Activity.partner` resolve it: its profile row only when the
 * selection asks for a field stored there (loaded with the other partners of the request,
 * in one statement); otherwise an instance of the type's class (so that GraphQL tells its
 * type) holding its id, which is all its lists need. Without `info`, the profile.
 */
export function resolvePartner(
  ctx: PartnerTypeContext,
  id: string,
  info?: GraphQLResolveInfo,
): PartnerProfile | Promise<PartnerProfile> {
  if (info && selectsOnlyFieldsById(info)) {
    return Object.setPrototypeOf({ id }, ctx.profileEntity.prototype) as PartnerProfile;
  }
  return loadProfile(ctx, id);
}

/** The texts a partner's translation coverage counts: its activities' titles and descriptions. */
const PARTNER_TEXTS = textSource({
  entity: Activity,
  fields: ACTIVITY_TEXTS.map((text) => text.name),
  partitionBy: 'partnerId',
});

@Resolver(() => PartnerProfile)
export class PartnerProfileResolver {
  @FieldResolver(() => [LocaleCoverage], { nullable: true })
  translationCoverage(@Root() partner: PartnerProfile, @Ctx() ctx: PartnerTypeContext): Promise<LocaleCoverage[]> {
    return ctx.loaders
      .get<string, LocaleCoverage[]>('translationCoverage', null, async (ids) => {
        const coverage = await translationCoverage(ctx.em, [PARTNER_TEXTS], ids);
        return ids.map((id) => coverage.get(id)!);
      })
      .load(partner.id);
  }

  @FieldResolver(() => MemberConnection, { nullable: true, description: "The partner's members, by name." })
  members(@Root() partner: PartnerProfile, @Args() args: PageArgs, @Ctx() ctx: PartnerTypeContext) {
    const first = checkFirst(args.first);
    const after = args.after;
    return ctx.loaders
      .get<string, Page<Member>>('members', { first, after }, async (ids) => {
        const pages = await loadPages(ctx.em, Member, {
          partitionBy: 'partnerId',
          parents: ids,
          orderBy: ['name', 'id'],
          first,
          after,
          where: [visibleMembers(ctx.identity)],
        });
        return ids.map((id) => pages.get(id)!);
      })
      .load(partner.id);
  }

  @FieldResolver(() => ActivityConnection, {
    nullable: true,
    description: "The partner's local activities, by start date.",
  })
  activities(@Root() partner: PartnerProfile, @Args() args: ActivityArgs, @Ctx() ctx: PartnerTypeContext) {
    const first = checkFirst(args.first);
    const { after, filter } = args;
    return ctx.loaders
      .get<string, Page<Activity>>('activities', { filter, first, after }, async (ids) => {
        const pages = await loadPages(ctx.em, Activity, {
          partitionBy: 'partnerId',
          parents: ids,
          orderBy: ['startsOn', 'id'],
          first,
          after,
          where: [
            filter?.theme && { theme: filter.theme },
            filter?.kind && { kind: filter.kind },
            filter?.from && { startsOn: { $gte: filter.from } },
            filter?.to && { startsOn: { $lte: filter.to } },
            filter?.presentedAt && { presentedAtId: filter.presentedAt },
          ],
        });
        return ids.map((id) => pages.get(id)!);
      })
      .load(partner.id);
  }
}

@Resolver(() => Member)
export class MemberResolver {
  @FieldResolver(() => MemberContact, {
    nullable: true,
    description: 'E-mail, phone and consents: for editors of the partner and the network admin; null for anyone else.',
  })
  contact(@Root() member: Member, @Ctx() ctx: PartnerTypeContext): MemberContact | null {
    return contactFor(ctx.identity, member);
  }
}

@Resolver(() => Activity)
export class ActivityResolver {
  @FieldResolver(() => PartnerProfile, { description: 'The partner that ran the activity.' })
  partner(
    @Root() activity: Activity,
    @Ctx() ctx: PartnerTypeContext,
    @Info() info: GraphQLResolveInfo,
  ): PartnerProfile | Promise<PartnerProfile> {
    // `partner { name }` asks this subgraph for the partner's key only (the name is the
    // network's): no profile row for that.
    return resolvePartner(ctx, activity.partnerId, info);
  }

  @FieldResolver(() => MeetingReference, {
    nullable: true,
    description: 'The multilateral meeting where the results were presented.',
  })
  presentedAt(@Root() activity: Activity): MeetingReference | null {
    return activity.presentedAtId ? { id: activity.presentedAtId } : null;
  }
}
