import { ActivityKind, DateScalar, ParticipantCountInput, Theme } from '@citipart/schema';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new local activity.' })
export class ActivityInput {
  @Field(() => ActivityKind)
  kind!: ActivityKind;

  @Field(() => Theme)
  theme!: Theme;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;

  @Field(() => String, { nullable: true })
  town?: string | null;

  @Field(() => ParticipantCountInput, { nullable: true })
  participants?: ParticipantCountInput | null;

  @Field(() => ID, { nullable: true, description: 'Id of the meeting where the results were presented.' })
  presentedAt?: string | null;
}

@InputType({ description: 'Changes to an activity: only the fields given change; null clears an optional one.' })
export class ActivityPatch {
  @Field(() => ActivityKind, { nullable: true })
  kind?: ActivityKind | null;

  @Field(() => Theme, { nullable: true })
  theme?: Theme | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;

  @Field(() => String, { nullable: true })
  town?: string | null;

  @Field(() => ParticipantCountInput, { nullable: true })
  participants?: ParticipantCountInput | null;

  @Field(() => ID, { nullable: true })
  presentedAt?: string | null;
}
