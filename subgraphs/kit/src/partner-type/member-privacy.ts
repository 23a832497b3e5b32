import { MemberKind } from '@citipart/schema';
import type { Knex } from '@mikro-orm/knex';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { type Identity, canEditPartner } from '../auth/identity';
import type { Member } from './member.entity';

/** A member's private data: for editors of the member's partner and the network admin only. */
@ObjectType({ description: "A member's private contact data; null unless the caller may see it." })
@Directive('@shareable')
export class MemberContact {
  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => Boolean)
  consentToPublish!: boolean;

  @Field(() => Boolean, { nullable: true })
  parentalConsent?: boolean | null;

  @Field(() => Int, { nullable: true })
  birthYear?: number | null;
}

/**
 * The latest birth year of someone who is 16 for certain: with only the year known, a person
 * born in that year or later may still be 15, so counts as under 16.
 */
export function certainlySixteenBornBy(today = new Date()): number {
  return today.getUTCFullYear() - 17;
}

/**
 * Who appears in a public member list: every organisation; a person only with consent to
 * publish, and a person who may be under 16 only with a parent's consent as well. Editors of
 * the partner and the admin see every member. Applied in SQL, so that counts and pages agree.
 */
export function restrictToVisibleMembers(query: Knex.QueryBuilder, identity: Identity): void {
  if (identity.kind === 'admin') return;
  query.where((visible) => {
    if (identity.kind === 'editor') visible.where('partner_id', identity.partnerId);
    visible
      .orWhere('kind', MemberKind.ORGANISATION)
      .orWhere((person) =>
        person
          .where('consent_to_publish', true)
          .andWhere((age) =>
            age
              .whereNull('birth_year')
              .orWhere('birth_year', '<=', certainlySixteenBornBy())
              .orWhere('parental_consent', true),
          ),
      );
  });
}

export function contactFor(identity: Identity, member: Member): MemberContact | null {
  if (!canEditPartner(identity, member.partnerId)) return null;
  return {
    email: member.email ?? null,
    phone: member.phone ?? null,
    consentToPublish: member.consentToPublish,
    parentalConsent: member.parentalConsent ?? null,
    birthYear: member.birthYear ?? null,
  };
}
