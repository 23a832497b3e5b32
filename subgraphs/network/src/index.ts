export { networkSubgraph } from './network.subgraph';
export { Partner } from './partner.entity';
export { Meeting } from './meeting.entity';
