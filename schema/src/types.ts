import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { CountQualifier } from './enums';

// Value types that more than one subgraph returns. Federation requires such a type to be
// @shareable and identical everywhere, so each is defined exactly once, here.

@ObjectType({ description: 'Where a fact comes from.' })
@Directive('@shareable')
export class Source {
  @Field()
  url!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;
}

@ObjectType({ description: 'A reported number of people, with how exact the report is.' })
@Directive('@shareable')
export class ParticipantCount {
  @Field(() => Int)
  value!: number;

  @Field(() => CountQualifier)
  qualifier!: CountQualifier;
}

@ObjectType({ description: 'Relay-style page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
