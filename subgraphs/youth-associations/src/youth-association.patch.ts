import { type FieldRules, PROFILE_FIELDS, ProfilePatchBase, check } from '@citipart/subgraph-kit';
import type { YouthAssociation } from './youth-association.entity';
import { Field, InputType, Int } from 'type-graphql';

@InputType('YouthAssociationProfilePatch', {
  description: "Changes to a youth association's profile: only the fields given change.",
})
export class YouthAssociationProfilePatch extends ProfilePatchBase {
  @Field(() => Int, { nullable: true })
  foundedYear?: number | null;
}

/** One rule per field of the patch (the write engine refuses any other). */
export const youthAssociationProfileFields: FieldRules<YouthAssociationProfilePatch, YouthAssociation> = {
  ...PROFILE_FIELDS,
  foundedYear: (value, field) => ({ foundedYear: check.optionalYear(value, field) }),
};
