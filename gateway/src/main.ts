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
    limits: config.queryLimits,
    maxBodyBytes: config.maxBodyBytes,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    maxEvaluatedPlans: config.maxEvaluatedPlans,
  });
  return { url: await gateway.listen(config.port), stop: () => gateway.stop() };
});
