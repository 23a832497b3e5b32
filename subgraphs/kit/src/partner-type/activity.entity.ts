import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { ActivityKind, DateScalar, ParticipantCount, Source, Theme, connectionType } from '@citipart/schema';
import { type TranslatableField, translatableFieldsResolver } from '../translations/translatable';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { TranslatableEntity } from '../translations/translatable.entity';

/**
 * A local activity of one partner. Each partner-type subgraph keeps its own `activity`
 * table (same shape, its own schema); the GraphQL type is @shareable and identical in all
 * four. `partner` and `presentedAt` are resolved in partner-profile.resolver.ts.
 */
@ObjectType({ description: "A partner's local activity on one of the network's themes." })
@Directive('@shareable')
@Entity({ tableName: 'activity' })
@Index({ properties: ['partnerId', 'startsOn', 'id'] })
export class Activity extends TranslatableEntity<ActivityText> {
  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The roster id of the partner; the partner itself is an entity of the network subgraph. */
  @Property({ type: 'text' })
  partnerId!: string;

  @Field(() => ActivityKind)
  @Enum({ items: () => ActivityKind })
  kind!: ActivityKind;

  @Field(() => Theme)
  @Enum({ items: () => Theme })
  theme!: Theme;

  // The texts as written, in `originalLocale`. Their GraphQL fields take a `locale` and fall
  // back through the translations: ACTIVITY_TEXTS below.
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  startsOn!: string;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  town?: string | null;

  @Field(() => ParticipantCount, { nullable: true })
  @Property({ type: 'json', nullable: true })
  participants?: ParticipantCount | null;

  /** Id of the multilateral meeting where the results were presented (owned by the network). */
  @Property({ type: 'text', nullable: true })
  presentedAtId?: string | null;

  @Field(() => Boolean, { description: 'True for sample data that is not a documented fact.' })
  @Property({ default: false })
  demo: boolean & Opt = false;

  @Field(() => [Source])
  @Property({ type: 'json' })
  sources: Source[] & Opt = [];

  @Field(() => Int, { description: 'Changes with every write; updates and deletes must name the current one.' })
  @Property({ default: 1 })
  version: number & Opt = 1;

  /** The create's idempotency key (unique per partner): a retried create returns this row. */
  @Property({ type: 'text', nullable: true })
  clientKey?: string | null;
}

export const ActivityConnection = connectionType('Activity', () => Activity);

/** The texts of an activity that people write in a language. */
export type ActivityText = 'title' | 'description';

export const ACTIVITY_TEXTS: readonly TranslatableField<ActivityText>[] = [
  { name: 'title', nullable: false, description: 'What the activity was called.' },
  { name: 'description', nullable: true, description: 'What happened, in a few sentences.' },
];

export const ActivityTextsResolver = translatableFieldsResolver(Activity, ACTIVITY_TEXTS);
