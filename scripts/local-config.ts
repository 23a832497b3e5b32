import { join } from 'node:path';
import { z } from 'zod';
import { gatewaySecret, parseEnv, port } from '@citipart/subgraph-kit/runtime';

/** What the local commands (start, seed, migrate, token, erase) read, validated once. */
export interface LocalConfig {
  databaseUrl?: string;
  dataDir: string;
  embeddedPostgresPort: number;
  /** Overrides the gateway secret kept in the data folder. */
  gatewaySecret?: string;
  /** The token key, as PEM, overriding the one kept in the data folder (`npm run token`). */
  jwtPrivateKey?: string;
  /** The gateway's verification key is configured (then `npm start` passes its own on). */
  jwtPublicKeyConfigured: boolean;
  /** Where `npm run erase` reaches the gateway. */
  gatewayUrl: string;
}

export function loadLocalConfig(env: NodeJS.ProcessEnv): LocalConfig {
  const parsed = parseEnv(
    z.object({
      DATABASE_URL: z.string().url().optional(),
      CITIPART_DATA_DIR: z
        .string()
        .min(1)
        .default(join(__dirname, '..', '.data')),
      // 5432 is left to a PostgreSQL the machine may already run.
      EMBEDDED_PG_PORT: port(54329),
      GATEWAY_SECRET: gatewaySecret.optional(),
      JWT_PRIVATE_KEY: z.string().includes('BEGIN PRIVATE KEY', { message: 'must be a PKCS#8 PEM key' }).optional(),
      JWT_PUBLIC_KEY: z.string().optional(),
      JWT_PUBLIC_KEY_FILE: z.string().optional(),
      GATEWAY_URL: z.string().url().default('http://localhost:4000/graphql'),
    }),
    env,
    'the local commands',
  );
  return {
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.CITIPART_DATA_DIR,
    embeddedPostgresPort: parsed.EMBEDDED_PG_PORT,
    gatewaySecret: parsed.GATEWAY_SECRET,
    jwtPrivateKey: parsed.JWT_PRIVATE_KEY,
    jwtPublicKeyConfigured: Boolean(parsed.JWT_PUBLIC_KEY || parsed.JWT_PUBLIC_KEY_FILE),
    gatewayUrl: parsed.GATEWAY_URL,
  };
}
