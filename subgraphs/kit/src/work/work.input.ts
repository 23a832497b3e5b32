import { AgeBand, DateScalar, Locale, ParticipantCountInput } from '@citipart/schema';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { VersionedIdArgs } from '../writes/write.args';

// The inputs of the work's writes mirror its types (API v3, "The work"): the whole survey,
// play or text of an activity, which replaces what was there.

const LOCALE_DESCRIPTION = "The language of the texts; default: the partner's.";

@InputType({ description: 'One option of a survey question, with how many respondents chose it.' })
export class SurveyOptionInput {
  @Field()
  text!: string;

  @Field(() => Int)
  count!: number;
}

@InputType({ description: 'One question of a survey, with its options in order (two or more).' })
export class SurveyQuestionInput {
  @Field()
  text!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The id of the network questionnaire's question that this one asks (Network.questionnaire).",
  })
  networkQuestion?: string | null;

  @Field(() => [SurveyOptionInput])
  options!: SurveyOptionInput[];
}

@InputType({
  description:
    "A street survey's results. Questions are single-choice: a question's counts add up to the respondents at most.",
})
export class SurveyInput {
  @Field(() => Int)
  respondents!: number;

  @Field(() => [SurveyQuestionInput])
  questions!: SurveyQuestionInput[];

  @Field(() => Locale, { nullable: true, description: LOCALE_DESCRIPTION })
  locale?: Locale | null;
}

@InputType({ description: 'One performance of a play (not before 2015).' })
export class PerformanceInput {
  @Field(() => DateScalar)
  on!: string;

  @Field()
  town!: string;

  @Field(() => String, { nullable: true })
  venue?: string | null;

  @Field(() => ParticipantCountInput, { nullable: true })
  audience?: ParticipantCountInput | null;

  @Field(() => Int, { nullable: true })
  interventions?: number | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@InputType({ description: 'A forum-theatre play and its performances.' })
export class PlayInput {
  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  synopsis?: string | null;

  @Field(() => [PerformanceInput])
  performances!: PerformanceInput[];

  @Field(() => Locale, { nullable: true, description: LOCALE_DESCRIPTION })
  locale?: Locale | null;
}

@InputType({ description: "A text for the network's booklet on peace." })
export class BookletTextInput {
  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field(() => String, { nullable: true, description: "The author's public name; left out for an anonymous author." })
  authorName?: string | null;

  @Field(() => AgeBand, { nullable: true })
  authorAgeBand?: AgeBand | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the author agreed to publication. Left out: no; the text is then seen only by editors.',
  })
  authorConsentToPublish?: boolean | null;

  @Field(() => Locale, { nullable: true, description: LOCALE_DESCRIPTION })
  locale?: Locale | null;
}

@ArgsType()
export class SetSurveyArgs extends VersionedIdArgs {
  @Field(() => SurveyInput)
  survey!: SurveyInput;
}

@ArgsType()
export class SetPlayArgs extends VersionedIdArgs {
  @Field(() => PlayInput)
  play!: PlayInput;
}

@ArgsType()
export class SetBookletTextArgs extends VersionedIdArgs {
  @Field(() => BookletTextInput)
  text!: BookletTextInput;
}
