import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'graphql';
import { SUBGRAPHS, defaultSubgraphUrl } from './subgraphs';

/**
 * Builds every subgraph's SDL from the code (no database, no server), composes the
 * supergraph, and writes both into schema/. With --check it writes nothing and fails when
 * the committed files differ from what the code gives (CI runs it that way).
 */
const SCHEMA_DIR = join(__dirname, '..', 'schema');

async function main(check: boolean): Promise<number> {
  const subgraphs = [];
  for (const subgraph of SUBGRAPHS) {
    const sdl = printSubgraphSchema(await subgraph.buildSchema());
    subgraphs.push({ name: subgraph.name, url: defaultSubgraphUrl(subgraph), sdl });
  }
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    for (const error of result.errors) process.stderr.write(`composition error: ${error.message}\n`);
    return 1;
  }
  const files = [
    ...subgraphs.map(({ name, sdl }) => ({ file: `${name}.graphql`, text: `${sdl.trim()}\n` })),
    { file: 'supergraph.graphql', text: `${result.supergraphSdl.trim()}\n` },
  ];
  let stale = 0;
  for (const { file, text } of files) {
    const path = join(SCHEMA_DIR, file);
    if (check) {
      const committed = await readFile(path, 'utf8').catch(() => '');
      if (committed !== text) {
        stale += 1;
        process.stderr.write(`schema/${file} is stale: run \`npm run compose\` and commit the result\n`);
      }
    } else {
      await writeFile(path, text);
    }
  }
  for (const hint of result.hints ?? []) process.stderr.write(`hint: ${hint.toString()}\n`);
  process.stdout.write(
    check
      ? `schema/: ${files.length - stale} of ${files.length} files up to date\n`
      : `wrote ${files.length} files to schema/\n`,
  );
  return stale ? 1 : 0;
}

main(process.argv.includes('--check')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `compose failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
