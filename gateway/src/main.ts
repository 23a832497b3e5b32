import { serve } from '@citipart/subgraph-kit/runtime';
import { readFile } from 'node:fs/promises';
import { loadGatewayConfig } from './config';
import { createGatewayServer } from './gateway.server';
import { SUBGRAPH_NAMES } from './subgraph-names';

void serve('gateway', async () => {
  const config = loadGatewayConfig(process.env, SUBGRAPH_NAMES);
  const supergraphSdl = await readFile(config.supergraphPath, 'utf8');
  const gateway = await createGatewayServer({
    supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    jwtPublicKey: config.jwtPublicKey,
    gatewaySecret: config.gatewaySecret,
  });
  return { url: await gateway.listen(config.port), stop: () => gateway.stop() };
});
