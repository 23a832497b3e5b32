import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
  getNullableType,
  isListType,
  isObjectType,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { LIST_BOUNDS } from './list-bounds';
import { LOCALES } from './locales';

/**
 * The cost of a query: an upper bound on the number of values its answer can hold, before
 * anything is planned or fetched. Every field costs 1 plus what it selects, and a list
 * multiplies what it selects by how many items it can return:
 *
 * - a field that takes `first` returns at most `first` items (its default, 50, when the
 *   client leaves it out): `partners(first: 10) { nodes { name } }` costs 1 + 10 × 2;
 * - a connection's `nodes` and `edges` are that same page, so they do not multiply again;
 * - `_entities`, which the gateway calls on a subgraph, returns one item per representation;
 * - a list the writes bound (LIST_BOUNDS in list-bounds.ts: a survey's questions, an
 *   attendance's cells) counts its bound, and a question filtered by `networkQuestion` one;
 * - `translations` counts one text per language for each field that takes a `locale`;
 * - any other list (`hostedMeetings`, `delegations`, `sources`) counts as `listSize` items;
 * - introspection (`__schema`, `__type`) counts each field once: its answer comes from the
 *   schema in memory, and graphql-js's MaxIntrospectionDepthRule (which Apollo runs) stops
 *   the nesting that could make it large.
 *
 * Nested lists multiply (`partners { nodes { activities { nodes { title } } } }` is
 * 50 × 50 titles), a fragment counts each time it is spread, and a field under `@skip(if:
 * true)` counts nothing. For an interface or a union, the costliest type counts.
 */
export function firstAwareEstimator(listSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => 1 + multiplier(type, field, args, listSize) * childComplexity;
}

type EstimatorArgs = Parameters<ComplexityEstimator>[0];

function multiplier(
  parent: EstimatorArgs['type'],
  field: EstimatorArgs['field'],
  args: EstimatorArgs['args'],
  listSize: number,
): number {
  if (parent.name.startsWith('__') || field.name.startsWith('__')) return 1;
  if (field.args.some((arg) => arg.name === 'first')) {
    // Coerced arguments: the schema's default (50) when the client gave none; an explicit
    // null gets the resolver's default page, counted as `listSize`.
    return typeof args.first === 'number' ? Math.max(0, args.first) : listSize;
  }
  if (field.name === '_entities') {
    return Array.isArray(args.representations) ? args.representations.length : listSize;
  }
  if (!isListType(getNullableType(field.type))) return 1;
  // `nodes` and `edges` of a connection: the page its field's `first` has counted.
  if (isObjectType(parent) && 'pageInfo' in parent.getFields()) return 1;
  // A survey ties each network question to one of its questions at most.
  if (field.name === 'questions' && typeof args.networkQuestion === 'string') return 1;
  const bound = boundOf(parent, field.name);
  if (bound !== undefined) return bound;
  if (field.name === 'translations' && isObjectType(parent)) {
    const texts = Object.values(parent.getFields()).filter((candidate) =>
      candidate.args.some((arg) => arg.name === 'locale'),
    );
    if (texts.length) return texts.length * LOCALES.length;
  }
  // (A list of scalars selects nothing, so it costs its one field whatever the multiplier.)
  return listSize;
}

/** The bound of `Type.field`, or of an interface's field (`Partner.translationCoverage`). */
function boundOf(parent: EstimatorArgs['type'], fieldName: string): number | undefined {
  const own = LIST_BOUNDS[`${parent.name}.${fieldName}`];
  if (own !== undefined || !isObjectType(parent)) return own;
  for (const implemented of parent.getInterfaces()) {
    const bound = LIST_BOUNDS[`${implemented.name}.${fieldName}`];
    if (bound !== undefined) return bound;
  }
  return undefined;
}

/**
 * How many selections the operation (all of them without `operationName`) expands to, a
 * fragment counted each time it is spread. Each fragment is worked out once, so a document
 * whose fragments fan out (each spreading the next twice: 2^30 selections in 1 KB) costs
 * this no more than its own length; a fragment that spreads itself counts once.
 */
export function countExpandedSelections(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const expanded = new Map<string, number>();
  const entered = new Set<string>();
  const count = (selectionSet: SelectionSetNode | undefined): number => {
    let total = 0;
    for (const selection of selectionSet?.selections ?? []) {
      total +=
        1 + (selection.kind === Kind.FRAGMENT_SPREAD ? spread(selection.name.value) : count(selection.selectionSet));
    }
    return total;
  };
  const spread = (name: string): number => {
    const known = expanded.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || entered.has(name)) return 0;
    entered.add(name);
    const total = count(fragment.selectionSet);
    expanded.set(name, total);
    return total;
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && definition.name?.value !== operationName) continue;
    total += count(definition.selectionSet);
  }
  return total;
}

export interface QueryCostOptions {
  variables?: Record<string, unknown>;
  operationName?: string | null;
  /** The size counted for a list that takes no `first`. */
  listSize: number;
  /** The most selections the operation may expand to (see `countExpandedSelections`). */
  maxNodes: number;
}

/** Thrown when the operation expands to more than `maxNodes` selections. */
export class QueryExpansionError extends Error {
  constructor(
    readonly maxNodes: number,
    readonly expanded: number,
  ) {
    super(`The query expands to more than ${maxNodes} selections.`);
  }
}

/**
 * The cost of `document` with these variables (see `firstAwareEstimator`). Throws
 * `QueryExpansionError` past `maxNodes`; any other error (an unknown variable, an argument
 * of the wrong type) is thrown as graphql-query-complexity reports it, for the caller to
 * leave to GraphQL's own validation.
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, options: QueryCostOptions): number {
  // graphql-query-complexity walks every spread of a fragment again and stops only after
  // `maxQueryNodes` of them (some 20 ms per 10,000): the expansion is counted first, cheaply.
  const expanded = countExpandedSelections(document, options.operationName);
  if (expanded > options.maxNodes) throw new QueryExpansionError(options.maxNodes, expanded);
  try {
    return getComplexity({
      schema,
      query: document,
      variables: options.variables,
      operationName: options.operationName ?? undefined,
      estimators: [firstAwareEstimator(options.listSize)],
      // It visits no more selections than counted above; its own stop is a second guard.
      maxQueryNodes: options.maxNodes + 1,
    });
  } catch (error) {
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) {
      throw new QueryExpansionError(options.maxNodes, Infinity);
    }
    throw error;
  }
}
