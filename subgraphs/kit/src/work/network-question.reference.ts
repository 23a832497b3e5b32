import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A question of the network's common questionnaire, owned by the network subgraph
 * (`Network.questionnaire`). A partner's survey question only points at one
 * (`SurveyQuestion.networkQuestion`), so the entity is declared unresolvable here: the
 * gateway asks the network subgraph for its text and theme.
 */
@ObjectType('NetworkQuestion')
@Directive('@key(fields: "id", resolvable: false)')
export class NetworkQuestionReference {
  @Field(() => ID)
  id!: string;
}
