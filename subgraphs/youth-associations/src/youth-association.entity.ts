import { Entity, Property } from '@mikro-orm/core';
import { PartnerProfile } from '@citipart/subgraph-kit';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType('YouthAssociation', {
  implements: PartnerProfile,
  description: 'An association run by and for young people.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'profile' })
export class YouthAssociation extends PartnerProfile {
  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  foundedYear?: number | null;
}
