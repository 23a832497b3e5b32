import { GraphQLError } from 'graphql';
import { PublicErrorCode } from '@citipart/schema';

/** The roles a token can carry (docs/API.md, version 2). */
export enum Role {
  /** The network's coordinator: manages the roster and meetings, edits every partner. */
  NETWORK_ADMIN = 'NETWORK_ADMIN',
  /** Staff of one partner: edits that partner's profile, members and activities. */
  PARTNER_EDITOR = 'PARTNER_EDITOR',
}

/** Who is calling, as the gateway verified it. */
export type Identity =
  { kind: 'anonymous' } | { kind: 'admin'; subject: string } | { kind: 'editor'; subject: string; partnerId: string };

/** A caller with a valid token: the only kind that may write. */
export type SignedIn = Exclude<Identity, { kind: 'anonymous' }>;

export const ANONYMOUS: Identity = { kind: 'anonymous' };

/** Builds an identity from verified claims; `undefined` when the claims do not make one. */
export function identityFromClaims(claims: {
  sub?: unknown;
  role?: unknown;
  partnerId?: unknown;
}): Identity | undefined {
  if (typeof claims.sub !== 'string' || !claims.sub) return undefined;
  if (claims.role === Role.NETWORK_ADMIN) return { kind: 'admin', subject: claims.sub };
  if (claims.role === Role.PARTNER_EDITOR && typeof claims.partnerId === 'string' && claims.partnerId) {
    return { kind: 'editor', subject: claims.sub, partnerId: claims.partnerId };
  }
  return undefined;
}

export function unauthenticated(
  message = 'This needs a valid token: send "Authorization: Bearer <token>".',
): GraphQLError {
  return new GraphQLError(message, { extensions: { code: PublicErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: PublicErrorCode.FORBIDDEN } });
}

/** Whether `identity` may read the private data of, and change, partner `partnerId`. */
export function canEditPartner(identity: Identity, partnerId: string): boolean {
  return identity.kind === 'admin' || (identity.kind === 'editor' && identity.partnerId === partnerId);
}

/** Every write needs a signed-in caller: an anonymous one is refused before anything is read. */
export function requireSignedIn(identity: Identity): SignedIn {
  if (identity.kind === 'anonymous') throw unauthenticated();
  return identity;
}

/** Refuses anyone but the network admin. */
export function requireAdmin(identity: Identity): asserts identity is Extract<Identity, { kind: 'admin' }> {
  if (identity.kind === 'anonymous') throw unauthenticated();
  if (identity.kind !== 'admin') throw forbidden('Only the network admin may do this.');
}

/** Refuses anyone but an editor of `partnerId` and the network admin. */
export function requirePartnerEditor(
  identity: Identity,
  partnerId: string,
): asserts identity is Exclude<Identity, { kind: 'anonymous' }> {
  if (identity.kind === 'anonymous') throw unauthenticated();
  if (!canEditPartner(identity, partnerId)) {
    throw forbidden("Only editors of the record's partner and the network admin may change it.");
  }
}
