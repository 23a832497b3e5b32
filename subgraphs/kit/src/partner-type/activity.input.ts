import { ActivityKind, DateScalar, Locale, ParticipantCountInput, Theme } from '@citipart/schema';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { CLIENT_KEY_DESCRIPTION, VersionedIdArgs } from '../writes/write.args';

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

  @Field(() => Locale, { nullable: true, description: "The language of the texts; default: the partner's." })
  locale?: Locale | null;
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

  @Field(() => Locale, { nullable: true, description: 'The language the texts are written in.' })
  locale?: Locale | null;
}

@ArgsType()
export class CreateActivityArgs {
  @Field(() => ID)
  partnerId!: string;

  @Field(() => ActivityInput)
  input!: ActivityInput;

  @Field(() => String, { nullable: true, description: CLIENT_KEY_DESCRIPTION })
  clientKey?: string | null;
}

@ArgsType()
export class UpdateActivityArgs extends VersionedIdArgs {
  @Field(() => ActivityPatch)
  patch!: ActivityPatch;
}
