import { ProfilePatchBase, check } from '@citipart/subgraph-kit';
import { Field, InputType, Int } from 'type-graphql';

@InputType('CityProfilePatch', { description: "Changes to a city's profile: only the fields given change." })
export class CityProfilePatch extends ProfilePatchBase {
  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => Int, { nullable: true })
  population?: number | null;
}

export function validateCityProfilePatch(patch: CityProfilePatch): Record<string, unknown> {
  return {
    ...('region' in patch && { region: check.optionalText(patch.region, 'patch.region', 100) }),
    ...('population' in patch && {
      population:
        patch.population == null ? null : check.intInRange(patch.population, 'patch.population', 0, 50_000_000),
    }),
  };
}
