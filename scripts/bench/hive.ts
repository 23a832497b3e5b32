import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/support/ports';
import { type BenchProcess, startProcess } from './processes';

/**
 * The supergraph with each subgraph's routing URL (`@join__graph(name:, url:)`) replaced by
 * where the bench runs it; fails when a subgraph is missing on either side.
 */
export function withRoutingUrls(supergraphSdl: string, urls: Record<string, string>): string {
  const seen = new Set<string>();
  const sdl = supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_, name: string) => {
    if (!urls[name]) throw new Error(`the bench runs no subgraph "${name}" that the supergraph routes to`);
    seen.add(name);
    return `@join__graph(name: ${JSON.stringify(name)}, url: ${JSON.stringify(urls[name])})`;
  });
  const missing = Object.keys(urls).filter((name) => !seen.has(name));
  if (missing.length) throw new Error(`the supergraph routes to no subgraph named ${missing.join(', ')}`);
  return sdl;
}

/**
 * Starts Hive Gateway (./hive-process.ts) on a free port over schema/supergraph.graphql, its
 * routing URLs rewritten to `urls` in a temporary directory that `stop` removes.
 */
export async function startHiveGateway(
  root: string,
  urls: Record<string, string>,
  options: { profileDir?: string; nodeOptions?: string },
): Promise<BenchProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'citipart-bench-hive-'));
  try {
    const supergraph = join(dir, 'supergraph.graphql');
    writeFileSync(supergraph, withRoutingUrls(readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8'), urls));
    const hive = await startProcess(
      'hive',
      join(root, 'bench-results', 'compiled', 'hive-process.js'),
      { HIVE_SUPERGRAPH: supergraph, HIVE_DIR: dir, HIVE_PORT: String(await freePort()) },
      options,
    );
    return {
      ...hive,
      stop: async () => {
        await hive.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
