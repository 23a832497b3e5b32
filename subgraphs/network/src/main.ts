import 'reflect-metadata';
import { runSubgraph } from '@citipart/subgraph-kit';
import { networkSubgraph } from './network.subgraph';

void runSubgraph(networkSubgraph);
