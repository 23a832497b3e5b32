import { Entity, Property } from '@mikro-orm/core';
import { DateScalar } from '@citipart/schema';
import { PartnerProfile } from '@citipart/subgraph-kit';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType('Foundation', {
  implements: PartnerProfile,
  description: 'A foundation, or an organisation the network groups with the foundations (see legalForm).',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'profile' })
export class Foundation extends PartnerProfile {
  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  foundedYear?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'Founding date, where a source gives the day.' })
  @Property({ type: 'date', nullable: true })
  foundedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'The person the foundation is named after, if any.' })
  @Property({ type: 'text', nullable: true })
  patron?: string | null;
}
