import { serve } from '@citipart/subgraph-kit/runtime';
import { loadGatewayConfig } from './config';
import { createGatewayServer } from './gateway.server';

void serve('gateway', async () => {
  const config = loadGatewayConfig(process.env);
  const gateway = await createGatewayServer({
    supergraphSdl: config.supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    jwtPublicKey: config.jwtPublicKey,
    gatewaySecret: config.gatewaySecret,
  });
  return { url: await gateway.listen(config.port), stop: () => gateway.stop() };
});
