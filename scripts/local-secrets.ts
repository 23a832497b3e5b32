import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What `npm start` and `npm run token` share on one machine, kept in the data folder. */
export interface LocalSecrets {
  /** PKCS#8 PEM of the Ed25519 key tokens are signed with (`npm run token`). */
  jwtPrivateKey: string;
  /** SPKI PEM of its public half, which the gateway verifies tokens with. */
  jwtPublicKey: string;
  /** Signs the identity the gateway passes on to the subgraphs. */
  gatewaySecret: string;
}

/** Reads a secret file, or creates it once (exclusively: two racing starts keep one value). */
async function readOrCreate(path: string, make: () => string): Promise<string> {
  try {
    await writeFile(path, make(), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFile(path, 'utf8');
}

/**
 * The local key pair and gateway secret: made on first use, then kept, so that tokens issued
 * by `npm run token` stay valid across restarts of `npm start`.
 */
export async function loadLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const dir = join(dataDir, 'secrets');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const jwtPrivateKey = await readOrCreate(join(dir, 'jwt-private.pem'), () =>
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  // The public half is always derived from the stored private key.
  const jwtPublicKey = await readOrCreate(join(dir, 'jwt-public.pem'), () =>
    createPublicKey(jwtPrivateKey).export({ type: 'spki', format: 'pem' }).toString(),
  );
  const gatewaySecret = (
    await readOrCreate(join(dir, 'gateway-secret'), () => randomBytes(32).toString('base64url'))
  ).trim();
  return { jwtPrivateKey, jwtPublicKey, gatewaySecret };
}
