import { GATEWAY_TUNING_VARIABLES, gatewayEnvVariables, subgraphNamesOf, subgraphUrlVariable } from '@citipart/gateway';
import { SUBGRAPH_ENV_VARIABLES, TUNING_ENV_VARIABLES } from '@citipart/subgraph-kit/runtime';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { COMPILED_CONDITION, compiledPath } from '../../scripts/build';
import { SUBGRAPHS } from '../../scripts/subgraphs';

/**
 * docker/compose.yaml, docker/Dockerfile and docker/init-roles.sql checked against the code:
 * the variables each service reads, the ports, the database roles and schemas, and the files
 * the image must hold. Docker itself is not needed.
 */

/** The repository root, the build context of the image. */
const ROOT = join(__dirname, '..', '..');
const DOCKER_DIR = join(ROOT, 'docker');

type EnvValue = string | number | boolean | null;

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  working_dir?: string;
  environment?: Record<string, EnvValue> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (string | number | { target?: number | string })[];
  volumes?: (string | { source?: string; target?: string })[];
}

// The compose file shares blocks through anchors and `<<` merge keys (a YAML 1.1 feature that
// Compose applies; the `yaml` package does only when asked).
const compose = parse(readFileSync(join(DOCKER_DIR, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services?: Record<string, ComposeService>;
};
const services = compose.services ?? {};

function service(name: string): ComposeService {
  const found = services[name];
  if (!found) throw new Error(`docker/compose.yaml has no service "${name}"`);
  return found;
}

/** The variables a service sets, as strings; `KEY` alone or `KEY: null` passes the host's through: not set. */
function environment(name: string): Record<string, string> {
  const raw = service(name).environment ?? {};
  const entries: [string, EnvValue][] = Array.isArray(raw)
    ? raw.map((item) => {
        const at = item.indexOf('=');
        return at < 0 ? [item, null] : [item.slice(0, at), item.slice(at + 1)];
      })
    : Object.entries(raw);
  return Object.fromEntries(entries.filter(([, value]) => value !== null).map(([key, value]) => [key, String(value)]));
}

function dependencies(name: string): Record<string, string> {
  const raw = service(name).depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((dependency) => [dependency, 'service_started']));
  return Object.fromEntries(
    Object.entries(raw).map(([dependency, options]) => [dependency, options?.condition ?? 'service_started']),
  );
}

function argv(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.map(String) : value.trim().split(/\s+/);
}

// --- docker/Dockerfile, read as far as these checks need ---------------------------------------

interface Instruction {
  keyword: string;
  args: string;
  /** The WORKDIR in effect for this instruction. */
  workdir: string;
}

function readDockerfile(path: string): Instruction[] {
  const instructions: Instruction[] = [];
  let workdir = '/';
  let pending = '';
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    // Comments (and parser directives) are whole lines, also inside a continued instruction.
    if (/^\s*#/.test(line)) continue;
    const continued = /\\\s*$/.test(line);
    pending += `${continued ? line.replace(/\\\s*$/, '') : line} `;
    if (continued) continue;
    const match = /^\s*(\w+)\s+(.*?)\s*$/.exec(pending);
    pending = '';
    if (!match) continue;
    const keyword = match[1].toUpperCase();
    if (keyword === 'WORKDIR') workdir = posix.resolve(workdir, match[2]);
    instructions.push({ keyword, args: match[2], workdir });
  }
  return instructions;
}

/** The words of an instruction, from its JSON (exec) form or else split on blanks. */
function words(args: string): string[] {
  if (args.startsWith('[')) return (JSON.parse(args) as unknown[]).map(String);
  return args.split(/\s+/);
}

interface Copy {
  sources: string[];
  /** Absolute path in the image. */
  dest: string;
  destIsDirectory: boolean;
}

function copiesOf(instructions: Instruction[]): Copy[] {
  return instructions
    .filter((instruction) => instruction.keyword === 'COPY' || instruction.keyword === 'ADD')
    .map((instruction) => {
      const parts = words(instruction.args).filter((word) => !word.startsWith('--'));
      const dest = parts[parts.length - 1];
      const sources = parts.slice(0, -1);
      return {
        sources,
        dest: posix.resolve(instruction.workdir, dest),
        destIsDirectory: dest.endsWith('/') || dest === '.' || sources.length > 1,
      };
    })
    .filter((copy) => !copy.sources.some((source) => /^[a-z]+:\/\//i.test(source)));
}

/**
 * Which file of the repository ends up at `imagePath`, by the given COPY instructions (the last
 * one wins, as in the image); undefined when none copies anything there. Sources with wildcards
 * match nothing here: Docker flattens them, so they rarely land where one expects.
 */
function repositoryFileAt(copies: Copy[], imagePath: string): string | undefined {
  let found: string | undefined;
  for (const copy of copies) {
    for (const source of copy.sources) {
      const relative = posix.normalize(source).replace(/\/+$/, '');
      const local = join(ROOT, relative);
      if (!existsSync(local)) continue;
      if (statSync(local).isDirectory()) {
        // A directory's contents land in the destination.
        const inside = posix.relative(copy.dest, imagePath);
        if (inside && !inside.startsWith('..') && !posix.isAbsolute(inside)) found = posix.join(relative, inside);
      } else {
        const target = copy.destIsDirectory ? posix.join(copy.dest, posix.basename(relative)) : copy.dest;
        if (target === imagePath) found = relative;
      }
    }
  }
  return found;
}

// --- .dockerignore ------------------------------------------------------------------------------

function globRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (pattern[i] === '*') source += '[^/]*';
    else if (pattern[i] === '?') source += '[^/]';
    else source += pattern[i].replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

const dockerignore = existsSync(join(ROOT, '.dockerignore'))
  ? readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const negated = line.startsWith('!');
        const pattern = posix.normalize(negated ? line.slice(1).trim() : line).replace(/^\/+|\/+$/g, '');
        return { negated, regexp: globRegExp(pattern) };
      })
  : [];

/** Whether .dockerignore keeps a file of the repository out of the build context (the last matching line wins). */
function ignoredByDocker(relativePath: string): boolean {
  const segments = relativePath.split('/');
  const selfAndParents = segments.map((_, index) => segments.slice(0, index + 1).join('/'));
  let ignored = false;
  for (const { negated, regexp } of dockerignore) {
    if (selfAndParents.some((path) => regexp.test(path))) ignored = !negated;
  }
  return ignored;
}

const dockerfile = readDockerfile(join(DOCKER_DIR, 'Dockerfile'));
const copies = copiesOf(dockerfile);
const workdir = dockerfile.length ? dockerfile[dockerfile.length - 1].workdir : '/';
const npmCi = dockerfile.findIndex(
  (instruction) => instruction.keyword === 'RUN' && /\bnpm ci\b/.test(instruction.args),
);
/** The `RUN npm run build` that compiles the services (after every COPY, checked below). */
const buildRun = dockerfile.findIndex(
  (instruction) => instruction.keyword === 'RUN' && /\bnpm run build\s*$/.test(instruction.args),
);
const dockerfileCmd = argv(
  dockerfile.filter((instruction) => instruction.keyword === 'CMD').map((instruction) => words(instruction.args))[0],
);

/** The repository file the image holds at `imagePath`, asserting that it exists and reaches the build context. */
function expectInImage(imagePath: string, copied: Copy[] = copies): string {
  const file = repositoryFileAt(copied, imagePath);
  if (file === undefined) throw new Error(`docker/Dockerfile copies nothing to ${imagePath}`);
  expect(existsSync(join(ROOT, file))).toBe(true);
  expect(ignoredByDocker(file)).toBe(false);
  return file;
}

// --- docker/init-roles.sql ------------------------------------------------------------------------

const initSql = readFileSync(join(DOCKER_DIR, 'init-roles.sql'), 'utf8').replace(/--.*$/gm, '');
/** The (role, schema, password) rows the script makes a login role and its schema from. */
const initRoles = [
  ...initSql.matchAll(/\(\s*'([a-z_][a-z0-9_]*)'\s*,\s*'([a-z_][a-z0-9_]*)'\s*,\s*'([^']*)'\s*\)/g),
].map(([, role, schema, password]) => ({ role, schema, password }));
const initDatabase = /^\s*\\set\s+citipart_database\s+(\w+)\s*$/m.exec(initSql)?.[1];

// ------------------------------------------------------------------------------------------------

const SUBGRAPH_SERVICES = SUBGRAPHS.map((subgraph) => subgraph.name);
/** What the gateway routes to: the subgraphs the committed supergraph names. */
const SUBGRAPH_NAMES = subgraphNamesOf(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'));
const GRAPHQL_SERVICES = [...SUBGRAPH_SERVICES, 'gateway'];

describe('docker/compose.yaml', () => {
  test('has a service for each subgraph, the gateway and PostgreSQL', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining([...GRAPHQL_SERVICES, 'postgres']));
  });

  describe.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph] as const))('subgraph %s', (name, subgraph) => {
    test('sets the variables a subgraph reads, and no others', () => {
      const env = environment(name);
      // LOG_SQL is an optional debugging flag with a safe default, and the query limits and body
      // size keep the code's defaults when unset; everything else decides where the subgraph
      // listens, which data it owns and what it does at start, so it is spelled out.
      const required = SUBGRAPH_ENV_VARIABLES.filter(
        (variable) => variable !== 'LOG_SQL' && !TUNING_ENV_VARIABLES.includes(variable),
      );
      expect(Object.keys(env)).toEqual(expect.arrayContaining(required));
      expect(SUBGRAPH_ENV_VARIABLES).toEqual(expect.arrayContaining(Object.keys(env)));
    });

    test('listens on its default port, owns its default schema, migrates and seeds on start', () => {
      const env = environment(name);
      expect(env.PORT).toBe(String(subgraph.defaultPort));
      expect(env.DATABASE_SCHEMA).toBe(subgraph.defaultSchema);
      expect(env.MIGRATE_ON_START).toBe('true');
      expect(env.SEED_ON_START).toBe('true');
    });

    test('logs in with a role of its own, which init-roles.sql makes with this schema', () => {
      const url = new URL(environment(name).DATABASE_URL);
      expect(url.protocol).toMatch(/^postgres(ql)?:$/);
      expect(services).toHaveProperty([url.hostname]);
      expect(url.pathname).toBe(`/${initDatabase}`);
      const role = initRoles.find((row) => row.role === decodeURIComponent(url.username));
      expect(role).toEqual({
        role: decodeURIComponent(url.username),
        schema: subgraph.defaultSchema,
        password: decodeURIComponent(url.password),
      });
    });

    test('starts once PostgreSQL is healthy', () => {
      const url = new URL(environment(name).DATABASE_URL);
      expect(dependencies(name)).toMatchObject({ [url.hostname]: 'service_healthy' });
    });
  });

  test('no two subgraphs share a database role or a schema', () => {
    const urls = SUBGRAPH_SERVICES.map((name) => new URL(environment(name).DATABASE_URL));
    expect(new Set(urls.map((url) => url.username)).size).toBe(SUBGRAPH_SERVICES.length);
    const schemas = SUBGRAPH_SERVICES.map((name) => environment(name).DATABASE_SCHEMA);
    expect(new Set(schemas).size).toBe(SUBGRAPH_SERVICES.length);
  });

  test('PostgreSQL runs init-roles.sql on its first start', () => {
    const mounts = (service('postgres').volumes ?? []).map((volume) =>
      typeof volume === 'string'
        ? { source: volume.split(':')[0], target: volume.split(':')[1] }
        : { source: volume.source, target: volume.target },
    );
    expect(mounts).toContainEqual({
      source: expect.stringMatching(/^\.{1,2}\//),
      target: expect.stringMatching(/^\/docker-entrypoint-initdb\.d\//),
    });
    const script = mounts.find((mount) => mount.target?.startsWith('/docker-entrypoint-initdb.d/'));
    expect(resolve(DOCKER_DIR, script?.source ?? '')).toBe(join(DOCKER_DIR, 'init-roles.sql'));
  });

  describe('gateway', () => {
    test('routes to the same subgraphs as scripts/subgraphs.ts', () => {
      expect([...SUBGRAPH_NAMES].sort()).toEqual([...SUBGRAPH_SERVICES].sort());
    });

    test('sets the variables the gateway reads, and no others', () => {
      // The verification key comes inline (JWT_PUBLIC_KEY) or as a file (JWT_PUBLIC_KEY_FILE): one of them.
      const variables = Object.keys(environment('gateway'));
      const keyVariables = variables.filter((variable) => variable.startsWith('JWT_PUBLIC_KEY'));
      expect(keyVariables).toHaveLength(1);
      // The tuning variables (query limits, body size, subgraph timeout) keep the code's defaults when unset.
      const optional = ['JWT_PUBLIC_KEY', 'JWT_PUBLIC_KEY_FILE', ...GATEWAY_TUNING_VARIABLES];
      expect([...variables, ...optional.filter((v) => !variables.includes(v))].sort()).toEqual(
        gatewayEnvVariables(SUBGRAPH_NAMES).sort(),
      );
    });

    test('shares its GATEWAY_SECRET with every subgraph, at least 32 characters long', () => {
      const secret = environment('gateway').GATEWAY_SECRET;
      expect(String(secret).length).toBeGreaterThanOrEqual(32);
      for (const name of SUBGRAPH_NAMES) expect(environment(name).GATEWAY_SECRET).toBe(secret);
    });

    test("reaches each subgraph at its service's port", () => {
      const env = environment('gateway');
      for (const name of SUBGRAPH_NAMES) {
        expect(env[subgraphUrlVariable(name)]).toBe(`http://${name}:${environment(name).PORT}/graphql`);
        expect(dependencies('gateway')).toMatchObject({ [name]: 'service_healthy' });
      }
    });

    test('publishes its port', () => {
      const port = environment('gateway').PORT;
      const targets = (service('gateway').ports ?? []).map((mapping) =>
        typeof mapping === 'object' ? String(mapping.target) : String(mapping).split('/')[0].split(':').pop(),
      );
      expect(targets).toContain(port);
    });

    test('serves schema/supergraph.graphql, as copied into the image', () => {
      const supergraphPath = environment('gateway').SUPERGRAPH_PATH;
      const inImage = posix.resolve(service('gateway').working_dir ?? workdir, supergraphPath);
      expect(expectInImage(inImage)).toBe('schema/supergraph.graphql');
    });
  });

  test.each(GRAPHQL_SERVICES)('%s is built from docker/Dockerfile, with the repository as context', (name) => {
    const build = service(name).build;
    const options = typeof build === 'string' ? { context: build } : (build ?? {});
    expect(resolve(DOCKER_DIR, options.context ?? '.')).toBe(resolve(ROOT));
    expect(resolve(ROOT, options.dockerfile ?? 'Dockerfile')).toBe(join(DOCKER_DIR, 'Dockerfile'));
  });

  test.each(GRAPHQL_SERVICES)('%s runs its compiled entry, built in the image from a source it holds', (name) => {
    expect(service(name).entrypoint).toBeUndefined();
    const command = argv(service(name).command) ?? dockerfileCmd ?? [];
    // Compiled JavaScript (scripts/build.ts), its package names resolved to dist/ by the condition.
    expect(command.slice(0, 2)).toEqual(['node', `--conditions=${COMPILED_CONDITION}`]);
    const entry = posix.resolve(service(name).working_dir ?? workdir, command[command.length - 1]);
    const source = name === 'gateway' ? 'gateway/src/main.ts' : `subgraphs/${name}/src/main.ts`;
    expect(entry).toBe(posix.join(workdir, compiledPath(source)));
    expect(expectInImage(posix.join(workdir, source))).toBe(source);
    const lastCopy = dockerfile.findLastIndex((instruction) => instruction.keyword === 'COPY');
    expect(buildRun).toBeGreaterThan(lastCopy);
  });

  test.each([...GRAPHQL_SERVICES, 'postgres'])('%s has a health check', (name) => {
    const healthcheck = service(name).healthcheck;
    const check = argv(healthcheck?.test) ?? [];
    expect(healthcheck?.disable).not.toBe(true);
    expect(check[0]).toMatch(/^(CMD|CMD-SHELL)$/);
    expect(check.length).toBeGreaterThan(1);
    const text = check.join(' ');
    if (name === 'postgres') expect(text).toMatch(/\bpg_isready\b/);
    else {
      // It asks the service's own readiness, on its port (read from PORT, or written out).
      expect(text).toContain('/ready');
      expect(text.includes('process.env.PORT') || text.includes(`:${environment(name).PORT}/`)).toBe(true);
    }
  });
});

describe('docker/Dockerfile', () => {
  test('is a single stage (the checks here read it so)', () => {
    expect(dockerfile.filter((instruction) => instruction.keyword === 'FROM')).toHaveLength(1);
  });

  test('copies the manifests of the root and of every workspace before npm ci', () => {
    expect(npmCi).toBeGreaterThan(0);
    const beforeInstall = copiesOf(dockerfile.slice(0, npmCi));
    const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
    expect(rootManifest.workspaces.length).toBeGreaterThan(0);
    for (const file of ['package.json', 'package-lock.json']) {
      expect(expectInImage(posix.join(workdir, file), beforeInstall)).toBe(file);
    }
    // "subgraphs/*" stands for every folder there with a package.json, as npm reads it.
    const workspaces = rootManifest.workspaces.flatMap((workspace) => {
      if (!workspace.endsWith('/*')) return [workspace];
      const parent = workspace.slice(0, -2);
      return readdirSync(join(ROOT, parent))
        .filter((folder) => existsSync(join(ROOT, parent, folder, 'package.json')))
        .map((folder) => posix.join(parent, folder));
    });
    expect(workspaces).toEqual(expect.arrayContaining(SUBGRAPHS.map((subgraph) => `subgraphs/${subgraph.name}`)));
    for (const workspace of workspaces) {
      const manifest = posix.join(workspace, 'package.json');
      expect(expectInImage(posix.join(workdir, manifest), beforeInstall)).toBe(manifest);
    }
  });

  test('installs the devDependencies (NODE_ENV=production only afterwards)', () => {
    const production = dockerfile.findIndex(
      (instruction) => instruction.keyword === 'ENV' && /\bNODE_ENV[= ]"?production\b/.test(instruction.args),
    );
    expect(production).toBeGreaterThan(npmCi);
    expect(dockerfile[npmCi].args).not.toMatch(/--omit[= ]dev|--production\b/);
  });

  test('builds the services with the build script and its options, which reach the build context', () => {
    expect(buildRun).toBeGreaterThan(npmCi);
    for (const file of ['scripts/build.ts', 'scripts/swc-options.json', 'tsconfig.json']) {
      expect(expectInImage(posix.join(workdir, file))).toBe(file);
    }
  });

  test('runs as a user other than root', () => {
    const users = dockerfile.filter((instruction) => instruction.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1].args).not.toMatch(/^(root|0)(:|$)/);
  });
});
