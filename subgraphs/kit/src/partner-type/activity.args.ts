import { ActivityKind, DateScalar, Theme } from '@citipart/schema';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../page.args';

@InputType({ description: 'Narrows a list of activities; every given field must match.' })
export class ActivityFilter {
  @Field(() => Theme, { nullable: true })
  theme?: Theme | null;

  @Field(() => ActivityKind, { nullable: true })
  kind?: ActivityKind | null;

  @Field(() => DateScalar, { nullable: true, description: 'Activities that start on or after this date.' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Activities that start on or before this date.' })
  to?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the meeting where the results were presented.' })
  presentedAt?: string | null;
}

@ArgsType()
export class ActivityArgs extends PageArgs {
  @Field(() => ActivityFilter, { nullable: true })
  filter?: ActivityFilter | null;
}
