export { Foundation } from './foundation.entity';
export { foundationsSubgraph } from './foundations.subgraph';
