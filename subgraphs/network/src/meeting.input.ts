import {
  CountryCodeScalar,
  DateScalar,
  Locale,
  MeetingKind,
  ParticipantCountInput,
  SourceInput,
  Theme,
} from '@citipart/schema';
import { CLIENT_KEY_DESCRIPTION, VersionedIdArgs } from '@citipart/subgraph-kit';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'How many people came from one partner.' })
export class DelegationInput {
  @Field(() => ID)
  partnerId!: string;

  @Field(() => Int)
  count!: number;
}

@InputType({ description: 'A new multilateral meeting.' })
export class MeetingInput {
  @Field(() => MeetingKind)
  kind!: MeetingKind;

  @Field(() => Theme, { nullable: true, description: 'Required for a thematic meeting; none for the others.' })
  theme?: Theme | null;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field()
  town!: string;

  @Field(() => CountryCodeScalar)
  countryCode!: string;

  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar)
  endsOn!: string;

  @Field(() => ID)
  hostId!: string;

  @Field(() => ParticipantCountInput)
  participants!: ParticipantCountInput;

  @Field(() => [DelegationInput], { nullable: true })
  delegations?: DelegationInput[] | null;

  @Field(() => [SourceInput], { nullable: true })
  sources?: SourceInput[] | null;

  @Field(() => Locale, { nullable: true, description: 'The language of the texts; default: English.' })
  locale?: Locale | null;
}

@InputType({ description: 'Changes to a meeting: only the fields given change; delegations and sources are replaced.' })
export class MeetingPatch {
  @Field(() => MeetingKind, { nullable: true })
  kind?: MeetingKind | null;

  @Field(() => Theme, { nullable: true })
  theme?: Theme | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  town?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true })
  countryCode?: string | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;

  @Field(() => ID, { nullable: true })
  hostId?: string | null;

  @Field(() => ParticipantCountInput, { nullable: true })
  participants?: ParticipantCountInput | null;

  @Field(() => [DelegationInput], { nullable: true })
  delegations?: DelegationInput[] | null;

  @Field(() => [SourceInput], { nullable: true })
  sources?: SourceInput[] | null;

  @Field(() => Locale, { nullable: true, description: 'The language the texts are written in.' })
  locale?: Locale | null;
}

@ArgsType()
export class CreateMeetingArgs {
  @Field(() => MeetingInput)
  input!: MeetingInput;

  @Field(() => String, { nullable: true, description: CLIENT_KEY_DESCRIPTION })
  clientKey?: string | null;
}

@ArgsType()
export class UpdateMeetingArgs extends VersionedIdArgs {
  @Field(() => MeetingPatch)
  patch!: MeetingPatch;
}
