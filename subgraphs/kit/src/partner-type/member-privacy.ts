import { MemberKind } from '@citipart/schema';
import type { ObjectQuery } from '@mikro-orm/core';
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
 * the partner and the admin see every member. A condition for the list's query, so that
 * counts and pages agree; none for the admin.
 */
export function visibleMembers(identity: Identity): ObjectQuery<Member> | undefined {
  if (identity.kind === 'admin') return undefined;
  const published: ObjectQuery<Member> = {
    $or: [
      { kind: MemberKind.ORGANISATION },
      {
        consentToPublish: true,
        $or: [{ birthYear: null }, { birthYear: { $lte: certainlySixteenBornBy() } }, { parentalConsent: true }],
      },
    ],
  };
  return identity.kind === 'editor' ? { $or: [{ partnerId: identity.partnerId }, published] } : published;
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
