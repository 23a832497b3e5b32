import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { SubgraphDefinition } from '@citipart/subgraph-kit';
import { parse } from 'graphql';
import { defaultSubgraphUrl } from './subgraphs';

// Composition, apart from the list in ./subgraphs.ts: `npm start` and the services need the
// list, not the composition library.

export interface ComposedSupergraph {
  /** Each subgraph's SDL, as printed from its code. */
  subgraphs: { name: string; url: string; sdl: string }[];
  /** Absent when composition failed. */
  supergraphSdl?: string;
  errors: string[];
  hints: string[];
}

/** Builds each subgraph's SDL from its code (no database, no server) and composes them. */
export async function composeSupergraph(definitions: readonly SubgraphDefinition[]): Promise<ComposedSupergraph> {
  const subgraphs = [];
  for (const definition of definitions) {
    const sdl = printSubgraphSchema(await definition.buildSchema());
    subgraphs.push({ name: definition.name, url: defaultSubgraphUrl(definition), sdl });
  }
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  return {
    subgraphs,
    supergraphSdl: result.errors ? undefined : result.supergraphSdl,
    errors: (result.errors ?? []).map((error) => error.message),
    hints: (result.hints ?? []).map((hint) => hint.toString()),
  };
}
