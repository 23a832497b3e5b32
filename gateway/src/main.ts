import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { log, serve } from '@citipart/subgraph-kit/runtime';
import { loadGatewayConfig } from './config';
import { createGatewayServer } from './gateway.server';
import { describeResponseCache, openResponseCache } from './response-cache';
import { readManifest } from './trusted-documents';

/** The dashboard as the workspace builds it (npm install's postinstall, or npm start). */
const DASHBOARD_DIST = join(__dirname, '..', '..', 'dashboard', 'dist');

void serve('gateway', async () => {
  const config = loadGatewayConfig(process.env);
  const dashboardDir = existsSync(join(DASHBOARD_DIST, 'index.html')) ? DASHBOARD_DIST : undefined;
  if (!dashboardDir) log('gateway', 'no dashboard: dashboard/dist is not built (npm run build -w @citipart/dashboard)');
  log('gateway', `response cache: ${describeResponseCache(config.responseCache)}`);
  const responseCache = await openResponseCache(config.responseCache, (message) => log('gateway', message));
  const gateway = await createGatewayServer({
    supergraphSdl: config.supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    jwtPublicKey: config.jwtPublicKey,
    gatewaySecret: config.gatewaySecret,
    limits: config.queryLimits,
    maxBodyBytes: config.maxBodyBytes,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    maxEvaluatedPlans: config.maxEvaluatedPlans,
    deduplicateSubgraphRequests: config.deduplicateSubgraphRequests,
    dashboardDir,
    trustedDocuments: config.trustedDocuments && {
      manifest: readManifest(config.trustedDocuments.path),
      mode: config.trustedDocuments.mode,
    },
    responseCache,
  });
  if (config.trustedDocuments) {
    log('gateway', `trusted documents: ${config.trustedDocuments.mode}, ${config.trustedDocuments.path}`);
  }
  return {
    url: await gateway.listen(config.port),
    stop: async () => {
      await gateway.stop();
      await responseCache?.store.close();
    },
  };
});
