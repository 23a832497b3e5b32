import { DateScalar } from '@citipart/schema';
import { type FieldRules, PROFILE_FIELDS, ProfilePatchBase, check } from '@citipart/subgraph-kit';
import type { Foundation } from './foundation.entity';
import { Field, InputType, Int } from 'type-graphql';

@InputType('FoundationProfilePatch', {
  description: "Changes to a foundation's profile: only the fields given change.",
})
export class FoundationProfilePatch extends ProfilePatchBase {
  @Field(() => Int, { nullable: true })
  foundedYear?: number | null;

  @Field(() => DateScalar, { nullable: true })
  foundedOn?: string | null;

  @Field(() => String, { nullable: true })
  patron?: string | null;
}

/** One rule per field of the patch (the write engine refuses any other). */
export const foundationProfileFields: FieldRules<FoundationProfilePatch, Foundation> = {
  ...PROFILE_FIELDS,
  foundedYear: (value, field) => ({ foundedYear: check.optionalYear(value, field) }),
  foundedOn: (value, field) => ({ foundedOn: value ? check.plausibleDate(value, field) : null }),
  patron: (value, field) => ({ patron: check.optionalText(value, field, 200) }),
};
