import 'reflect-metadata';
import { runSubgraph } from '@citipart/subgraph-kit';
import { citiesSubgraph } from './cities.subgraph';

void runSubgraph(citiesSubgraph);
