import { Locale, SourceInput } from '@citipart/schema';
import { Field, InputType } from 'type-graphql';

/**
 * What every `{T}ProfilePatch` has; each type's @InputType class extends this one and adds
 * its own fields. It is an input type itself only so that TypeGraphQL passes its fields on;
 * nothing refers to it, so no schema shows it.
 */
@InputType('ProfilePatchBase')
export abstract class ProfilePatchBase {
  @Field(() => String, { nullable: true, description: 'An http(s) URL; null clears it.' })
  website?: string | null;

  @Field(() => [SourceInput], { nullable: true, description: 'Replaces the list of sources.' })
  sources?: SourceInput[] | null;

  @Field(() => Locale, { nullable: true, description: 'The language the partner writes in; null clears it.' })
  locale?: Locale | null;
}
