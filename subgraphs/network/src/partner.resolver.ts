import { CountryCodeScalar, type Page, PartnerType } from '@citipart/schema';
import { PageArgs, type SubgraphContext, checkFirst, loadPage } from '@citipart/subgraph-kit';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { loadHostedMeetings, loadPartner } from './loaders';
import { Meeting } from './meeting.entity';
import { Partner, PartnerConnection } from './partner.entity';

@InputType({ description: 'Narrows the roster; every given field must match.' })
export class PartnerFilter {
  @Field(() => PartnerType, { nullable: true })
  type?: PartnerType | null;

  @Field(() => CountryCodeScalar, { nullable: true })
  countryCode?: string | null;
}

@ArgsType()
class PartnersArgs extends PageArgs {
  @Field(() => PartnerFilter, { nullable: true })
  filter?: PartnerFilter | null;
}

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => PartnerConnection, { description: 'The partners, by official name.' })
  partners(@Args() args: PartnersArgs, @Ctx() ctx: SubgraphContext): Promise<Page<Partner>> {
    const filter = args.filter;
    return loadPage(ctx.em, Partner, {
      orderBy: ['name', 'id'],
      first: checkFirst(args.first),
      after: args.after,
      where: [filter?.type && { type: filter.type }, filter?.countryCode && { countryCode: filter.countryCode }],
    });
  }

  @Query(() => Partner, { nullable: true, description: 'A partner by id; null when there is none.' })
  partner(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Partner | null> {
    return loadPartner(ctx, id);
  }

  @FieldResolver(() => [Meeting])
  hostedMeetings(@Root() partner: Partner, @Ctx() ctx: SubgraphContext): Promise<Meeting[]> {
    return loadHostedMeetings(ctx, partner.id);
  }
}
