import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changelogVersions, checkCompatibility, parseVersion } from '../../scripts/api-schema';

// The public API schema and the check that keeps it compatible (scripts/api-check.ts runs it
// in `npm test` against schema/releases/).

const v = (text: string) => parseVersion(text)!;
const RELEASED = 'type Query { partner(id: ID!): Partner }  type Partner { id: ID!  name: String!  town: String! }';

test('an added field is not a breaking change', async () => {
  const current = RELEASED.replace('town: String!', 'town: String!  website: String');
  const result = await checkCompatibility(
    { sdl: RELEASED, version: v('2.0.0') },
    { sdl: current, version: v('2.1.0') },
  );
  expect(result).toEqual({ breaking: [], allowed: true });
});

test('a removed field or a field made nullable is refused without a new major version', async () => {
  const current = RELEASED.replace('town: String!', '').replace('name: String!', 'name: String');
  const minor = await checkCompatibility({ sdl: RELEASED, version: v('2.0.0') }, { sdl: current, version: v('2.1.0') });
  expect(minor.allowed).toBe(false);
  expect(minor.breaking.map((change) => change.message).sort()).toEqual([
    "Field 'Partner.name' changed type from 'String!' to 'String'",
    "Field 'town' was removed from object type 'Partner'",
  ]);
  const major = await checkCompatibility({ sdl: RELEASED, version: v('2.0.0') }, { sdl: current, version: v('3.0.0') });
  expect(major.allowed).toBe(true);
});

test("the changelog's versions are read newest first", () => {
  expect(changelogVersions('# Changes\n\n## 3.0.0 (unreleased)\n\n## 2.0.0\n').map((version) => version.text)).toEqual([
    '3.0.0',
    '2.0.0',
  ]);
  expect(parseVersion('3.0')).toBeNull();
});

test('schema/api.graphql is what clients see: no federation internals', () => {
  const api = readFileSync(join(__dirname, '..', '..', 'schema', 'api.graphql'), 'utf8');
  expect(api).toMatch(/^type Query \{/m);
  expect(api).not.toMatch(/join__|link__|_entities|_service|@key|@shareable|@inaccessible/);
});
