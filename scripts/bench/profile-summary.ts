import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Summarises the V8 CPU profiles `npm run bench -- --profile` writes: for each process, the
 * share of sampled time by package (node_modules/<name>, the project's own workspaces,
 * node: internals, garbage collection) and the functions with the most self time.
 * Usage: node -r @swc-node/register scripts/bench/profile-summary.ts [dir] [top]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = join(__dirname, '..', '..');

export function packageOf(url: string): string {
  if (!url) return '(native or idle)';
  if (url.startsWith('node:')) return 'node: internals';
  const path = url.replace(/^file:\/\//, '');
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules) return inModules[1];
  const own = relative(ROOT, path).split('/');
  return own[0] === 'subgraphs' ? `${own[0]}/${own[1]}` : (own[0] ?? path);
}

export function summarise(profile: Profile, top: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + profile.timeDeltas[index] / 1000));
  const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
  const idle = [...selfMs]
    .filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)')
    .reduce((s, [, ms]) => s + ms, 0);
  const busy = total - idle;
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const pkg = functionName === '(garbage collector)' ? '(garbage collector)' : packageOf(url);
    add(packages, pkg, ms);
    add(functions, `${functionName || '(anonymous)'} ${pkg}:${lineNumber + 1}`, ms);
  }
  // Inclusive: a sample counts once for every package on its stack (so shares add up past 100%).
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { url } = byId.get(at)!.callFrame;
      if (url) seen.add(packageOf(url));
    }
    for (const pkg of seen) add(inclusive, pkg, ms);
  }
  const share = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => `${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${key}`);
  return { busyMs: busy, packages: share(packages), inclusive: share(inclusive), functions: share(functions) };
}

if (require.main === module) {
  const dir = process.argv[2] ?? join(ROOT, 'bench-results', 'profiles');
  const top = Number(process.argv[3] ?? 15);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const result = summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile, top);
    process.stdout.write(
      `\n== ${file}: ${(result.busyMs / 1000).toFixed(1)} s busy\nby package (self):\n${result.packages.join('\n')}\nby package (inclusive):\n${result.inclusive.join('\n')}\nby function (self):\n${result.functions.join('\n')}\n`,
    );
  }
}
