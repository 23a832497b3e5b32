import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A multilateral meeting, owned by the network subgraph. A partner-type subgraph only
 * points at one (Activity.presentedAt), so it declares the entity unresolvable here.
 */
@ObjectType('Meeting')
@Directive('@key(fields: "id", resolvable: false)')
export class MeetingReference {
  @Field(() => ID)
  id!: string;
}
