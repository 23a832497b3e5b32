export { EuropeanHouse } from './european-house.entity';
export { europeanHousesSubgraph } from './european-houses.subgraph';
