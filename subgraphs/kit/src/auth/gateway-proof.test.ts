import { ANONYMOUS, type Identity } from './identity';
import { IDENTITY_HEADER, createIdentityProof, verifyIdentityProof } from './gateway-proof';

// The gateway signs who is calling; a subgraph believes only a proof signed with the shared
// secret, unchanged and not expired. Anything else is the anonymous caller.

const SECRET = 's'.repeat(32);
const ADMIN: Identity = { kind: 'admin', subject: 'coordinator@example.org' };
const EDITOR: Identity = { kind: 'editor', subject: 'staff@bbag.example.org', partnerId: 'bbag' };
const NOW = Date.UTC(2017, 8, 13, 12, 0, 0);

/** The proof with its payload (the middle part) replaced, keeping the signature. */
function withPayload(proof: string, body: unknown): string {
  const [version, , signature] = proof.split('.');
  return `${version}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.${signature}`;
}

test('the header name is lower-case, as Node gives request headers', () => {
  expect(IDENTITY_HEADER).toMatch(/^[a-z][a-z-]+$/);
});

test.each([
  ['the admin', ADMIN],
  ['an editor', EDITOR],
])('a proof for %s verifies to the same identity', (_name, identity) => {
  const proof = createIdentityProof(SECRET, identity, NOW)!;
  expect(verifyIdentityProof(SECRET, proof, NOW)).toEqual(identity);
});

test('there is no proof for the anonymous caller', () => {
  expect(createIdentityProof(SECRET, ANONYMOUS, NOW)).toBeUndefined();
});

test('without a secret or without a header, the caller is anonymous', () => {
  const proof = createIdentityProof(SECRET, ADMIN, NOW)!;
  expect(verifyIdentityProof(undefined, proof, NOW)).toEqual(ANONYMOUS);
  expect(verifyIdentityProof('', proof, NOW)).toEqual(ANONYMOUS);
  expect(verifyIdentityProof(SECRET, undefined, NOW)).toEqual(ANONYMOUS);
  expect(verifyIdentityProof(SECRET, '', NOW)).toEqual(ANONYMOUS);
});

test('a proof signed with another secret is anonymous', () => {
  const proof = createIdentityProof('x'.repeat(32), ADMIN, NOW)!;
  expect(verifyIdentityProof(SECRET, proof, NOW)).toEqual(ANONYMOUS);
});

test('a proof is good for a minute: then it has expired', () => {
  const proof = createIdentityProof(SECRET, ADMIN, NOW)!;
  expect(verifyIdentityProof(SECRET, proof, NOW + 59_000)).toEqual(ADMIN);
  expect(verifyIdentityProof(SECRET, proof, NOW + 60_000)).toEqual(ADMIN);
  expect(verifyIdentityProof(SECRET, proof, NOW + 61_000)).toEqual(ANONYMOUS);
  expect(verifyIdentityProof(SECRET, proof, NOW + 10 * 60_000)).toEqual(ANONYMOUS);
});

test('a changed payload is anonymous: an editor cannot make themselves the admin', () => {
  const proof = createIdentityProof(SECRET, EDITOR, NOW)!;
  const exp = Math.floor(NOW / 1000) + 60;
  expect(verifyIdentityProof(SECRET, withPayload(proof, { identity: ADMIN, exp }), NOW)).toEqual(ANONYMOUS);
  expect(
    verifyIdentityProof(SECRET, withPayload(proof, { identity: { ...EDITOR, partnerId: 'gemma-villach' }, exp }), NOW),
  ).toEqual(ANONYMOUS);
  // Nor can an expired proof be given a later expiry.
  const old = createIdentityProof(SECRET, EDITOR, NOW - 10 * 60_000)!;
  expect(verifyIdentityProof(SECRET, withPayload(old, { identity: EDITOR, exp: exp + 3600 }), NOW)).toEqual(ANONYMOUS);
});

test('a changed signature or version, or a malformed header, is anonymous', () => {
  const proof = createIdentityProof(SECRET, ADMIN, NOW)!;
  const [version, payload, signature] = proof.split('.');
  const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  for (const header of [
    `${version}.${payload}.${flipped}`,
    `${version}.${payload}.${signature.slice(1)}`,
    `${version}.${payload}.`,
    `${version}.${payload}`,
    `v2.${payload}.${signature}`,
    `.${payload}.${signature}`,
    'not-a-proof',
    `Bearer ${proof}`,
  ]) {
    expect([header, verifyIdentityProof(SECRET, header, NOW)]).toEqual([header, ANONYMOUS]);
  }
});

test('a signed proof whose identity is not a whole admin or editor is anonymous', () => {
  // What a faulty gateway might sign: the subgraph checks the shape, not only the signature.
  for (const identity of [
    { kind: 'editor', subject: 'staff' },
    { kind: 'admin' },
    { kind: 'root', subject: 'mallory' },
    { kind: 'editor', subject: 42, partnerId: 'bbag' },
  ]) {
    const proof = createIdentityProof(SECRET, identity as unknown as Identity, NOW)!;
    expect([identity, verifyIdentityProof(SECRET, proof, NOW)]).toEqual([identity, ANONYMOUS]);
  }
});
