import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { DateScalar, ParticipantCount } from '@citipart/schema';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { type TranslatableField, translatableFieldsResolver } from '../translations/translatable';
import { TranslatableEntity } from '../translations/translatable.entity';

// The play of a FORUM_THEATRE activity and its performances (API v3, "The work"), replaced
// whole with the activity's version (work.mutations.ts).

/** The play of one FORUM_THEATRE activity. */
@ObjectType({ description: 'The forum-theatre play of an activity, and where and when it was performed.' })
@Directive('@shareable')
@Entity({ tableName: 'play' })
export class Play extends TranslatableEntity<PlayText> {
  /** The activity the play belongs to: one play per activity. */
  @PrimaryKey({ type: 'text' })
  activityId!: string;

  // The texts as written, in `originalLocale`; their GraphQL fields take a `locale`.
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  synopsis?: string | null;
}

/** One performance of a play. */
@ObjectType({ description: 'One performance of a play, with its audience and their interventions.' })
@Directive('@shareable')
@Entity({ tableName: 'performance' })
@Unique({ properties: ['activityId', 'position'] })
@Index({ properties: ['activityId', 'performedOn'] })
export class Performance extends TranslatableEntity<'notes'> {
  /** `<activity id>-p<position>`; not in the API (performances are listed by date). */
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  activityId!: string;

  /** From 1, in the order given: the order of performances on the same day. */
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => DateScalar, { name: 'on' })
  @Property({ type: 'date' })
  performedOn!: string;

  @Field()
  @Property({ type: 'text' })
  town!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  venue?: string | null;

  @Field(() => ParticipantCount, { nullable: true, description: 'How many people watched, and how exact that is.' })
  @Property({ type: 'json', nullable: true })
  audience?: ParticipantCount | null;

  @Field(() => Int, { nullable: true, description: 'How many times the audience stepped in to change a scene.' })
  @Property({ type: 'integer', nullable: true })
  interventions?: number | null;

  @Property({ type: 'text', nullable: true })
  notes?: string | null;
}

export type PlayText = 'title' | 'synopsis';

export const PLAY_TEXTS: readonly TranslatableField<PlayText>[] = [
  { name: 'title', nullable: false, description: "The play's title." },
  { name: 'synopsis', nullable: true, description: 'What the play shows, in a few sentences.' },
];

export const PERFORMANCE_TEXTS: readonly TranslatableField<'notes'>[] = [
  { name: 'notes', nullable: true, description: 'What happened at this performance.' },
];

export const PlayTextsResolver = translatableFieldsResolver(Play, PLAY_TEXTS);
export const PerformanceTextsResolver = translatableFieldsResolver(Performance, PERFORMANCE_TEXTS);
