import { join } from 'node:path';
import { z } from 'zod';
import { parseEnv, port } from '@citipart/subgraph-kit/runtime';

/** What the local commands (start, seed, migrate) read, validated once. */
export interface LocalConfig {
  databaseUrl?: string;
  dataDir: string;
  embeddedPostgresPort: number;
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
    }),
    env,
    'npm start',
  );
  return {
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.CITIPART_DATA_DIR,
    embeddedPostgresPort: parsed.EMBEDDED_PG_PORT,
  };
}
