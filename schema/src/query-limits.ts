import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, type GraphQLSchema } from 'graphql';
import { QueryExpansionError, queryCost } from './query-cost';
import { countTokens, measureQueryShape } from './query-shape';

/**
 * What one operation may ask of a service, checked before GraphQL validates it and before
 * the gateway plans it. Planning is what a hostile document makes expensive (a cycle of
 * entities ten hops deep, fragments that fan out, a thousand aliases: seconds to minutes
 * of CPU and gigabytes for a kilobyte), and validation grows with the document too. The
 * gateway and every subgraph run the same checks, since a subgraph can be called directly.
 */
export interface QueryLimits {
  /** Lexical tokens of the document (names, values, punctuation; not comments). */
  maxTokens: number;
  /** Levels of nested fields, through fragments; `__schema` does not count. */
  maxDepth: number;
  /** Aliases, a fragment's counted each time it is spread. */
  maxAliases: number;
  /** Directives, a fragment's counted each time it is spread. */
  maxDirectives: number;
  /** Fields of an interface or union type (`Partner`) nested in one another. */
  maxInterfaceDepth: number;
  /** Fields of an interface or union type, a fragment's counted each time it is spread. */
  maxInterfaceFields: number;
  /** The cost of the operation: the most values its answer can hold (see query-cost.ts). */
  maxCost: number;
  /** The number of items the cost counts for a list without `first`. */
  listSize: number;
  /** Selections the operation may expand to, fragments spread where they are used. */
  maxExpandedSelections: number;
}

/**
 * What a client may send to the gateway (and to a subgraph called directly): well above what
 * the graph's real clients send, so that a partner site never meets them. The real
 * operations (the README's, the tests' and `npm run bench`) measure at most 184 tokens (an
 * introspection query with every option; the largest data query has 71), 6 levels, 1 alias,
 * no directive, 3 interface fields, 2 of them nested, 230 selections once fragments are
 * spread (introspection again) and a cost of 160,151 (every partner's activities with their
 * sources and meetings, in default pages). Each limit leaves a margin of two or more, with
 * one exception: interface fields nest 2 deep in real queries, and a third level is where
 * the gateway's planning explodes (see query-shape.ts).
 *
 * The limits that bound the planner (tokens, interface fields) were also measured on the
 * worst documents within them: planning stays under about 100 ms, where the same kinds of
 * document just over them take seconds. GraphQL's own validation grows with the square of
 * some documents (one field repeated: 1,000 tokens of it take some 90 ms to validate), which
 * the token limit keeps to a quarter of that.
 */
export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = Object.freeze({
  maxTokens: 500,
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 20,
  maxInterfaceDepth: 2,
  maxInterfaceFields: 6,
  maxCost: 400_000,
  listSize: 50,
  maxExpandedSelections: 1_000,
});

/**
 * A subgraph's defaults. The gateway splits each operation into calls to the subgraphs,
 * which are never deeper nor costlier than the operation, but can be longer and hold more
 * interface fields: an interface field gains the key fields of every implementing type
 * (`{ partners { nodes { name } } }` becomes some 40 tokens for the network subgraph), a
 * directive goes along into each branch that needs it, and `_entities` is a union. A
 * subgraph plans nothing, so it allows twice those, and the same depth and cost.
 */
export const SUBGRAPH_QUERY_LIMITS: Readonly<QueryLimits> = Object.freeze({
  ...DEFAULT_QUERY_LIMITS,
  maxTokens: 2 * DEFAULT_QUERY_LIMITS.maxTokens,
  maxAliases: 2 * DEFAULT_QUERY_LIMITS.maxAliases,
  maxDirectives: 2 * DEFAULT_QUERY_LIMITS.maxDirectives,
  maxInterfaceDepth: 2 * DEFAULT_QUERY_LIMITS.maxInterfaceDepth,
  maxInterfaceFields: 2 * DEFAULT_QUERY_LIMITS.maxInterfaceFields,
  maxExpandedSelections: 2 * DEFAULT_QUERY_LIMITS.maxExpandedSelections,
});

/** The `extensions.code` of each refusal, naming the limit. */
export const QueryLimitCode = {
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  INTERFACES_TOO_DEEP: 'INTERFACES_TOO_DEEP',
  TOO_MANY_INTERFACE_FIELDS: 'TOO_MANY_INTERFACE_FIELDS',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
} as const;
export type QueryLimitCode = (typeof QueryLimitCode)[keyof typeof QueryLimitCode];

/** A refusal: HTTP 400, with the code of the limit and a message a client developer can act on. */
export class QueryLimitError extends GraphQLError {
  constructor(code: QueryLimitCode, message: string) {
    super(message, { extensions: { code, http: { status: 400 } } });
  }
}

/** `defaults` with `overrides` applied; throws at start on a value that is not a positive integer. */
export function resolveQueryLimits(
  overrides: Partial<QueryLimits> = {},
  defaults: Readonly<QueryLimits> = DEFAULT_QUERY_LIMITS,
): QueryLimits {
  const limits = { ...defaults };
  const problems: string[] = [];
  for (const [name, value] of Object.entries(overrides) as [keyof QueryLimits, unknown][]) {
    if (!(name in DEFAULT_QUERY_LIMITS)) problems.push(`${name} is not a query limit`);
    else if (value === undefined) continue;
    else if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      problems.push(`${name} must be a positive integer; got ${String(value)}`);
    } else limits[name] = value;
  }
  if (problems.length) throw new Error(`Invalid query limits: ${problems.join('; ')}`);
  return limits;
}

/** The message without graphql-js's "Did you mean …?" hints, which reveal the schema's names. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '');
}

function checkTokens(source: string, limits: QueryLimits): void {
  if (countTokens(source, limits.maxTokens) > limits.maxTokens) {
    throw new QueryLimitError(
      QueryLimitCode.TOO_MANY_TOKENS,
      `The document has more than ${limits.maxTokens} tokens (names, values and punctuation); send a shorter one.`,
    );
  }
}

function checkShape(schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits): void {
  const shape = measureQueryShape(schema, document);
  const fragments = "a fragment's count each time it is spread";
  const refusals: [number, number, QueryLimitCode, string][] = [
    [shape.depth, limits.maxDepth, 'QUERY_TOO_DEEP', `The query nests fields ${shape.depth} levels deep`],
    [shape.aliases, limits.maxAliases, 'TOO_MANY_ALIASES', `The query uses ${shape.aliases} aliases (${fragments})`],
    [
      shape.directives,
      limits.maxDirectives,
      'TOO_MANY_DIRECTIVES',
      `The query uses ${shape.directives} directives (${fragments})`,
    ],
    [
      shape.interfaceDepth,
      limits.maxInterfaceDepth,
      'INTERFACES_TOO_DEEP',
      `The query nests fields of an interface or union type (such as Partner) ${shape.interfaceDepth} deep; ` +
        'the gateway plans each of them for every type it may be',
    ],
    [
      shape.interfaceFields,
      limits.maxInterfaceFields,
      'TOO_MANY_INTERFACE_FIELDS',
      `The query selects ${shape.interfaceFields} fields of an interface or union type (such as Partner; ${fragments}); ` +
        'the gateway plans each of them for every type it may be',
    ],
  ];
  for (const [found, limit, code, message] of refusals) {
    if (found > limit) throw new QueryLimitError(code, `${message}; at most ${limit} are allowed.`);
  }
}

/** What `queryCost` gave: the cost, too many selections once expanded, or unknown (wrong variables). */
type CostOutcome = number | 'expansion' | 'unknown';

function measureCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  request: { variables?: Record<string, unknown>; operationName?: string | null },
  limits: QueryLimits,
): CostOutcome {
  try {
    return queryCost(schema, document, {
      variables: request.variables,
      operationName: request.operationName,
      listSize: limits.listSize,
      maxNodes: limits.maxExpandedSelections,
    });
  } catch (error) {
    return error instanceof QueryExpansionError ? 'expansion' : 'unknown';
  }
}

/** The most operations whose cost a plugin remembers, and the longest text of one it does. */
export const COST_CACHE_SIZE = 1_000;
const COST_CACHE_MAX_KEY_LENGTH = 32 * 1024;

/**
 * The costs of the operations seen last, by document text, operation name and variables (a
 * cost depends on nothing else, for one schema): clients, and the gateway's calls to a
 * subgraph, send the same few operations again and again, and working a cost out walks the
 * whole document with graphql-query-complexity. At most `size` entries, the least recently
 * used going first; an operation with a longer text and variables than
 * COST_CACHE_MAX_KEY_LENGTH (a long `_entities` call, which hardly repeats) is not kept.
 */
export class CostCache {
  private readonly bySchema = new WeakMap<GraphQLSchema, Map<string, CostOutcome>>();

  constructor(readonly size = COST_CACHE_SIZE) {}

  cost(schema: GraphQLSchema, document: DocumentNode, request: CostRequest, limits: QueryLimits): CostOutcome {
    const key = request.query === undefined ? undefined : cacheKey(request.query, request);
    if (key === undefined) return measureCost(schema, document, request, limits);
    let entries = this.bySchema.get(schema);
    if (!entries) this.bySchema.set(schema, (entries = new Map()));
    const known = entries.get(key);
    if (known !== undefined) {
      // Most recently used last: a Map iterates in insertion order.
      entries.delete(key);
      entries.set(key, known);
      return known;
    }
    const outcome = measureCost(schema, document, request, limits);
    entries.set(key, outcome);
    if (entries.size > this.size) entries.delete(entries.keys().next().value!);
    return outcome;
  }
}

/** What a cost depends on besides the schema: the operation's text (or Apollo's hash of it), name and variables. */
interface CostRequest {
  query?: string;
  /** Apollo's sha256 of `query`, when the server has it: the text need not be hashed again. */
  queryHash?: string;
  variables?: Record<string, unknown>;
  operationName?: string | null;
}

function cacheKey(query: string, request: CostRequest): string | undefined {
  if (query.length > COST_CACHE_MAX_KEY_LENGTH) return undefined;
  let variables: string;
  try {
    variables = JSON.stringify(request.variables ?? null) ?? '';
  } catch {
    return undefined;
  }
  if (query.length + variables.length > COST_CACHE_MAX_KEY_LENGTH) return undefined;
  // A digest, not the text: 1,000 entries take some 100 KiB however long the operations.
  return createHash('sha256')
    .update(`${request.operationName ?? ''}\u0000${variables}\u0000${request.queryHash ?? query}`)
    .digest('base64');
}

/**
 * Refuses an operation that costs more than the limit. Returns false when the cost could not
 * be worked out because the variables or arguments are wrong: GraphQL refuses those itself,
 * before anything is planned or run.
 */
function checkCost(
  costs: CostCache,
  schema: GraphQLSchema,
  document: DocumentNode,
  request: CostRequest,
  limits: QueryLimits,
): boolean {
  const cost = costs.cost(schema, document, request, limits);
  if (cost === 'expansion') {
    throw new QueryLimitError(
      QueryLimitCode.QUERY_TOO_COSTLY,
      `The query expands to more than ${limits.maxExpandedSelections} selections once its fragments are ` +
        'spread where they are used; spread fewer fragments.',
    );
  }
  if (cost === 'unknown') return false;
  if (cost > limits.maxCost) {
    throw new QueryLimitError(
      QueryLimitCode.QUERY_TOO_COSTLY,
      `The query could return up to ${cost} values; at most ${limits.maxCost} are allowed. ` +
        'Ask for smaller pages (first) or fewer nested lists.',
    );
  }
  return true;
}

/**
 * The limits as one Apollo Server plugin, for the gateway and the subgraphs alike
 * (`defaults`: DEFAULT_QUERY_LIMITS or SUBGRAPH_QUERY_LIMITS):
 *
 * 1. tokens, as the document is about to be parsed: a huge document is refused after
 *    `maxTokens` + 1 tokens, never parsed;
 * 2. depth, aliases, directives, interface fields and cost, once it is parsed and before
 *    GraphQL validates it (and so before the gateway plans it);
 * 3. the cost again for a document Apollo had already validated and cached, since the
 *    variables (`first: $n`) can differ from one request to the next; the costs of the
 *    operations seen last are remembered by text, name and variables (CostCache), so that
 *    an operation repeated as it was is not worked out again;
 * 4. "Did you mean …?" taken out of every error message.
 *
 * Apollo has no way for a plugin to refuse a request before validation: an error thrown
 * from those hooks is taken for a fault of the server (HTTP 500) unless a plugin throws it
 * on from `unexpectedErrorProcessingRequest`, which is how graphql-armor's own Apollo token
 * limit works too. Apollo then answers with the error through the service's `formatError`
 * and the status the error carries (400).
 */
export function queryLimitsPlugin(
  overrides: Partial<QueryLimits> = {},
  defaults: Readonly<QueryLimits> = DEFAULT_QUERY_LIMITS,
): ApolloServerPlugin {
  const limits = resolveQueryLimits(overrides, defaults);
  const costs = new CostCache();
  return {
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof QueryLimitError) throw error;
    },
    async requestDidStart() {
      let costChecked = false;
      return {
        async parsingDidStart({ source }) {
          if (source !== undefined) checkTokens(source, limits);
        },
        async validationDidStart({ schema, document, request, source, queryHash }) {
          checkShape(schema, document, limits);
          costChecked = checkCost(costs, schema, document, { ...request, query: source, queryHash }, limits);
        },
        async didResolveOperation({ schema, document, request, source, queryHash }) {
          if (!costChecked) checkCost(costs, schema, document, { ...request, query: source, queryHash }, limits);
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = withoutSuggestions(error.message);
        },
      };
    },
  };
}
