export { YouthAssociation } from './youth-association.entity';
export { youthAssociationsSubgraph } from './youth-associations.subgraph';
