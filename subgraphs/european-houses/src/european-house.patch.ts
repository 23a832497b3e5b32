import { type FieldRules, PROFILE_FIELDS, ProfilePatchBase, check } from '@citipart/subgraph-kit';
import type { EuropeanHouse } from './european-house.entity';
import { Field, InputType, Int } from 'type-graphql';

@InputType('EuropeanHouseProfilePatch', {
  description: "Changes to a European house's profile: only the fields given change.",
})
export class EuropeanHouseProfilePatch extends ProfilePatchBase {
  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Int, { nullable: true })
  foundedYear?: number | null;

  @Field(() => Boolean, { nullable: true })
  europeDirectCentre?: boolean | null;
}

/** One rule per field of the patch (the write engine refuses any other). */
export const europeanHouseProfileFields: FieldRules<EuropeanHouseProfilePatch, EuropeanHouse> = {
  ...PROFILE_FIELDS,
  address: (value, field) => ({ address: check.optionalText(value, field, 300) }),
  foundedYear: (value, field) => ({ foundedYear: check.optionalYear(value, field) }),
  europeDirectCentre: (value, field) => ({ europeDirectCentre: check.required(value, field) }),
};
