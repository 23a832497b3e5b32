import { Locale, Theme } from '@citipart/schema';
import { CLIENT_KEY_DESCRIPTION, VersionedIdArgs } from '@citipart/subgraph-kit';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

// The inputs of the network's work (API v3), mirroring the types they write: the common
// questionnaire, a meeting's conclusions, the cooperations.

@InputType({ description: "A question of the network's common questionnaire." })
export class NetworkQuestionInput {
  @Field(() => ID, {
    description:
      'A slug ("q-solidarity-1"). Keep the id of a question that stays, so that the survey questions pointing at it stay tied to it.',
  })
  id!: string;

  @Field()
  text!: string;

  @Field(() => Theme)
  theme!: Theme;

  @Field(() => Locale, { nullable: true, description: 'The language of the text; default: English.' })
  locale?: Locale | null;
}

@ArgsType()
export class SetNetworkQuestionnaireArgs {
  @Field(() => Int, { description: "The network's version you read; a stale one is a CONFLICT." })
  version!: number;

  @Field(() => [NetworkQuestionInput], { description: 'The whole questionnaire, in order.' })
  questions!: NetworkQuestionInput[];
}

@InputType({ description: 'A conclusion of a meeting.' })
export class ConclusionInput {
  @Field(() => Theme, { nullable: true, description: 'None where it spans the themes.' })
  theme?: Theme | null;

  @Field()
  problem!: string;

  @Field()
  proposal!: string;

  @Field(() => String, { nullable: true })
  followUp?: string | null;

  @Field(() => Locale, { nullable: true, description: 'The language of the texts; default: English.' })
  locale?: Locale | null;
}

@InputType({ description: 'Changes to a conclusion: only the fields given change; null clears an optional one.' })
export class ConclusionPatch {
  @Field(() => Theme, { nullable: true })
  theme?: Theme | null;

  @Field(() => String, { nullable: true })
  problem?: string | null;

  @Field(() => String, { nullable: true })
  proposal?: string | null;

  @Field(() => String, { nullable: true })
  followUp?: string | null;

  @Field(() => Locale, { nullable: true, description: 'The language the texts are written in.' })
  locale?: Locale | null;
}

@ArgsType()
export class AddMeetingConclusionArgs {
  @Field(() => ID)
  meetingId!: string;

  @Field(() => ConclusionInput)
  input!: ConclusionInput;

  @Field(() => String, { nullable: true, description: CLIENT_KEY_DESCRIPTION })
  clientKey?: string | null;
}

@ArgsType()
export class UpdateMeetingConclusionArgs extends VersionedIdArgs {
  @Field(() => ConclusionPatch)
  patch!: ConclusionPatch;
}

@InputType({ description: 'A cooperation some partners agreed to continue.' })
export class CooperationInput {
  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [ID], { description: 'Ids of the partners on the roster, at least two, in the order to show them.' })
  partners!: string[];

  @Field(() => ID, { nullable: true, description: 'Id of the meeting where it was agreed.' })
  agreedAt?: string | null;

  @Field(() => Locale, { nullable: true, description: 'The language of the texts; default: English.' })
  locale?: Locale | null;
}

@InputType({
  description: 'Changes to a cooperation: only the fields given change; given partners replace the old ones.',
})
export class CooperationPatch {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [ID], { nullable: true })
  partners?: string[] | null;

  @Field(() => ID, { nullable: true })
  agreedAt?: string | null;

  @Field(() => Locale, { nullable: true, description: 'The language the texts are written in.' })
  locale?: Locale | null;
}

@ArgsType()
export class CreateCooperationArgs {
  @Field(() => CooperationInput)
  input!: CooperationInput;

  @Field(() => String, { nullable: true, description: CLIENT_KEY_DESCRIPTION })
  clientKey?: string | null;
}

@ArgsType()
export class UpdateCooperationArgs extends VersionedIdArgs {
  @Field(() => CooperationPatch)
  patch!: CooperationPatch;
}
