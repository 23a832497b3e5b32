import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { TimestampedEntity } from '../timestamped.entity';
import { type TranslatableField, translatableFieldsResolver } from '../translations/translatable';
import { TranslatableEntity } from '../translations/translatable.entity';

// A street survey (API v3, "The work"): three tables, so that one network question's
// answers can be read across partners without reading whole surveys. The survey of an
// activity is replaced whole (work.mutations.ts); its rows go with the activity when it is
// deleted (foreign keys, Migration20261130000000PartnerKitWork).

/** The survey of one STREET_SURVEY activity: how many people answered. */
@ObjectType({ description: "A street survey's results: how many people answered, and every question's tallies." })
@Directive('@shareable')
@Entity({ tableName: 'survey' })
export class Survey extends TimestampedEntity {
  /** The activity the survey belongs to: one survey per activity. */
  @PrimaryKey({ type: 'text' })
  activityId!: string;

  @Field(() => Int, { description: 'How many people answered.' })
  @Property({ type: 'integer' })
  respondents!: number;
}

/**
 * One question of a survey, in the survey's order. Questions are single-choice: each
 * respondent gave at most one of its options, so the options' counts add up to the
 * respondents at most (the rest gave no answer).
 */
@ObjectType({
  description:
    "A survey's question. Single-choice: each respondent gave one option or none, so the counts add up to the respondents at most.",
})
@Directive('@shareable')
@Entity({ tableName: 'survey_question' })
@Unique({ properties: ['activityId', 'position'] })
@Index({ properties: ['networkQuestionId'] })
export class SurveyQuestion extends TranslatableEntity<'text'> {
  /** `<activity id>-q<position>`: a question's place in its activity's survey. */
  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  activityId!: string;

  /** From 1, in the survey's order. */
  @Property({ type: 'integer' })
  position!: number;

  // The question as asked, in `originalLocale`; its GraphQL field takes a `locale`.
  @Property({ type: 'text' })
  text!: string;

  /** The id of the question of the network's common questionnaire that this one asks. */
  @Property({ type: 'text', nullable: true })
  networkQuestionId?: string | null;
}

/** One option of a question, with how many respondents chose it. */
@ObjectType({ description: "One of a question's options, with how many respondents chose it." })
@Directive('@shareable')
@Entity({ tableName: 'survey_option' })
@Unique({ properties: ['questionId', 'position'] })
export class SurveyOption extends TranslatableEntity<'text'> {
  /** `<question id>-o<position>`. */
  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  questionId!: string;

  /** From 1, in the question's order. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  text!: string;

  @Field(() => Int, { description: 'How many respondents chose this option.' })
  @Property({ type: 'integer' })
  count!: number;
}

export const SURVEY_QUESTION_TEXTS: readonly TranslatableField<'text'>[] = [
  { name: 'text', nullable: false, description: 'The question as it was asked.' },
];

export const SURVEY_OPTION_TEXTS: readonly TranslatableField<'text'>[] = [
  { name: 'text', nullable: false, description: 'The answer as it was offered.' },
];

export const SurveyQuestionTextsResolver = translatableFieldsResolver(SurveyQuestion, SURVEY_QUESTION_TEXTS);
export const SurveyOptionTextsResolver = translatableFieldsResolver(SurveyOption, SURVEY_OPTION_TEXTS);
