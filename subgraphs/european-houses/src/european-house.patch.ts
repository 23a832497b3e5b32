import { ProfilePatchBase, check } from '@citipart/subgraph-kit';
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

export function validateEuropeanHouseProfilePatch(patch: EuropeanHouseProfilePatch): Record<string, unknown> {
  return {
    ...('address' in patch && { address: check.optionalText(patch.address, 'patch.address', 300) }),
    ...('foundedYear' in patch && {
      foundedYear: check.optionalYear(patch.foundedYear, 'patch.foundedYear'),
    }),
    ...('europeDirectCentre' in patch && {
      europeDirectCentre: check.required(patch.europeDirectCentre, 'patch.europeDirectCentre'),
    }),
  };
}
