export { City } from './city.entity';
export { citiesSubgraph } from './cities.subgraph';
