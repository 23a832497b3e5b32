import { CountryCodeScalar, LocaleCoverage } from '@citipart/schema';
import { type SubgraphContext, selectRows, textSource, translationCoverage } from '@citipart/subgraph-kit';
import { Ctx, FieldResolver, Int, Query, Resolver } from 'type-graphql';
import { MEETING_TEXTS, Meeting } from './meeting.entity';
import { NETWORK_TEXTS, NetworkInfo } from './network.entity';
import { Partner } from './partner.entity';

export const NETWORK_ID = 'citipart';

const NETWORK_TEXT_SOURCES = [
  textSource({ entity: NetworkInfo, fields: NETWORK_TEXTS.map((text) => text.name) }),
  textSource({ entity: Meeting, fields: MEETING_TEXTS.map((text) => text.name) }),
];

@Resolver(() => NetworkInfo)
export class NetworkResolver {
  @Query(() => NetworkInfo, { description: 'The network: its title, period, themes and funding.' })
  async network(@Ctx() ctx: SubgraphContext): Promise<NetworkInfo> {
    // A plain row, as every read (kit's rows.ts): nothing here is written back.
    const [network] = await selectRows(ctx.em, NetworkInfo, { where: { id: NETWORK_ID } });
    if (!network) throw new Error('The network row is missing: run the seed');
    return network;
  }

  @FieldResolver(() => [CountryCodeScalar], { description: 'Distinct partner countries, sorted.' })
  async countries(@Ctx() ctx: SubgraphContext): Promise<string[]> {
    const rows = await ctx.em
      .createQueryBuilder(Partner)
      .select('countryCode', true)
      .orderBy({ countryCode: 'asc' })
      .execute('all');
    return rows.map((row) => row.countryCode);
  }

  @FieldResolver(() => Int)
  partnerCount(@Ctx() ctx: SubgraphContext): Promise<number> {
    return ctx.em.count(Partner);
  }

  @FieldResolver(() => [LocaleCoverage], {
    description:
      "Per language, how many of the network's own texts (its title and description, its meetings') are in it and how many are not.",
  })
  async translationCoverage(@Ctx() ctx: SubgraphContext): Promise<LocaleCoverage[]> {
    return (await translationCoverage(ctx.em, NETWORK_TEXT_SOURCES)).get('')!;
  }
}
