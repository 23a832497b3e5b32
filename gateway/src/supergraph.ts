import { Kind, parse } from 'graphql';

/**
 * The subgraphs a supergraph routes to, by name, in its order: the values of its
 * `join__Graph` enum. The gateway runs without the subgraphs' code, so the composed
 * supergraph (made from the one list in scripts/subgraphs.ts) is where it learns them.
 */
export function subgraphNamesOf(supergraphSdl: string): string[] {
  const names: string[] = [];
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const name = graph?.arguments?.find((argument) => argument.name.value === 'name')?.value;
      if (name?.kind === Kind.STRING) names.push(name.value);
    }
  }
  if (!names.length) throw new Error('the supergraph names no subgraph (no join__Graph enum)');
  return names;
}
