import { ProfilePatchBase, check } from '@citipart/subgraph-kit';
import { Field, InputType, Int } from 'type-graphql';

@InputType('YouthAssociationProfilePatch', {
  description: "Changes to a youth association's profile: only the fields given change.",
})
export class YouthAssociationProfilePatch extends ProfilePatchBase {
  @Field(() => Int, { nullable: true })
  foundedYear?: number | null;
}

export function validateYouthAssociationProfilePatch(patch: YouthAssociationProfilePatch): Record<string, unknown> {
  return {
    ...('foundedYear' in patch && {
      foundedYear: check.optionalYear(patch.foundedYear, 'patch.foundedYear'),
    }),
  };
}
