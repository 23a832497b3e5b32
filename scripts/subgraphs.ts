import 'reflect-metadata';
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
