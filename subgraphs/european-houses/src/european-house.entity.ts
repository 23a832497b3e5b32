import { Entity, type Opt, Property } from '@mikro-orm/core';
import { PartnerProfile } from '@citipart/subgraph-kit';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType('EuropeanHouse', {
  implements: PartnerProfile,
  description: 'A European house or centre: an association that brings Europe to its town.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'profile' })
export class EuropeanHouse extends PartnerProfile {
  @Field(() => String, { nullable: true, description: 'Postal address, as a source gives it.' })
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  foundedYear?: number | null;

  @Field(() => Boolean, { description: 'Whether the house is also a Europe Direct information centre.' })
  @Property({ default: false })
  europeDirectCentre: boolean & Opt = false;
}
