import { GraphQLError } from 'graphql';
import {
  ANONYMOUS,
  type Identity,
  Role,
  canEditPartner,
  identityFromClaims,
  requireAdmin,
  requirePartnerEditor,
  requireSignedIn,
} from './identity';

// Who may do what, from the claims of a verified token.

const ADMIN: Identity = { kind: 'admin', subject: 'coordinator@example.org' };
const EDITOR: Identity = { kind: 'editor', subject: 'staff@bbag.example.org', partnerId: 'bbag' };

/** The code of the GraphQLError `run` throws, or 'none'. */
function code(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions.code;
  }
  return 'none';
}

describe('identityFromClaims', () => {
  test('the admin role makes the admin, whatever else the token says', () => {
    expect(identityFromClaims({ sub: 'coordinator@example.org', role: Role.NETWORK_ADMIN })).toEqual(ADMIN);
    expect(identityFromClaims({ sub: 'coordinator@example.org', role: 'NETWORK_ADMIN', partnerId: 'bbag' })).toEqual(
      ADMIN,
    );
  });

  test('the editor role with a partner makes an editor of that partner', () => {
    expect(identityFromClaims({ sub: 'staff@bbag.example.org', role: 'PARTNER_EDITOR', partnerId: 'bbag' })).toEqual(
      EDITOR,
    );
  });

  test.each([
    ['an editor without a partner', { sub: 'staff', role: 'PARTNER_EDITOR' }],
    ['an editor with an empty partner', { sub: 'staff', role: 'PARTNER_EDITOR', partnerId: '' }],
    ['an editor with a partner that is not a string', { sub: 'staff', role: 'PARTNER_EDITOR', partnerId: 7 }],
    ['no subject', { role: 'NETWORK_ADMIN' }],
    ['an empty subject', { sub: '', role: 'NETWORK_ADMIN' }],
    ['a subject that is not a string', { sub: 1, role: 'NETWORK_ADMIN' }],
    ['no role', { sub: 'x' }],
    ['an unknown role', { sub: 'x', role: 'SUPERUSER' }],
    ['a role in lower case', { sub: 'x', role: 'network_admin' }],
  ])('%s makes no identity', (_name, claims) => {
    expect(identityFromClaims(claims)).toBeUndefined();
  });
});

test('canEditPartner: the admin, and an editor for their own partner only', () => {
  expect(canEditPartner(ADMIN, 'gemma-villach')).toBe(true);
  expect(canEditPartner(EDITOR, 'bbag')).toBe(true);
  expect(canEditPartner(EDITOR, 'gemma-villach')).toBe(false);
  expect(canEditPartner(ANONYMOUS, 'bbag')).toBe(false);
});

test('requireSignedIn refuses the anonymous caller with UNAUTHENTICATED and returns the others', () => {
  expect(code(() => requireSignedIn(ANONYMOUS))).toBe('UNAUTHENTICATED');
  expect(requireSignedIn(ADMIN)).toEqual(ADMIN);
  expect(requireSignedIn(EDITOR)).toEqual(EDITOR);
});

test('requireAdmin: anonymous is UNAUTHENTICATED, an editor FORBIDDEN, the admin passes', () => {
  expect(code(() => requireAdmin(ANONYMOUS))).toBe('UNAUTHENTICATED');
  expect(code(() => requireAdmin(EDITOR))).toBe('FORBIDDEN');
  expect(code(() => requireAdmin(ADMIN))).toBe('none');
});

test('requirePartnerEditor: anonymous is UNAUTHENTICATED, another partner’s editor FORBIDDEN', () => {
  expect(code(() => requirePartnerEditor(ANONYMOUS, 'bbag'))).toBe('UNAUTHENTICATED');
  expect(code(() => requirePartnerEditor(EDITOR, 'gemma-villach'))).toBe('FORBIDDEN');
  expect(code(() => requirePartnerEditor(EDITOR, 'bbag'))).toBe('none');
  expect(code(() => requirePartnerEditor(ADMIN, 'gemma-villach'))).toBe('none');
});
