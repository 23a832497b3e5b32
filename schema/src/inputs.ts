import { Field, InputType, Int } from 'type-graphql';
import { CountQualifier } from './enums';

// Input types that more than one subgraph accepts; composition requires them identical.

@InputType({ description: 'A number of people and how exact it is.' })
export class ParticipantCountInput {
  @Field(() => Int)
  value!: number;

  @Field(() => CountQualifier)
  qualifier!: CountQualifier;
}

@InputType({ description: 'Where a fact comes from.' })
export class SourceInput {
  @Field()
  url!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;
}
