import 'reflect-metadata';
import { runSubgraph } from '@citipart/subgraph-kit';
import { youthAssociationsSubgraph } from './youth-associations.subgraph';

void runSubgraph(youthAssociationsSubgraph);
