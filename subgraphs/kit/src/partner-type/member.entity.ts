import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { DateScalar, MemberKind, connectionType } from '@citipart/schema';
import { TimestampedEntity } from '../timestamped.entity';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

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

  @Field(() => Int, { description: 'Changes with every write; updates and deletes must name the current one.' })
  @Property({ default: 1 })
  version: number & Opt = 1;

  /** The create's idempotency key (unique per partner): a retried create returns this row. */
  @Property({ type: 'text', nullable: true })
  clientKey?: string | null;

  // Personal data: no @Field. Only Member.contact (partner-profile.resolver.ts) exposes it, and only
  // to editors of the member's partner and to the network admin.
  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  /** Whether a person agreed to appear, by name, in public member lists. */
  @Property({ default: false })
  consentToPublish: boolean & Opt = false;

  @Property({ type: 'integer', nullable: true })
  birthYear?: number | null;

  /** A parent's consent, needed as well for a person under 16. */
  @Property({ type: 'boolean', nullable: true })
  parentalConsent?: boolean | null;
}

export const MemberConnection = connectionType('Member', () => Member);
