import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar, MemberKind, connectionType } from '@citipart/schema';
import { TimestampedEntity } from '../timestamped.entity';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A member of a partner: a local partner organisation or a person. */
@ObjectType({ description: 'A local partner organisation or a person taking part through a partner.' })
@Directive('@shareable')
@Entity({ tableName: 'member' })
@Index({ properties: ['partnerId', 'name', 'id'] })
export class Member extends TimestampedEntity {
  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  partnerId!: string;

  @Field(() => MemberKind)
  @Enum({ items: () => MemberKind })
  kind!: MemberKind;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the member does in the partnership.' })
  @Property({ type: 'text', nullable: true })
  role?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  since?: string | null;

  @Field(() => Boolean, { description: 'True for sample data (fictional people and organisations).' })
  @Property({ default: false })
  demo: boolean & Opt = false;
}

export const MemberConnection = connectionType('Member', () => Member);
