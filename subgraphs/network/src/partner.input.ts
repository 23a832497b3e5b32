import { CountryCodeScalar, LegalForm, PartnerRole, PartnerType } from '@citipart/schema';
import { VersionedIdArgs } from '@citipart/subgraph-kit';
import { ArgsType, Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A partner to add to the roster.' })
export class PartnerInput {
  @Field(() => ID, { description: 'A stable slug, e.g. "europski-dom-dubrovnik".' })
  id!: string;

  @Field(() => PartnerType)
  type!: PartnerType;

  @Field()
  name!: string;

  @Field(() => CountryCodeScalar)
  countryCode!: string;

  @Field()
  town!: string;

  @Field(() => PartnerRole)
  role!: PartnerRole;

  @Field(() => LegalForm)
  legalForm!: LegalForm;
}

@InputType({
  description:
    'Changes to a roster entry: only the fields given change. The id cannot change, nor the type (its data lives in that type’s subgraph).',
})
export class PartnerPatch {
  @Field(() => PartnerType, { nullable: true })
  type?: PartnerType | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true })
  countryCode?: string | null;

  @Field(() => String, { nullable: true })
  town?: string | null;

  @Field(() => PartnerRole, { nullable: true })
  role?: PartnerRole | null;

  @Field(() => LegalForm, { nullable: true })
  legalForm?: LegalForm | null;
}

@ArgsType()
export class UpdatePartnerArgs extends VersionedIdArgs {
  @Field(() => PartnerPatch)
  patch!: PartnerPatch;
}
