import { Entity, Property } from '@mikro-orm/core';
import { PartnerProfile } from '@citipart/subgraph-kit';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType('City', { implements: PartnerProfile, description: 'A town or city taking part as a municipality.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'profile' })
export class City extends PartnerProfile {
  @Field(() => String, { nullable: true, description: 'The region the town belongs to.' })
  @Property({ type: 'text', nullable: true })
  region?: string | null;

  @Field(() => Int, { nullable: true, description: 'Inhabitants, when a source gives the number.' })
  @Property({ type: 'integer', nullable: true })
  population?: number | null;
}
