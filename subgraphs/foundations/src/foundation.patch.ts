import { DateScalar } from '@citipart/schema';
import { ProfilePatchBase, check } from '@citipart/subgraph-kit';
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

export function validateFoundationProfilePatch(patch: FoundationProfilePatch): Record<string, unknown> {
  return {
    ...('foundedYear' in patch && {
      foundedYear: check.optionalYear(patch.foundedYear, 'patch.foundedYear'),
    }),
    ...('foundedOn' in patch && {
      foundedOn: patch.foundedOn ? check.plausibleDate(patch.foundedOn, 'patch.foundedOn') : null,
    }),
    ...('patron' in patch && { patron: check.optionalText(patch.patron, 'patch.patron', 200) }),
  };
}
