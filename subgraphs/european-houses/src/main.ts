import 'reflect-metadata';
import { runSubgraph } from '@citipart/subgraph-kit';
import { europeanHousesSubgraph } from './european-houses.subgraph';

void runSubgraph(europeanHousesSubgraph);
