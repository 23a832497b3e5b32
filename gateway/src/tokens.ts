import { GraphQLError } from 'graphql';
import { type KeyLike, SignJWT, errors, importPKCS8, importSPKI, jwtVerify } from 'jose';
import { type Identity, ANONYMOUS, Role, identityFromClaims } from '@citipart/subgraph-kit/runtime';

/** A refused token: the whole request fails, with HTTP 401 as well as the GraphQL code. */
function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** Tokens are signed with an Ed25519 key: the gateway needs only the public half. */
export const TOKEN_ALGORITHM = 'EdDSA';
export const TOKEN_ISSUER = 'citipart';
export const TOKEN_AUDIENCE = 'citipart-graph';

export interface TokenRequest {
  role: Role;
  /** Required for PARTNER_EDITOR: the partner the token may edit. */
  partnerId?: string;
  subject: string;
  /** Lifetime, as jose reads it ("8h", "15m"). */
  expiresIn?: string;
}

export function importSigningKey(privateKeyPem: string): Promise<KeyLike> {
  return importPKCS8(privateKeyPem, TOKEN_ALGORITHM);
}

/** Issues a token for local use and tests (`npm run token`). */
export async function issueToken(signingKey: KeyLike, request: TokenRequest): Promise<string> {
  if (request.role === Role.PARTNER_EDITOR && !request.partnerId)
    throw new Error('a PARTNER_EDITOR token needs a partner id');
  const claims: Record<string, string> = { role: request.role };
  if (request.role === Role.PARTNER_EDITOR) claims.partnerId = request.partnerId!;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '8h')
    .sign(signingKey);
}

/**
 * Turns a request's Authorization header into an identity. No header is an anonymous
 * reader; a header with a token that is malformed, expired, forged or signed with another
 * key or algorithm is refused with UNAUTHENTICATED, never downgraded to anonymous.
 */
export async function createTokenVerifier(publicKeyPem: string | undefined) {
  const key = publicKeyPem ? await importSPKI(publicKeyPem, TOKEN_ALGORITHM) : undefined;
  return async (authorization: string | undefined): Promise<Identity> => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    if (!key) throw unauthenticated('This graph accepts no tokens: no verification key is configured.');
    try {
      const { payload } = await jwtVerify(match[1], key, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'role'],
      });
      const identity = identityFromClaims(payload);
      if (!identity) throw unauthenticated('The token does not name a known role (and, for an editor, a partner).');
      return identity;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthenticated('The token has expired.');
      if (error instanceof errors.JOSEError) throw unauthenticated('The token is not valid.');
      throw error;
    }
  };
}
