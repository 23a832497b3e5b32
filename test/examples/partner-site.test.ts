import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TRUSTED_DOCUMENTS_FILE, manifestText, trustedDocuments } from '../../scripts/trusted-documents';

// The example's generated client and the gateway's manifest are committed, so that nobody
// needs a hand step: here the generator runs again, into a temporary folder, to compare.

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'partner-site');
const CODEGEN = join(__dirname, '..', '..', 'node_modules', '.bin', 'graphql-codegen');

test("the partner-site example's generated client and manifest are what the generator writes", async () => {
  const output = await mkdtemp(join(tmpdir(), 'partner-site-codegen-'));
  try {
    await promisify(execFile)(CODEGEN, ['--config', 'codegen.ts', '--silent'], {
      cwd: EXAMPLE,
      env: { ...process.env, CODEGEN_OUTPUT: `${output}/` },
    });
    const files = (await readdir(output)).sort();
    expect(files).toEqual(['gql.ts', 'graphql.ts', 'index.ts', 'persisted-documents.json']);
    for (const file of files) {
      const committed = await readFile(join(EXAMPLE, 'src', 'gql', file), 'utf8').catch(() => '(missing)');
      // A difference: the schema or the operation changed. Run `npm run codegen` and commit.
      expect([file, committed]).toEqual([file, await readFile(join(output, file), 'utf8')]);
    }
  } finally {
    await rm(output, { recursive: true, force: true });
  }
});

test("schema/trusted-documents.json lists the example's and the dashboard's operations", async () => {
  // Stale: run `npm run codegen` and commit the result.
  expect(await readFile(TRUSTED_DOCUMENTS_FILE, 'utf8')).toBe(manifestText(await trustedDocuments()));
});
