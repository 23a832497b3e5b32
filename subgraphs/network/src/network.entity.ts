import { Entity, Enum, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar, Locale, Source, Theme } from '@citipart/schema';
import { type TranslatableField, type TranslatedTexts, translatableFieldsResolver } from '@citipart/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A funding line of the network.' })
export class Funding {
  @Field()
  programme!: string;

  @Field()
  strand!: string;

  @Field(() => String, { nullable: true })
  measure?: string | null;
}

/** The network itself: one row. countries and partnerCount: network.resolver.ts. */
@ObjectType('Network', { description: 'The CitiPart network.' })
@Entity({ tableName: 'network' })
export class NetworkInfo {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field({ description: '"CitiPart".' })
  @Property({ type: 'text' })
  name!: string;

  // The texts as written, in `originalLocale`; their GraphQL fields take a `locale`:
  // NetworkTextsResolver below.
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  @Field(() => Locale, { description: 'The language the texts were written in.' })
  @Enum({ items: () => Locale })
  originalLocale!: Locale;

  @Property({ type: 'json' })
  translations: TranslatedTexts<NetworkText> & Opt = {};

  @Field(() => Int, { description: 'Changes with every write; setNetworkTranslation must name the current one.' })
  @Property({ default: 1 })
  version: number & Opt = 1;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  startsOn!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  endsOn!: string;

  @Field(() => [Theme])
  @Property({ type: 'json' })
  themes!: Theme[];

  @Field(() => [Funding])
  @Property({ type: 'json' })
  funding!: Funding[];

  @Field(() => [Source])
  @Property({ type: 'json' })
  sources: Source[] & Opt = [];
}

/** The texts of the network that people write in a language. */
export type NetworkText = 'title' | 'description';

export const NETWORK_TEXTS: readonly TranslatableField<NetworkText>[] = [
  { name: 'title', nullable: false, description: "The project's full title." },
  { name: 'description', nullable: false, description: 'What the network set out to do and did.' },
];

export const NetworkTextsResolver = translatableFieldsResolver(NetworkInfo, NETWORK_TEXTS);
