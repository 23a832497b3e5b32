import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { europeTopology } from './europe-topology';

/**
 * Builds the dashboard into dashboard/dist: one script and one style sheet bundled by
 * esbuild, the map's topology, and index.html naming them. Every file but index.html has
 * its content's hash in its name, so the gateway can let browsers keep them for a year.
 * Run by the root `postinstall` (so `npm ci` and `npm install` build it) and by `npm start`
 * when the folder is missing; `npm run build -w @citipart/dashboard` by hand.
 */

export const DASHBOARD_ROOT = join(__dirname, '..');
/** Where the built dashboard goes, and where the gateway's entry looks for it. */
export const DASHBOARD_DIST = join(DASHBOARD_ROOT, 'dist');
/**
 * Where the gateway serves the dashboard: the page names its files by absolute paths under
 * it, so that it works at `/dashboard` as well as at `/dashboard/`.
 */
export const DASHBOARD_BASE = '/dashboard/';

export interface DashboardBuild {
  /** Each file written, relative to the output folder, with its size and gzipped size in bytes. */
  files: { path: string; bytes: number; gzipBytes: number }[];
  ms: number;
}

const hashOf = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex').slice(0, 10);

export async function buildDashboard(outDir = DASHBOARD_DIST): Promise<DashboardBuild> {
  const started = performance.now();
  const assets = join(outDir, 'assets');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(assets, { recursive: true });

  const topology = JSON.stringify(europeTopology(require.resolve('world-atlas/countries-50m.json')));
  const mapFile = `europe-${hashOf(topology)}.json`;
  await writeFile(join(assets, mapFile), topology);

  const result = await build({
    entryPoints: [join(DASHBOARD_ROOT, 'src', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    outdir: assets,
    entryNames: 'dashboard-[hash]',
    assetNames: '[name]-[hash]',
    // The libraries' licences, in a file of their own beside the script.
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    absWorkingDir: DASHBOARD_ROOT,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((path) => relative(outDir, join(DASHBOARD_ROOT, path)));
  const script = outputs.find((path) => path.endsWith('.js'));
  const style = outputs.find((path) => path.endsWith('.css'));
  if (!script || !style) throw new Error(`esbuild wrote no script or no style sheet: ${outputs.join(', ')}`);

  const template = await readFile(join(DASHBOARD_ROOT, 'src', 'index.html'), 'utf8');
  const html = template
    .replace('%SCRIPT%', `${DASHBOARD_BASE}${script}`)
    .replace('%STYLE%', `${DASHBOARD_BASE}${style}`)
    .replace('%MAP%', `${DASHBOARD_BASE}assets/${mapFile}`);
  if (/%[A-Z]+%/.test(html)) throw new Error('index.html has a placeholder the build does not fill');
  await writeFile(join(outDir, 'index.html'), html);

  const files = await Promise.all(
    ['index.html', `assets/${mapFile}`, ...outputs].map(async (path) => {
      const content = await readFile(join(outDir, path));
      return { path, bytes: content.length, gzipBytes: gzipSync(content).length };
    }),
  );
  return { files, ms: Math.round(performance.now() - started) };
}

if (require.main === module) {
  buildDashboard()
    .then(({ files, ms }) => {
      const lines = files.map(
        ({ path, bytes, gzipBytes }) =>
          `  ${basename(path).padEnd(40)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB  ${(gzipBytes / 1024).toFixed(1).padStart(7)} KiB gzip`,
      );
      process.stdout.write(
        `dashboard built in ${ms} ms into ${relative(process.cwd(), DASHBOARD_DIST) || '.'}:\n${lines.join('\n')}\n`,
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(`dashboard build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
