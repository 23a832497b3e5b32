import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allOperations } from '../dashboard/src/operations';
import { documentHash } from '../gateway/src/trusted-documents';

/**
 * Writes schema/trusted-documents.json: the manifest of every operation the project's own
 * clients send (the partner-site example's, as GraphQL Code Generator lists them in its
 * persisted-documents.json, and the dashboard's, by the sha256 of their exact text), for the
 * gateway's trusted documents mode (TRUSTED_DOCUMENTS_PATH). With --check it writes nothing
 * and fails when the committed file differs. `npm run codegen` runs it after the generator.
 */
const ROOT = join(__dirname, '..');
export const TRUSTED_DOCUMENTS_FILE = join(ROOT, 'schema', 'trusted-documents.json');
export const EXAMPLE_MANIFEST_FILE = join(ROOT, 'examples', 'partner-site', 'src', 'gql', 'persisted-documents.json');

/** The combined manifest, keyed `sha256:<hex>` as the code generator writes it, sorted. */
export async function trustedDocuments(): Promise<Record<string, string>> {
  const example = JSON.parse(await readFile(EXAMPLE_MANIFEST_FILE, 'utf8')) as Record<string, string>;
  const documents = [...Object.values(example), ...Object.values(allOperations())];
  const manifest = Object.fromEntries(documents.map((text) => [`sha256:${documentHash(text)}`, text]));
  return Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
}

export const manifestText = (manifest: Record<string, string>) => `${JSON.stringify(manifest, null, 2)}\n`;

async function main(check: boolean): Promise<number> {
  const text = manifestText(await trustedDocuments());
  if (check) {
    const committed = await readFile(TRUSTED_DOCUMENTS_FILE, 'utf8').catch(() => '');
    if (committed === text) return 0;
    process.stderr.write('schema/trusted-documents.json is stale: run `npm run codegen` and commit the result\n');
    return 1;
  }
  await writeFile(TRUSTED_DOCUMENTS_FILE, text);
  process.stdout.write(`wrote schema/trusted-documents.json (${Object.keys(JSON.parse(text)).length} documents)\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.includes('--check')).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
