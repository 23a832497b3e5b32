import { Entity, Enum, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Locale, LocaleCoverage, type Page, Source } from '@citipart/schema';
import { TimestampedEntity } from '../timestamped.entity';
import { Field, ID, Int, InterfaceType } from 'type-graphql';
import { ActivityConnection, type Activity } from './activity.entity';
import { MemberConnection, type Member } from './member.entity';
import { PartnerStatistics } from '../attendance/partner-statistics.type';

/**
 * What a partner-type subgraph knows of a partner: its `Partner` fields and the stored
 * profile every type shares. Each subgraph's own type (City, Foundation, ...) extends this
 * class with its profile fields and is stored in that subgraph's `profile` table.
 *
 * As a GraphQL interface it is the plain `interface Partner` of a partner-type subgraph;
 * the network subgraph owns the entity interface (`@key`) with the roster fields, and
 * composition merges the two. Implementations are listed by each subgraph (orphanedTypes),
 * not registered automatically, because all four types share this class in one process.
 *
 * Its fields are nullable (contract change of version 3, docs/API.md): a partner's roster
 * fields come from the network subgraph, these from its type's subgraph, and when that one
 * does not answer, these are null with an error naming it, while the other partners of a
 * network-wide list keep all their data. Non-null here would null the whole list.
 */
@InterfaceType('Partner', { autoRegisterImplementations: false })
@Entity({ abstract: true })
export abstract class PartnerProfile extends TimestampedEntity {
  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field(() => String, { nullable: true, description: "The organisation's web site." })
  @Property({ type: 'text', nullable: true })
  website?: string | null;

  @Field(() => Locale, {
    nullable: true,
    description: "The language the partner writes in (its country's): its activities' texts default to it.",
  })
  @Enum({ items: () => Locale, nullable: true })
  locale?: Locale | null;

  @Field(() => [Source], { nullable: true, description: 'Where the facts about this partner come from.' })
  @Property({ type: 'json' })
  sources: Source[] & Opt = [];

  /** 0 until the profile is first stored here; updateXxxProfile must name the current one. */
  @Field(() => Int, {
    name: 'profileVersion',
    nullable: true,
    description: 'Version of the profile; changes with every write to it.',
  })
  @Property({ default: 1 })
  version: number & Opt = 1;

  // Resolved in partner-profile.resolver.ts, batched over all partners of a request.
  @Field(() => MemberConnection, { nullable: true })
  members!: Page<Member> & Opt;

  @Field(() => ActivityConnection, { nullable: true })
  activities!: Page<Activity> & Opt;

  @Field(() => [LocaleCoverage], {
    nullable: true,
    description: "Per language, how many of the partner's texts (its activities') are in it and how many are not.",
  })
  translationCoverage!: LocaleCoverage[] & Opt;

  // Resolved in attendance/partner-statistics.ts, batched over all partners of a request.
  @Field(() => PartnerStatistics, {
    nullable: true,
    description: "The partner's work in numbers, computed over its activities.",
  })
  statistics!: PartnerStatistics & Opt;
}
