import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  Kind,
  Lexer,
  type SelectionSetNode,
  Source,
  TokenKind,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  validate,
} from 'graphql';

/** Counts the document's tokens up to `stopAfter` + 1, never lexing further than that. */
export function countTokens(source: string, stopAfter: number): number {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  try {
    while (tokens <= stopAfter && lexer.advance().kind !== TokenKind.EOF) tokens += 1;
  } catch {
    // A lexical error: the parser reports it, with its place, right after.
  }
  return tokens;
}

/** What the limits measure in a parsed document, for its largest operation. */
export interface QueryShape {
  /** Levels of nested fields; `__schema` does not count. */
  depth: number;
  aliases: number;
  directives: number;
  /** Fields of an interface or union type nested in one another, at the most. */
  interfaceDepth: number;
  /** Fields of an interface or union type. */
  interfaceFields: number;
}

/**
 * Measures the document once it is parsed, before it is validated: fragments count where
 * they are spread, each fragment is worked out once (so fragments that fan out cost this no
 * more than their text), and a fragment that spreads itself, which validation refuses right
 * after, is not followed round. Fields the schema does not know are skipped: validation
 * reports them.
 */
export function measureQueryShape(schema: GraphQLSchema, document: DocumentNode): QueryShape {
  const shape: QueryShape = { depth: 0, aliases: 0, directives: 0, ...measureInterfaceFields(schema, document) };
  // Depth, aliases and directives by graphql-armor's rules. With no maximum, each rule
  // hands its figure to onAccept, and the limits are compared by the caller.
  const record = (key: 'depth' | 'aliases' | 'directives') => [
    (_context: unknown, details: { n: number }) => {
      shape[key] = Math.max(shape[key], details.n);
    },
  ];
  validate(schema, document, [
    maxDepthRule({ n: Infinity, flattenFragments: true, ignoreIntrospection: true, onAccept: record('depth') }),
    // `__typename` aliases count too: a flood of them is as cheap to send as any other.
    maxAliasesRule({ n: Infinity, allowList: [], onAccept: record('aliases') }),
    maxDirectivesRule({ n: Infinity, onAccept: record('directives') }),
  ]);
  return shape;
}

interface InterfaceFigures {
  interfaceDepth: number;
  interfaceFields: number;
}

/**
 * Fields of interface or union type (`Partner`), which no library counts. The gateway plans
 * such a field for every type it may be, each possibly in another subgraph, and nested ones
 * multiply that work. Measured on this graph: two levels plan in tens of milliseconds; three
 * copies of a 110-byte query nesting them three deep took the planner 1.4 s; a 310-byte query
 * nesting them four deep ran for more than 40 s and out of a 1.5 GB heap.
 */
function measureInterfaceFields(schema: GraphQLSchema, document: DocumentNode): InterfaceFigures {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const known = new Map<string, InterfaceFigures>();
  const entered = new Set<string>();
  const none: InterfaceFigures = { interfaceDepth: 0, interfaceFields: 0 };

  const measure = (selectionSet: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined) => {
    const figures = { ...none };
    const add = (inner: InterfaceFigures, abstract: boolean) => {
      figures.interfaceFields += inner.interfaceFields + (abstract ? 1 : 0);
      figures.interfaceDepth = Math.max(figures.interfaceDepth, inner.interfaceDepth + (abstract ? 1 : 0));
    };
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        // Introspection is answered from the schema in memory, not planned.
        if (selection.name.value.startsWith('__')) continue;
        const field = (isObjectType(parent) || isInterfaceType(parent)) && parent.getFields()[selection.name.value];
        if (!field) continue;
        const type = getNamedType(field.type);
        add(selection.selectionSet ? measure(selection.selectionSet, type) : none, isAbstractType(type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
        add(measure(selection.selectionSet, condition ?? parent), false);
      } else {
        add(spread(selection.name.value), false);
      }
    }
    return figures;
  };
  const spread = (name: string): InterfaceFigures => {
    const figures = known.get(name);
    if (figures) return figures;
    const fragment = fragments.get(name);
    if (!fragment || entered.has(name)) return none;
    entered.add(name);
    const measured = measure(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined);
    known.set(name, measured);
    return measured;
  };

  const largest = { ...none };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const figures = measure(definition.selectionSet, schema.getRootType(definition.operation) ?? undefined);
    largest.interfaceDepth = Math.max(largest.interfaceDepth, figures.interfaceDepth);
    largest.interfaceFields = Math.max(largest.interfaceFields, figures.interfaceFields);
  }
  return largest;
}
