import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

/** How many people came from one partner to one meeting. partner: meeting.resolver.ts. */
@ObjectType({ description: 'The people one partner sent to a meeting.' })
@Entity({ tableName: 'delegation' })
@Index({ properties: ['partnerId'] })
export class Delegation {
  @PrimaryKey({ type: 'text' })
  meetingId!: string;

  @PrimaryKey({ type: 'text' })
  partnerId!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  count!: number;
}
