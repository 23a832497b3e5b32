import 'reflect-metadata';
import { runSubgraph } from '@citipart/subgraph-kit';
import { foundationsSubgraph } from './foundations.subgraph';

void runSubgraph(foundationsSubgraph);
