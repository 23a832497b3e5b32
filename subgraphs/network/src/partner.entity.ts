import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import {
  CountryCodeScalar,
  LegalForm,
  PARTNER_TYPENAME,
  PartnerRole,
  PartnerType,
  connectionType,
} from '@citipart/schema';
import { TimestampedEntity } from '@citipart/subgraph-kit';
import { Directive, Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { Meeting } from './meeting.entity';

/**
 * A partner on the roster: the entity interface `Partner` of the graph, keyed by id. The
 * partner-type subgraphs add website, members, activities and profile fields to its four
 * implementations.
 */
@InterfaceType('Partner', {
  description: 'An organisation of the network.',
  resolveType: (partner: Partner) => PARTNER_TYPENAME[partner.type],
  autoRegisterImplementations: false,
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'partner' })
@Index({ properties: ['name', 'id'] })
export class Partner extends TimestampedEntity {
  @Field(() => ID, { description: 'Stable slug, e.g. "europski-dom-dubrovnik".' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field(() => PartnerType)
  @Enum({ items: () => PartnerType })
  type!: PartnerType;

  @Field({ description: "Official name, in the organisation's own language." })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => CountryCodeScalar)
  @Property({ type: 'text' })
  countryCode!: string;

  @Field()
  @Property({ type: 'text' })
  town!: string;

  @Field(() => PartnerRole)
  @Enum({ items: () => PartnerRole })
  role!: PartnerRole;

  @Field(() => LegalForm)
  @Enum({ items: () => LegalForm })
  legalForm!: LegalForm;

  @Field(() => Int, {
    description: 'Changes with every write to the roster entry; updates and deletes must name the current one.',
  })
  @Property({ default: 1 })
  version: number & Opt = 1;

  // Resolved in partner.resolver.ts, one query for all partners of a request.
  @Field(() => [Meeting], { description: 'Meetings this partner hosted, by date.' })
  hostedMeetings!: Meeting[] & Opt;
}

// The implementations, as the roster sees them (each is an entity in its own partner-type
// subgraph too): one per partner type, so a new type needs nothing written here.
export const ROSTER_TYPES = Object.values(PARTNER_TYPENAME).map((typeName) => {
  @ObjectType(typeName, { implements: Partner })
  @Directive('@key(fields: "id")')
  class RosterPartner extends Partner {}
  return RosterPartner;
});

export const PartnerConnection = connectionType('Partner', () => Partner);
