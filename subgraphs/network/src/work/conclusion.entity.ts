import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Theme } from '@citipart/schema';
import { type TranslatableField, translatableFieldsResolver, TranslatableEntity } from '@citipart/subgraph-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * What citizens and politicians identified together at a meeting: a problem, what they
 * proposed, and what was to follow (API v3, the work). Read as `Meeting.conclusions`, in
 * the order they were added (position, then id). Deleted with its meeting.
 */
@ObjectType({
  description: 'A problem that citizens and politicians identified together at a meeting, and their proposal.',
})
@Entity({ tableName: 'conclusion' })
@Index({ properties: ['meetingId', 'position', 'id'] })
export class Conclusion extends TranslatableEntity<ConclusionText> {
  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  meetingId!: string;

  /** Where it stands among the meeting's conclusions: appended when added. */
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => Theme, {
    nullable: true,
    description: 'The theme it belongs to; none where it spans them (the closing conference covers all three).',
  })
  @Enum({ items: () => Theme, nullable: true })
  theme?: Theme | null;

  // The texts as written, in `originalLocale`; their GraphQL fields take a `locale`:
  // ConclusionTextsResolver below.
  @Property({ type: 'text' })
  problem!: string;

  @Property({ type: 'text' })
  proposal!: string;

  @Property({ type: 'text', nullable: true })
  followUp?: string | null;

  @Field(() => Boolean, { description: 'True for sample data that is not a documented fact.' })
  @Property({ default: false })
  demo: boolean & Opt = false;

  @Field(() => Int, { description: 'Changes with every write; updates and removals must name the current one.' })
  @Property({ default: 1 })
  version: number & Opt = 1;

  /** The create's idempotency key (unique; the admin's): a retried add returns this row. */
  @Property({ type: 'text', nullable: true })
  clientKey?: string | null;
}

/** The texts of a conclusion that people write in a language. */
export type ConclusionText = 'problem' | 'proposal' | 'followUp';

export const CONCLUSION_TEXTS: readonly TranslatableField<ConclusionText>[] = [
  { name: 'problem', nullable: false, description: 'The problem they identified.' },
  { name: 'proposal', nullable: false, description: 'The solution they proposed.' },
  { name: 'followUp', nullable: true, description: 'What was to happen next, and who would see to it.' },
];

export const ConclusionTextsResolver = translatableFieldsResolver(Conclusion, CONCLUSION_TEXTS);
