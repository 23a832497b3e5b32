import 'reflect-metadata';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { citiesSubgraph } from '@citipart/cities';
import { europeanHousesSubgraph } from '@citipart/european-houses';
import { foundationsSubgraph } from '@citipart/foundations';
import { networkSubgraph } from '@citipart/network';
import type { SubgraphDefinition } from '@citipart/subgraph-kit';
import { youthAssociationsSubgraph } from '@citipart/youth-associations';

/**
 * Every subgraph of the graph, network first (the others' data refers to its ids): the one
 * list. The supergraph is composed from it (and the gateway learns the subgraphs from the
 * supergraph), `npm start` runs one process per entry, the tests start each, and the compose
 * file, the Dockerfile and the database roles are checked against it
 * (test/docker/compose.test.ts). A new subgraph is a folder under subgraphs/ and a line here.
 */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  networkSubgraph,
  citiesSubgraph,
  europeanHousesSubgraph,
  foundationsSubgraph,
  youthAssociationsSubgraph,
];

/** Where each subgraph listens by default; the supergraph's routing URLs point here. */
export function defaultSubgraphUrl(subgraph: SubgraphDefinition): string {
  return `http://localhost:${subgraph.defaultPort}/graphql`;
}

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
