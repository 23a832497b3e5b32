import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { changelogVersions, checkCompatibility, parseVersion } from './api-schema';

/**
 * Part of `npm test`: compares schema/api.graphql with the last released API
 * (schema/releases/<version>.graphql, the highest version) and fails on a breaking change
 * unless CHANGELOG.md's newest version is a new major version. A release copies
 * schema/api.graphql to schema/releases/<version>.graphql.
 */
const ROOT = join(__dirname, '..');

async function main(): Promise<number> {
  const releases = (await readdir(join(ROOT, 'schema', 'releases')))
    .map((file) => ({ file, version: parseVersion(file.replace(/\.graphql$/, '')) }))
    .filter((release) => release.version !== null)
    .sort(
      (a, b) =>
        b.version!.major - a.version!.major ||
        b.version!.minor - a.version!.minor ||
        b.version!.patch - a.version!.patch,
    );
  const last = releases[0];
  const [newest] = changelogVersions(await readFile(join(ROOT, 'CHANGELOG.md'), 'utf8'));
  if (!last || !newest) {
    process.stderr.write('api:check needs a release in schema/releases/ and a "## x.y.z" heading in CHANGELOG.md\n');
    return 1;
  }
  const result = await checkCompatibility(
    { sdl: await readFile(join(ROOT, 'schema', 'releases', last.file), 'utf8'), version: last.version! },
    { sdl: await readFile(join(ROOT, 'schema', 'api.graphql'), 'utf8'), version: newest },
  );
  if (!result.allowed) {
    for (const change of result.breaking) process.stderr.write(`breaking: ${change.message}\n`);
    process.stderr.write(
      `schema/api.graphql breaks ${result.breaking.length} thing(s) of release ${last.version!.text}; ` +
        `CHANGELOG.md's newest version is ${newest.text}: record the change under a new major version\n`,
    );
    return 1;
  }
  process.stdout.write(
    `schema/api.graphql against release ${last.version!.text}: ${result.breaking.length} breaking change(s), ` +
      `${result.breaking.length ? `recorded as ${newest.text}` : 'none'}\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`api:check failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
