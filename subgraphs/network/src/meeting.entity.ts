import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import {
  CountryCodeScalar,
  DateScalar,
  MeetingKind,
  ParticipantCount,
  Source,
  Theme,
  connectionType,
} from '@citipart/schema';
import { type TranslatableField, translatableFieldsResolver, TranslatableEntity } from '@citipart/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** A multilateral meeting of the network. host and delegations: meeting.resolver.ts. */
@ObjectType({ description: 'A multilateral meeting of the partners.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'meeting' })
@Index({ properties: ['startsOn', 'id'] })
export class Meeting extends TranslatableEntity<MeetingText> {
  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field(() => MeetingKind)
  @Enum({ items: () => MeetingKind })
  kind!: MeetingKind;

  @Field(() => Theme, { nullable: true, description: 'Null for the kick-off and the closing conference.' })
  @Enum({ items: () => Theme, nullable: true })
  theme?: Theme | null;

  // The texts as written, in `originalLocale`; their GraphQL fields take a `locale`:
  // MeetingTextsResolver below.
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field()
  @Property({ type: 'text' })
  town!: string;

  @Field(() => CountryCodeScalar)
  @Property({ type: 'text' })
  countryCode!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  startsOn!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  endsOn!: string;

  @Property({ type: 'text' })
  hostId!: string;

  @Field(() => ParticipantCount)
  @Property({ type: 'json' })
  participants!: ParticipantCount;

  @Field(() => [Source])
  @Property({ type: 'json' })
  sources: Source[] & Opt = [];

  @Field(() => Int, { description: 'Changes with every write; updates and deletes must name the current one.' })
  @Property({ default: 1 })
  version: number & Opt = 1;

  /** The create's idempotency key (unique): a retried create returns this row. */
  @Property({ type: 'text', nullable: true })
  clientKey?: string | null;
}

export const MeetingConnection = connectionType('Meeting', () => Meeting);

/** The texts of a meeting that people write in a language. */
export type MeetingText = 'title' | 'description';

export const MEETING_TEXTS: readonly TranslatableField<MeetingText>[] = [
  { name: 'title', nullable: false, description: 'What the meeting was called.' },
  { name: 'description', nullable: true, description: 'What the meeting was about, in a few sentences.' },
];

export const MeetingTextsResolver = translatableFieldsResolver(Meeting, MEETING_TEXTS);
