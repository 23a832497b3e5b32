import { createHmac, timingSafeEqual } from 'node:crypto';
import { ANONYMOUS, type Identity } from './identity';

/**
 * The gateway tells a subgraph who is calling in this header, signed with a secret that
 * only the gateway and the subgraphs share. A subgraph trusts nothing else: a request
 * without a valid proof (for example one sent to a subgraph directly) is anonymous.
 */
export const IDENTITY_HEADER = 'x-citipart-identity';
const VERSION = 'v1';
/** A proof is good for one subgraph request; the window only absorbs clock skew. */
const LIFETIME_SECONDS = 60;

interface ProofPayload {
  identity: Exclude<Identity, { kind: 'anonymous' }>;
  exp: number;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`${VERSION}.${payload}`).digest('base64url');
}

export function createIdentityProof(secret: string, identity: Identity, now = Date.now()): string | undefined {
  if (identity.kind === 'anonymous') return undefined;
  const body: ProofPayload = { identity, exp: Math.floor(now / 1000) + LIFETIME_SECONDS };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${VERSION}.${payload}.${sign(secret, payload)}`;
}

export function verifyIdentityProof(
  secret: string | undefined,
  header: string | undefined,
  now = Date.now(),
): Identity {
  if (!secret || !header) return ANONYMOUS;
  const [version, payload, signature] = header.split('.');
  if (version !== VERSION || !payload || !signature) return ANONYMOUS;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return ANONYMOUS;
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ProofPayload;
    if (typeof body.exp !== 'number' || body.exp * 1000 < now) return ANONYMOUS;
    const { identity } = body;
    if (identity?.kind === 'admin' && typeof identity.subject === 'string') return identity;
    if (identity?.kind === 'editor' && typeof identity.subject === 'string' && typeof identity.partnerId === 'string') {
      return identity;
    }
    return ANONYMOUS;
  } catch {
    return ANONYMOUS;
  }
}
