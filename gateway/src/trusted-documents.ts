import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type GraphQLHttpRequest, RequestRefusal } from '@citipart/subgraph-kit/runtime';
import { z } from 'zod';

/**
 * How the gateway treats operations outside its manifest of trusted documents:
 * - `enforce` (production): it runs only the manifest's documents, named by hash or sent in
 *   full with exactly the manifest's text; anything else is refused before it is parsed or
 *   planned.
 * - `allow-unlisted` (development): every operation runs, and a listed hash resolves to its
 *   document, so a client built for enforce mode works against a development gateway.
 */
export const TRUSTED_DOCUMENTS_MODES = ['enforce', 'allow-unlisted'] as const;
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENTS_MODES)[number];

export interface TrustedDocuments {
  /**
   * Document text by the hex sha256 of that exact text, as GraphQL Code Generator's
   * `persisted-documents.json` has it (its `sha256:` prefix is accepted and dropped).
   */
  manifest: Record<string, string>;
  mode: TrustedDocumentsMode;
}

/** The codes of the refusals, beside Apollo's PERSISTED_QUERY_NOT_FOUND. */
export const TrustedDocumentCode = {
  /** Enforce mode: a document that is not in the manifest. */
  OPERATION_NOT_TRUSTED: 'OPERATION_NOT_TRUSTED',
  /** A hash and a document that do not match. */
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
} as const;

/** The hex sha256 of a document's exact text: the key of the manifest. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `sha256:ABC…` or `abc…` → `abc…`. */
function normalizeHash(hash: string): string {
  return hash.replace(/^sha256:/i, '').toLowerCase();
}

const manifestSchema = z.record(z.string().min(1), z.string().min(1));

/**
 * Checks a manifest: every key is the sha256 of its document (a key that is not would let a
 * hash name a document it does not stand for). Returns it keyed by bare hex hashes.
 */
export function parseManifest(value: unknown, source = 'the manifest'): Record<string, string> {
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${source}: expected a JSON object of document texts by sha256 hash`);
  const manifest: Record<string, string> = {};
  for (const [key, text] of Object.entries(parsed.data)) {
    const hash = normalizeHash(key);
    if (hash !== documentHash(text)) throw new Error(`${source}: "${key}" is not the sha256 of its document`);
    manifest[hash] = text;
  }
  return manifest;
}

/** Reads and checks a manifest file (TRUSTED_DOCUMENTS_PATH). */
export function readManifest(path: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`Invalid configuration for gateway:\n  TRUSTED_DOCUMENTS_PATH: cannot read JSON from ${path}`);
  }
  return parseManifest(value, `TRUSTED_DOCUMENTS_PATH (${path})`);
}

const refusal = (message: string, code: string) => new RequestRefusal(400, code, message);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A request's fields as sent, from a POST's body or a GET's query string. */
interface Sent {
  query: unknown;
  extensions: unknown;
  documentId: unknown;
}

function fieldsOf(request: GraphQLHttpRequest): Sent | undefined {
  if (request.method === 'POST') {
    return isRecord(request.body)
      ? { query: request.body.query, extensions: request.body.extensions, documentId: request.body.documentId }
      : undefined;
  }
  const params = new URLSearchParams(request.search);
  let extensions: unknown;
  try {
    extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined;
  } catch {
    extensions = undefined;
  }
  return { query: params.get('query') ?? undefined, extensions, documentId: params.get('documentId') ?? undefined };
}

/** The request with `query` set to the document and the hash it was named by taken out. */
function withDocument(request: GraphQLHttpRequest, sent: Sent, query: string): GraphQLHttpRequest {
  const extensions = isRecord(sent.extensions) ? { ...sent.extensions } : undefined;
  if (extensions) delete extensions.persistedQuery;
  if (request.method === 'POST') {
    const body: Record<string, unknown> = { ...(request.body as Record<string, unknown>), query };
    delete body.documentId;
    if (extensions) body.extensions = extensions;
    return { ...request, body };
  }
  const params = new URLSearchParams(request.search);
  params.set('query', query);
  params.delete('documentId');
  if (extensions) params.set('extensions', JSON.stringify(extensions));
  return { ...request, search: `?${params}` };
}

/**
 * Resolves listed hashes to their documents and, in enforce mode, refuses every other
 * document, before Apollo sees the request: nothing unlisted is parsed, validated or
 * planned. A hash is `extensions.persistedQuery.sha256Hash` (as Apollo's automatic
 * persisted queries send it) or `documentId` (the GraphQL over HTTP draft's name for it).
 */
export function trustedDocumentsGate(options: TrustedDocuments): (request: GraphQLHttpRequest) => GraphQLHttpRequest {
  const manifest = parseManifest(options.manifest);
  const enforce = options.mode === 'enforce';
  return (request) => {
    const sent = fieldsOf(request);
    // A body that is not an operation is Apollo's to refuse.
    if (!sent) return request;
    const persisted =
      isRecord(sent.extensions) && isRecord(sent.extensions.persistedQuery)
        ? sent.extensions.persistedQuery.sha256Hash
        : undefined;
    const named =
      typeof persisted === 'string' ? persisted : typeof sent.documentId === 'string' ? sent.documentId : undefined;
    if (named !== undefined) {
      const hash = normalizeHash(named);
      const listed = Object.hasOwn(manifest, hash) ? manifest[hash] : undefined;
      if (listed === undefined) {
        // In development an unlisted APQ hash is Apollo's to answer (it may have it cached).
        if (!enforce && typeof persisted === 'string') return request;
        throw refusal(
          `No trusted document has the hash "${hash.slice(0, 64)}": this gateway runs the operations of its manifest.`,
          'PERSISTED_QUERY_NOT_FOUND',
        );
      }
      if (sent.query !== undefined && sent.query !== listed) {
        throw refusal(
          'The document sent is not the one its hash names.',
          TrustedDocumentCode.PERSISTED_QUERY_HASH_MISMATCH,
        );
      }
      return withDocument(request, sent, listed);
    }
    if (enforce && (typeof sent.query !== 'string' || !Object.hasOwn(manifest, documentHash(sent.query)))) {
      throw refusal(
        'This gateway runs only its trusted documents: send the hash of a listed document ' +
          '(`extensions.persistedQuery.sha256Hash` or `documentId`), or its exact text.',
        TrustedDocumentCode.OPERATION_NOT_TRUSTED,
      );
    }
    return request;
  };
}
