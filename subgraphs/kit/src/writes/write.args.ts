import { ArgsType, Field, ID, Int } from 'type-graphql';

// Arguments of mutations, as classes: TypeGraphQL prints an args class's fields in the order
// they are declared (method parameters come out reversed), so the schema reads like docs/API.md.

/** `id` and the `version` the client read: what every update and delete names. */
@ArgsType()
export class VersionedIdArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is a CONFLICT.' })
  version!: number;
}

export const CLIENT_KEY_DESCRIPTION = 'Makes a retried create return the record the first call made.';
