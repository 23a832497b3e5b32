/**
 * The subgraphs the gateway may route to, as named in schema/supergraph.graphql. Kept here
 * rather than imported from the subgraphs: the gateway runs without their code.
 */
export const SUBGRAPH_NAMES = ['network', 'cities', 'european-houses', 'foundations', 'youth-associations'] as const;
