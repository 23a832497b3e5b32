import { type FieldRules, PROFILE_FIELDS, ProfilePatchBase, check } from '@citipart/subgraph-kit';
import type { City } from './city.entity';
import { Field, InputType, Int } from 'type-graphql';

@InputType('CityProfilePatch', { description: "Changes to a city's profile: only the fields given change." })
export class CityProfilePatch extends ProfilePatchBase {
  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => Int, { nullable: true })
  population?: number | null;
}

/** One rule per field of the patch (the write engine refuses any other). */
export const cityProfileFields: FieldRules<CityProfilePatch, City> = {
  ...PROFILE_FIELDS,
  region: (value, field) => ({ region: check.optionalText(value, field, 100) }),
  population: (value, field) => ({ population: value === null ? null : check.intInRange(value, field, 0, 50_000_000) }),
};
