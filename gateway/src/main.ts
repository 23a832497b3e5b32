import { log } from '@citipart/subgraph-kit/runtime';
import { readFile } from 'node:fs/promises';
import { loadGatewayConfig } from './config';
import { createGatewayServer } from './gateway.server';
import { SUBGRAPH_NAMES } from './subgraph-names';

async function main(): Promise<void> {
  try {
    const config = loadGatewayConfig(process.env, SUBGRAPH_NAMES);
    const supergraphSdl = await readFile(config.supergraphPath, 'utf8');
    const gateway = createGatewayServer({ supergraphSdl, subgraphUrls: config.subgraphUrls });
    const url = await gateway.listen(config.port);
    log('gateway', `graph at ${url}, explorer at ${url.replace(/graphql$/, '')}`);
    process.send?.({ type: 'ready', service: 'gateway', url });
    let stopping = false;
    const stop = async (reason: string) => {
      if (stopping) return;
      stopping = true;
      log('gateway', `stopping (${reason})`);
      await gateway.stop();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    if (process.send) process.on('disconnect', () => void stop('supervisor gone'));
  } catch (error) {
    log('gateway', 'failed to start', error);
    process.exit(1);
  }
}

void main();
