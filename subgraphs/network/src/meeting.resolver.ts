import { DateScalar, MeetingKind, type Page, Theme } from '@citipart/schema';
import { PageArgs, type SubgraphContext, checkFirst, loadPage } from '@citipart/subgraph-kit';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { Delegation } from './delegation.entity';
import { loadDelegations, loadMeeting, loadPartner } from './loaders';
import { Meeting, MeetingConnection } from './meeting.entity';
import { Partner } from './partner.entity';

@InputType({ description: 'Narrows the meetings; every given field must match.' })
export class MeetingFilter {
  @Field(() => Theme, { nullable: true })
  theme?: Theme | null;

  @Field(() => MeetingKind, { nullable: true })
  kind?: MeetingKind | null;

  @Field(() => ID, { nullable: true })
  hostId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Meetings that start on or after this date.' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Meetings that start on or before this date.' })
  to?: string | null;
}

@ArgsType()
class MeetingsArgs extends PageArgs {
  @Field(() => MeetingFilter, { nullable: true })
  filter?: MeetingFilter | null;
}

/** A partner that no longer exists on the roster is a broken reference: a fault, not null. */
async function requirePartner(ctx: SubgraphContext, id: string): Promise<Partner> {
  const partner = await loadPartner(ctx, id);
  if (!partner) throw new Error(`Partner ${id} is referenced but not on the roster`);
  return partner;
}

@Resolver(() => Meeting)
export class MeetingResolver {
  @Query(() => MeetingConnection, { description: 'The multilateral meetings, by start date.' })
  meetings(@Args() args: MeetingsArgs, @Ctx() ctx: SubgraphContext): Promise<Page<Meeting>> {
    const filter = args.filter;
    return loadPage(ctx.em, Meeting, {
      orderBy: ['startsOn', 'id'],
      first: checkFirst(args.first),
      after: args.after,
      where: [
        filter?.theme && { theme: filter.theme },
        filter?.kind && { kind: filter.kind },
        filter?.hostId && { hostId: filter.hostId },
        filter?.from && { startsOn: { $gte: filter.from } },
        filter?.to && { startsOn: { $lte: filter.to } },
      ],
    });
  }

  @Query(() => Meeting, { nullable: true, description: 'A meeting by id; null when there is none.' })
  meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Meeting | null> {
    return loadMeeting(ctx, id);
  }

  @FieldResolver(() => Partner)
  host(@Root() meeting: Meeting, @Ctx() ctx: SubgraphContext): Promise<Partner> {
    return requirePartner(ctx, meeting.hostId);
  }

  @FieldResolver(() => [Delegation], { description: 'Who came from which partner, where known.' })
  delegations(@Root() meeting: Meeting, @Ctx() ctx: SubgraphContext): Promise<Delegation[]> {
    return loadDelegations(ctx, meeting.id);
  }
}

@Resolver(() => Delegation)
export class DelegationResolver {
  @FieldResolver(() => Partner)
  partner(@Root() delegation: Delegation, @Ctx() ctx: SubgraphContext): Promise<Partner> {
    return requirePartner(ctx, delegation.partnerId);
  }
}
