import { Locale } from '@citipart/schema';
import { ArgsType, Field, ID, Int } from 'type-graphql';

/** What a `set…Translation` mutation stores: one locale's title and description, at a version. */
@ArgsType()
export class TextTranslationArgs {
  @Field(() => Int, { description: 'The version you read; a stale one is a CONFLICT.' })
  version!: number;

  @Field(() => Locale, { description: 'The language of these texts: not the one the record was written in.' })
  locale!: Locale;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Left out, the description has no translation here.' })
  description?: string | null;
}

/** The same, for one record of several: activities, meetings. */
@ArgsType()
export class RecordTranslationArgs extends TextTranslationArgs {
  @Field(() => ID)
  id!: string;
}
