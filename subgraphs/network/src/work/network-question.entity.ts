import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Theme } from '@citipart/schema';
import { type TranslatableField, translatableFieldsResolver, TranslatableEntity } from '@citipart/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A question of the network's common questionnaire (API v3, the work). An entity of the
 * graph: a partner's survey question (in its partner-type subgraph) points at one by id, so
 * that the answers to one question can be compared across partners. The id is a slug the
 * admin chooses and keeps when the questionnaire is replaced (setNetworkQuestionnaire).
 */
@ObjectType({ description: "A question of the network's common questionnaire." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'network_question' })
@Index({ properties: ['position', 'id'] })
export class NetworkQuestion extends TranslatableEntity<NetworkQuestionText> {
  @Field(() => ID, { description: 'Stable slug, e.g. "q-solidarity-1"; survey questions point at it.' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** Where it stands in the questionnaire, from 0: the order the admin gave. */
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => Theme)
  @Enum({ items: () => Theme })
  theme!: Theme;

  // The text as written, in `originalLocale`; its GraphQL field takes a `locale`:
  // NetworkQuestionTextsResolver below.
  @Property({ type: 'text' })
  text!: string;

  @Field(() => Boolean, { description: 'True for sample data that is not a documented fact.' })
  @Property({ default: false })
  demo: boolean & Opt = false;
}

/** The texts of a network question that people write in a language. */
export type NetworkQuestionText = 'text';

export const NETWORK_QUESTION_TEXTS: readonly TranslatableField<NetworkQuestionText>[] = [
  { name: 'text', nullable: false, description: 'The question, as asked.' },
];

export const NetworkQuestionTextsResolver = translatableFieldsResolver(NetworkQuestion, NETWORK_QUESTION_TEXTS);
