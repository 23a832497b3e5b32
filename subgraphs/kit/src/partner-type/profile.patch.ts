import { SourceInput } from '@citipart/schema';
import { Field } from 'type-graphql';

/**
 * What every `{T}ProfilePatch` has; each type's @InputType class extends this one and adds
 * its own fields (TypeGraphQL copies the fields of an undecorated base class).
 */
export abstract class ProfilePatchBase {
  @Field(() => String, { nullable: true, description: 'An http(s) URL; null clears it.' })
  website?: string | null;

  @Field(() => [SourceInput], { nullable: true, description: 'Replaces the list of sources.' })
  sources?: SourceInput[] | null;
}
