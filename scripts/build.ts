import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { type Options, transformFile } from '@swc/core';
import SWC_OPTIONS from './swc-options.json';

/**
 * `npm run build`: compiles the services (schema, the subgraphs and their kit, the gateway)
 * to JavaScript, each workspace's `src/` into its `dist/`, so that `npm start`, the Docker
 * image and `npm run bench` run plain JavaScript. A TypeScript loader in a service costs
 * memory for every file it compiled and its source maps, and CPU whenever a stack is read
 * (it maps every frame). Tests keep compiling on the fly (jest.config.js, the same options).
 *
 * Each package's manifest sends the `citipart-dist` condition to `dist/` and everything else
 * to `src/`: a service runs compiled with `node --conditions=citipart-dist <workspace>/dist/main.js`.
 */
export const COMPILED_CONDITION = 'citipart-dist';

/** Node's options for a compiled service. */
export const COMPILED_EXEC_ARGV: readonly string[] = [`--conditions=${COMPILED_CONDITION}`];

const ROOT = join(__dirname, '..');

/** The workspaces the services are made of (every folder of `subgraphs/` with a `src/`). */
async function serviceWorkspaces(): Promise<string[]> {
  const subgraphs = await readdir(join(ROOT, 'subgraphs'), { withFileTypes: true });
  return [
    'schema',
    ...subgraphs.filter((entry) => entry.isDirectory()).map((entry) => join('subgraphs', entry.name)),
    'gateway',
  ];
}

async function sourcesOf(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Where a service's compiled entry is: `gateway/src/main.ts` → `gateway/dist/main.js`. */
export function compiledPath(source: string): string {
  return source.replace(/(^|\/)src\//, '$1dist/').replace(/\.ts$/, '.js');
}

/**
 * Compiles the service workspaces whose sources changed since their last build; resolves to
 * the number of files compiled and the time taken. Safe to run from several processes at
 * once (tests start several `npm start`s): an unchanged workspace is left alone, and each
 * file is replaced by a rename, so a service starting meanwhile reads whole files.
 */
export async function buildServices(): Promise<{ files: number; ms: number }> {
  const started = Date.now();
  let files = 0;
  for (const workspace of await serviceWorkspaces()) {
    const src = join(ROOT, workspace, 'src');
    const dist = join(ROOT, workspace, 'dist');
    const sources = (await sourcesOf(src).catch(() => [])).sort();
    if (!sources.length) continue;
    const stamp = createHash('sha256').update(JSON.stringify(SWC_OPTIONS));
    for (const source of sources) stamp.update(`${relative(src, source)}\0`).update(await readFile(source));
    const fingerprint = stamp.digest('hex');
    const stampFile = join(dist, '.build-stamp');
    if ((await readFile(stampFile, 'utf8').catch(() => '')) === fingerprint) continue;
    const written = new Set<string>([stampFile]);
    await Promise.all(
      sources.map(async (source) => {
        const target = join(dist, relative(src, source)).replace(/\.ts$/, '.js');
        for (const file of await compileFile(source, target)) written.add(file);
      }),
    );
    // Files of sources that are gone.
    const existing = await readdir(dist, { recursive: true, withFileTypes: true });
    for (const entry of existing) {
      const path = join(entry.parentPath, entry.name);
      // Not another build's file on its way in (./build.ts writes a .tmp, then renames it).
      if (entry.isFile() && !written.has(path) && !entry.name.endsWith('.tmp')) await rm(path, { force: true });
    }
    await replace(stampFile, fingerprint);
    files += sources.length;
  }
  return { files, ms: Date.now() - started };
}

/**
 * Compiles one file to `target` (its source map beside it, and the JSON files it imports);
 * resolves to the files written. Also for a standalone script (the bench's baseline servers).
 */
export async function compileFile(source: string, target: string): Promise<string[]> {
  const output = await transformFile(source, {
    ...(SWC_OPTIONS as Options),
    swcrc: false,
    configFile: false,
    filename: source,
    sourceMaps: true,
    outputPath: target,
  });
  await replace(target, `${output.code}\n//# sourceMappingURL=${basename(target)}.map\n`);
  const written = [target];
  if (output.map) {
    await replace(`${target}.map`, output.map);
    written.push(`${target}.map`);
  }
  // JSON read with `import` (resolveJsonModule) travels with the code that reads it.
  for (const json of output.code.matchAll(/require\("(\.{1,2}\/[^"]+\.json)"\)/g)) {
    const to = join(dirname(target), json[1]);
    await replace(to, await readFile(join(dirname(source), json[1])));
    written.push(to);
  }
  return written;
}

/** Writes a file whole: to a temporary name, then renamed over the old one. */
async function replace(path: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

if (require.main === module) {
  buildServices().then(
    ({ files, ms }) => process.stdout.write(`compiled ${files} files in ${ms} ms\n`),
    (error: unknown) => {
      process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
