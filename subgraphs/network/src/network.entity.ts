import { Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar, Source, Theme } from '@citipart/schema';
import { Field, ObjectType } from 'type-graphql';

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

  @Field()
  @Property({ type: 'text' })
  title!: string;

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
