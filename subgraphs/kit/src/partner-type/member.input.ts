import { DateScalar, MemberKind } from '@citipart/schema';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { CLIENT_KEY_DESCRIPTION, VersionedIdArgs } from '../writes/write.args';

@InputType({ description: 'A new member. E-mail, phone and birth year are private to the partner and the admin.' })
export class MemberInput {
  @Field(() => MemberKind)
  kind!: MemberKind;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => DateScalar, { nullable: true })
  since?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'A person appears in public lists only with this consent.' })
  consentToPublish?: boolean | null;

  @Field(() => Int, { nullable: true })
  birthYear?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Needed as well for a person under 16.' })
  parentalConsent?: boolean | null;
}

@InputType({ description: 'Changes to a member: only the fields given change; null clears an optional one.' })
export class MemberPatch {
  @Field(() => MemberKind, { nullable: true })
  kind?: MemberKind | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => DateScalar, { nullable: true })
  since?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => Boolean, { nullable: true })
  consentToPublish?: boolean | null;

  @Field(() => Int, { nullable: true })
  birthYear?: number | null;

  @Field(() => Boolean, { nullable: true })
  parentalConsent?: boolean | null;
}

@ArgsType()
export class AddMemberArgs {
  @Field(() => ID)
  partnerId!: string;

  @Field(() => MemberInput)
  input!: MemberInput;

  @Field(() => String, { nullable: true, description: CLIENT_KEY_DESCRIPTION })
  clientKey?: string | null;
}

@ArgsType()
export class UpdateMemberArgs extends VersionedIdArgs {
  @Field(() => MemberPatch)
  patch!: MemberPatch;
}
